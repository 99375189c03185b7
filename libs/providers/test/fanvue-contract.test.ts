import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Fanvue's OAuth documents (api.fanvue.com/docs authentication pages and the
 * official fanvue/fanvue-app-starter `src/lib/oauth.ts`), checked on the wire against a local
 * server standing in for auth.fanvue.com and api.fanvue.com under `/fanvue/`.
 */
const CLIENT_ID = 'fanvue-client';
const CLIENT_SECRET = 'fanvue-secret';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/FANVUE';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let fanvue: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  fanvue = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      FANVUE_CLIENT_ID: CLIENT_ID,
      FANVUE_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => NOW },
  }).get('FANVUE');
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

const tokens: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  tokenType: 'bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: {},
};

describe('FANVUE adapter, on the wire', () => {
  it('requires PKCE S256 and asks for the system scopes', () => {
    const url = new URL(
      fanvue.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: [...fanvue.defaultScopes(), 'write:post'],
        codeChallenge: 'challenge-1',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/fanvue/oauth2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid offline_access offline read:self write:post',
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
    expect(() =>
      fanvue.authorizationUrl({
        state: 's',
        redirectUri: REDIRECT_URI,
        scopes: [],
        codeChallenge: null,
      }),
    ).toThrow(ProviderError);
  });

  it('exchanges the code like the official starter: Basic, client_id and the verifier in the body', async () => {
    server.reply('POST /fanvue/oauth2/token', {
      status: 200,
      body: {
        access_token: 'at-1',
        expires_in: 3599,
        refresh_token: 'rt-1',
        scope: 'openid offline_access offline read:self',
        token_type: 'bearer',
      },
    });
    const result = await fanvue.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: 'v-1',
    });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/fanvue/oauth2/token');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
      ['code_verifier', 'v-1'],
      ['client_id', CLIENT_ID],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(request.headers['x-fanvue-api-version']).toBeUndefined();
    expect(result).toMatchObject({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: new Date('2030-01-01T00:59:59Z'),
    });
  });

  it('refreshes with the single-use refresh token and returns the rotated one', async () => {
    server.reply('POST /fanvue/oauth2/token', {
      status: 200,
      body: { access_token: 'at-2', expires_in: 3600, refresh_token: 'rt-2', token_type: 'bearer' },
    });
    const result = await fanvue.refresh({ refreshToken: 'rt-1', scopes: ['read:self'] });
    expect(server.requests[0].form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt-1'],
      ['client_id', CLIENT_ID],
    ]);
    expect(result).toMatchObject({ refreshToken: 'rt-2', scopes: ['read:self'] });
    expect(fanvue.refreshRotates).toBe(true);
  });

  it('identifies the user from api.fanvue.com/users/me with the API version header', async () => {
    server.reply('GET /fanvue/users/me', {
      status: 200,
      body: { uuid: '3f7c…-uuid', email: 'ann@example.com', handle: 'ann', displayName: 'Ann' },
    });
    expect(await fanvue.identify(tokens)).toEqual({
      externalId: '3f7c…-uuid',
      displayName: 'Ann',
      avatarUrl: null,
    });
    const [request] = server.requests;
    expect(request.headers['authorization']).toBe('Bearer at-1');
    expect(request.headers['x-fanvue-api-version']).toBe('2025-06-26');
  });

  it('revokes at the authorization server’s RFC 7009 endpoint; a 404 there means "not revoked"', async () => {
    server.reply('POST /fanvue/oauth2/revoke', { status: 200 });
    expect(await fanvue.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: true,
    });
    expect(server.requests[0].headers['authorization']).toBe(BASIC);
    expect(server.requests[0].form).toEqual([
      ['token', 'rt-1'],
      ['token_type_hint', 'refresh_token'],
    ]);
    server.reply('POST /fanvue/oauth2/revoke', { status: 404, body: { error: 'not_found' } });
    expect(await fanvue.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: false,
    });
  });

  describe('failures', () => {
    it('a reused refresh token (invalid_grant) → reauth_required', async () => {
      server.reply('POST /fanvue/oauth2/token', {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'The refresh token was already used' },
      });
      expect(await failure(fanvue.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_grant',
      });
    });

    it('401 on the API → reauth_required; 403 (a missing scope) → permission_lost', async () => {
      server.reply('GET /fanvue/users/me', { status: 401, body: { message: 'Unauthorized' } });
      expect((await failure(fanvue.identify(tokens))).kind).toBe('reauth_required');
      server.reply('GET /fanvue/users/me', { status: 403, body: { message: 'Forbidden' } });
      expect((await failure(fanvue.identify(tokens))).kind).toBe('permission_lost');
    });

    it('429 with Retry-After → transient', async () => {
      server.reply('POST /fanvue/oauth2/token', {
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': '30', 'x-ratelimit-remaining': '0' },
      });
      expect(await failure(fanvue.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'transient',
        retryAfterSeconds: 30,
      });
    });
  });
});
