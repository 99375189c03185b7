import express, { type RequestHandler, type Router } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import { OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { isRecord, mountAuthorize } from '../support/authorize-route';
import { answerTokenCall, field, tokenReply } from '../support/token-call';

export const REDDIT_SCOPES = [
  'account',
  'creddits',
  'edit',
  'flair',
  'history',
  'identity',
  'livemanage',
  'modconfig',
  'modcontributors',
  'modflair',
  'modlog',
  'modmail',
  'modothers',
  'modposts',
  'modself',
  'modwiki',
  'mysubreddits',
  'privatemessages',
  'read',
  'report',
  'save',
  'structuredstyles',
  'submit',
  'subscribe',
  'vote',
  'wikiedit',
  'wikiread',
] as const;

/** Reddit's API errors: `{"message": "Unauthorized", "error": 401}`. */
function redditError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): HttpReply {
  return { status, headers, body: { message, error: status } };
}

/**
 * Agents Reddit "drastically limits": the defaults of HTTP libraries, or nothing descriptive.
 * A descriptive one names the app and its developer: `<platform>:<app id>:<version> (by /u/<name>)`.
 */
const LIBRARY_AGENT =
  /^(node|undici|node-fetch|axios|got|python|curl|wget|go-http-client|java|okhttp|libwww|ruby|php)\b/i;

export function descriptiveUserAgent(agent: string | undefined): boolean {
  if (agent === undefined) return false;
  const trimmed = agent.trim();
  return (
    trimmed.length >= 10 && !LIBRARY_AGENT.test(trimmed) && /\/u\/[A-Za-z0-9_-]+/.test(trimmed)
  );
}

/** Which codes were asked with `duration=permanent` (only those come with a refresh token). */
const permanentCodes = new WeakMap<SandboxState, Map<string, boolean>>();
const MAX_REMEMBERED_CODES = 10_000;

function rememberDuration(state: SandboxState, code: string, permanent: boolean): void {
  const codes = permanentCodes.get(state) ?? new Map<string, boolean>();
  permanentCodes.set(state, codes);
  if (codes.size >= MAX_REMEMBERED_CODES) {
    const oldest = codes.keys().next().value;
    if (oldest !== undefined) codes.delete(oldest);
  }
  codes.set(code, permanent);
}

function isPermanent(state: SandboxState, code: string | undefined): boolean {
  if (code === undefined) return false;
  return permanentCodes.get(state)?.get(code) ?? false;
}

function tokenBody(issued: IssuedTokens, withRefreshToken: boolean): Record<string, unknown> {
  return {
    access_token: issued.accessToken,
    token_type: 'bearer',
    expires_in: issued.accessExpiresIn,
    scope: issued.scope,
    ...(withRefreshToken && issued.refreshToken !== null
      ? { refresh_token: issued.refreshToken }
      : {}),
  };
}

function me(user: SandboxUser): Record<string, unknown> {
  const id = BigInt(user.id).toString(36);
  return {
    id,
    name: user.username,
    // Reddit HTML-escapes the query of its image URLs.
    icon_img: `${user.avatarUrl}?width=256&amp;s=sandbox`,
    snoovatar_img: '',
    created_utc: Math.floor(user.createdAt / 1000),
    has_verified_email: true,
    is_suspended: false,
    subreddit: { display_name_prefixed: `u/${user.username}`, title: user.displayName },
  };
}

/**
 * Reddit OAuth 2 at its real paths (`www.reddit.com/api/v1/authorize|access_token|revoke_token`,
 * `oauth.reddit.com/api/v1/me`). Quirks: HTTP Basic only; a refresh token only with
 * `duration=permanent`, which never expires and does not rotate (refresh answers carry none);
 * one-hour access tokens; revocation answers 204 whatever the token; token and API calls without
 * a descriptive User-Agent are rate-limited (429); API errors are `{message, error: <status>}`.
 */
export const redditPlatform: PlatformDefinition = {
  type: 'REDDIT',
  displayName: 'Reddit',
  basePath: '/reddit',
  paths: {
    authorize: '/api/v1/authorize',
    token: '/api/v1/access_token',
    revoke: '/api/v1/revoke_token',
    userInfo: '/api/v1/me',
  },
  authorizationCodeTtlSeconds: 600,
  defaultLifetimes: { accessSeconds: 3600, refreshSeconds: null },
  clientAuth: {
    methods: ['client_secret_basic'],
    publicClients: false,
    missingCredentials: () => new OAuthError('invalid_client', 'Unauthorized', 401),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ' ', required: true, known: REDDIT_SCOPES },
  refreshTokens: { issue: 'always', rotation: 'reuse', expiry: 'sliding' },
  userInfo: { requiredScopes: ['identity'], render: me },
  responses: {
    token: (tokens) => tokenBody(tokens, true),
    tokenError: (error) =>
      error.error === 'invalid_client'
        ? redditError(401, 'Unauthorized')
        : { status: 400, body: { error: error.error } },
    revoked: () => ({ status: 204 }),
    unauthorized: () => redditError(401, 'Unauthorized'),
    forbidden: () => redditError(403, 'Forbidden'),
    rateLimited: (retryAfterSeconds) =>
      redditError(429, 'Too Many Requests', {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-used': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(retryAfterSeconds),
      }),
    serverError: () => redditError(500, 'Internal Server Error'),
  },
  prependRouter: (router, state) => redditRoutes(router, state),
};

function redditRoutes(router: Router, state: SandboxState): void {
  const platform = redditPlatform;
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  mountAuthorize(router, state, platform, {
    keep: ['duration'],
    onOutcome: (outcome, params) => {
      if (outcome.kind !== 'redirect') return;
      const code = new URL(outcome.location).searchParams.get('code');
      if (code !== null) rememberDuration(state, code, params['duration'] === 'permanent');
    },
  });

  const userAgentRequired: RequestHandler = (req, res, next) => {
    if (descriptiveUserAgent(req.headers['user-agent'])) {
      next();
      return;
    }
    sendReply(res, redditError(429, 'Too Many Requests'));
  };
  router.use(
    [platform.paths.token, platform.paths.revoke, platform.paths.userInfo],
    userAgentRequired,
  );

  router.post(platform.paths.token, form, (req, res) => {
    const body: unknown = req.body;
    const code = isRecord(body) ? field(body, 'code') : undefined;
    const permanent = isPermanent(state, code);
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const fields = readForm(request);
        return {
          grantType: fields['grant_type'],
          clientId: field(fields, 'client_id'),
          clientSecret: field(fields, 'client_secret'),
          authorization: request.headers.authorization,
          grant: fields,
        };
      },
      render: (outcome) =>
        tokenReply(
          tokenBody(outcome.issued, outcome.grantType === 'authorization_code' && permanent),
        ),
    });
  });
}
