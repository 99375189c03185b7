import { OAuthError, invalidClient } from '../core/oauth/oauth-error';
import { rfc6749ErrorReply, rfc6750ErrorReply } from '../core/oauth/rfc-responses';
import type { PlatformDefinition } from '../core/platform';

const paths = {
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  revoke: '/oauth/revoke',
  userInfo: '/userinfo',
  metadata: '/.well-known/oauth-authorization-server',
} as const;

/** A strictly standard OAuth 2.0 server (RFC 6749, 7009, 7636, 8414, 9207) to test against. */
export const genericPlatform: PlatformDefinition = {
  type: 'GENERIC',
  displayName: 'Generic OAuth 2.0',
  basePath: '/generic',
  paths,
  authorizationCodeTtlSeconds: 60,
  defaultLifetimes: { accessSeconds: 3600, refreshSeconds: 30 * 24 * 3600 },
  clientAuth: {
    methods: ['client_secret_basic', 'client_secret_post'],
    publicClients: true,
    missingCredentials: () => invalidClient(),
  },
  pkce: { required: true, methods: ['S256'] },
  sendsIssuer: true,
  scopes: { separator: ' ', required: false },
  refreshTokens: { issue: 'always', rotation: 'rotate-detect-reuse', expiry: 'sliding' },
  userInfo: {
    requiredScopes: [],
    render: (user) => ({
      sub: user.id,
      name: user.displayName,
      preferred_username: user.username,
      picture: user.avatarUrl,
    }),
  },
  responses: {
    token: (tokens) => ({
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      expires_in: tokens.accessExpiresIn,
      ...(tokens.refreshToken === null ? {} : { refresh_token: tokens.refreshToken }),
      ...(tokens.refreshExpiresIn === null
        ? {}
        : { refresh_token_expires_in: tokens.refreshExpiresIn }),
      scope: tokens.scope,
    }),
    tokenError: rfc6749ErrorReply,
    revoked: () => ({ status: 200 }),
    unauthorized: () =>
      rfc6750ErrorReply(401, 'invalid_token', 'The access token is invalid, expired or revoked'),
    forbidden: (missing) =>
      rfc6750ErrorReply(403, 'insufficient_scope', `Missing scopes: ${missing.join(' ')}`),
    rateLimited: (retryAfterSeconds) => ({
      ...rfc6749ErrorReply(new OAuthError('temporarily_unavailable', 'Rate limit exceeded', 429)),
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
    serverError: () =>
      rfc6749ErrorReply(new OAuthError('server_error', 'Internal server error', 500)),
  },
  metadata: (issuer) => ({
    issuer,
    authorization_endpoint: `${issuer}${paths.authorize}`,
    token_endpoint: `${issuer}${paths.token}`,
    revocation_endpoint: `${issuer}${paths.revoke}`,
    userinfo_endpoint: `${issuer}${paths.userInfo}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'none',
    ],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
  }),
};
