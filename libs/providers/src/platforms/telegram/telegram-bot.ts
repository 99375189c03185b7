import { CodedError, ErrorCodes } from '@switchboard/contracts';
import type { TokenSet } from '../../adapter';
import type { DirectConnection } from '../../direct-connect';
import type { HttpClient, HttpResponse } from '../../http';
import {
  isJsonObject,
  numberField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import { BOT_NOT_ADMIN_MESSAGE, TelegramErrorCodes } from './telegram-errors';

export const TELEGRAM_API = 'https://api.telegram.org';

/** BotFather's format, `<bot id>:<secret>` (Nango checks `^[0-9]+:[a-zA-Z0-9_-]+$`). */
const BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,200}$/;
/** A public channel's `@username`, or a numeric chat id (channels' are negative). */
const CHANNEL = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$/;
const ADMIN_STATUSES = new Set(['creator', 'administrator']);

export interface TelegramBotInput {
  botToken: string;
  channel: string;
}

type Call = (method: string, body?: JsonObject) => Promise<JsonValue>;

/**
 * Checks a bot token and a channel the way Telegram allows: `getMe` (the token works and names the
 * bot), `getChat` (the channel exists for the bot), `getChatMember(channel, bot)` (the bot is an
 * administrator allowed to post). Answers the channel as the account and the bot token as its
 * credential (no expiry, nothing to refresh). Errors are `CodedError`s with the documented codes;
 * no message ever carries the token (it sits in the request path, so no URL is quoted either).
 */
export async function verifyTelegramBot(
  http: HttpClient,
  endpoint: (realUrl: string) => string,
  input: TelegramBotInput,
): Promise<DirectConnection> {
  const botToken = input.botToken.trim();
  const channel = input.channel.trim();
  if (!BOT_TOKEN.test(botToken)) {
    throw new CodedError(
      TelegramErrorCodes.invalidBotToken,
      'botToken is not a Telegram bot token (<bot id>:<secret>, from @BotFather)',
    );
  }
  if (!CHANNEL.test(channel)) {
    throw new CodedError(
      ErrorCodes.validation,
      'channel must be the channel’s @username or its numeric chat id',
    );
  }
  const call: Call = (method, body) => callBotApi(http, endpoint, botToken, method, body);

  const me = await call('getMe').catch((error: unknown) => {
    if (error instanceof BotApiError && (error.status === 401 || error.status === 404)) {
      throw new CodedError(TelegramErrorCodes.invalidBotToken, 'Telegram refused the bot token');
    }
    throw error;
  });
  const botId = numberField(me, 'id');
  if (botId === null) throw unavailable('getMe answered without the bot id');

  const chat = await call('getChat', { chat_id: channel }).catch((error: unknown) => {
    if (error instanceof BotApiError && error.status === 400) {
      throw new CodedError(
        TelegramErrorCodes.channelNotFound,
        `no channel ${channel} is visible to the bot`,
      );
    }
    if (error instanceof BotApiError && error.status === 403) {
      throw new CodedError(TelegramErrorCodes.botNotAdmin, BOT_NOT_ADMIN_MESSAGE);
    }
    throw error;
  });
  const chatId = numberField(chat, 'id');
  const chatType = stringField(chat, 'type');
  if (chatId === null || chatType === null) throw unavailable('getChat answered without the chat');
  if (chatType === 'private') {
    throw new CodedError(TelegramErrorCodes.notAChannel, `${channel} is not a channel or group`);
  }

  const member = await call('getChatMember', { chat_id: chatId, user_id: botId }).catch(
    (error: unknown) => {
      if (error instanceof BotApiError && (error.status === 400 || error.status === 403)) {
        throw new CodedError(TelegramErrorCodes.botNotAdmin, BOT_NOT_ADMIN_MESSAGE);
      }
      throw error;
    },
  );
  const status = stringField(member, 'status');
  if (status === null || !ADMIN_STATUSES.has(status)) {
    throw new CodedError(TelegramErrorCodes.botNotAdmin, BOT_NOT_ADMIN_MESSAGE);
  }
  if (
    chatType === 'channel' &&
    status === 'administrator' &&
    isJsonObject(member) &&
    member['can_post_messages'] === false
  ) {
    throw new CodedError(
      TelegramErrorCodes.botCannotPost,
      'the bot is an administrator of the channel but may not post messages',
    );
  }

  const title = stringField(chat, 'title') ?? stringField(chat, 'username') ?? String(chatId);
  const username = stringField(chat, 'username');
  const tokens: TokenSet = {
    accessToken: botToken,
    refreshToken: null,
    tokenType: 'bot',
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: [],
    extra: {
      chatId: String(chatId),
      chatType,
      chatTitle: title,
      ...(username ? { chatUsername: username } : {}),
      botId: String(botId),
      ...(stringField(me, 'username') ? { botUsername: stringField(me, 'username') } : {}),
    },
  };
  return {
    identity: { externalId: String(chatId), displayName: title, avatarUrl: null },
    tokens,
  };
}

/** A Bot API answer `{ok: false, error_code, description}` (or a bare HTTP error). */
class BotApiError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: number | null,
  ) {
    super(`Telegram answered ${status}`);
  }
}

async function callBotApi(
  http: HttpClient,
  endpoint: (realUrl: string) => string,
  botToken: string,
  method: string,
  body?: JsonObject,
): Promise<JsonValue> {
  let response: HttpResponse;
  try {
    response = await http.request({
      provider: 'TELEGRAM',
      operation: 'identify',
      method: 'POST',
      url: endpoint(`${TELEGRAM_API}/bot${botToken}/${method}`),
      body: { json: body ?? {} },
    });
  } catch {
    // the network error quotes the URL, which holds the token: say only what failed
    throw unavailable(`${method} failed: Telegram did not answer`);
  }
  const value = response.body.kind === 'json' ? response.body.value : null;
  if (response.status === 200 && isJsonObject(value) && value['ok'] === true) {
    return value['result'] ?? null;
  }
  const status = numberField(value, 'error_code') ?? response.status;
  const parameters = isJsonObject(value) ? value['parameters'] : null;
  const retryAfter = numberField(parameters ?? null, 'retry_after');
  if (status === 429) {
    throw new CodedError(
      ErrorCodes.rateLimited,
      `Telegram is rate-limiting the bot${retryAfter === null ? '' : `; retry after ${retryAfter} s`}`,
    );
  }
  if (status >= 500 || status === 0)
    throw unavailable(`${method} failed: Telegram answered ${status}`);
  throw new BotApiError(status, retryAfter);
}

function unavailable(what: string): CodedError {
  return new CodedError(ErrorCodes.unavailable, `Telegram: ${what}`);
}
