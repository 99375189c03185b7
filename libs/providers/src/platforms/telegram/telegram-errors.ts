/** Codes a Telegram connect answers with (gateway: 4xx unless the platform is down). */
export const TelegramErrorCodes = {
  /** The token is malformed or Telegram refused it (`getMe` → 401). */
  invalidBotToken: 'telegram-invalid-bot-token',
  /** No chat with that id or @username is visible to the bot. */
  channelNotFound: 'telegram-channel-not-found',
  /** The chat is a private conversation with a user, not a channel or group. */
  notAChannel: 'telegram-not-a-channel',
  /** The bot is not an administrator of the channel. */
  botNotAdmin: 'telegram-bot-not-admin',
  /** The bot is an administrator without the right to post messages. */
  botCannotPost: 'telegram-bot-cannot-post',
} as const;

/** The exact message for `telegram-bot-not-admin`. */
export const BOT_NOT_ADMIN_MESSAGE = 'the bot is not an administrator of the channel';
