import { createHttpClient } from '../../http';
import { fakeFetch } from '../../spec-support/fake-fetch';
import { verifyTelegramBot } from './telegram-bot';
import { BOT_NOT_ADMIN_MESSAGE } from './telegram-errors';

const TOKEN = '123456:ABCdefGhIJKlmnoPQRstuVWXyz_0123456789';
const me = {
  status: 200,
  body: { ok: true, result: { id: 123456, is_bot: true, username: 'sb_bot' } },
};
const chat = {
  status: 200,
  body: {
    ok: true,
    result: { id: -1001234567890, type: 'channel', title: 'News', username: 'news' },
  },
};
const admin = {
  status: 200,
  body: { ok: true, result: { status: 'administrator', can_post_messages: true } },
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function verify(
  fetch: ReturnType<typeof fakeFetch>,
  input = { botToken: TOKEN, channel: '@news' },
) {
  return verifyTelegramBot(createHttpClient({ fetch }), (url) => url, input);
}

describe('Telegram bot verification, exact requests', () => {
  it('calls getMe, getChat, getChatMember(bot) and answers the channel with the bot token', async () => {
    const fetch = fakeFetch(me, chat, admin);
    const connection = await verify(fetch);
    expect(fetch.seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', `https://api.telegram.org/bot${TOKEN}/getMe`, '{}'],
      ['POST', `https://api.telegram.org/bot${TOKEN}/getChat`, '{"chat_id":"@news"}'],
      [
        'POST',
        `https://api.telegram.org/bot${TOKEN}/getChatMember`,
        '{"chat_id":-1001234567890,"user_id":123456}',
      ],
    ]);
    expect(connection.identity).toEqual({
      externalId: '-1001234567890',
      displayName: 'News',
      avatarUrl: null,
    });
    expect(connection.tokens).toMatchObject({
      accessToken: TOKEN,
      refreshToken: null,
      expiresAt: null,
      extra: { chatId: '-1001234567890', botId: '123456', botUsername: 'sb_bot' },
    });
  });

  it('says telegram-bot-not-admin, exactly, for a member bot', async () => {
    const member = { status: 200, body: { ok: true, result: { status: 'member' } } };
    await expect(verify(fakeFetch(me, chat, member))).rejects.toMatchObject({
      code: 'telegram-bot-not-admin',
      message: BOT_NOT_ADMIN_MESSAGE,
    });
  });

  it('says telegram-bot-cannot-post for an admin without the right to post', async () => {
    const limited = {
      status: 200,
      body: { ok: true, result: { status: 'administrator', can_post_messages: false } },
    };
    await expect(verify(fakeFetch(me, chat, limited))).rejects.toMatchObject({
      code: 'telegram-bot-cannot-post',
    });
  });

  it('refuses a malformed token without calling Telegram, and a refused one after getMe', async () => {
    const fetch = fakeFetch();
    await expect(verify(fetch, { botToken: 'nope', channel: '@news' })).rejects.toMatchObject({
      code: 'telegram-invalid-bot-token',
    });
    expect(fetch.seen).toHaveLength(0);
    const refused = fakeFetch({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    await expect(verify(refused)).rejects.toMatchObject({ code: 'telegram-invalid-bot-token' });
  });

  it('says telegram-channel-not-found for an unknown chat', async () => {
    const missing = {
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    };
    await expect(verify(fakeFetch(me, missing))).rejects.toMatchObject({
      code: 'telegram-channel-not-found',
    });
  });

  it('rate limits and outages are rate-limited / service-unavailable, never quoting the token', async () => {
    const limited = {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests',
        parameters: { retry_after: 7 },
      },
    };
    const error = await failure(verify(fakeFetch(limited)));
    expect(error).toMatchObject({ code: 'rate-limited' });
    expect(error.message).toContain('7 s');
    const down = await failure(verify(fakeFetch({ status: 502, body: 'bad gateway' })));
    expect(down).toMatchObject({ code: 'service-unavailable' });
    expect(down.message).not.toContain(TOKEN);
  });
});
