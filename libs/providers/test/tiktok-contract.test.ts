import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests TikTok documents for Login Kit v2 on the web (developers.tiktok.com:
 * login-kit-web, oauth-user-access-token-management, oauth-refresh-a-user-access-token,
 * oauth-revoke-a-user-access-token), on the wire under `/tiktok/`.
 */
const CLIENT_KEY = 'tt-client-key';
const CLIENT_SECRET = 'tt-client-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/TIKTOK';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let tiktok: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    TIKTOK_CLIENT_ID: CLIENT_KEY,
    TIKTOK_CLIENT_SECRET: CLIENT_SECRET,
  };
  tiktok = createProviderRegistry({ env, clock: { now: () => NOW } }).get('TIKTOK');
});

afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

function onlyRequest() {
  expect(server.requests).toHaveLength(1);
  return server.requests[0];
}

const TOKEN_ANSWER = {
  access_token: 'act.1',
  expires_in: 7200,
  open_id: '-000abc',
  refresh_expires_in: 15552000,
  refresh_token: 'rft.1',
  scope: 'user.info.basic,video.publish',
  token_type: 'Bearer',
};

const tokens: TokenSet = {
  accessToken: 'act.1',
  refreshToken: 'rft.1',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: { open_id: '-000abc' },
};

describe('TikTok (TIKTOK) adapter, on the wire', () => {
  it('builds the authorize URL with client_key and comma-separated scopes, no PKCE on the web', () => {
    const url = new URL(
      tiktok.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: ['user.info.basic', 'video.publish'],
        codeChallenge: 'ignored',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/tiktok/v2/auth/authorize/`);
    expect([...url.searchParams]).toEqual([
      ['client_key', CLIENT_KEY],
      ['scope', 'user.info.basic,video.publish'],
      ['response_type', 'code'],
      ['redirect_uri', REDIRECT_URI],
      ['state', 'state-1'],
    ]);
    expect(url.searchParams.has('client_id')).toBe(false);
    expect(tiktok.pkce).toBe('none');
  });

  it('exchanges the code: form body with client_key and client_secret, open_id kept in extra', async () => {
    server.reply('POST /tiktok/v2/oauth/token/', { status: 200, body: TOKEN_ANSWER });

    const result = await tiktok.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([
      ['client_key', CLIENT_KEY],
      ['client_secret', CLIENT_SECRET],
      ['code', 'code-1'],
      ['grant_type', 'authorization_code'],
      ['redirect_uri', REDIRECT_URI],
    ]);
    expect(result).toEqual({
      accessToken: 'act.1',
      refreshToken: 'rft.1',
      tokenType: 'Bearer',
      expiresAt: new Date(NOW.getTime() + 7200 * 1000),
      refreshExpiresAt: new Date(NOW.getTime() + 15552000 * 1000),
      scopes: ['user.info.basic', 'video.publish'],
      extra: { open_id: '-000abc' },
    });
  });

  it('refreshes with the refresh_token grant and returns the rotated refresh token', async () => {
    server.reply('POST /tiktok/v2/oauth/token/', {
      status: 200,
      body: { ...TOKEN_ANSWER, access_token: 'act.2', refresh_token: 'rft.2' },
    });

    const result = await tiktok.refresh({ refreshToken: 'rft.1', scopes: [] });

    expect(onlyRequest().form).toEqual([
      ['client_key', CLIENT_KEY],
      ['client_secret', CLIENT_SECRET],
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rft.1'],
    ]);
    expect(result.refreshToken).toBe('rft.2');
    expect(tiktok.refreshRotates).toBe(true);
  });

  it('revokes with the access token', async () => {
    server.reply('POST /tiktok/v2/oauth/revoke/', { status: 200, body: {} });

    expect(await tiktok.revoke({ accessToken: 'act.1', refreshToken: 'rft.1' })).toEqual({
      revoked: true,
    });
    const request = onlyRequest();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual([
      ['client_key', CLIENT_KEY],
      ['client_secret', CLIENT_SECRET],
      ['token', 'act.1'],
    ]);
  });

  it('identifies the account with GET /v2/user/info/?fields=… and a Bearer token', async () => {
    server.reply('GET /tiktok/v2/user/info/', {
      status: 200,
      body: {
        data: {
          user: {
            open_id: '-000abc',
            union_id: 'u-1',
            avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
            display_name: 'Ada',
            username: 'ada',
          },
        },
        error: { code: 'ok', message: '', log_id: '2030' },
      },
    });

    expect(await tiktok.identify(tokens)).toEqual({
      externalId: '-000abc',
      displayName: 'Ada',
      avatarUrl: 'https://p16.tiktokcdn.com/a.jpeg',
    });
    const request = onlyRequest();
    expect(request.method).toBe('GET');
    expect(request.query).toEqual({ fields: 'open_id,union_id,avatar_url,display_name,username' });
    expect(request.headers['authorization']).toBe('Bearer act.1');
  });

  describe('failures', () => {
    it('invalid_grant at the token endpoint (even as an HTTP 200) → reauth_required', async () => {
      server.reply('POST /tiktok/v2/oauth/token/', {
        status: 200,
        body: {
          error: 'invalid_grant',
          error_description: 'Refresh token is invalid.',
          log_id: '1',
        },
      });
      expect(await failure(tiktok.refresh({ refreshToken: 'rft.1', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_grant',
      });
    });

    it('access_token_invalid (401) → reauth_required; scope_not_authorized → permission_lost', async () => {
      server.reply('GET /tiktok/v2/user/info/', {
        status: 401,
        body: { data: {}, error: { code: 'access_token_invalid', message: 'x', log_id: '1' } },
      });
      expect((await failure(tiktok.identify(tokens))).kind).toBe('reauth_required');
      server.reply('GET /tiktok/v2/user/info/', {
        status: 401,
        body: { data: {}, error: { code: 'scope_not_authorized', message: 'x', log_id: '1' } },
      });
      expect((await failure(tiktok.identify(tokens))).kind).toBe('permission_lost');
    });

    it('rate_limit_exceeded (429) → transient with Retry-After', async () => {
      server.reply('GET /tiktok/v2/user/info/', {
        status: 429,
        headers: { 'retry-after': '60' },
        body: { data: {}, error: { code: 'rate_limit_exceeded', message: 'x', log_id: '1' } },
      });
      expect(await failure(tiktok.identify(tokens))).toMatchObject({
        kind: 'transient',
        providerCode: 'rate_limit_exceeded',
        retryAfterSeconds: 60,
      });
    });
  });
});
