import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * Google OAuth 2.0 for web-server apps (developers.google.com/identity/protocols/oauth2/
 * web-server, the OIDC discovery document) and YouTube Data API `channels.list`, on the wire
 * under `/youtube/` — accounts.google.com, oauth2.googleapis.com, openidconnect.googleapis.com
 * and www.googleapis.com all map there.
 */
const CLIENT_ID = 'yt-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'yt-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/YOUTUBE';
const NOW = new Date('2030-01-01T00:00:00Z');
const AUTH = 'https://www.googleapis.com/auth';

let server: RecordingServer;
let youtube: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    YOUTUBE_CLIENT_ID: CLIENT_ID,
    YOUTUBE_CLIENT_SECRET: CLIENT_SECRET,
  };
  youtube = createProviderRegistry({ env, clock: { now: () => NOW } }).get('YOUTUBE');
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

const grant: TokenSet = {
  accessToken: 'ya29.a',
  refreshToken: '1//rt',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: {},
};

describe('YouTube (YOUTUBE) adapter, on the wire', () => {
  it('asks for offline access, a fresh consent, incremental scopes and PKCE S256', () => {
    const url = new URL(
      youtube.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: youtube.defaultScopes(),
        codeChallenge: 'challenge-1',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/youtube/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: `openid ${AUTH}/userinfo.profile ${AUTH}/youtube.readonly ${AUTH}/youtube.upload`,
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    });
    expect(youtube.pkce).toBe('S256');
    expect(youtube.expectedIssuer).toBeNull();
  });

  it('exchanges the code: client credentials and the PKCE verifier in the form body', async () => {
    server.reply('POST /youtube/token', {
      status: 200,
      body: {
        access_token: 'ya29.a',
        expires_in: 3599,
        refresh_token: '1//rt',
        scope: `${AUTH}/youtube.readonly openid`,
        token_type: 'Bearer',
        id_token: 'h.p.s',
      },
    });

    const result = await youtube.exchangeCode({
      code: '4/code',
      redirectUri: REDIRECT_URI,
      codeVerifier: 'verifier-1',
    });

    const request = onlyRequest();
    expect(request.path).toBe('/youtube/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', '4/code'],
      ['redirect_uri', REDIRECT_URI],
      ['code_verifier', 'verifier-1'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(result).toEqual({
      accessToken: 'ya29.a',
      refreshToken: '1//rt',
      tokenType: 'Bearer',
      expiresAt: new Date(NOW.getTime() + 3599 * 1000),
      refreshExpiresAt: null,
      scopes: [`${AUTH}/youtube.readonly`, 'openid'],
      extra: {},
    });
  });

  it('refresh without a new refresh token answers refreshToken: null (keep the old one)', async () => {
    server.reply('POST /youtube/token', {
      status: 200,
      body: { access_token: 'ya29.b', expires_in: 3599, scope: 'openid', token_type: 'Bearer' },
    });
    const result = await youtube.refresh({ refreshToken: '1//rt', scopes: ['openid'] });
    expect(onlyRequest().form).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', '1//rt'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
    ]);
    expect(result.refreshToken).toBeNull();
    expect(result.refreshExpiresAt).toBeNull();
    expect(youtube.refreshRotates).toBe(false);
  });

  it('revokes with the token alone at oauth2.googleapis.com/revoke', async () => {
    server.reply('POST /youtube/revoke', { status: 200 });
    expect(await youtube.revoke({ accessToken: 'ya29.a', refreshToken: '1//rt' })).toEqual({
      revoked: true,
    });
    const request = onlyRequest();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.form).toEqual([['token', '1//rt']]);
  });

  it('an already dead token (400 invalid_token) counts as revoked', async () => {
    server.reply('POST /youtube/revoke', {
      status: 400,
      body: { error: 'invalid_token', error_description: 'Token expired or revoked' },
    });
    expect(await youtube.revoke({ accessToken: 'ya29.a', refreshToken: null })).toEqual({
      revoked: true,
    });
  });

  it('lists channels with channels.list?part=snippet,statistics&mine=true', async () => {
    server.reply('GET /youtube/youtube/v3/channels', {
      status: 200,
      body: {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [
          {
            kind: 'youtube#channel',
            id: 'UC123',
            snippet: {
              title: 'Ada Makes',
              customUrl: '@adamakes',
              thumbnails: { default: { url: 'https://yt3.ggpht.com/a=s88' } },
            },
            statistics: { subscriberCount: '12345', hiddenSubscriberCount: false, videoCount: '7' },
          },
        ],
      },
    });

    expect(await youtube.channels!.list(grant)).toEqual([
      {
        id: 'UC123',
        name: 'Ada Makes',
        avatarUrl: 'https://yt3.ggpht.com/a=s88',
        eligible: true,
        detail: '@adamakes · 12,345 subscribers',
      },
    ]);
    const request = onlyRequest();
    expect(request.query).toEqual({ part: 'snippet,statistics', mine: 'true', maxResults: '50' });
    expect(request.headers['authorization']).toBe('Bearer ya29.a');
  });

  it('identifies the Google account from the OpenID userinfo endpoint', async () => {
    server.reply('GET /youtube/v1/userinfo', {
      status: 200,
      body: { sub: '110169484474386276334', name: 'Ada', picture: 'https://lh3/a.jpg' },
    });
    expect(await youtube.identify(grant)).toEqual({
      externalId: '110169484474386276334',
      displayName: 'Ada',
      avatarUrl: 'https://lh3/a.jpg',
    });
  });

  describe('failures', () => {
    it('invalid_grant "Token has been expired or revoked." → reauth_required', async () => {
      server.reply('POST /youtube/token', {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      });
      expect(await failure(youtube.refresh({ refreshToken: '1//rt', scopes: [] }))).toMatchObject({
        kind: 'reauth_required',
        providerCode: 'invalid_grant',
      });
    });

    it('a YouTube quota 403 (quotaExceeded) is transient, not a lost permission', async () => {
      server.reply('GET /youtube/youtube/v3/channels', {
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'The request cannot be completed because you have exceeded your quota.',
            errors: [{ message: 'quota', domain: 'youtube.quota', reason: 'quotaExceeded' }],
          },
        },
      });
      expect(await failure(youtube.channels!.list(grant))).toMatchObject({
        kind: 'transient',
        providerCode: 'quotaExceeded',
      });
    });

    it('insufficient scopes (403 PERMISSION_DENIED) → permission_lost with the scope Google names', async () => {
      server.reply('GET /youtube/youtube/v3/channels', {
        status: 403,
        headers: {
          'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${AUTH}/youtube.readonly"`,
        },
        body: {
          error: {
            code: 403,
            message: 'Request had insufficient authentication scopes.',
            status: 'PERMISSION_DENIED',
            details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
          },
        },
      });
      expect(await failure(youtube.channels!.list(grant))).toMatchObject({
        kind: 'permission_lost',
        providerCode: 'PERMISSION_DENIED',
        missingScopes: [`${AUTH}/youtube.readonly`],
      });
    });

    it('429 RESOURCE_EXHAUSTED → transient with Retry-After', async () => {
      server.reply('GET /youtube/youtube/v3/channels', {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      });
      expect(await failure(youtube.channels!.list(grant))).toMatchObject({
        kind: 'transient',
        providerCode: 'RESOURCE_EXHAUSTED',
        retryAfterSeconds: 30,
      });
    });
  });
});
