import express, { type Router } from 'express';

import type { HttpReply } from '../../core/http-reply';
import { sendReply } from '../../core/http-reply';
import { invalidRequest, OAuthError } from '../../core/oauth/oauth-error';
import { NO_STORE_HEADERS, readForm } from '../../core/oauth/token-endpoint';
import { authenticateClient } from '../../core/oauth/client-auth';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import { clientKeyAsClientId, mountAuthorize } from '../support/authorize-route';
import { requestId } from '../support/ids';
import { answerTokenCall, field, tokenReply } from '../support/token-call';
import { tiktokOpenId, tiktokUnionId } from './tiktok-ids';

export const TIKTOK_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.upload',
  'video.publish',
] as const;

const DAY = 24 * 3600;

/** TikTok API v2 error body: `{"data": {}, "error": {"code", "message", "log_id"}}`. */
function apiError(status: number, code: string, message: string, headers = {}): HttpReply {
  return {
    status,
    headers,
    body: { data: {}, error: { code, message, log_id: requestId(Date.now()) } },
  };
}

function tokenBody(tokens: IssuedTokens): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    expires_in: tokens.accessExpiresIn,
    open_id: tiktokOpenId(tokens.user),
    refresh_expires_in: tokens.refreshExpiresIn ?? 0,
    refresh_token: tokens.refreshToken ?? '',
    scope: tokens.scopes.join(','),
    token_type: 'Bearer',
  };
}

/**
 * TikTok Login Kit v2 at its real paths (`www.tiktok.com/v2/auth/authorize/`,
 * `open.tiktokapis.com/v2/oauth/token/`, `…/revoke/`, `…/v2/user/info/`). Quirks: the app is
 * `client_key` (authorize URL and form bodies), scopes are comma-separated, the token answer
 * carries `open_id` and `refresh_expires_in`; 2-hour access and 180-day refresh tokens (Nov 2026
 * docs); refresh tokens rotate (the previous one stops working) within a lifetime fixed at the
 * first authorization; API errors are `{data, error: {code, message, log_id}}`
 * (`access_token_invalid`, `scope_not_authorized`, `rate_limit_exceeded` 429).
 */
export const tiktokPlatform: PlatformDefinition = {
  type: 'TIKTOK',
  displayName: 'TikTok',
  basePath: '/tiktok',
  paths: {
    authorize: '/v2/auth/authorize/',
    token: '/v2/oauth/token/',
    revoke: '/v2/oauth/revoke/',
    userInfo: '/v2/user/info/',
  },
  // Undocumented; community reports put it around five minutes.
  authorizationCodeTtlSeconds: 300,
  defaultLifetimes: { accessSeconds: 2 * 3600, refreshSeconds: 180 * DAY },
  clientAuth: {
    methods: ['client_secret_post'],
    publicClients: false,
    missingCredentials: () => invalidRequest('client_key and client_secret are required'),
  },
  // PKCE is for mobile and desktop apps; a web flow sends none.
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true, known: TIKTOK_SCOPES },
  refreshTokens: { issue: 'always', rotation: 'rotate', expiry: 'fixed' },
  userInfo: {
    requiredScopes: ['user.info.basic'],
    render: (user) => ({
      data: {
        user: {
          open_id: tiktokOpenId(user),
          union_id: tiktokUnionId(user),
          avatar_url: user.avatarUrl,
          display_name: user.displayName,
          username: user.username,
        },
      },
      error: { code: 'ok', message: '', log_id: requestId(Date.now()) },
    }),
  },
  responses: {
    token: tokenBody,
    tokenError: (error) => ({
      status: error.status,
      body: {
        error: error.error,
        error_description: error.description,
        log_id: requestId(Date.now()),
      },
    }),
    revoked: () => ({ status: 200, body: {} }),
    unauthorized: () =>
      apiError(
        401,
        'access_token_invalid',
        'The access token is invalid or not found in the request.',
      ),
    forbidden: () =>
      apiError(
        401,
        'scope_not_authorized',
        'The user did not authorize the scope required for completing this request.',
      ),
    // TikTok documents no rate-limit headers; the sandbox adds Retry-After.
    rateLimited: (retryAfterSeconds) =>
      apiError(
        429,
        'rate_limit_exceeded',
        'The API rate limit was exceeded. Please try again later.',
        {
          'retry-after': String(retryAfterSeconds),
        },
      ),
    serverError: () => apiError(500, 'internal_error', 'Internal error. Please try again later.'),
  },
  prependRouter: (router, state) => tiktokRoutes(router, state),
};

/** `client_key` everywhere the core reads `client_id`. */
function tiktokRoutes(router: Router, state: SandboxState): void {
  const platform = tiktokPlatform;
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  mountAuthorize(router, state, platform, { map: clientKeyAsClientId });
  router.post(platform.paths.token, form, (req, res) => {
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const body = readForm(request);
        return {
          grantType: body['grant_type'],
          clientId: field(body, 'client_key'),
          clientSecret: field(body, 'client_secret'),
          grant: body,
        };
      },
      render: (outcome) => tokenReply(tokenBody(outcome.issued)),
    });
  });
  router.post(platform.paths.revoke, form, (req, res) => {
    state.stats.countRevokeCall(platform.type);
    try {
      const body = readForm(req);
      const token = field(body, 'token');
      if (token === undefined || token === '') throw invalidRequest('token is required');
      const client = authenticateClient(
        {
          authorization: undefined,
          bodyClientId: field(body, 'client_key'),
          bodyClientSecret: field(body, 'client_secret'),
        },
        platform.clientAuth,
        (clientId) => state.clients.find(platform.type, clientId),
      );
      state.grants.revokeByToken(platform.type, client.clientId, token);
      sendReply(res, { status: 200, headers: NO_STORE_HEADERS, body: {} });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendReply(res, platform.responses.tokenError(error));
    }
  });
}
