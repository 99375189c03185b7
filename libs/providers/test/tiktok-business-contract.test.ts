import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * TikTok API for Business (`tt_user` OAuth): JSON bodies with `client_id`/`client_secret` and
 * `auth_code` on business-api.tiktok.com, the `{code, message, request_id, data}` envelope, the
 * `Access-Token` header (sns-sdks/python-tiktok and Postiz; the official page was not readable).
 */
const APP_ID = 'ttb-app-id';
const SECRET = 'ttb-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/TIKTOK_BUSINESS/';
const NOW = new Date('2030-01-01T00:00:00Z');
const BASE = '/tiktok_business/open_api/v1.3';

let server: RecordingServer;
let business: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    TIKTOK_BUSINESS_CLIENT_ID: APP_ID,
    TIKTOK_BUSINESS_CLIENT_SECRET: SECRET,
  };
  business = createProviderRegistry({ env, clock: { now: () => NOW } }).get('TIKTOK_BUSINESS');
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

function envelope(data: object, code = 0, message = 'OK') {
  return { status: 200, body: { code, message, request_id: '2030010100000000', data } };
}

const TOKENS = {
  access_token: 'act.b1',
  expires_in: 86400,
  open_id: '-000biz',
  refresh_token: 'rft.b1',
  refresh_token_expires_in: 31536000,
  scope: 'user.info.basic,video.publish',
  token_type: 'Bearer',
};

const grant: TokenSet = {
  accessToken: 'act.b1',
  refreshToken: 'rft.b1',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: { open_id: '-000biz' },
};

describe('TikTok Business (TIKTOK_BUSINESS) adapter, on the wire', () => {
  it('sends the person to TikTok’s authorize page with the business app id as client_key', () => {
    const url = new URL(
      business.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: ['user.info.basic'],
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/tiktok_business/v2/auth/authorize/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: APP_ID,
      scope: 'user.info.basic',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      state: 'state-1',
      disable_auto_auth: '1',
    });
  });

  it('exchanges the auth_code with a JSON body at tt_user/oauth2/token/', async () => {
    server.reply(`POST ${BASE}/tt_user/oauth2/token/`, envelope(TOKENS));

    const result = await business.exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const request = onlyRequest();
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['authorization']).toBeUndefined();
    expect(JSON.parse(request.rawBody)).toEqual({
      client_id: APP_ID,
      client_secret: SECRET,
      grant_type: 'authorization_code',
      auth_code: 'code-1',
      redirect_uri: REDIRECT_URI,
    });
    expect(result).toEqual({
      accessToken: 'act.b1',
      refreshToken: 'rft.b1',
      tokenType: 'Bearer',
      expiresAt: new Date(NOW.getTime() + 86400 * 1000),
      refreshExpiresAt: new Date(NOW.getTime() + 31536000 * 1000),
      scopes: ['user.info.basic', 'video.publish'],
      extra: { open_id: '-000biz' },
    });
  });

  it('refreshes at tt_user/oauth2/refresh_token/', async () => {
    server.reply(
      `POST ${BASE}/tt_user/oauth2/refresh_token/`,
      envelope({ ...TOKENS, access_token: 'act.b2', refresh_token_expires_in: 31527314 }),
    );

    const result = await business.refresh({ refreshToken: 'rft.b1', scopes: [] });

    expect(JSON.parse(onlyRequest().rawBody)).toEqual({
      client_id: APP_ID,
      client_secret: SECRET,
      grant_type: 'refresh_token',
      refresh_token: 'rft.b1',
    });
    expect(result.accessToken).toBe('act.b2');
    expect(result.refreshExpiresAt).toEqual(new Date(NOW.getTime() + 31527314 * 1000));
  });

  it('revokes the access token at tt_user/oauth2/revoke/', async () => {
    server.reply(`POST ${BASE}/tt_user/oauth2/revoke/`, envelope({}));
    expect(await business.revoke({ accessToken: 'act.b1', refreshToken: 'rft.b1' })).toEqual({
      revoked: true,
    });
    expect(JSON.parse(onlyRequest().rawBody)).toEqual({
      client_id: APP_ID,
      client_secret: SECRET,
      access_token: 'act.b1',
    });
  });

  it('identifies with business/get/: open_id as business_id, the Access-Token header', async () => {
    server.reply(
      `GET ${BASE}/business/get/`,
      envelope({ username: 'ada', display_name: 'Ada', profile_image: 'https://p16/ada.jpeg' }),
    );

    expect(await business.identify(grant)).toEqual({
      externalId: '-000biz',
      displayName: 'Ada',
      avatarUrl: 'https://p16/ada.jpeg',
    });
    const request = onlyRequest();
    expect(request.query).toEqual({
      business_id: '-000biz',
      fields: '["username","display_name","profile_image"]',
    });
    expect(request.headers['access-token']).toBe('act.b1');
    expect(request.headers['authorization']).toBeUndefined();
  });

  describe('failures (HTTP 200 with a non-zero code)', () => {
    it('40105 "Access token is incorrect or has been revoked." → reauth_required', async () => {
      server.reply(
        `GET ${BASE}/business/get/`,
        envelope({}, 40105, 'Access token is incorrect or has been revoked.'),
      );
      expect(await failure(business.identify(grant))).toMatchObject({
        kind: 'reauth_required',
        status: 200,
        providerCode: '40105',
      });
    });

    it('40100 too many requests → transient with Retry-After when sent', async () => {
      server.reply(`POST ${BASE}/tt_user/oauth2/refresh_token/`, {
        ...envelope({}, 40100, 'Too many requests.'),
        headers: { 'retry-after': '5' },
      });
      expect(await failure(business.refresh({ refreshToken: 'rft.b1', scopes: [] }))).toMatchObject(
        {
          kind: 'transient',
          providerCode: '40100',
          retryAfterSeconds: 5,
        },
      );
    });

    it('the app id or secret rejected → transient (our configuration, not the user)', async () => {
      server.reply(
        `POST ${BASE}/tt_user/oauth2/refresh_token/`,
        envelope({}, 40001, 'The app_id or secret is invalid.'),
      );
      const error = await failure(business.refresh({ refreshToken: 'rft.b1', scopes: [] }));
      expect(error.kind).toBe('transient');
      expect(error.message).not.toContain(SECRET);
    });
  });
});
