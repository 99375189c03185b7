import { OAuthError } from '../../core/oauth/oauth-error';
import type { PlatformDefinition } from '../../core/platform';
import { slackApiRoutes } from './slack-api';
import { slackControlRoutes } from './slack-events';
import { SLACK_LIFETIMES, slackError, slackOAuthError, slackOAuthRoutes } from './slack-oauth';

/**
 * Slack OAuth v2 at its real paths (`slack.com/oauth/v2/authorize`, `/api/oauth.v2.access`,
 * `/api/auth.revoke`, `/api/auth.test`, `/api/team.info`, `/api/auth.teams.list`). Quirks:
 * bot scopes in `scope` and user-token scopes in `user_scope`, comma-separated; one install yields
 * a bot token (`xoxb-`, top level) and a user token (`xoxp-`, under `authed_user`); every answer,
 * errors included, is HTTP 200 with `ok` (`{ok: false, error: "invalid_code"}`), except 429
 * `ratelimited` with Retry-After; Basic or body client authentication. Token rotation is an app
 * setting (see `rotatesTokens`): without it tokens never expire and there are no refresh tokens;
 * with it both tokens live 12 hours and each has its own single-use refresh token (`xoxe-1-`).
 * `auth.revoke` revokes only the token it is called with. `empty-…` users make an org-wide install
 * that no workspace was granted to. `/_sandbox/slack/events` delivers signed `tokens_revoked` /
 * `app_uninstalled` events.
 */
export const slackPlatform: PlatformDefinition = {
  type: 'SLACK',
  displayName: 'Slack',
  basePath: '/slack',
  paths: {
    authorize: '/oauth/v2/authorize',
    token: '/api/oauth.v2.access',
    revoke: '/api/auth.revoke',
    userInfo: '/api/auth.test',
  },
  // "Temporary authorization codes expire after ten minutes."
  authorizationCodeTtlSeconds: 600,
  defaultLifetimes: SLACK_LIFETIMES,
  clientAuth: {
    methods: ['client_secret_basic', 'client_secret_post'],
    publicClients: false,
    missingCredentials: () => new OAuthError('invalid_client', 'invalid_client_id', 200),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true },
  // Tokens are issued per kind by the routes; rotation applies to the refresh grant.
  refreshTokens: { issue: 'never', rotation: 'rotate', expiry: 'sliding' },
  userInfo: { requiredScopes: [], render: () => ({ ok: true }) },
  responses: {
    token: () => ({ ok: true }),
    tokenError: slackOAuthError,
    revoked: () => ({ status: 200, body: { ok: true, revoked: true } }),
    unauthorized: () => slackError('invalid_auth'),
    forbidden: () => slackError('missing_scope'),
    rateLimited: (retryAfterSeconds) => ({
      ...slackError('ratelimited', 429),
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
    serverError: () => slackError('internal_error', 500),
  },
  prependRouter: (router, state) => {
    slackOAuthRoutes(router, state, slackPlatform);
    slackApiRoutes(router, state);
  },
  controlRoutes: slackControlRoutes,
};
