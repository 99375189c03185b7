import type { TokenSet } from '../../adapter';
import {
  isJsonObject,
  numberField,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import { parseScopes } from '../../oauth2/token-response';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { encodeSlackRefresh } from './slack-credential';
import { SLACK_USER_SCOPE_PREFIX } from './slack-endpoints';

/** One token of an `oauth.v2.access` answer: the bot's (top level) or the user's (`authed_user`). */
export interface SlackToken {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
}

/** Bot scopes and `user:`-prefixed user scopes, from Switchboard's one list. */
export function splitSlackScopes(scopes: readonly string[]): { bot: string[]; user: string[] } {
  const bot: string[] = [];
  const user: string[] = [];
  for (const scope of scopes) {
    if (scope.startsWith(SLACK_USER_SCOPE_PREFIX)) {
      const name = scope.slice(SLACK_USER_SCOPE_PREFIX.length);
      if (name.length > 0) user.push(name);
    } else if (scope.length > 0) {
      bot.push(scope);
    }
  }
  return { bot, user };
}

export function joinSlackScopes(bot: readonly string[], user: readonly string[]): string[] {
  return [...new Set([...bot, ...user.map((scope) => `${SLACK_USER_SCOPE_PREFIX}${scope}`)])];
}

/** A token from an object carrying `access_token`, `refresh_token`, `expires_in`, `scope`. */
export function slackToken(
  source: JsonValue | undefined,
  now: Date,
  requestedScopes: readonly string[],
): SlackToken | null {
  const accessToken = stringField(source, 'access_token');
  if (accessToken === null) return null;
  const expiresIn = numberField(source, 'expires_in');
  return {
    accessToken,
    refreshToken: stringField(source, 'refresh_token'),
    expiresAt:
      expiresIn !== null && expiresIn > 0 ? new Date(now.getTime() + expiresIn * 1000) : null,
    scopes: (isJsonObject(source ?? null)
      ? parseScopes((source as JsonObject)['scope'])
      : null) ?? [...requestedScopes],
  };
}

export function earliest(...dates: (Date | null | undefined)[]): Date | null {
  const known = dates.filter((date): date is Date => date instanceof Date);
  if (known.length === 0) return null;
  return new Date(Math.min(...known.map((date) => date.getTime())));
}

/**
 * An install (`oauth.v2.access` with a code) → TokenSet. The access token is the bot token (the
 * user token when the install asked for user scopes only); `extra` carries both tokens, their
 * scopes and ids, and the workspace; the refresh credential holds both refresh tokens when the
 * app rotates tokens (see `slack-credential.ts`); `expiresAt` is the earlier of the two.
 */
export function parseSlackInstall(
  body: JsonValue,
  context: { operation: ProviderOperation; now: Date; requestedScopes: readonly string[] },
): TokenSet {
  const requested = splitSlackScopes(context.requestedScopes);
  const bot = slackToken(body, context.now, requested.bot);
  const authedUser = objectField(body, 'authed_user');
  const user = slackToken(authedUser ?? undefined, context.now, requested.user);
  const primary = bot ?? user;
  if (primary === null) {
    throw new ProviderError({
      kind: 'transient',
      message: `SLACK ${context.operation} failed: the oauth.v2.access answer has no access_token`,
    });
  }
  const team = objectField(body, 'team');
  const enterprise = objectField(body, 'enterprise');
  const extra: JsonObject = {
    appId: stringField(body, 'app_id'),
    botToken: bot?.accessToken ?? null,
    botScopes: bot?.scopes ?? [],
    botUserId: stringField(body, 'bot_user_id'),
    userToken: user?.accessToken ?? null,
    userScopes: user?.scopes ?? [],
    userId: stringField(authedUser, 'id'),
    teamId: stringField(team, 'id'),
    teamName: stringField(team, 'name'),
    enterpriseId: stringField(enterprise, 'id'),
    enterpriseName: stringField(enterprise, 'name'),
    isEnterpriseInstall: isJsonObject(body) && body['is_enterprise_install'] === true,
    tokenRotation: primary.refreshToken !== null,
  };
  const incoming = objectField(body, 'incoming_webhook');
  if (incoming) {
    // The webhook URL is a credential; only where it posts is kept outside the token fields.
    extra['incomingWebhook'] = {
      channel: stringField(incoming, 'channel'),
      channelId: stringField(incoming, 'channel_id'),
    };
  }
  return {
    accessToken: primary.accessToken,
    refreshToken: encodeSlackRefresh({
      bot: bot?.refreshToken ?? null,
      user: user?.refreshToken ?? null,
    }),
    tokenType: bot ? 'bot' : 'user',
    expiresAt: earliest(bot?.expiresAt, user?.expiresAt),
    refreshExpiresAt: null,
    scopes: joinSlackScopes(bot?.scopes ?? [], user?.scopes ?? []),
    extra,
  };
}
