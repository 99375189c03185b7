import express, { type Router } from 'express';

import type { HttpReply } from '../../core/http-reply';
import { parseBasicAuthorization } from '../../core/oauth/client-auth';
import type { OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { Grant } from '../../core/state/grants';
import { isRecord, mountAuthorize, type AuthorizeParamMapper } from '../support/authorize-route';
import { answerTokenCall, field, tokenReply, type TokenOutcome } from '../support/token-call';
import { installPlace, slackAppId, slackBotUserId, slackUserId } from './slack-ids';
import {
  rotatesTokens,
  SLACK_TOKEN,
  slackStateOf,
  type SlackInstall,
  type SlackTokenKind,
} from './slack-state';

/** Switchboard's and the sandbox's name for a user-token scope inside one scope list. */
export const USER_SCOPE_PREFIX = 'user:';
/** A static (non-rotating) token never expires; the store wants a lifetime. */
const NEVER_SECONDS = 100 * 365 * 24 * 3600;

/** Slack's errors: HTTP 200 with `{ok: false, error}` (429 and 5xx aside). */
export function slackError(
  error: string,
  status = 200,
  extra: Record<string, unknown> = {},
): HttpReply {
  return { status, body: { ok: false, error, ...extra } };
}

/** RFC 6749 errors as `oauth.v2.access` words them. */
export function slackOAuthError(error: OAuthError): HttpReply {
  const text = error.description;
  if (error.error === 'invalid_client') return slackError('bad_client_secret');
  if (error.error === 'unsupported_grant_type') return slackError('invalid_grant_type');
  if (error.error === 'invalid_scope') return slackError('invalid_scope');
  if (error.error !== 'invalid_grant') return slackError('invalid_arguments');
  if (/redirect_uri/.test(text)) return slackError('bad_redirect_uri');
  if (/already used/.test(text) && /code/i.test(text)) return slackError('code_already_used');
  if (/code/i.test(text)) return slackError('invalid_code');
  if (/expired/.test(text)) return slackError('refresh_token_expired');
  return slackError('invalid_refresh_token');
}

/** `user_scope` joins `scope` as `user:<scope>`; Slack needs no `response_type`. */
const slackParams: AuthorizeParamMapper = (params) => {
  const { user_scope: userScope, ...rest } = params;
  const bot = typeof rest['scope'] === 'string' ? rest['scope'] : '';
  const users =
    typeof userScope === 'string'
      ? userScope
          .split(',')
          .map((scope) => scope.trim())
          .filter((scope) => scope !== '')
          .map((scope) => `${USER_SCOPE_PREFIX}${scope}`)
      : [];
  const scope = [bot, ...users].filter((part) => part !== '').join(',');
  return { response_type: 'code', ...rest, ...(scope === '' ? {} : { scope }) };
};

function splitScopes(scopes: readonly string[]): Record<SlackTokenKind, string[]> {
  return {
    bot: scopes.filter((scope) => !scope.startsWith(USER_SCOPE_PREFIX)),
    user: scopes
      .filter((scope) => scope.startsWith(USER_SCOPE_PREFIX))
      .map((scope) => scope.slice(USER_SCOPE_PREFIX.length)),
  };
}

/** The client id a token request names (Basic header first, then the body). */
function requestClientId(authorization: string | undefined, body: unknown): string | undefined {
  const basic = authorization === undefined ? null : parseBasicAuthorization(authorization);
  if (basic !== null) return basic.clientId;
  return isRecord(body) ? field(body, 'client_id') : undefined;
}

/** `oauth/v2/authorize` and `oauth.v2.access` (code exchange and, with rotation, refresh). */
export function slackOAuthRoutes(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  mountAuthorize(router, state, platform, { map: slackParams });

  router.post(platform.paths.token, form, (req, res) => {
    const rotating = rotatesTokens(requestClientId(req.headers.authorization, req.body));
    let refreshKind: SlackTokenKind | undefined;
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const body = readForm(request);
        const code = field(body, 'code');
        const presented = field(body, 'refresh_token');
        const refresh = presented === undefined ? undefined : usableRefresh(state, presented);
        refreshKind = refresh?.kind;
        return {
          // Slack's `grant_type` is optional: a code is an authorization_code grant.
          grantType:
            body['grant_type'] ??
            (code !== undefined
              ? 'authorization_code'
              : presented !== undefined
                ? 'refresh_token'
                : undefined),
          clientId: field(body, 'client_id'),
          clientSecret: field(body, 'client_secret'),
          authorization: request.headers.authorization,
          // A refresh token of a revoked token is as good as unknown.
          grant: {
            ...body,
            ...(presented === undefined ? {} : { refresh_token: refresh?.inner ?? 'revoked' }),
          },
        };
      },
      render: (outcome) =>
        outcome.grantType === 'authorization_code'
          ? installReply(state, outcome, rotating)
          : refreshReply(state, outcome, refreshKind ?? 'bot'),
    });
  });
}

/** The store's refresh token and whose it is; undefined when unknown or its token was revoked. */
function usableRefresh(
  state: SandboxState,
  presented: string,
): { inner: string; kind: SlackTokenKind } | undefined {
  const slack = slackStateOf(state);
  const inner = SLACK_TOKEN.parseRefresh(presented);
  const record = inner === undefined ? undefined : state.grants.findRefreshToken(inner);
  const kind = inner === undefined ? undefined : slack.refreshKinds.get(inner);
  if (inner === undefined || record === undefined || kind === undefined) return undefined;
  if (slack.installs.get(record.grantId)?.revoked.has(kind)) return undefined;
  return { inner, kind };
}

function grantOf(state: SandboxState, accessToken: string): Grant {
  const record = state.grants.findAccessToken(accessToken);
  const grant = record === undefined ? undefined : state.grants.getGrant(record.grantId);
  if (grant === undefined) throw new Error('the sandbox lost a grant it just issued');
  return grant;
}

interface IssuedSlackToken {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
}

function issue(
  state: SandboxState,
  grant: Grant,
  kind: SlackTokenKind,
  scopes: readonly string[],
  rotating: boolean,
): IssuedSlackToken {
  const lifetimes = state.lifetimes.resolve('SLACK', SLACK_LIFETIMES);
  const ttl = rotating ? lifetimes.accessSeconds : NEVER_SECONDS;
  const access = state.grants.issueAccessToken(grant, scopes, ttl);
  const token: IssuedSlackToken = {
    access_token: SLACK_TOKEN.access(kind, access.token, rotating),
  };
  if (!rotating) return token;
  const refresh = state.grants.issueRefreshToken(grant, lifetimes.refreshSeconds, 'sliding');
  slackStateOf(state).refreshKinds.set(refresh.token, kind);
  return { ...token, expires_in: ttl, refresh_token: SLACK_TOKEN.refresh(refresh.token) };
}

/** Rotating tokens live 12 hours; refresh tokens have no expiry (30 days only for PKCE apps). */
export const SLACK_LIFETIMES = { accessSeconds: 43_200, refreshSeconds: null };

function installReply(state: SandboxState, outcome: TokenOutcome, rotating: boolean): HttpReply {
  const grant = grantOf(state, outcome.issued.accessToken);
  const user = outcome.issued.user;
  const scopes = splitScopes(grant.scopes);
  const kinds: SlackTokenKind[] = [];
  if (scopes.bot.length > 0) kinds.push('bot');
  if (scopes.user.length > 0) kinds.push('user');
  const install: SlackInstall = { rotation: rotating, kinds, revoked: new Set() };
  slackStateOf(state).installs.set(grant.id, install);
  const place = installPlace(user);
  const bot = scopes.bot.length > 0 ? issue(state, grant, 'bot', scopes.bot, rotating) : undefined;
  const userToken =
    scopes.user.length > 0
      ? issue(
          state,
          grant,
          'user',
          scopes.user.map((s) => `${USER_SCOPE_PREFIX}${s}`),
          rotating,
        )
      : undefined;
  return tokenReply({
    ok: true,
    app_id: slackAppId(outcome.clientId),
    authed_user: {
      id: slackUserId(user),
      ...(userToken === undefined
        ? {}
        : { scope: scopes.user.join(','), token_type: 'user', ...userToken }),
    },
    ...(bot === undefined
      ? {}
      : {
          scope: scopes.bot.join(','),
          token_type: 'bot',
          ...bot,
          bot_user_id: slackBotUserId(place, outcome.clientId),
        }),
    team: place.team === null ? null : { id: place.team.id, name: place.team.name },
    enterprise: place.enterprise,
    is_enterprise_install: place.enterprise !== null,
  });
}

function refreshReply(state: SandboxState, outcome: TokenOutcome, kind: SlackTokenKind): HttpReply {
  const { issued } = outcome;
  const grant = grantOf(state, issued.accessToken);
  const place = installPlace(issued.user);
  const scopes = splitScopes(grant.scopes);
  if (issued.refreshToken !== null) slackStateOf(state).refreshKinds.set(issued.refreshToken, kind);
  return tokenReply({
    ok: true,
    app_id: slackAppId(outcome.clientId),
    access_token: SLACK_TOKEN.access(kind, issued.accessToken, true),
    expires_in: issued.accessExpiresIn,
    ...(issued.refreshToken === null
      ? {}
      : { refresh_token: SLACK_TOKEN.refresh(issued.refreshToken) }),
    token_type: kind,
    scope: scopes[kind].join(','),
    ...(kind === 'bot' ? { bot_user_id: slackBotUserId(place, outcome.clientId) } : {}),
    team: place.team === null ? null : { id: place.team.id, name: place.team.name },
    enterprise: place.enterprise,
    is_enterprise_install: place.enterprise !== null,
  });
}
