import { OAuthError } from '../../core/oauth/oauth-error';
import type { HttpReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxUser } from '../../core/state/users';
import { stableOpaqueId } from '../support/ids';

export const FANVUE_SCOPES = [
  'openid',
  'offline_access',
  'offline',
  'read:self',
  'read:post',
  'write:post',
  'read:media',
  'write:media',
  'read:chat',
  'write:chat',
  'read:fan',
  'read:creator',
  'read:insights',
] as const;

/** A UUID (version 4 layout) that is stable for a user name. */
export function fanvueUuid(user: SandboxUser): string {
  const hex = Buffer.from(stableOpaqueId(32, 'fanvue', user.name), 'base64url')
    .toString('hex')
    .padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function apiError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): HttpReply {
  return { status, headers, body: { message } };
}

/**
 * Fanvue at its real paths (`auth.fanvue.com/oauth2/auth|token|revoke`, `api.fanvue.com/users/me`),
 * an authorization server in Ory Hydra's shape. Quirks: PKCE S256 required; HTTP Basic (body
 * credentials accepted too); a refresh token only with `offline_access`; one-hour access tokens;
 * refresh tokens rotate and are single use with reuse detection (presenting a used one revokes
 * the grant); the API answers 401 for a dead token and 403 for a missing scope, with
 * `X-RateLimit-*` headers and `Retry-After` on 429. The refresh-token lifetime is undocumented
 * (the sandbox uses Hydra's default, 30 days); so is revocation (served at Hydra's path).
 */
export const fanvuePlatform: PlatformDefinition = {
  type: 'FANVUE',
  displayName: 'Fanvue',
  basePath: '/fanvue',
  paths: {
    authorize: '/oauth2/auth',
    token: '/oauth2/token',
    revoke: '/oauth2/revoke',
    userInfo: '/users/me',
  },
  authorizationCodeTtlSeconds: 600,
  defaultLifetimes: { accessSeconds: 3600, refreshSeconds: 30 * 24 * 3600 },
  clientAuth: {
    methods: ['client_secret_basic', 'client_secret_post'],
    publicClients: false,
    missingCredentials: () =>
      new OAuthError('invalid_client', 'Client authentication failed (e.g., unknown client).', 401),
  },
  pkce: { required: true, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ' ', required: true, known: FANVUE_SCOPES },
  refreshTokens: {
    issue: { whenScope: 'offline_access' },
    rotation: 'rotate-detect-reuse',
    expiry: 'sliding',
  },
  userInfo: {
    requiredScopes: ['read:self'],
    render: (user) => ({
      uuid: fanvueUuid(user),
      email: user.email,
      handle: user.username.toLowerCase(),
      displayName: user.displayName,
      avatarUrl: user.avatarUrl,
      isCreator: true,
    }),
  },
  responses: {
    token: (tokens) => ({
      access_token: tokens.accessToken,
      expires_in: tokens.accessExpiresIn,
      ...(tokens.refreshToken === null ? {} : { refresh_token: tokens.refreshToken }),
      scope: tokens.scope,
      token_type: 'bearer',
    }),
    tokenError: (error) => ({
      status: error.status,
      body: { error: error.error, error_description: error.description, status_code: error.status },
    }),
    revoked: () => ({ status: 200 }),
    unauthorized: () => apiError(401, 'Unauthorized'),
    forbidden: (missing) => apiError(403, `Forbidden: missing scope ${missing.join(' ')}`),
    rateLimited: (retryAfterSeconds, nowMs) =>
      apiError(429, 'Too Many Requests', {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '200',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + retryAfterSeconds),
      }),
    serverError: () => ({
      status: 500,
      body: { error: 'server_error', error_description: 'Internal server error', status_code: 500 },
    }),
  },
};
