import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Discord documents (discord/discord-api-docs `topics/oauth2.mdx`:
 * "Advanced Bot Authorization", token refresh and revocation; `resources/user.mdx`), checked on
 * the wire against a local server standing in for discord.com under `/discord/`.
 */
const CLIENT_ID = 'discord-client';
const CLIENT_SECRET = 'discord-secret';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/DISCORD';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let discord: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  discord = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => NOW },
  }).get('DISCORD');
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

function grant(guild: { id: string; name: string } | null): TokenSet {
  return {
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    tokenType: 'Bearer',
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: ['identify', 'guilds', 'bot'],
    extra: guild === null ? {} : { guild },
  };
}

describe('DISCORD adapter, on the wire', () => {
  it('asks to add the bot with its permissions, PKCE S256, space-separated scopes', () => {
    const url = new URL(
      discord.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: discord.defaultScopes(),
        codeChallenge: 'challenge-1',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/discord/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'identify guilds bot',
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
      permissions: '377957174272',
    });
    expect(url.search).toContain('scope=identify%20guilds%20bot');
  });

  it('exchanges the code (Basic, form, verifier) and keeps the guild the bot was added to', async () => {
    server.reply('POST /discord/api/oauth2/token', {
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: 'at-1',
        expires_in: 604_800,
        refresh_token: 'rt-1',
        scope: 'identify guilds bot',
        guild: {
          id: '290926798626357999',
          name: 'Test',
          icon: null,
          roles: [{ id: 'r' }],
          emojis: [],
        },
      },
    });
    const tokens = await discord.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: 'verifier-1',
    });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/discord/api/oauth2/token');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['user-agent']).toMatch(/^DiscordBot \(https?:\/\/\S+, [\d.]+\)$/);
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
      ['code_verifier', 'verifier-1'],
    ]);
    expect(tokens).toMatchObject({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: new Date('2030-01-08T00:00:00Z'),
      extra: { guild: { id: '290926798626357999', name: 'Test' } },
    });
  });

  it('refreshes and returns the rotated refresh token', async () => {
    server.reply('POST /discord/api/oauth2/token', {
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: 'at-2',
        expires_in: 604_800,
        refresh_token: 'rt-2',
        scope: 'identify',
      },
    });
    const tokens = await discord.refresh({ refreshToken: 'rt-1', scopes: [] });
    expect(server.requests[0].form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt-1'],
    ]);
    expect(server.requests[0].headers['authorization']).toBe(BASIC);
    expect(tokens.refreshToken).toBe('rt-2');
    expect(discord.refreshRotates).toBe(true);
  });

  it('revokes at /api/oauth2/token/revoke (the whole authorization)', async () => {
    server.reply('POST /discord/api/oauth2/token/revoke', { status: 200, body: {} });
    expect(await discord.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: true,
    });
    const [request] = server.requests;
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['token', 'rt-1'],
      ['token_type_hint', 'refresh_token'],
    ]);
  });

  it('identifies the user from /api/v10/users/@me', async () => {
    server.reply('GET /discord/api/v10/users/@me', {
      status: 200,
      body: { id: '80351110224678912', username: 'nelly', global_name: 'Nelly', avatar: null },
    });
    expect(await discord.identify(grant(null))).toEqual({
      externalId: '80351110224678912',
      displayName: 'Nelly',
      avatarUrl: null,
    });
    expect(server.requests[0].headers['authorization']).toBe('Bearer at-1');
  });

  it('lists the servers the user may add bots to; only the one the bot joined is eligible', async () => {
    server.reply('GET /discord/api/v10/users/@me/guilds', {
      status: 200,
      body: [
        { id: '1', name: 'Mine', icon: 'abc', owner: true, permissions: '0' },
        { id: '2', name: 'Managed', icon: null, owner: false, permissions: String(1 << 5) },
        { id: '3', name: 'Member only', icon: null, owner: false, permissions: '1024' },
      ],
    });
    const channels = discord.channels!;
    expect(channels.noChannelsParam).toBe('discord-not-enough-servers');
    const listed = await channels.list(grant({ id: '2', name: 'Managed' }));
    expect(listed.map((c) => [c.id, c.eligible])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    expect(listed[0].avatarUrl).toBe('https://cdn.discordapp.com/icons/1/abc.png');
    expect(server.requests[0].headers['authorization']).toBe('Bearer at-1');

    const connection = await channels.connect(grant({ id: '2', name: 'Managed' }), '2');
    expect(connection).toMatchObject({ externalId: '2', displayName: 'Managed' });
    expect(connection.tokens.extra).toMatchObject({ guildId: '2', guildName: 'Managed' });
    await expect(channels.connect(grant({ id: '2', name: 'Managed' }), '1')).rejects.toMatchObject({
      kind: 'permission_lost',
    });
  });

  it('without a guild in the token answer nothing is eligible', async () => {
    server.reply('GET /discord/api/v10/users/@me/guilds', {
      status: 200,
      body: [{ id: '1', name: 'Mine', icon: null, owner: true, permissions: '0' }],
    });
    expect((await discord.channels!.list(grant(null))).every((c) => !c.eligible)).toBe(true);
  });

  describe('failures', () => {
    it('a used or revoked refresh token (invalid_grant) → reauth_required', async () => {
      server.reply('POST /discord/api/oauth2/token', {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid "refresh_token" in request' },
      });
      expect(await failure(discord.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_grant',
      });
    });

    it('429 waits for Retry-After, or the body’s retry_after', async () => {
      server.reply('POST /discord/api/oauth2/token', {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 2.5, global: false },
      });
      expect(await failure(discord.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'transient',
        retryAfterSeconds: 3,
      });
    });

    it('401 / 50025 on the API → reauth_required; 403 Missing Access → permission_lost', async () => {
      server.reply('GET /discord/api/v10/users/@me', {
        status: 401,
        body: { message: '401: Unauthorized', code: 0 },
      });
      expect((await failure(discord.identify(grant(null)))).kind).toBe('reauth_required');
      server.reply('GET /discord/api/v10/users/@me/guilds', {
        status: 403,
        body: { message: 'Missing Access', code: 50001 },
      });
      expect((await failure(discord.channels!.list(grant(null)))).kind).toBe('permission_lost');
    });
  });
});
