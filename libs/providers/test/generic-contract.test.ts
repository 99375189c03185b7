import { createProviderRegistry, genericOAuth2Config, type ProviderAdapter } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/** The generic (custom-provider) adapter with `client_secret_post`, checked on the wire. */
const CLIENT_ID = 'generic-client';
const CLIENT_SECRET = 'generic-secret';
const REDIRECT_URI =
  'https://switchboard.example/api/v1/social-account/callback/CUSTOM_OAUTH2:acme';

let server: RecordingServer;
let adapter: ProviderAdapter;
let base: string;

beforeEach(async () => {
  server = await startRecordingServer();
  base = `${server.url}/generic`;
  const registry = createProviderRegistry({
    env: {},
    clock: { now: () => new Date('2030-01-01T00:00:00Z') },
  });
  adapter = registry.fromConfig(
    genericOAuth2Config({
      baseUrl: `${base}/`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      clientAuth: 'post',
      type: 'CUSTOM_OAUTH2:acme',
      scopes: ['openid', 'profile'],
    }),
  );
});

afterEach(async () => {
  await server.close();
});

function onlyRequest() {
  expect(server.requests).toHaveLength(1);
  return server.requests[0];
}

describe('generic OAuth 2.0 adapter (client_secret_post), on the wire', () => {
  it('expects the base URL as RFC 9207 issuer', () => {
    expect(adapter.expectedIssuer).toBe(base);
    expect(adapter.type).toBe('CUSTOM_OAUTH2:acme');
  });

  it('builds the authorization URL', () => {
    const url = new URL(
      adapter.authorizationUrl({
        state: 'st',
        redirectUri: REDIRECT_URI,
        scopes: ['openid', 'profile'],
        codeChallenge: 'ch',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code with the client credentials in the body and no Authorization header', async () => {
    server.reply('POST /generic/oauth/token', {
      status: 200,
      body: {
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'rt',
        refresh_token_expires_in: 86400,
      },
    });

    const tokens = await adapter.exchangeCode({
      code: 'c1',
      redirectUri: REDIRECT_URI,
      codeVerifier: 'v1',
      requestedScopes: ['openid', 'profile'],
    });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'c1'],
      ['redirect_uri', REDIRECT_URI],
      ['code_verifier', 'v1'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(tokens.scopes).toEqual(['openid', 'profile']);
    expect(tokens.refreshExpiresAt).toEqual(new Date('2030-01-02T00:00:00Z'));
  });

  it('refreshes, and reports a missing refresh_token as null', async () => {
    server.reply('POST /generic/oauth/token', {
      status: 200,
      body: { access_token: 'at2', token_type: 'Bearer', expires_in: 3600 },
    });

    const tokens = await adapter.refresh({ refreshToken: 'rt', scopes: ['openid'] });

    expect(onlyRequest().form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'rt'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(tokens.refreshToken).toBeNull();
  });

  it('revokes (RFC 7009) with the client credentials in the body', async () => {
    server.reply('POST /generic/oauth/revoke', { status: 200 });

    expect(await adapter.revoke({ accessToken: 'at', refreshToken: 'rt' })).toEqual({
      revoked: true,
    });

    const request = onlyRequest();
    expect(request.path).toBe('/generic/oauth/revoke');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([
      ['token', 'rt'],
      ['token_type_hint', 'refresh_token'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
  });

  it('identifies from /userinfo claims', async () => {
    server.reply('GET /generic/userinfo', {
      status: 200,
      body: { sub: 'u-1', name: 'Ann', preferred_username: 'ann', picture: 'https://img/ann.png' },
    });
    const identity = await adapter.identify({
      accessToken: 'at',
      refreshToken: null,
      tokenType: 'Bearer',
      expiresAt: null,
      refreshExpiresAt: null,
      scopes: [],
      extra: {},
    });
    expect(onlyRequest().headers['authorization']).toBe('Bearer at');
    expect(identity).toEqual({
      externalId: 'u-1',
      displayName: 'Ann',
      avatarUrl: 'https://img/ann.png',
    });
  });
});
