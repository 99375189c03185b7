import express, { type Request, type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';

import { OAuthError } from '../../core/oauth/oauth-error';
import type { HttpReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';

export const MASTODON_SCOPES = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'read:accounts',
  'read:statuses',
  'write:statuses',
  'write:media',
] as const;

/** A Mastodon API error: `{"error": "…"}`. */
function apiError(status: number, error: string, headers: Record<string, string> = {}): HttpReply {
  return { status, headers, body: { error } };
}

/** What the instance has seen of `POST /api/v1/apps`, and a scripted redirect for it. */
interface InstanceLog {
  registrations: { clientId: string; redirectUris: string[]; scopes: string }[];
  redirectAppsTo: string | null;
}
const logs = new WeakMap<SandboxState, InstanceLog>();

function logOf(state: SandboxState): InstanceLog {
  let log = logs.get(state);
  if (!log) {
    log = { registrations: [], redirectAppsTo: null };
    logs.set(state, log);
  }
  return log;
}

function account(user: SandboxUser, origin: string): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    acct: user.username,
    display_name: user.displayName,
    avatar: user.avatarUrl,
    url: `${origin}/@${user.username}`,
    locked: false,
    bot: false,
  };
}

/**
 * One Mastodon 4.3 instance under `/mastodon` (so its base URL is `<sandbox>/mastodon`). Quirks:
 * apps are registered at run time (`POST /api/v1/apps` → `client_id`, `client_secret`) and only
 * registered clients with their exact redirect URI may authorize; RFC 8414 metadata at
 * `/.well-known/oauth-authorization-server` names PKCE `S256`; `client_secret_post` or Basic;
 * access tokens carry no `expires_in` and there is no refresh token; revocation answers 200 `{}`;
 * `verify_credentials` needs `read:accounts` (or `read`) and answers 401
 * `The access token is invalid` for a dead token.
 */
export const mastodonPlatform: PlatformDefinition = {
  type: 'MASTODON',
  displayName: 'Mastodon',
  basePath: '/mastodon',
  paths: {
    authorize: '/oauth/authorize',
    token: '/oauth/token',
    revoke: '/oauth/revoke',
    userInfo: '/api/v1/accounts/verify_credentials',
    metadata: '/.well-known/oauth-authorization-server',
  },
  authorizationCodeTtlSeconds: 600,
  // no expiry on the wire; ten years in the sandbox's books
  defaultLifetimes: { accessSeconds: 10 * 365 * 24 * 3600, refreshSeconds: null },
  clientAuth: {
    methods: ['client_secret_post', 'client_secret_basic'],
    publicClients: false,
    missingCredentials: () =>
      new OAuthError(
        'invalid_client',
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
        401,
      ),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ' ', required: false, known: MASTODON_SCOPES },
  refreshTokens: { issue: 'never', rotation: 'reuse', expiry: 'sliding' },
  userInfo: {
    requiredScopes: ['read:accounts'],
    render: (user) => account(user, ''),
  },
  responses: {
    token: (tokens) => ({
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      scope: tokens.scope,
      created_at: Math.floor(Date.now() / 1000),
    }),
    tokenError: (error) => ({
      status: error.status,
      body: { error: error.error, error_description: error.description },
    }),
    revoked: () => ({ status: 200, body: {} }),
    unauthorized: () => apiError(401, 'The access token is invalid'),
    forbidden: () => apiError(403, 'This action is outside the authorized scopes'),
    rateLimited: (retryAfterSeconds, nowMs) =>
      apiError(429, 'Too many requests', {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(nowMs + retryAfterSeconds * 1000).toISOString(),
      }),
    serverError: () => apiError(500, 'Internal server error'),
  },
  metadata: (issuer) => ({
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    app_registration_endpoint: `${issuer}/api/v1/apps`,
    userinfo_endpoint: `${issuer}/oauth/userinfo`,
    scopes_supported: MASTODON_SCOPES,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  }),
  prependRouter: (router, state) => appsRoute(router, state),
  controlRoutes: (router, state) => {
    router.get('/mastodon/apps', (_req, res) => {
      res.json({ items: logOf(state).registrations });
    });
    /** The next `POST /api/v1/apps` answers 307 to this location (SSRF re-check on redirects). */
    router.post('/mastodon/redirect-apps', (req, res) => {
      const location: unknown = (req.body as { location?: unknown } | undefined)?.location;
      if (typeof location !== 'string' && location !== null) {
        res.status(400).json({ code: 'validation-failed', message: 'location: string or null' });
        return;
      }
      logOf(state).redirectAppsTo = location;
      res.json({ redirectAppsTo: location });
    });
  },
};

function appsRoute(router: Router, state: SandboxState): void {
  const body = [express.json({ limit: '32kb' }), express.urlencoded({ extended: false })];
  router.post('/api/v1/apps', ...body, (req: Request, res: Response) => {
    const log = logOf(state);
    if (log.redirectAppsTo) {
      const location = log.redirectAppsTo;
      log.redirectAppsTo = null;
      res.redirect(307, location);
      return;
    }
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const name = fields['client_name'];
    const redirect = fields['redirect_uris'];
    const uris = typeof redirect === 'string' ? redirect.split(/\s+/) : redirect;
    if (typeof name !== 'string' || name.length === 0) {
      res.status(422).json({ error: "Validation failed: Application name can't be blank" });
      return;
    }
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every(isAbsoluteUri)) {
      res.status(422).json({ error: 'Validation failed: Redirect URI must be an absolute URI.' });
      return;
    }
    const scopes = typeof fields['scopes'] === 'string' ? fields['scopes'] : 'read';
    const clientId = randomBytes(32).toString('base64url');
    const client = state.clients.register({
      clientId,
      public: false,
      redirectUris: uris as string[],
    });
    log.registrations.push({ clientId, redirectUris: uris as string[], scopes });
    res.json({
      id: String(log.registrations.length),
      name,
      website: typeof fields['website'] === 'string' ? fields['website'] : null,
      scopes: scopes.split(' '),
      redirect_uri: (uris as string[]).join('\n'),
      redirect_uris: uris,
      client_id: clientId,
      client_secret: client.clientSecret,
      client_secret_expires_at: 0,
    });
  });
}

function isAbsoluteUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}
