/**
 * Mastodon's OAuth surface, on the instance the user named (shared/providers/pinterest-…-fanvue.md
 * §5: mastodon/documentation methods/apps.md, methods/oauth.md, methods/accounts.md). Every path
 * is relative to the instance's base URL.
 */
export const MASTODON_PATHS = {
  apps: '/api/v1/apps',
  metadata: '/.well-known/oauth-authorization-server',
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  verifyCredentials: '/api/v1/accounts/verify_credentials',
} as const;

/** `verify_credentials` needs `read:accounts` (or `profile` from 4.3; older servers lack it). */
export const MASTODON_REQUIRED_SCOPES = ['read:accounts'] as const;
/** Identify, post statuses, upload media. */
export const MASTODON_DEFAULT_SCOPES = [
  ...MASTODON_REQUIRED_SCOPES,
  'write:statuses',
  'write:media',
] as const;
/**
 * What the per-instance app is registered for: authorize-time scopes must be a subset of these
 * (else `invalid_scope`), so the app takes the broad `read write` and flows ask for less.
 */
export const MASTODON_APP_SCOPES = ['read', 'write'] as const;
