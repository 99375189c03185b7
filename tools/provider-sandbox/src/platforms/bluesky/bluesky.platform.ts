import { OAuthError } from '../../core/oauth/oauth-error';
import type { PlatformDefinition } from '../../core/platform';
import { blueskyIdentityRoutes } from './bluesky-identity.routes';
import { blueskyOAuthRoutes } from './bluesky-oauth.routes';
import { blueskyProfileRoutes } from './bluesky-profile.routes';
import { blueskySessionRoutes } from './bluesky-session.routes';
import { blueskyStore, didFor } from './bluesky-store';

const BASE_PATH = '/bluesky';

/**
 * Bluesky: one mount plays the handle resolver, the PLC directory, a PDS and its authorization
 * server (the reference implementation's paths). AT Protocol OAuth: PAR only, PKCE S256, DPoP
 * with server nonces (rotated every 3 minutes; a proof without the current one gets
 * `use_dpop_nonce`), public clients identified by their client-metadata document URL (fetched
 * at PAR, `redirect_uri` checked against it), `iss` in the callback, token responses with `sub`
 * = the DID and `token_type: DPoP`, single-use refresh tokens with reuse detection, RFC 7009
 * revocation. Plus app-password sessions (`com.atproto.server.createSession` and friends).
 * Sandbox handles are `<user>.bsky.sandbox`. `GET /_sandbox/bluesky` shows the counters
 * (nonce challenges, pushed requests, session calls); `POST /_sandbox/bluesky/revoke-sessions
 * {user}` ends a user's app-password sessions.
 */
export const blueskyPlatform: PlatformDefinition = {
  type: 'BLUESKY',
  displayName: 'Bluesky',
  basePath: BASE_PATH,
  paths: {
    authorize: '/oauth/authorize',
    token: '/oauth/token',
    revoke: '/oauth/revoke',
    userInfo: '/xrpc/com.atproto.server.getSession',
    metadata: '/.well-known/oauth-authorization-server',
  },
  authorizationCodeTtlSeconds: 300,
  defaultLifetimes: { accessSeconds: 3600, refreshSeconds: 14 * 86400 },
  clientAuth: {
    methods: [],
    publicClients: true,
    missingCredentials: () => new OAuthError('invalid_client', 'client_id is required', 400),
  },
  pkce: { required: true, methods: ['S256'] },
  sendsIssuer: true,
  scopes: {
    separator: ' ',
    required: true,
    known: ['atproto', 'transition:generic', 'transition:chat.bsky', 'transition:email'],
  },
  refreshTokens: { issue: 'always', rotation: 'rotate-detect-reuse', expiry: 'sliding' },
  userInfo: {
    requiredScopes: ['atproto'],
    render: (user) => ({ did: didFor(user.name), handle: `${user.name}.bsky.sandbox` }),
  },
  metadata: (issuer) => ({
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    pushed_authorization_request_endpoint: `${issuer}/oauth/par`,
    require_pushed_authorization_requests: true,
    scopes_supported: ['atproto', 'transition:generic', 'transition:chat.bsky', 'transition:email'],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['ES256'],
    dpop_signing_alg_values_supported: ['ES256'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  }),
  responses: {
    token: (tokens) => ({
      access_token: tokens.accessToken,
      token_type: 'DPoP',
      expires_in: tokens.accessExpiresIn,
      ...(tokens.refreshToken === null ? {} : { refresh_token: tokens.refreshToken }),
      scope: tokens.scope,
      sub: didFor(tokens.user.name),
    }),
    tokenError: (error) => ({
      status: error.status,
      body: { error: error.error, error_description: error.description },
    }),
    revoked: () => ({ status: 200 }),
    unauthorized: () => ({ status: 401, body: { error: 'InvalidToken', message: 'Bad token' } }),
    forbidden: (missing) => ({
      status: 403,
      body: { error: 'InsufficientScope', message: `Missing scope ${missing.join(' ')}` },
    }),
    rateLimited: (retryAfterSeconds, nowMs) => ({
      status: 429,
      headers: {
        'retry-after': String(retryAfterSeconds),
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(Math.ceil(nowMs / 1000) + retryAfterSeconds),
        'ratelimit-policy': '3000;w=300',
      },
      body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
    }),
    serverError: () => ({
      status: 500,
      body: { error: 'InternalServerError', message: 'Internal Server Error' },
    }),
  },
  prependRouter(router, state) {
    blueskyIdentityRoutes(router, state, BASE_PATH);
    blueskyOAuthRoutes(router, state, blueskyPlatform);
    blueskySessionRoutes(router, state);
    blueskyProfileRoutes(router, state);
  },
  controlRoutes(router, state) {
    router.get('/bluesky', (_req, res) => {
      res.json(blueskyStore(state).counters);
    });
    // the user revokes their app passwords: every session of theirs ends (OAuth grants: /revoke)
    router.post('/bluesky/revoke-sessions', (req, res) => {
      const user: unknown = (req.body as { user?: unknown } | undefined)?.user;
      if (typeof user !== 'string' || user.length === 0 || user.length > 64) {
        res.status(400).json({ code: 'validation-failed', message: 'user is required' });
        return;
      }
      let revoked = 0;
      for (const session of blueskyStore(state).sessions.values()) {
        if (session.userName === user && session.status === 'active') {
          session.status = 'revoked';
          revoked += 1;
        }
      }
      res.json({ revoked });
    });
  },
};
