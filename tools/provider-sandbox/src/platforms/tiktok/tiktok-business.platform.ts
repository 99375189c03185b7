import express, { type Request, type Router } from 'express';

import type { HttpReply } from '../../core/http-reply';
import { sendReply } from '../../core/http-reply';
import { authenticateClient } from '../../core/oauth/client-auth';
import { invalidRequest, OAuthError } from '../../core/oauth/oauth-error';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import { apiCaller, queryString } from '../support/api-caller';
import { clientKeyAsClientId, isRecord, mountAuthorize } from '../support/authorize-route';
import { requestId } from '../support/ids';
import { answerTokenCall, field, type TokenOutcome } from '../support/token-call';
import { tiktokBusinessOpenId } from './tiktok-ids';

export const TIKTOK_BUSINESS_SCOPES = [
  'user.info.basic',
  'user.info.username',
  'user.info.stats',
  'user.account.type',
  'user.insights',
  'video.list',
  'video.insights',
  'video.publish',
  'comment.list',
  'comment.list.manage',
] as const;

const DAY = 24 * 3600;
const API = '/open_api/v1.3';
const REFRESH_PATH = `${API}/tt_user/oauth2/refresh_token/`;

/**
 * The Business API envelope. Errors are HTTP 200 with a non-zero `code`; the confirmed codes are
 * 40105 (bad or revoked access token) and 40100 (too many requests); the others used here
 * (40001 app credentials, 40002 parameters, 40006 scope, 50000 server) are the sandbox's choice.
 */
function envelope(code: number, message: string, data: unknown = {}, headers = {}): HttpReply {
  return {
    status: 200,
    headers: { 'cache-control': 'no-store', ...headers },
    body: { code, message, request_id: requestId(Date.now()), data },
  };
}

function tokenEnvelope(issued: IssuedTokens, kept: TokenOutcome['keptRefreshToken']): HttpReply {
  const refresh =
    issued.refreshToken === null
      ? kept
      : { token: issued.refreshToken, expiresIn: issued.refreshExpiresIn };
  return envelope(0, 'OK', {
    access_token: issued.accessToken,
    expires_in: issued.accessExpiresIn,
    open_id: tiktokBusinessOpenId(issued.user),
    refresh_token: refresh?.token ?? '',
    refresh_token_expires_in: refresh?.expiresIn ?? 0,
    scope: issued.scopes.join(','),
    token_type: 'Bearer',
  });
}

function errorEnvelope(error: OAuthError): HttpReply {
  if (error.error === 'invalid_grant') {
    return envelope(
      40105,
      `${error.description} (the auth_code or refresh_token is invalid, expired or revoked)`,
    );
  }
  if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
    return envelope(40001, 'The app_id or secret is invalid.');
  }
  if (error.error === 'invalid_scope') {
    return envelope(40006, `Scope not authorized: ${error.description}`);
  }
  return envelope(40002, error.description);
}

/** The JSON body of a Business API POST, or invalid_request. */
function jsonBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!req.is('application/json') || !isRecord(body)) {
    throw invalidRequest('Content-Type must be application/json');
  }
  return body;
}

/**
 * TikTok API for Business (`tt_user` OAuth) at its real paths: the authorize page is TikTok's
 * (`/v2/auth/authorize/`, `client_key` = the business app id), the rest lives on
 * business-api.tiktok.com `/open_api/v1.3/`: `tt_user/oauth2/token/` (JSON `client_id`,
 * `client_secret`, `grant_type`, `auth_code`, `redirect_uri`), `tt_user/oauth2/refresh_token/`,
 * `tt_user/oauth2/revoke/` (JSON `access_token`), `business/get/` (header `Access-Token`,
 * `business_id` = the token's `open_id`). 24-hour access and 365-day refresh tokens; the refresh
 * token's lifetime keeps counting down across refreshes and the same value comes back (whether it
 * rotates is undocumented). Every answer is `{code, message, request_id, data}`, errors included.
 */
export const tiktokBusinessPlatform: PlatformDefinition = {
  type: 'TIKTOK_BUSINESS',
  displayName: 'TikTok for Business',
  basePath: '/tiktok_business',
  paths: {
    authorize: '/v2/auth/authorize/',
    token: `${API}/tt_user/oauth2/token/`,
    revoke: `${API}/tt_user/oauth2/revoke/`,
    userInfo: `${API}/business/get/`,
  },
  authorizationCodeTtlSeconds: 300,
  defaultLifetimes: { accessSeconds: DAY, refreshSeconds: 365 * DAY },
  clientAuth: {
    methods: ['client_secret_post'],
    publicClients: false,
    missingCredentials: () => invalidRequest('client_id and client_secret are required'),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true, known: TIKTOK_BUSINESS_SCOPES },
  refreshTokens: { issue: 'always', rotation: 'reuse', expiry: 'fixed' },
  userInfo: {
    requiredScopes: ['user.info.basic'],
    render: (user) => ({
      username: user.username,
      display_name: user.displayName,
      profile_image: user.avatarUrl,
    }),
  },
  responses: {
    token: (tokens) => tokenEnvelope(tokens, null).body as Record<string, unknown>,
    tokenError: errorEnvelope,
    revoked: () => envelope(0, 'OK'),
    unauthorized: () => envelope(40105, 'Access token is incorrect or has been revoked.'),
    forbidden: (missing) => envelope(40006, `Scope not authorized: ${missing.join(',')}`),
    rateLimited: (retryAfterSeconds) =>
      envelope(
        40100,
        'Too many requests. Please retry in some time.',
        {},
        {
          'retry-after': String(retryAfterSeconds),
        },
      ),
    serverError: () => envelope(50000, 'Internal service error. Please try again later.'),
  },
  prependRouter: (router, state) => businessRoutes(router, state),
};

function businessRoutes(router: Router, state: SandboxState): void {
  const platform = tiktokBusinessPlatform;
  const json = express.json({ limit: '32kb' });
  mountAuthorize(router, state, platform, { map: clientKeyAsClientId });

  const tokenRoute = (path: string, grant: 'authorization_code' | 'refresh_token'): void => {
    router.post(path, json, (req, res) => {
      answerTokenCall(state, platform, req, res, {
        grants: [grant],
        read: (request) => {
          const body = jsonBody(request);
          const code = field(body, 'auth_code');
          return {
            grantType: body['grant_type'],
            clientId: field(body, 'client_id'),
            clientSecret: field(body, 'client_secret'),
            grant: code === undefined ? body : { ...body, code },
          };
        },
        render: (outcome) => tokenEnvelope(outcome.issued, outcome.keptRefreshToken),
      });
    });
  };
  tokenRoute(platform.paths.token, 'authorization_code');
  tokenRoute(REFRESH_PATH, 'refresh_token');

  router.post(platform.paths.revoke, json, (req, res) => {
    state.stats.countRevokeCall(platform.type);
    try {
      const body = jsonBody(req);
      const token = field(body, 'access_token');
      if (token === undefined || token === '') throw invalidRequest('access_token is required');
      const client = authenticateClient(
        {
          authorization: undefined,
          bodyClientId: field(body, 'client_id'),
          bodyClientSecret: field(body, 'client_secret'),
        },
        platform.clientAuth,
        (clientId) => state.clients.find(platform.type, clientId),
      );
      state.grants.revokeByToken(platform.type, client.clientId, token);
      sendReply(res, platform.responses.revoked());
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendReply(res, errorEnvelope(error));
    }
  });

  router.get(platform.paths.userInfo, (req, res) => {
    const header = req.headers['access-token'];
    const caller = apiCaller(state, platform.type, typeof header === 'string' ? header : undefined);
    if (caller.kind !== 'ok') {
      sendReply(
        res,
        caller.kind === 'expired'
          ? envelope(40105, 'Access token has expired.')
          : platform.responses.unauthorized(),
      );
      return;
    }
    const missing = platform.userInfo.requiredScopes.filter(
      (scope) => !caller.token.scopes.includes(scope),
    );
    if (missing.length > 0) {
      sendReply(res, platform.responses.forbidden(missing));
      return;
    }
    if (queryString(req, 'business_id') !== tiktokBusinessOpenId(caller.user)) {
      sendReply(res, envelope(40002, 'business_id is invalid for this access token.'));
      return;
    }
    const all = platform.userInfo.render(caller.user) as Record<string, unknown>;
    sendReply(res, envelope(0, 'OK', selectFields(all, queryString(req, 'fields'))));
  });
}

/** `fields=["username","display_name"]`: only those; absent or unreadable → all. */
function selectFields(
  all: Record<string, unknown>,
  raw: string | undefined,
): Record<string, unknown> {
  if (raw === undefined) return all;
  try {
    const wanted: unknown = JSON.parse(raw);
    if (!Array.isArray(wanted)) return all;
    return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.includes(key)));
  } catch {
    return all;
  }
}
