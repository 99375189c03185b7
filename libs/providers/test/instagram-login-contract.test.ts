import { createProviderRegistry, type ProviderAdapter, ProviderError } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * Instagram API with Instagram Login (developers.facebook.com instagram-platform: business-login,
 * reference/oauth-authorize, reference/access_token, reference/refresh_access_token), checked on
 * the wire against a server standing in for www.instagram.com, api.instagram.com and
 * graph.instagram.com, all under `/instagram_login/`.
 */
const CLIENT_ID = 'ig-app-id';
const CLIENT_SECRET = 'ig-app-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/INSTAGRAM_LOGIN';
const NOW = new Date('2030-01-01T00:00:00Z');
const BASE = '/instagram_login';
const DAY = 86_400_000;

let server: RecordingServer;
let now = NOW;
let instagram: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  now = NOW;
  instagram = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      INSTAGRAM_LOGIN_CLIENT_ID: CLIENT_ID,
      INSTAGRAM_LOGIN_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => now },
  }).get('INSTAGRAM_LOGIN');
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

async function connected() {
  server.reply(`POST ${BASE}/oauth/access_token`, {
    status: 200,
    body: {
      data: [
        {
          access_token: 'ig-short',
          user_id: '17841400000000001',
          permissions: 'instagram_business_basic,instagram_business_content_publish',
        },
      ],
    },
  });
  server.reply(`GET ${BASE}/access_token`, {
    status: 200,
    body: { access_token: 'ig-long', token_type: 'bearer', expires_in: 5_183_944 },
  });
  return instagram.exchangeCode({
    code: 'code-1#_',
    redirectUri: REDIRECT_URI,
    codeVerifier: null,
  });
}

describe('INSTAGRAM_LOGIN adapter, on the wire', () => {
  it('builds the authorization URL at www.instagram.com with comma-separated scopes', () => {
    const url = new URL(
      instagram.authorizationUrl({
        state: 's',
        redirectUri: REDIRECT_URI,
        scopes: instagram.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}${BASE}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'instagram_business_basic,instagram_business_content_publish',
      state: 's',
    });
    expect(instagram.pkce).toBe('none');
  });

  it('POSTs the code as a form, then GETs the long-lived token with ig_exchange_token', async () => {
    const tokens = await connected();

    const [code, exchange] = server.requests;
    expect(code).toMatchObject({ method: 'POST', path: `${BASE}/oauth/access_token` });
    expect(code.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(code.headers['authorization']).toBeUndefined();
    expect(code.form).toEqual([
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
      ['grant_type', 'authorization_code'],
      ['redirect_uri', REDIRECT_URI],
      ['code', 'code-1'],
    ]);
    expect(exchange).toMatchObject({ method: 'GET', path: `${BASE}/access_token`, rawBody: '' });
    expect(Object.entries(exchange.query)).toEqual([
      ['grant_type', 'ig_exchange_token'],
      ['client_secret', CLIENT_SECRET],
      ['access_token', 'ig-short'],
    ]);

    const expiresAt = new Date(NOW.getTime() + 5_183_944_000);
    expect(tokens).toEqual({
      accessToken: 'ig-long',
      refreshToken: `mllt1.${NOW.getTime() / 1000}.${expiresAt.getTime() / 1000}.ig-long`,
      tokenType: 'bearer',
      expiresAt,
      refreshExpiresAt: expiresAt,
      scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
      extra: { userId: '17841400000000001' },
    });
    expect(instagram.refreshable(tokens)).toBe(true);
    expect(instagram.refreshRotates).toBe(false);
  });

  it('also reads the unwrapped code-exchange answer', async () => {
    server.reply(`POST ${BASE}/oauth/access_token`, {
      status: 200,
      body: { access_token: 'ig-short', user_id: 1784, permissions: 'instagram_business_basic' },
    });
    server.reply(`GET ${BASE}/access_token`, {
      status: 200,
      body: { access_token: 'ig-long', token_type: 'bearer', expires_in: 100 },
    });
    const tokens = await instagram.exchangeCode({
      code: 'c',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });
    expect(tokens).toMatchObject({
      scopes: ['instagram_business_basic'],
      extra: { userId: '1784' },
    });
  });

  it('identifies the professional account from graph.instagram.com/me', async () => {
    server.reply(`GET ${BASE}/v23.0/me`, {
      status: 200,
      body: { user_id: '1784', username: 'bakery', account_type: 'BUSINESS', id: '99' },
    });
    const tokens = await connected();
    expect(await instagram.identify(tokens)).toEqual({
      externalId: '1784',
      displayName: '@bakery',
      avatarUrl: null,
    });
    expect(server.requests[2]).toMatchObject({
      method: 'GET',
      path: `${BASE}/v23.0/me`,
      query: {
        fields: 'user_id,username,name,account_type,profile_picture_url',
        access_token: 'ig-long',
      },
    });
  });

  it('refreshes with GET refresh_access_token?grant_type=ig_refresh_token&access_token', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 50 * DAY);
    server.reply(`GET ${BASE}/refresh_access_token`, {
      status: 200,
      body: {
        access_token: 'ig-long-2',
        token_type: 'bearer',
        expires_in: 5_183_944,
        permissions: 'instagram_business_basic',
      },
    });

    const next = await instagram.refresh({
      refreshToken: tokens.refreshToken!,
      scopes: tokens.scopes,
    });

    const refresh = server.requests[2];
    expect(refresh).toMatchObject({ method: 'GET', path: `${BASE}/refresh_access_token` });
    expect(Object.entries(refresh.query)).toEqual([
      ['grant_type', 'ig_refresh_token'],
      ['access_token', 'ig-long'],
    ]);
    const expiresAt = new Date(now.getTime() + 5_183_944_000);
    expect(next).toMatchObject({
      accessToken: 'ig-long-2',
      expiresAt,
      refreshExpiresAt: expiresAt,
      scopes: ['instagram_business_basic'],
    });
    expect(next.refreshToken).toMatch(/\.ig-long-2$/);
  });

  it('a refusal before the token is 24 hours old → transient, retried once it is', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 3_600_000);
    server.reply(`GET ${BASE}/refresh_access_token`, {
      status: 400,
      body: {
        error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
      },
    });
    const error = await failure(
      instagram.refresh({ refreshToken: tokens.refreshToken!, scopes: [] }),
    );
    expect(error).toMatchObject({ kind: 'transient', retryAfterSeconds: 23 * 3600 });
    expect(error.message).toContain('at least 24 hours old');
  });

  it('the same refusal of an old enough token stays invalid_request', async () => {
    const tokens = await connected();
    now = new Date(NOW.getTime() + 2 * DAY);
    server.reply(`GET ${BASE}/refresh_access_token`, {
      status: 400,
      body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } },
    });
    expect(
      (await failure(instagram.refresh({ refreshToken: tokens.refreshToken!, scopes: [] }))).kind,
    ).toBe('invalid_request');
  });

  it('an expired or revoked token (190) → reauth_required, even before 24 hours', async () => {
    const tokens = await connected();
    server.reply(`GET ${BASE}/refresh_access_token`, {
      status: 400,
      body: {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
          error_subcode: 463,
        },
      },
    });
    expect(
      (await failure(instagram.refresh({ refreshToken: tokens.refreshToken!, scopes: [] }))).kind,
    ).toBe('reauth_required');
  });

  it('the code exchange error envelope {error_type, code, error_message} → invalid_request', async () => {
    server.reply(`POST ${BASE}/oauth/access_token`, {
      status: 400,
      body: {
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Matching code was not found or was already used',
      },
    });
    const error = await failure(
      instagram.exchangeCode({ code: 'c', redirectUri: REDIRECT_URI, codeVerifier: null }),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', providerCode: '400' });
    expect(error.message).toContain('Matching code was not found');
  });

  it('has no revocation endpoint', async () => {
    expect(await instagram.revoke({ accessToken: 'ig-long', refreshToken: 'x' })).toEqual({
      revoked: false,
    });
    expect(server.requests).toHaveLength(0);
  });
});
