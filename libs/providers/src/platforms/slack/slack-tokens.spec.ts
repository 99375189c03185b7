import { ProviderError } from '../../provider-error';
import { decodeSlackRefresh, encodeSlackRefresh } from './slack-credential';
import { joinSlackScopes, parseSlackInstall, splitSlackScopes } from './slack-tokens';

const NOW = new Date('2030-01-01T00:00:00Z');
const context = { operation: 'exchange' as const, now: NOW, requestedScopes: [] };

describe('Slack scopes', () => {
  it('splits bot scopes from user:-prefixed user scopes, and joins them back', () => {
    expect(
      splitSlackScopes(['chat:write', 'user:chat:write', 'user:search:read', 'user:']),
    ).toEqual({
      bot: ['chat:write'],
      user: ['chat:write', 'search:read'],
    });
    expect(joinSlackScopes(['chat:write'], ['search:read'])).toEqual([
      'chat:write',
      'user:search:read',
    ]);
  });
});

describe('Slack install answer', () => {
  it('without rotation: the bot token, the user token and the workspace, nothing expires', () => {
    const tokens = parseSlackInstall(
      {
        ok: true,
        app_id: 'A0KRD7HC3',
        authed_user: {
          id: 'U1234',
          scope: 'chat:write',
          access_token: 'xoxp-1',
          token_type: 'user',
        },
        scope: 'team:read,chat:write',
        token_type: 'bot',
        access_token: 'xoxb-1',
        bot_user_id: 'U0KRQLJ9H',
        team: { name: 'Slack Softball Team', id: 'T9TK3CUKW' },
        enterprise: null,
        is_enterprise_install: false,
        incoming_webhook: {
          channel: '#general',
          channel_id: 'C1',
          url: 'https://hooks.slack.com/services/secret',
        },
      },
      context,
    );
    expect(tokens).toEqual({
      accessToken: 'xoxb-1',
      refreshToken: null,
      tokenType: 'bot',
      expiresAt: null,
      refreshExpiresAt: null,
      scopes: ['team:read', 'chat:write', 'user:chat:write'],
      extra: {
        appId: 'A0KRD7HC3',
        botToken: 'xoxb-1',
        botScopes: ['team:read', 'chat:write'],
        botUserId: 'U0KRQLJ9H',
        userToken: 'xoxp-1',
        userScopes: ['chat:write'],
        userId: 'U1234',
        teamId: 'T9TK3CUKW',
        teamName: 'Slack Softball Team',
        enterpriseId: null,
        enterpriseName: null,
        isEnterpriseInstall: false,
        tokenRotation: false,
        incomingWebhook: { channel: '#general', channelId: 'C1' },
      },
    });
    expect(JSON.stringify(tokens)).not.toContain('hooks.slack.com');
  });

  it('with rotation: 12-hour tokens, both refresh tokens kept together, the earlier expiry', () => {
    const tokens = parseSlackInstall(
      {
        ok: true,
        access_token: 'xoxe.xoxb-1-a',
        refresh_token: 'xoxe-1-b',
        expires_in: 43200,
        scope: 'team:read',
        authed_user: {
          id: 'U1',
          access_token: 'xoxe.xoxp-1-c',
          refresh_token: 'xoxe-1-d',
          expires_in: 43100,
          scope: 'search:read',
        },
        team: { id: 'T1', name: 'T' },
      },
      context,
    );
    expect(tokens.expiresAt).toEqual(new Date(NOW.getTime() + 43100 * 1000));
    expect(tokens.extra['tokenRotation']).toBe(true);
    expect(decodeSlackRefresh(tokens.refreshToken!)).toEqual({ bot: 'xoxe-1-b', user: 'xoxe-1-d' });
  });

  it('refuses an answer without any token', () => {
    expect(() => parseSlackInstall({ ok: true, team: { id: 'T1' } }, context)).toThrow(
      ProviderError,
    );
  });
});

describe('Slack refresh credential', () => {
  it('round-trips, and a bare token is the bot one', () => {
    const stored = encodeSlackRefresh({ bot: 'xoxe-1-b', user: null })!;
    expect(stored).toMatch(/^slk1\./);
    expect(decodeSlackRefresh(stored)).toEqual({ bot: 'xoxe-1-b', user: null });
    expect(decodeSlackRefresh('xoxe-1-x')).toEqual({ bot: 'xoxe-1-x', user: null });
    expect(encodeSlackRefresh({ bot: null, user: null })).toBeNull();
    expect(decodeSlackRefresh('slk1.!!!')).toEqual({ bot: null, user: null });
  });
});
