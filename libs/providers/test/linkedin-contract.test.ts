import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests LinkedIn documents (learn.microsoft.com/linkedin: Authorization Code Flow,
 * Programmatic Refresh Tokens, Sign In with LinkedIn using OpenID Connect), checked on the wire
 * against a local server standing in for www.linkedin.com / api.linkedin.com under `/linkedin/`.
 */
const CLIENT_ID = 'li-client-id';
const CLIENT_SECRET = 'li-client-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/LINKEDIN';
const NOW = new Date('2030-01-01T00:00:00Z');
const DAY = 24 * 3600;

let server: RecordingServer;
let linkedin: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    LINKEDIN_CLIENT_ID: CLIENT_ID,
    LINKEDIN_CLIENT_SECRET: CLIENT_SECRET,
  };
  linkedin = createProviderRegistry({ env, clock: { now: () => NOW } }).get('LINKEDIN');
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

const tokens: TokenSet = {
  accessToken: 'at-1',
  refreshToken: null,
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: {},
};

describe('LinkedIn (LINKEDIN) adapter, on the wire', () => {
  it('builds the authorization URL LinkedIn documents: no PKCE, space-separated scopes', () => {
    const url = new URL(
      linkedin.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: linkedin.defaultScopes(),
        codeChallenge: 'ignored',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/linkedin/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email w_member_social',
      state: 'state-1',
    });
    expect(url.search).toContain('scope=openid%20profile%20email%20w_member_social');
    expect(linkedin.pkce).toBe('none');
    expect(linkedin.expectedIssuer).toBeNull();
  });

  it('exchanges the code with the client credentials in the form body (no Basic)', async () => {
    server.reply('POST /linkedin/oauth/v2/accessToken', {
      status: 200,
      body: {
        access_token: 'at-1',
        expires_in: 60 * DAY,
        scope: 'email,openid,profile,w_member_social',
        token_type: 'Bearer',
        id_token: 'header.payload.signature',
      },
    });

    const result = await linkedin.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/linkedin/oauth/v2/accessToken');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'code-1'],
      ['redirect_uri', REDIRECT_URI],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(result).toEqual({
      accessToken: 'at-1',
      refreshToken: null,
      tokenType: 'Bearer',
      expiresAt: new Date(NOW.getTime() + 60 * DAY * 1000),
      refreshExpiresAt: null,
      scopes: ['email', 'openid', 'profile', 'w_member_social'],
      extra: {},
    });
    expect(linkedin.refreshable(result)).toBe(false);
  });

  it('refreshes (programmatic refresh): the same refresh token with what is left of its lifetime', async () => {
    server.reply('POST /linkedin/oauth/v2/accessToken', {
      status: 200,
      body: {
        access_token: 'at-2',
        expires_in: 60 * DAY,
        refresh_token: 'rt-1',
        refresh_token_expires_in: 306 * DAY,
        scope: 'openid,profile',
      },
    });

    const result = await linkedin.refresh({ refreshToken: 'rt-1', scopes: ['openid', 'profile'] });

    expect(onlyRequest().form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt-1'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(result.refreshToken).toBe('rt-1');
    expect(result.refreshExpiresAt).toEqual(new Date(NOW.getTime() + 306 * DAY * 1000));
    expect(linkedin.refreshRotates).toBe(false);
  });

  it('revokes the access token with the client credentials in the body', async () => {
    server.reply('POST /linkedin/oauth/v2/revoke', { status: 200 });

    expect(await linkedin.revoke({ accessToken: 'at-1', refreshToken: 'rt-1' })).toEqual({
      revoked: true,
    });
    const request = onlyRequest();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual([
      ['token', 'at-1'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
  });

  it('identifies the member from the OpenID userinfo endpoint', async () => {
    server.reply('GET /linkedin/v2/userinfo', {
      status: 200,
      body: {
        sub: '782bbtaQ',
        name: 'Ada Lovelace',
        given_name: 'Ada',
        family_name: 'Lovelace',
        picture: 'https://media.licdn.com/ada.jpg',
        email: 'ada@example.com',
        email_verified: true,
      },
    });

    expect(await linkedin.identify(tokens)).toEqual({
      externalId: '782bbtaQ',
      displayName: 'Ada Lovelace',
      avatarUrl: 'https://media.licdn.com/ada.jpg',
    });
    const request = onlyRequest();
    expect(request.method).toBe('GET');
    expect(request.headers['authorization']).toBe('Bearer at-1');
  });

  describe('failures', () => {
    it('a member-revoked token (401 REVOKED_ACCESS_TOKEN, 65601) → reauth_required', async () => {
      server.reply('GET /linkedin/v2/userinfo', {
        status: 401,
        body: {
          status: 401,
          serviceErrorCode: 65601,
          code: 'REVOKED_ACCESS_TOKEN',
          message: 'The token used in the request has been revoked by the user',
        },
      });
      expect(await failure(linkedin.identify(tokens))).toMatchObject({
        kind: 'reauth_required',
        status: 401,
        providerCode: 'REVOKED_ACCESS_TOKEN',
      });
    });

    it('a dead refresh token (400 invalid_request, LinkedIn wording) → reauth_required', async () => {
      server.reply('POST /linkedin/oauth/v2/accessToken', {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description:
            'The provided authorization grant or refresh token is invalid, expired or revoked',
        },
      });
      expect(await failure(linkedin.refresh({ refreshToken: 'rt-1', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_request',
      });
    });

    it('a throttled call (429) → transient with Retry-After', async () => {
      server.reply('GET /linkedin/v2/userinfo', {
        status: 429,
        headers: { 'retry-after': '120' },
        body: {
          status: 429,
          message: 'Resource level throttle limit for calls to this resource is reached.',
        },
      });
      expect(await failure(linkedin.identify(tokens))).toMatchObject({
        kind: 'transient',
        status: 429,
        retryAfterSeconds: 120,
      });
    });
  });
});
