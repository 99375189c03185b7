import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Slack documents (docs.slack.dev: oauth.v2.access, using token rotation,
 * auth.revoke, team.info, auth.teams.list), checked on the wire against a local server standing in
 * for slack.com under `/slack/`.
 */
const CLIENT_ID = '2141029472.691202649728';
const CLIENT_SECRET = 'e1b9e11dfcd19c1982d5de12921e17e8c';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/SLACK';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let slack: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  slack = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => NOW },
  }).get('SLACK');
});

afterEach(() => server.close());

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

const INSTALL = {
  ok: true,
  app_id: 'A0KRD7HC3',
  authed_user: { id: 'U1234', scope: 'search:read', access_token: 'xoxp-1234', token_type: 'user' },
  scope: 'team:read,chat:write,channels:read',
  token_type: 'bot',
  access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  bot_user_id: 'U0KRQLJ9H',
  team: { name: 'Slack Softball Team', id: 'T9TK3CUKW' },
  enterprise: null,
  is_enterprise_install: false,
};

function install(extra: TokenSet['extra'] = {}): TokenSet {
  return {
    accessToken: 'xoxb-1',
    refreshToken: null,
    tokenType: 'bot',
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: [],
    extra: {
      teamId: 'T9TK3CUKW',
      teamName: 'Slack Softball Team',
      isEnterpriseInstall: false,
      ...extra,
    },
  };
}

describe('SLACK adapter, on the wire', () => {
  it('asks bot scopes in `scope` and user scopes in `user_scope`, comma-separated, no PKCE', () => {
    const url = new URL(
      slack.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: [...slack.defaultScopes(), 'user:search:read', 'user:chat:write'],
        codeChallenge: 'ignored',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/slack/oauth/v2/authorize`);
    expect([...url.searchParams]).toEqual([
      ['client_id', CLIENT_ID],
      ['scope', 'team:read,chat:write,channels:read'],
      ['user_scope', 'search:read,chat:write'],
      ['redirect_uri', REDIRECT_URI],
      ['state', 'state-1'],
    ]);
    expect(slack.pkce).toBe('none');
  });

  it('exchanges the code at oauth.v2.access with HTTP Basic: the bot and the user token in extra', async () => {
    server.reply('POST /slack/api/oauth.v2.access', { status: 200, body: INSTALL });

    const tokens = await slack.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
      requestedScopes: ['team:read', 'user:search:read'],
    });

    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/slack/api/oauth.v2.access');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(tokens).toMatchObject({
      accessToken: INSTALL.access_token,
      refreshToken: null,
      tokenType: 'bot',
      expiresAt: null,
      scopes: ['team:read', 'chat:write', 'channels:read', 'user:search:read'],
      extra: {
        botToken: INSTALL.access_token,
        botScopes: ['team:read', 'chat:write', 'channels:read'],
        botUserId: 'U0KRQLJ9H',
        userToken: 'xoxp-1234',
        userScopes: ['search:read'],
        userId: 'U1234',
        teamId: 'T9TK3CUKW',
        tokenRotation: false,
      },
    });
    expect(slack.refreshable(tokens)).toBe(false);
    expect(await slack.identify(tokens)).toEqual({
      externalId: 'T9TK3CUKW',
      displayName: 'Slack Softball Team',
      avatarUrl: null,
    });
  });

  it('with token rotation, refreshes the bot token then the user token, each with its own refresh token', async () => {
    server.reply('POST /slack/api/oauth.v2.access', {
      status: 200,
      body: {
        ...INSTALL,
        access_token: 'xoxe.xoxb-1-a',
        refresh_token: 'xoxe-1-bot',
        expires_in: 43_200,
        authed_user: {
          ...INSTALL.authed_user,
          access_token: 'xoxe.xoxp-1-b',
          refresh_token: 'xoxe-1-user',
          expires_in: 43_200,
        },
      },
    });
    const installed = await slack.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });
    expect(installed.expiresAt).toEqual(new Date('2030-01-01T12:00:00Z'));
    expect(slack.refreshable(installed)).toBe(true);

    server.requests.length = 0;
    server.reply('POST /slack/api/oauth.v2.access', {
      status: 200,
      body: {
        ok: true,
        access_token: 'xoxe.xoxb-1-new',
        refresh_token: 'xoxe-1-new',
        expires_in: 43_200,
        token_type: 'bot',
        scope: 'team:read',
      },
    });
    const refreshed = await slack.refresh({
      refreshToken: installed.refreshToken!,
      scopes: installed.scopes,
    });

    expect(server.requests.map((r) => r.form)).toEqual([
      [
        ['grant_type', 'refresh_token'],
        ['refresh_token', 'xoxe-1-bot'],
      ],
      [
        ['grant_type', 'refresh_token'],
        ['refresh_token', 'xoxe-1-user'],
      ],
    ]);
    for (const request of server.requests) expect(request.headers['authorization']).toBe(BASIC);
    expect(refreshed).toMatchObject({
      accessToken: 'xoxe.xoxb-1-new',
      tokenType: 'bot',
      expiresAt: new Date('2030-01-01T12:00:00Z'),
      extra: { botToken: 'xoxe.xoxb-1-new', userToken: 'xoxe.xoxb-1-new', tokenRotation: true },
    });
    expect(refreshed.refreshToken).not.toBe(installed.refreshToken);
    expect(slack.refreshRotates).toBe(true);
  });

  it('revokes the bot token with auth.revoke (the token authenticates the call)', async () => {
    server.reply('POST /slack/api/auth.revoke', { status: 200, body: { ok: true, revoked: true } });
    expect(await slack.revoke({ accessToken: 'xoxb-1', refreshToken: null })).toEqual({
      revoked: true,
    });
    const [request] = server.requests;
    expect(request.headers['authorization']).toBe('Bearer xoxb-1');
    expect(request.rawBody).toBe('');

    server.reply('POST /slack/api/auth.revoke', {
      status: 200,
      body: { ok: false, error: 'token_revoked' },
    });
    expect(await slack.revoke({ accessToken: 'xoxb-1', refreshToken: null })).toEqual({
      revoked: false,
    });
  });

  it('lists the workspace with team.info, or an org install’s workspaces with auth.teams.list', async () => {
    server.reply('GET /slack/api/team.info', {
      status: 200,
      body: {
        ok: true,
        team: {
          id: 'T9TK3CUKW',
          name: 'Slack Softball Team',
          domain: 'softball',
          icon: { image_132: 'https://a/132.png' },
        },
      },
    });
    const channels = slack.channels!;
    expect(channels.noChannelsParam).toBe('slack-not-enough-workspaces');
    expect(await channels.list(install())).toEqual([
      {
        id: 'T9TK3CUKW',
        name: 'Slack Softball Team',
        avatarUrl: 'https://a/132.png',
        eligible: true,
        detail: 'softball.slack.com',
      },
    ]);
    expect(server.requests[0].headers['authorization']).toBe('Bearer xoxb-1');
    const connection = await channels.connect(install(), 'T9TK3CUKW');
    expect(connection.tokens.extra).toMatchObject({
      teamId: 'T9TK3CUKW',
      teamName: 'Slack Softball Team',
    });

    server.requests.length = 0;
    server.reply('GET /slack/api/auth.teams.list', {
      status: 200,
      body: { ok: true, teams: [], response_metadata: { next_cursor: '' } },
    });
    const orgWide = install({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: null });
    expect(await channels.list(orgWide)).toEqual([]);
    expect(server.requests[0].query).toEqual({ limit: '100', include_icon: 'true' });
    expect(await slack.identify(orgWide)).toMatchObject({ externalId: 'E1' });
  });

  describe('failures: HTTP 200 with ok:false', () => {
    it('invalid_refresh_token → reauth_required', async () => {
      server.reply('POST /slack/api/oauth.v2.access', {
        status: 200,
        body: { ok: false, error: 'invalid_refresh_token' },
      });
      expect(
        await failure(slack.refresh({ refreshToken: 'xoxe-1-bot', scopes: [] })),
      ).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_refresh_token',
      });
    });

    it('bad_client_secret (our app) → transient; missing_scope → permission_lost; token_revoked → reauth_required', async () => {
      server.reply('POST /slack/api/oauth.v2.access', {
        status: 200,
        body: { ok: false, error: 'bad_client_secret' },
      });
      expect(
        (
          await failure(
            slack.exchangeCode({ code: 'c', redirectUri: REDIRECT_URI, codeVerifier: null }),
          )
        ).kind,
      ).toBe('transient');
      server.reply('GET /slack/api/team.info', {
        status: 200,
        body: { ok: false, error: 'missing_scope', needed: 'team:read' },
      });
      expect((await failure(slack.channels!.list(install()))).kind).toBe('permission_lost');
      server.reply('GET /slack/api/team.info', {
        status: 200,
        body: { ok: false, error: 'token_revoked' },
      });
      expect((await failure(slack.channels!.list(install()))).kind).toBe('reauth_required');
    });

    it('429 ratelimited with Retry-After → transient', async () => {
      server.reply('POST /slack/api/oauth.v2.access', {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': '30' },
      });
      expect(
        await failure(slack.refresh({ refreshToken: 'xoxe-1-bot', scopes: [] })),
      ).toMatchObject({
        kind: 'transient',
        retryAfterSeconds: 30,
      });
    });

    it('never puts a token or the client secret in the error', async () => {
      server.reply('POST /slack/api/oauth.v2.access', {
        status: 200,
        body: { ok: false, error: 'invalid_refresh_token', warning: 'xoxe-1-bot' },
      });
      const error = await failure(slack.refresh({ refreshToken: 'xoxe-1-bot', scopes: [] }));
      expect(JSON.stringify(error)).not.toContain('xoxe-1-bot');
      expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
    });
  });
});
