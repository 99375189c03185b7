import { OAuthError } from '../core/oauth/oauth-error';
import { rfc6749ErrorReply } from '../core/oauth/rfc-responses';
import type { HttpReply } from '../core/http-reply';
import type { PlatformDefinition } from '../core/platform';

/** X answers API errors as RFC 7807 problems. */
function problem(status: number, title: string, headers: Record<string, string> = {}): HttpReply {
  return { status, headers, body: { title, type: 'about:blank', status, detail: title } };
}

const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.read',
  'users.email',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'dm.read',
  'dm.write',
  'media.write',
] as const;

/** X's per-15-minute window for user-context calls. */
const RATE_LIMIT = 900;

/**
 * X (OAuth 2.0 with PKCE) at its real paths: `x.com/i/oauth2/authorize`, `api.x.com/2/oauth2/*`.
 * Quirks: Basic auth only for confidential clients, 30-second codes, 2-hour access tokens, a
 * refresh token only with `offline.access`, rotation on every refresh, `token_type: "bearer"`.
 */
export const twitterPlatform: PlatformDefinition = {
  type: 'TWITTER',
  displayName: 'X',
  basePath: '/twitter',
  paths: {
    authorize: '/i/oauth2/authorize',
    token: '/2/oauth2/token',
    revoke: '/2/oauth2/revoke',
    userInfo: '/2/users/me',
  },
  authorizationCodeTtlSeconds: 30,
  // The refresh-token lifetime is undocumented; six months keeps dev accounts alive.
  defaultLifetimes: { accessSeconds: 7200, refreshSeconds: 180 * 24 * 3600 },
  clientAuth: {
    methods: ['client_secret_basic'],
    publicClients: true,
    missingCredentials: () =>
      new OAuthError('unauthorized_client', 'Missing valid authorization header', 401),
  },
  pkce: { required: true, methods: ['S256', 'plain'] },
  sendsIssuer: false,
  scopes: { separator: ' ', required: true, known: X_SCOPES },
  refreshTokens: {
    issue: { whenScope: 'offline.access' },
    rotation: 'rotate-detect-reuse',
    expiry: 'sliding',
  },
  userInfo: {
    requiredScopes: ['tweet.read', 'users.read'],
    render: (user) => ({
      data: {
        id: user.id,
        name: user.displayName,
        username: user.username,
        profile_image_url: user.avatarUrl,
      },
    }),
  },
  responses: {
    token: (tokens) => ({
      token_type: 'bearer',
      expires_in: tokens.accessExpiresIn,
      access_token: tokens.accessToken,
      scope: tokens.scope,
      ...(tokens.refreshToken === null ? {} : { refresh_token: tokens.refreshToken }),
    }),
    tokenError: (error) => {
      const reply = rfc6749ErrorReply(error);
      return { status: reply.status, body: reply.body };
    },
    revoked: () => ({ status: 200, body: { revoked: true } }),
    unauthorized: () => problem(401, 'Unauthorized'),
    forbidden: () => problem(403, 'Forbidden'),
    rateLimited: (retryAfterSeconds, nowMs) =>
      problem(429, 'Too Many Requests', {
        'retry-after': String(retryAfterSeconds),
        'x-rate-limit-limit': String(RATE_LIMIT),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.ceil(nowMs / 1000) + retryAfterSeconds),
      }),
    serverError: () => problem(500, 'Internal Server Error'),
  },
};
