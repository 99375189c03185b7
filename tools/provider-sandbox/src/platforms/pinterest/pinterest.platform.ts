import express, { type Request, type Response, type Router } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import { authenticateClient } from '../../core/oauth/client-auth';
import { invalidRequest, OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { apiCaller, bearerToken, hasAnyScope, queryString } from '../support/api-caller';
import { answerTokenCall, field, tokenReply } from '../support/token-call';

const DAY = 24 * 3600;

export const PINTEREST_SCOPES = [
  'ads:read',
  'ads:write',
  'boards:read',
  'boards:read_secret',
  'boards:write',
  'boards:write_secret',
  'catalogs:read',
  'catalogs:write',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
] as const;

/** Pinterest's error envelope: `{code, message}`. */
function pinterestError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): HttpReply {
  return { status, headers, body: { code, message } };
}

const AUTHENTICATION_FAILED = (): HttpReply => pinterestError(401, 2, 'Authentication failed.');

function tokenBody(
  issued: IssuedTokens,
  grantType: 'authorization_code' | 'refresh_token',
  nowMs: number,
): Record<string, unknown> {
  const refresh =
    issued.refreshToken === null
      ? {}
      : {
          refresh_token: issued.refreshToken,
          refresh_token_expires_in: issued.refreshExpiresIn,
          refresh_token_expires_at:
            issued.refreshExpiresIn === null
              ? null
              : Math.floor(nowMs / 1000) + issued.refreshExpiresIn,
        };
  return {
    access_token: issued.accessToken,
    ...refresh,
    response_type: grantType,
    token_type: 'bearer',
    expires_in: issued.accessExpiresIn,
    scope: issued.scope,
  };
}

/**
 * Pinterest API v5 at its real paths (`www.pinterest.com/oauth/`, `api.pinterest.com/v5/oauth/token`,
 * `…/v5/oauth/token/revoke`, `…/v5/user_account`, `…/v5/boards`). Quirks: HTTP Basic only,
 * comma-separated scopes, no PKCE, 30-day access tokens, continuous refresh tokens (60 days, a new
 * one with `refresh_token_expires_in` / `_at` on every refresh; the one presented stops working);
 * the code answer says `response_type: "authorization_code"`; errors are `{code, message}`;
 * revocation refuses user tokens (only system users' tokens may be revoked).
 */
export const pinterestPlatform: PlatformDefinition = {
  type: 'PINTEREST',
  displayName: 'Pinterest',
  basePath: '/pinterest',
  paths: {
    authorize: '/oauth/',
    token: '/v5/oauth/token',
    revoke: '/v5/oauth/token/revoke',
    userInfo: '/v5/user_account',
  },
  // Undocumented.
  authorizationCodeTtlSeconds: 300,
  defaultLifetimes: { accessSeconds: 30 * DAY, refreshSeconds: 60 * DAY },
  clientAuth: {
    methods: ['client_secret_basic'],
    publicClients: false,
    missingCredentials: () => new OAuthError('invalid_client', 'Authentication failed.', 401),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true, known: PINTEREST_SCOPES },
  refreshTokens: { issue: 'always', rotation: 'rotate', expiry: 'sliding' },
  userInfo: {
    requiredScopes: ['user_accounts:read'],
    render: (user) => userAccount(user),
  },
  responses: {
    token: (tokens) => tokenBody(tokens, 'authorization_code', Date.now()),
    tokenError: (error) =>
      error.error === 'invalid_client'
        ? AUTHENTICATION_FAILED()
        : pinterestError(400, 1, error.description),
    revoked: () => ({ status: 200, body: {} }),
    unauthorized: AUTHENTICATION_FAILED,
    forbidden: (missing) =>
      pinterestError(
        403,
        29,
        `You are not permitted to access that resource (${missing.join(',')}).`,
      ),
    // Pinterest's rate-limit header names are undocumented; the sandbox sends Retry-After.
    rateLimited: (retryAfterSeconds) =>
      pinterestError(429, 8, 'You have exceeded your rate limit. Try again later.', {
        'retry-after': String(retryAfterSeconds),
      }),
    serverError: () => pinterestError(500, 1, 'Internal server error.'),
  },
  prependRouter: (router, state) => pinterestOAuthRoutes(router, state),
  extendRouter: (router, state) => pinterestApiRoutes(router, state),
};

function userAccount(user: SandboxUser): Record<string, unknown> {
  return {
    account_type: 'BUSINESS',
    id: user.id,
    username: user.username,
    profile_image: user.avatarUrl,
    business_name: user.displayName,
    website_url: null,
    board_count: user.entities.pinterestBoards.length,
  };
}

function pinterestOAuthRoutes(router: Router, state: SandboxState): void {
  const platform = pinterestPlatform;
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  router.post(platform.paths.token, form, (req, res) => {
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const body = readForm(request);
        return {
          grantType: body['grant_type'],
          clientId: field(body, 'client_id'),
          clientSecret: field(body, 'client_secret'),
          authorization: request.headers.authorization,
          // `continuous_refresh=true` (apps created before 25 Sep 2025) is accepted and changes nothing.
          grant: body,
        };
      },
      render: (outcome) => tokenReply(tokenBody(outcome.issued, outcome.grantType, state.clock())),
    });
  });
  router.post(platform.paths.revoke, form, (req, res) => revokeRefused(state, req, res));
}

/** The spec: "Only tokens issued for system users are currently supported." */
function revokeRefused(state: SandboxState, req: Request, res: Response): void {
  const platform = pinterestPlatform;
  state.stats.countRevokeCall(platform.type);
  try {
    const body = readForm(req);
    const token = field(body, 'token');
    if (token === undefined || token === '') throw invalidRequest('token is required');
    authenticateClient(
      {
        authorization: req.headers.authorization,
        bodyClientId: undefined,
        bodyClientSecret: undefined,
      },
      platform.clientAuth,
      (clientId) => state.clients.find(platform.type, clientId),
    );
    sendReply(res, pinterestError(403, 29, 'Only tokens issued for system users can be revoked.'));
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    sendReply(res, platform.responses.tokenError(error));
  }
}

function pinterestApiRoutes(router: Router, state: SandboxState): void {
  router.get('/v5/boards', (req, res) => {
    const caller = apiCaller(state, 'PINTEREST', bearerToken(req));
    if (caller.kind !== 'ok') {
      sendReply(res, pinterestPlatform.responses.unauthorized());
      return;
    }
    if (!hasAnyScope(caller.token, ['boards:read'])) {
      sendReply(res, pinterestPlatform.responses.forbidden(['boards:read']));
      return;
    }
    const pageSize = Number(queryString(req, 'page_size') ?? '25');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 250) {
      sendReply(res, pinterestError(400, 1, 'page_size must be between 1 and 250.'));
      return;
    }
    const user = caller.user;
    sendReply(res, {
      status: 200,
      body: {
        items: user.entities.pinterestBoards.slice(0, pageSize).map((board) => ({
          id: board.id,
          name: board.name,
          description: '',
          owner: { username: user.username },
          privacy: 'PUBLIC',
          pin_count: 0,
          follower_count: 0,
          media: { image_cover_url: null, pin_thumbnail_urls: [] },
        })),
        bookmark: null,
      },
    });
  });
}
