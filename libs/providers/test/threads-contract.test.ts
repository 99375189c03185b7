import { createProviderRegistry, type ProviderAdapter, ProviderError } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * Threads API (developers.facebook.com docs/threads: get-started, get-access-tokens-and-permissions,
 * long-lived-tokens, threads-profiles), checked on the wire against a server standing in for
 * threads.net and graph.threads.net under `/threads/`.
 */
const CLIENT_ID = 'threads-app-id';
const CLIENT_SECRET = 'threads-app-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/THREADS';
const NOW = new Date('2030-01-01T00:00:00Z');
const DAY = 86_400_000;

let server: RecordingServer;
let now = NOW;
let threads: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  now = NOW;
  threads = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      THREADS_CLIENT_ID: CLIENT_ID,
      THREADS_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => now },
  }).get('THREADS');
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

async function connected(expiresIn = 5_183_944) {
  server.reply('POST /threads/oauth/access_token', {
    status: 200,
    body: { access_token: 'th-short', user_id: '12345' },
  });
  server.reply('GET /threads/access_token', {
    status: 200,
    body: { access_token: 'th-long', token_type: 'bearer', expires_in: expiresIn },
  });
  return threads.exchangeCode({
    code: 'code-1',
    redirectUri: REDIRECT_URI,
    codeVerifier: null,
    requestedScopes: ['threads_basic', 'threads_content_publish'],
  });
}

describe('THREADS adapter, on the wire', () => {
  it('builds the authorization URL at threads.net', () => {
    const url = new URL(
      threads.authorizationUrl({
        state: 's',
        redirectUri: REDIRECT_URI,
        scopes: threads.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/threads/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'threads_basic,threads_content_publish',
      state: 's',
    });
  });

  it('POSTs the code form, then GETs a long-lived token with th_exchange_token', async () => {
    const tokens = await connected();
    const [code, exchange] = server.requests;
    expect(code).toMatchObject({ method: 'POST', path: '/threads/oauth/access_token' });
    expect(code.form).toEqual([
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
      ['code', 'code-1'],
      ['grant_type', 'authorization_code'],
      ['redirect_uri', REDIRECT_URI],
    ]);
    expect(exchange).toMatchObject({ method: 'GET', path: '/threads/access_token' });
    expect(Object.entries(exchange.query)).toEqual([
      ['grant_type', 'th_exchange_token'],
      ['client_secret', CLIENT_SECRET],
      ['access_token', 'th-short'],
    ]);
    expect(tokens).toMatchObject({
      accessToken: 'th-long',
      expiresAt: new Date(NOW.getTime() + 5_183_944_000),
      // Threads' answers name no scopes: the requested ones are reported.
      scopes: ['threads_basic', 'threads_content_publish'],
      extra: { userId: '12345' },
    });
  });

  it('identifies the profile from /v1.0/me', async () => {
    const tokens = await connected();
    server.reply('GET /threads/v1.0/me', {
      status: 200,
      body: {
        id: '12345',
        username: 'ann',
        name: 'Ann',
        threads_profile_picture_url: 'https://t/a.jpg',
      },
    });
    expect(await threads.identify(tokens)).toEqual({
      externalId: '12345',
      displayName: 'Ann',
      avatarUrl: 'https://t/a.jpg',
    });
    expect(server.requests[2].query).toEqual({
      fields: 'id,username,name,threads_profile_picture_url',
      access_token: 'th-long',
    });
  });

  it('refreshes with th_refresh_token and reads the new lifetime at runtime', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 59 * DAY);
    server.reply('GET /threads/refresh_access_token', {
      status: 200,
      body: { access_token: 'th-long-2', token_type: 'bearer', expires_in: 5_184_000 },
    });

    const next = await threads.refresh({
      refreshToken: tokens.refreshToken!,
      scopes: tokens.scopes,
    });

    expect(Object.entries(server.requests[2].query)).toEqual([
      ['grant_type', 'th_refresh_token'],
      ['access_token', 'th-long'],
    ]);
    const expiresAt = new Date(now.getTime() + 5_184_000_000);
    expect(next).toMatchObject({
      accessToken: 'th-long-2',
      expiresAt,
      refreshExpiresAt: expiresAt,
      scopes: tokens.scopes,
    });
    expect(threads.refreshable(next)).toBe(true);
  });

  it("a private profile's refresh cut short by its 90-day grant → no more refreshes, expiry warnings", async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 59 * DAY);
    server.reply('GET /threads/refresh_access_token', {
      status: 200,
      body: { access_token: 'th-long-2', token_type: 'bearer', expires_in: 31 * 86_400 },
    });

    const next = await threads.refresh({
      refreshToken: tokens.refreshToken!,
      scopes: tokens.scopes,
    });

    expect(next.expiresAt).toEqual(new Date(NOW.getTime() + 90 * DAY));
    expect(next.refreshExpiresAt).toEqual(now);
    expect(threads.refreshable(next)).toBe(false);
  });

  it('a refusal before 24 hours → transient with the time left', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 20 * 3_600_000);
    server.reply('GET /threads/refresh_access_token', {
      status: 400,
      body: {
        error: {
          message: '(#100) The access token can only be refreshed once it is at least 24 hours old',
          type: 'OAuthException',
          code: 100,
        },
      },
    });
    expect(
      await failure(threads.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })),
    ).toMatchObject({ kind: 'transient', retryAfterSeconds: 4 * 3600 });
  });

  it('a token missing threads_basic (code 10) → permission_lost naming it', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 2 * DAY);
    server.reply('GET /threads/refresh_access_token', {
      status: 403,
      body: {
        error: {
          message: "(#10) This endpoint requires the 'threads_basic' permission.",
          type: 'OAuthException',
          code: 10,
        },
      },
    });
    expect(
      await failure(threads.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })),
    ).toMatchObject({ kind: 'permission_lost', missingScopes: ['threads_basic'] });
  });

  it('the flat code-exchange error → invalid_request', async () => {
    server.reply('POST /threads/oauth/access_token', {
      status: 400,
      body: {
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Matching code was not found or was already used',
      },
    });
    expect(
      (
        await failure(
          threads.exchangeCode({ code: 'c', redirectUri: REDIRECT_URI, codeVerifier: null }),
        )
      ).kind,
    ).toBe('invalid_request');
  });

  it('has no revocation endpoint', async () => {
    expect(await threads.revoke({ accessToken: 'a', refreshToken: null })).toEqual({
      revoked: false,
    });
    expect(server.requests).toHaveLength(0);
  });
});
