import { createProviderRegistry, type ProviderAdapter, ProviderError } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests X documents (docs.x.com, OAuth 2.0 Authorization Code with PKCE), checked on
 * the wire against a local server standing in for api.x.com / x.com under `/twitter/`.
 */
const CLIENT_ID = 'x-client-id';
const CLIENT_SECRET = 'x-client-secret';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/TWITTER';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let x: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    TWITTER_CLIENT_ID: CLIENT_ID,
    TWITTER_CLIENT_SECRET: CLIENT_SECRET,
  };
  x = createProviderRegistry({ env, clock: { now: () => NOW } }).get('TWITTER');
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

describe('X (TWITTER) adapter, on the wire', () => {
  it('builds the authorization URL X documents', () => {
    const url = new URL(
      x.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: x.defaultScopes(),
        codeChallenge: 'challenge-1',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/twitter/i/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'tweet.read users.read offline.access tweet.write media.write',
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
    expect(url.search).toContain('scope=tweet.read%20users.read%20offline.access');
    expect(x.pkce).toBe('S256');
    expect(x.expectedIssuer).toBeNull();
  });

  it('exchanges the code: form body, HTTP Basic, no secret in the body', async () => {
    server.reply('POST /twitter/2/oauth2/token', {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: 'at-1',
        scope: 'tweet.read users.read offline.access',
        refresh_token: 'rt-1',
      },
    });

    const tokens = await x.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: 'verifier-1',
    });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/twitter/2/oauth2/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
      ['code_verifier', 'verifier-1'],
      ['client_id', CLIENT_ID],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(tokens).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      tokenType: 'bearer',
      expiresAt: new Date('2030-01-01T02:00:00Z'),
      refreshExpiresAt: null,
      scopes: ['tweet.read', 'users.read', 'offline.access'],
      extra: {},
    });
  });

  it('refreshes with the refresh_token grant and returns the rotated refresh token', async () => {
    server.reply('POST /twitter/2/oauth2/token', {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: 'at-2',
        scope: 'tweet.read',
        refresh_token: 'rt-2',
      },
    });

    const tokens = await x.refresh({ refreshToken: 'rt-1', scopes: ['tweet.read'] });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/twitter/2/oauth2/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt-1'],
      ['client_id', CLIENT_ID],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(tokens.refreshToken).toBe('rt-2');
    expect(x.refreshRotates).toBe(true);
  });

  it('revokes the refresh token', async () => {
    server.reply('POST /twitter/2/oauth2/revoke', { status: 200, body: { revoked: true } });

    expect(await x.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: true,
    });

    const request = onlyRequest();
    expect(request.path).toBe('/twitter/2/oauth2/revoke');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.form).toEqual([
      ['token', 'rt-1'],
      ['token_type_hint', 'refresh_token'],
    ]);
  });

  it('identifies the account from /2/users/me', async () => {
    server.reply('GET /twitter/2/users/me', {
      status: 200,
      body: {
        data: {
          id: '2244994945',
          name: 'X Dev',
          username: 'XDevelopers',
          profile_image_url: 'https://pbs.twimg.com/a.jpg',
        },
      },
    });

    const identity = await x.identify({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      tokenType: 'bearer',
      expiresAt: null,
      refreshExpiresAt: null,
      scopes: [],
      extra: {},
    });

    const request = onlyRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/twitter/2/users/me');
    expect(request.query).toEqual({ 'user.fields': 'profile_image_url' });
    expect(request.headers['authorization']).toBe('Bearer at-1');
    expect(identity).toEqual({
      externalId: '2244994945',
      displayName: 'X Dev',
      avatarUrl: 'https://pbs.twimg.com/a.jpg',
    });
  });

  describe('failures', () => {
    it('invalid_grant → reauth_required', async () => {
      server.reply('POST /twitter/2/oauth2/token', {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'expired' },
      });
      const error = await failure(x.refresh({ refreshToken: 'rt-1', scopes: [] }));
      expect(error).toMatchObject({
        kind: 'reauth_required',
        status: 400,
        providerCode: 'invalid_grant',
      });
    });

    it('a rotated-away refresh token ("Value passed for the token was invalid") → reauth_required', async () => {
      server.reply('POST /twitter/2/oauth2/token', {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'Value passed for the token was invalid.',
        },
      });
      expect((await failure(x.refresh({ refreshToken: 'rt-old', scopes: [] }))).kind).toBe(
        'reauth_required',
      );
    });

    it('429 → transient, waiting until x-rate-limit-reset', async () => {
      server.reply('POST /twitter/2/oauth2/token', {
        status: 429,
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank' },
        headers: { 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 300) },
      });
      const error = await failure(x.refresh({ refreshToken: 'rt-1', scopes: [] }));
      expect(error).toMatchObject({ kind: 'transient', status: 429, retryAfterSeconds: 300 });
    });

    it('unauthorized_client (missing Basic header) → transient, our configuration', async () => {
      server.reply('POST /twitter/2/oauth2/token', {
        status: 401,
        body: {
          error: 'unauthorized_client',
          error_description: 'Missing valid authorization header',
        },
      });
      const error = await failure(x.refresh({ refreshToken: 'rt-1', scopes: [] }));
      expect(error).toMatchObject({ kind: 'transient', providerCode: 'unauthorized_client' });
    });

    it('401 on /2/users/me → reauth_required', async () => {
      server.reply('GET /twitter/2/users/me', {
        status: 401,
        body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      });
      const tokens = {
        accessToken: 'at-1',
        refreshToken: null,
        tokenType: 'bearer',
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [],
        extra: {},
      };
      expect((await failure(x.identify(tokens))).kind).toBe('reauth_required');
    });
  });
});
