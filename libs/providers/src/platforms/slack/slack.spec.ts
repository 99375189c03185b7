import { createHttpClient } from '../../http';
import { isProviderError } from '../../provider-error';
import { fakeFetch, fixedClock, type FakeReply } from '../../spec-support/fake-fetch';
import { decodeSlackRefresh, encodeSlackRefresh } from './slack-credential';
import { slackPlatform } from './slack';

const clock = fixedClock('2030-01-01T00:00:00Z');
const HELD = encodeSlackRefresh({ bot: 'xoxe-1-bot', user: 'xoxe-1-user' })!;
const SCOPES = ['team:read', 'user:search:read'];

function adapter(...replies: FakeReply[]) {
  const fetch = fakeFetch(...replies);
  const slack = slackPlatform.create({
    credentials: { clientId: 'id', clientSecret: 'secret' },
    endpoint: (url) => url,
    http: createHttpClient({ fetch }),
    clock,
  });
  return { slack, fetch };
}

const rotated = (token: string, refresh: string, kind: 'bot' | 'user'): FakeReply => ({
  status: 200,
  body: {
    ok: true,
    access_token: token,
    refresh_token: refresh,
    expires_in: 43_200,
    token_type: kind,
  },
});

describe('Slack refresh with rotation', () => {
  it('keeps the new bot token when the user refresh fails for a while, and retries it next time', async () => {
    const { slack } = adapter(rotated('xoxe.xoxb-2', 'xoxe-1-bot2', 'bot'), {
      status: 200,
      body: { ok: false, error: 'internal_error' },
    });
    const tokens = await slack.refresh({ refreshToken: HELD, scopes: SCOPES });
    expect(tokens.accessToken).toBe('xoxe.xoxb-2');
    expect(decodeSlackRefresh(tokens.refreshToken!)).toEqual({
      bot: 'xoxe-1-bot2',
      user: 'xoxe-1-user',
    });
    // the user token is not in the answer: the vault keeps the one it holds
    expect(tokens.extra).not.toHaveProperty('userToken');
    expect(tokens.scopes).toEqual(['team:read', 'user:search:read']);
  });

  it('drops the user token when Slack says it is dead, and keeps the bot going', async () => {
    const { slack } = adapter(rotated('xoxe.xoxb-2', 'xoxe-1-bot2', 'bot'), {
      status: 200,
      body: { ok: false, error: 'invalid_refresh_token' },
    });
    const tokens = await slack.refresh({ refreshToken: HELD, scopes: SCOPES });
    expect(decodeSlackRefresh(tokens.refreshToken!)).toEqual({ bot: 'xoxe-1-bot2', user: null });
    expect(tokens.extra).toMatchObject({ userToken: null, userScopes: [] });
    expect(tokens.scopes).toEqual(['team:read']);
  });

  it('fails as the bot refresh fails, before touching the user token', async () => {
    const { slack, fetch } = adapter({
      status: 200,
      body: { ok: false, error: 'invalid_refresh_token' },
    });
    const error: unknown = await slack
      .refresh({ refreshToken: HELD, scopes: SCOPES })
      .catch((e: unknown) => e);
    expect(isProviderError(error) && error.kind).toBe('reauth_required');
    expect(fetch.seen).toHaveLength(1);
  });

  it('refuses a credential that holds nothing', async () => {
    const { slack } = adapter({ status: 200 });
    await expect(slack.refresh({ refreshToken: 'slk1.e30', scopes: [] })).rejects.toMatchObject({
      kind: 'reauth_required',
    });
  });
});

describe('Slack revoke', () => {
  it('an expired rotating bot token is refreshed first, then revoked; the user token too', async () => {
    const { slack, fetch } = adapter(
      { status: 200, body: { ok: false, error: 'token_expired' } },
      rotated('xoxe.xoxb-3', 'xoxe-1-bot3', 'bot'),
      { status: 200, body: { ok: true, revoked: true } },
      rotated('xoxe.xoxp-3', 'xoxe-1-user3', 'user'),
      { status: 200, body: { ok: true, revoked: true } },
    );
    expect(await slack.revoke({ accessToken: 'xoxe.xoxb-2', refreshToken: HELD })).toEqual({
      revoked: true,
    });
    expect(
      fetch.seen.map(
        (r) => `${r.url.replace('https://slack.com/api/', '')} ${r.headers['authorization'] ?? ''}`,
      ),
    ).toEqual([
      'auth.revoke Bearer xoxe.xoxb-2',
      `oauth.v2.access Basic ${Buffer.from('id:secret').toString('base64')}`,
      'auth.revoke Bearer xoxe.xoxb-3',
      `oauth.v2.access Basic ${Buffer.from('id:secret').toString('base64')}`,
      'auth.revoke Bearer xoxe.xoxp-3',
    ]);
  });

  it('a transient failure is an error (the vault retries later)', async () => {
    const { slack } = adapter({ status: 503, body: 'unavailable' });
    await expect(slack.revoke({ accessToken: 'xoxb-1', refreshToken: null })).rejects.toMatchObject(
      {
        kind: 'transient',
      },
    );
  });
});
