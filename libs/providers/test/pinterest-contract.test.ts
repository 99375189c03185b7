import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Pinterest API v5 documents (pinterest/api-description v5/openapi.yaml:
 * `/oauth/token`, `/oauth/token/revoke`, `/user_account`, `/boards`), checked on the wire against
 * a local server standing in for www.pinterest.com and api.pinterest.com under `/pinterest/`.
 */
const CLIENT_ID = 'pin-client';
const CLIENT_SECRET = 'pin-secret';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/PINTEREST';
const NOW = new Date('2030-01-01T00:00:00Z');
const SECONDS = NOW.getTime() / 1000;

let server: RecordingServer;
let pinterest: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  pinterest = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      PINTEREST_CLIENT_ID: CLIENT_ID,
      PINTEREST_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => NOW },
  }).get('PINTEREST');
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

function grant(extra: TokenSet['extra'] = {}): TokenSet {
  return {
    accessToken: 'pina_at-1',
    refreshToken: 'pinr_rt-1',
    tokenType: 'bearer',
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: [],
    extra,
  };
}

function onlyRequest() {
  expect(server.requests).toHaveLength(1);
  return server.requests[0];
}

describe('PINTEREST adapter, on the wire', () => {
  it('builds the authorization URL on www.pinterest.com with comma-separated scopes and no PKCE', () => {
    const url = new URL(
      pinterest.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: pinterest.defaultScopes(),
        codeChallenge: 'ignored',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/pinterest/oauth/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'boards:read,user_accounts:read,boards:write,pins:read,pins:write',
      state: 'state-1',
    });
    expect(pinterest.pkce).toBe('none');
  });

  it('exchanges the code with HTTP Basic and asks for a continuous refresh token', async () => {
    server.reply('POST /pinterest/v5/oauth/token', {
      status: 200,
      body: {
        access_token: 'pina_at-1',
        refresh_token: 'pinr_rt-1',
        response_type: 'authorization_code',
        token_type: 'bearer',
        expires_in: 2_592_000,
        refresh_token_expires_in: 5_184_000,
        refresh_token_expires_at: SECONDS + 5_184_000,
        scope: 'boards:read,user_accounts:read',
      },
    });

    const tokens = await pinterest.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/pinterest/v5/oauth/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
      ['continuous_refresh', 'true'],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(tokens).toMatchObject({
      accessToken: 'pina_at-1',
      refreshToken: 'pinr_rt-1',
      expiresAt: new Date('2030-01-31T00:00:00Z'),
      refreshExpiresAt: new Date('2030-03-02T00:00:00Z'),
      scopes: ['boards:read', 'user_accounts:read'],
    });
  });

  it('refreshes and keeps the new refresh token with its expiry (refresh_token_expires_at alone too)', async () => {
    server.reply('POST /pinterest/v5/oauth/token', {
      status: 200,
      body: {
        access_token: 'pina_at-2',
        refresh_token: 'pinr_rt-2',
        response_type: 'refresh_token',
        token_type: 'bearer',
        expires_in: 2_592_000,
        refresh_token_expires_at: SECONDS + 86_400,
        scope: 'boards:read,user_accounts:read',
      },
    });

    const tokens = await pinterest.refresh({ refreshToken: 'pinr_rt-1', scopes: [] });

    expect(onlyRequest().form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'pinr_rt-1'],
    ]);
    expect(onlyRequest().headers['authorization']).toBe(BASIC);
    expect(tokens.refreshToken).toBe('pinr_rt-2');
    expect(tokens.refreshExpiresAt).toEqual(new Date('2030-01-02T00:00:00Z'));
    expect(pinterest.refreshRotates).toBe(true);
  });

  it('revokes with HTTP Basic; a refusal for a user token means "not revoked"', async () => {
    server.reply('POST /pinterest/v5/oauth/token/revoke', {
      status: 403,
      body: { code: 29, message: 'Only tokens issued for system users can be revoked.' },
    });
    expect(await pinterest.revoke({ accessToken: 'pina_at-1', refreshToken: 'pinr_rt-1' })).toEqual(
      {
        revoked: false,
      },
    );
    const request = onlyRequest();
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['token', 'pinr_rt-1'],
      ['token_type_hint', 'refresh_token'],
    ]);

    server.reply('POST /pinterest/v5/oauth/token/revoke', { status: 200, body: {} });
    expect(await pinterest.revoke({ accessToken: 'pina_at-1', refreshToken: null })).toEqual({
      revoked: true,
    });
  });

  it('identifies the account from /v5/user_account', async () => {
    server.reply('GET /pinterest/v5/user_account', {
      status: 200,
      body: {
        account_type: 'BUSINESS',
        id: '549755885175',
        username: 'ann',
        profile_image: 'https://i/a.jpg',
      },
    });
    expect(await pinterest.identify(grant())).toEqual({
      externalId: '549755885175',
      displayName: 'ann',
      avatarUrl: 'https://i/a.jpg',
    });
    expect(onlyRequest().headers['authorization']).toBe('Bearer pina_at-1');
  });

  it('lists boards (250 a page) and connects the chosen one with the board in extra', async () => {
    server.reply('GET /pinterest/v5/boards', {
      status: 200,
      body: {
        items: [
          { id: '1001', name: 'Recipes', privacy: 'PUBLIC', owner: { username: 'ann' } },
          { id: 'not-numeric', name: 'Broken' },
        ],
        bookmark: null,
      },
    });
    const channels = pinterest.channels!;
    expect(channels.noChannelsParam).toBe('pinterest-not-enough-boards');
    expect(channels.multiple).toBe(false);
    expect(await channels.list(grant())).toEqual([
      { id: '1001', name: 'Recipes', avatarUrl: null, eligible: true, detail: 'public · by @ann' },
    ]);
    expect(server.requests[0].query).toEqual({ page_size: '250' });
    expect(server.requests[0].headers['authorization']).toBe('Bearer pina_at-1');

    const connection = await channels.connect(grant(), '1001');
    expect(connection).toMatchObject({ externalId: '1001', displayName: 'Recipes' });
    expect(connection.tokens.extra).toMatchObject({ boardId: '1001', boardName: 'Recipes' });
    expect(connection.tokens.refreshToken).toBe('pinr_rt-1');
    await expect(channels.connect(grant(), '999')).rejects.toMatchObject({
      kind: 'permission_lost',
    });
  });

  describe('failures', () => {
    it('a refresh token Pinterest no longer accepts → reauth_required', async () => {
      server.reply('POST /pinterest/v5/oauth/token', {
        status: 400,
        body: { code: 1, message: 'Refresh token has expired' },
      });
      expect(
        await failure(pinterest.refresh({ refreshToken: 'pinr_rt-1', scopes: [] })),
      ).toMatchObject({
        kind: 'reauth_required',
        status: 400,
        providerCode: '1',
      });
    });

    it('401 on the API → reauth_required; 403 → permission_lost', async () => {
      server.reply('GET /pinterest/v5/user_account', {
        status: 401,
        body: { code: 2, message: 'Authentication failed.' },
      });
      expect((await failure(pinterest.identify(grant()))).kind).toBe('reauth_required');
      server.reply('GET /pinterest/v5/boards', {
        status: 403,
        body: { code: 29, message: 'Not permitted' },
      });
      expect((await failure(pinterest.channels!.list(grant()))).kind).toBe('permission_lost');
    });

    it('429 with Retry-After and 5xx → transient', async () => {
      server.reply('POST /pinterest/v5/oauth/token', {
        status: 429,
        body: { code: 8, message: 'Rate limited' },
        headers: { 'retry-after': '120' },
      });
      expect(
        await failure(pinterest.refresh({ refreshToken: 'pinr_rt-1', scopes: [] })),
      ).toMatchObject({
        kind: 'transient',
        retryAfterSeconds: 120,
      });
      server.reply('POST /pinterest/v5/oauth/token', { status: 503, body: 'unavailable' });
      expect(
        (await failure(pinterest.refresh({ refreshToken: 'pinr_rt-1', scopes: [] }))).kind,
      ).toBe('transient');
    });

    it('never puts the refresh token or the client secret in the error', async () => {
      server.reply('POST /pinterest/v5/oauth/token', {
        status: 400,
        body: { code: 1, message: 'Refresh token pinr_rt-1 is invalid' },
      });
      const error = await failure(pinterest.refresh({ refreshToken: 'pinr_rt-1', scopes: [] }));
      expect(JSON.stringify(error)).not.toContain('pinr_rt-1');
      expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
    });
  });
});
