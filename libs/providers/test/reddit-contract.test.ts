import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Reddit documents (reddit-archive/reddit wiki "OAuth2", "API"), checked on
 * the wire against a local server standing in for www.reddit.com and oauth.reddit.com under
 * `/reddit/` — every one of them with the app's descriptive User-Agent.
 */
const CLIENT_ID = 'reddit-client';
const CLIENT_SECRET = 'reddit-secret';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const USER_AGENT = 'web:com.example.switchboard:v2.0.0 (by /u/example_dev)';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/REDDIT';
const NOW = new Date('2030-01-01T00:00:00Z');

let server: RecordingServer;
let reddit: ProviderAdapter;

function registryEnv(extra: Record<string, string> = {}) {
  return {
    SANDBOX_URL: server.url,
    REDDIT_CLIENT_ID: CLIENT_ID,
    REDDIT_CLIENT_SECRET: CLIENT_SECRET,
    ...extra,
  };
}

beforeEach(async () => {
  server = await startRecordingServer();
  reddit = createProviderRegistry({
    env: registryEnv({ REDDIT_USER_AGENT: USER_AGENT }),
    clock: { now: () => NOW },
  }).get('REDDIT');
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

describe('REDDIT adapter, on the wire', () => {
  it('asks for a permanent grant with space-separated scopes', () => {
    const url = new URL(
      reddit.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: reddit.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/reddit/api/v1/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'identity submit read flair mysubreddits',
      state: 'state-1',
      duration: 'permanent',
    });
  });

  it('exchanges the code: HTTP Basic, form body, the User-Agent', async () => {
    server.reply('POST /reddit/api/v1/access_token', {
      status: 200,
      body: {
        access_token: 'at-1',
        token_type: 'bearer',
        expires_in: 3600,
        scope: 'identity submit',
        refresh_token: 'rt-1',
      },
    });

    const result = await reddit.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/reddit/api/v1/access_token');
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.headers['user-agent']).toBe(USER_AGENT);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
    ]);
    expect(request.rawBody).not.toContain(CLIENT_SECRET);
    expect(result).toMatchObject({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: new Date('2030-01-01T01:00:00Z'),
      refreshExpiresAt: null,
      scopes: ['identity', 'submit'],
    });
  });

  it('refreshes; the answer carries no refresh token (the one held stays)', async () => {
    server.reply('POST /reddit/api/v1/access_token', {
      status: 200,
      body: { access_token: 'at-2', token_type: 'bearer', expires_in: 3600, scope: 'identity' },
    });
    const result = await reddit.refresh({ refreshToken: 'rt-1', scopes: ['identity'] });
    const [request] = server.requests;
    expect(request.form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt-1'],
    ]);
    expect(request.headers['user-agent']).toBe(USER_AGENT);
    expect(result.refreshToken).toBeNull();
    expect(reddit.refreshRotates).toBe(false);
  });

  it('revokes the refresh token; 204 (even for an unknown token) is revoked', async () => {
    server.reply('POST /reddit/api/v1/revoke_token', { status: 204 });
    expect(await reddit.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: true,
    });
    const [request] = server.requests;
    expect(request.headers['authorization']).toBe(BASIC);
    expect(request.headers['user-agent']).toBe(USER_AGENT);
    expect(request.form).toEqual([
      ['token', 'rt-1'],
      ['token_type_hint', 'refresh_token'],
    ]);
  });

  it('identifies the account on oauth.reddit.com with the bearer token and the User-Agent', async () => {
    server.reply('GET /reddit/api/v1/me', {
      status: 200,
      body: { id: '1w72', name: 'spez', icon_img: 'https://i.redd.it/a.png?s=1&amp;t=2' },
    });
    expect(await reddit.identify(tokens)).toEqual({
      externalId: '1w72',
      displayName: 'u/spez',
      avatarUrl: 'https://i.redd.it/a.png?s=1&t=2',
    });
    const [request] = server.requests;
    expect(request.headers['authorization']).toBe('Bearer at-1');
    expect(request.headers['user-agent']).toBe(USER_AGENT);
  });

  it('without REDDIT_USER_AGENT sends a descriptive default, never the HTTP library’s', async () => {
    const adapter = createProviderRegistry({ env: registryEnv() }).get('REDDIT');
    server.reply('GET /reddit/api/v1/me', { status: 200, body: { id: '1w72', name: 'spez' } });
    await adapter.identify(tokens);
    expect(server.requests[0].headers['user-agent']).toMatch(
      /^server:switchboard\.reddit-client:v[\d.]+ \(by \/u\/switchboard\)$/,
    );
  });

  describe('failures', () => {
    it('invalid_grant → reauth_required', async () => {
      server.reply('POST /reddit/api/v1/access_token', {
        status: 400,
        body: { error: 'invalid_grant' },
      });
      expect(await failure(reddit.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_grant',
      });
    });

    it('401 at the token endpoint (our Basic credentials) → transient; 401 on the API → reauth_required', async () => {
      server.reply('POST /reddit/api/v1/access_token', {
        status: 401,
        body: { message: 'Unauthorized', error: 401 },
      });
      expect((await failure(reddit.refresh({ refreshToken: 'rt-1', scopes: [] }))).kind).toBe(
        'transient',
      );
      server.reply('GET /reddit/api/v1/me', {
        status: 401,
        body: { message: 'Unauthorized', error: 401 },
      });
      expect((await failure(reddit.identify(tokens))).kind).toBe('reauth_required');
    });

    it('429 waits for x-ratelimit-reset (seconds to the end of the window)', async () => {
      server.reply('POST /reddit/api/v1/access_token', {
        status: 429,
        body: { message: 'Too Many Requests', error: 429 },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' },
      });
      expect(await failure(reddit.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'transient',
        status: 429,
        retryAfterSeconds: 42,
      });
    });

    it('5xx → transient', async () => {
      server.reply('POST /reddit/api/v1/revoke_token', { status: 502, body: 'bad gateway' });
      expect(
        (await failure(reddit.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' }))).kind,
      ).toBe('transient');
    });
  });
});
