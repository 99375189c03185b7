import { createProviderRegistry, type ProviderAdapter, ProviderError, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * The exact requests Meta documents for Facebook Login (manual flow) and the Pages it lists
 * (developers.facebook.com: facebook-login/guides/advanced/manual-flow, access-tokens/get-long-lived,
 * pages/access-tokens, graph-api/reference/user/permissions, debug_token), checked on the wire
 * against a local server standing in for www.facebook.com / graph.facebook.com under `/facebook/`.
 */
const CLIENT_ID = 'fb-app-id';
const CLIENT_SECRET = 'fb-app-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/FACEBOOK';
const NOW = new Date('2030-01-01T00:00:00Z');
const V = '/facebook/v23.0';

let server: RecordingServer;
let facebook: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    FACEBOOK_CLIENT_ID: CLIENT_ID,
    FACEBOOK_CLIENT_SECRET: CLIENT_SECRET,
  };
  facebook = createProviderRegistry({ env, clock: { now: () => NOW } }).get('FACEBOOK');
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

const grant: TokenSet = {
  accessToken: 'user-ll',
  refreshToken: null,
  tokenType: 'bearer',
  expiresAt: new Date('2030-03-01T00:00:00Z'),
  refreshExpiresAt: null,
  scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'],
  extra: {},
};

const PAGES = {
  data: [
    {
      id: '111',
      name: 'Bakery',
      category: 'Local business',
      tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
      picture: { data: { url: 'https://cdn/111.jpg' } },
    },
    { id: '222', name: 'Fans', category: 'Community', tasks: ['ANALYZE'] },
  ],
  paging: { cursors: { before: 'b0', after: 'a1' } },
};

describe('FACEBOOK adapter, on the wire', () => {
  it('builds the Facebook Login dialog URL: comma-separated scopes, no PKCE', () => {
    const url = new URL(
      facebook.authorizationUrl({
        state: 'state-1',
        redirectUri: REDIRECT_URI,
        scopes: facebook.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}${V}/dialog/oauth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'pages_show_list,pages_read_engagement,pages_manage_posts',
      state: 'state-1',
    });
    expect(facebook.pkce).toBe('none');
    expect(facebook.expectedIssuer).toBeNull();
    expect(facebook.refreshRotates).toBe(false);
  });

  it('exchanges the code by GET, then for a long-lived token, then reads the granted permissions', async () => {
    server.reply(`GET ${V}/oauth/access_token`, {
      status: 200,
      body: { access_token: 'user-short', token_type: 'bearer', expires_in: 3600 },
    });
    server.reply(`GET ${V}/me/permissions`, {
      status: 200,
      body: {
        data: [
          { permission: 'public_profile', status: 'granted' },
          { permission: 'pages_show_list', status: 'granted' },
          { permission: 'pages_manage_posts', status: 'declined' },
        ],
      },
    });

    // The recording server answers both token calls the same way; the second one's answer is read.
    const tokens = await facebook.exchangeCode({
      code: 'code-1#_',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const [code, long, permissions] = server.requests;
    expect(server.requests).toHaveLength(3);
    expect(code).toMatchObject({ method: 'GET', path: `${V}/oauth/access_token`, rawBody: '' });
    expect(Object.entries(code.query)).toEqual([
      ['client_id', CLIENT_ID],
      ['redirect_uri', REDIRECT_URI],
      ['client_secret', CLIENT_SECRET],
      ['code', 'code-1'],
    ]);
    expect(code.headers['authorization']).toBeUndefined();
    expect(long).toMatchObject({ method: 'GET', path: `${V}/oauth/access_token` });
    expect(Object.entries(long.query)).toEqual([
      ['grant_type', 'fb_exchange_token'],
      ['client_id', CLIENT_ID],
      ['client_secret', CLIENT_SECRET],
      ['fb_exchange_token', 'user-short'],
    ]);
    expect(permissions).toMatchObject({
      method: 'GET',
      path: `${V}/me/permissions`,
      query: { access_token: 'user-short' },
    });
    expect(tokens).toEqual({
      accessToken: 'user-short',
      refreshToken: null,
      tokenType: 'bearer',
      expiresAt: new Date('2030-01-01T01:00:00Z'),
      refreshExpiresAt: null,
      scopes: ['public_profile', 'pages_show_list'],
      extra: {},
    });
    expect(facebook.refreshable(tokens)).toBe(false);
  });

  it('asks debug_token for the expiry when the long-lived answer has no expires_in', async () => {
    server.reply(`GET ${V}/oauth/access_token`, {
      status: 200,
      body: { access_token: 'user-ll', token_type: 'bearer' },
    });
    server.reply(`GET ${V}/debug_token`, {
      status: 200,
      body: { data: { is_valid: true, type: 'USER', expires_at: 1_898_640_000 } },
    });
    server.reply(`GET ${V}/me/permissions`, { status: 200, body: { data: [] } });

    const tokens = await facebook.exchangeCode({
      code: 'c',
      redirectUri: REDIRECT_URI,
      codeVerifier: null,
    });

    const debug = server.requests.find((r) => r.path === `${V}/debug_token`);
    expect(debug?.query).toEqual({
      input_token: 'user-ll',
      access_token: `${CLIENT_ID}|${CLIENT_SECRET}`,
    });
    expect(tokens.expiresAt).toEqual(new Date(1_898_640_000 * 1000));
  });

  it('identifies the person from /me', async () => {
    server.reply(`GET ${V}/me`, {
      status: 200,
      body: { id: '42', name: 'Ann', picture: { data: { url: 'https://cdn/ann.jpg' } } },
    });
    expect(await facebook.identify(grant)).toEqual({
      externalId: '42',
      displayName: 'Ann',
      avatarUrl: 'https://cdn/ann.jpg',
    });
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: `${V}/me`,
      query: { fields: 'id,name,picture', access_token: 'user-ll' },
    });
  });

  it('lists the Pages from /me/accounts: eligible with CREATE_CONTENT and MANAGE, the category as detail', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    const candidates = await facebook.channels!.list(grant);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: `${V}/me/accounts`,
      query: { fields: 'id,name,category,tasks,picture', limit: '100', access_token: 'user-ll' },
    });
    expect(candidates).toEqual([
      {
        id: '111',
        name: 'Bakery',
        avatarUrl: 'https://cdn/111.jpg',
        eligible: true,
        detail: 'Local business',
      },
      {
        id: '222',
        name: 'Fans',
        avatarUrl: null,
        eligible: false,
        detail:
          'Community · Your role on this Page does not allow creating content and managing it',
      },
    ]);
    expect(facebook.channels).toMatchObject({
      noChannelsParam: 'facebook-not-enough-pages',
      multiple: true,
    });
  });

  it('follows the after cursor while Graph names a next page', async () => {
    server.reply(`GET ${V}/me/accounts`, {
      status: 200,
      body: {
        ...PAGES,
        paging: { cursors: { after: 'a1' }, next: 'https://graph.facebook.com/…' },
      },
    });
    // Every answer names a next page: the adapter stops at its round limit.
    const candidates = await facebook.channels!.list(grant);
    expect(server.requests.length).toBe(20);
    expect(server.requests[1].query['after']).toBe('a1');
    expect(candidates).toHaveLength(40);
  });

  it("connects a Page with its own token, the Page id in extra, the user token's expiry", async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    server.reply(`GET ${V}/111`, { status: 200, body: { id: '111', access_token: 'page-token' } });

    const connection = await facebook.channels!.connect(grant, '111');

    expect(server.requests[1]).toMatchObject({
      method: 'GET',
      path: `${V}/111`,
      query: { fields: 'access_token', access_token: 'user-ll' },
    });
    expect(connection).toEqual({
      externalId: '111',
      displayName: 'Bakery',
      avatarUrl: 'https://cdn/111.jpg',
      tokens: {
        accessToken: 'page-token',
        refreshToken: null,
        tokenType: 'bearer',
        expiresAt: grant.expiresAt,
        refreshExpiresAt: null,
        scopes: grant.scopes,
        extra: { pageId: '111' },
      },
    });
  });

  it('refuses a Page without the needed tasks, and one the person does not manage', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    expect(await failure(facebook.channels!.connect(grant, '222'))).toMatchObject({
      kind: 'permission_lost',
    });
    expect(await failure(facebook.channels!.connect(grant, '333'))).toMatchObject({
      kind: 'invalid_request',
    });
    expect(server.requests.every((r) => r.path === `${V}/me/accounts`)).toBe(true);
  });

  it('revokes a user token: debug_token, then DELETE /{user-id}/permissions', async () => {
    server.reply(`GET ${V}/debug_token`, {
      status: 200,
      body: { data: { is_valid: true, type: 'USER', user_id: '42' } },
    });
    server.reply(`DELETE ${V}/42/permissions`, { status: 200, body: { success: true } });

    expect(await facebook.revoke({ accessToken: 'user-ll', refreshToken: null })).toEqual({
      revoked: true,
    });
    expect(server.requests[0].query).toEqual({
      input_token: 'user-ll',
      access_token: `${CLIENT_ID}|${CLIENT_SECRET}`,
    });
    expect(server.requests[1]).toMatchObject({
      method: 'DELETE',
      path: `${V}/42/permissions`,
      query: { access_token: 'user-ll' },
    });
  });

  it("does not remove the app for a Page token: the person's other Pages would die with it", async () => {
    server.reply(`GET ${V}/debug_token`, {
      status: 200,
      body: { data: { is_valid: true, type: 'PAGE', user_id: '42', profile_id: '111' } },
    });
    expect(await facebook.revoke({ accessToken: 'page-token', refreshToken: null })).toEqual({
      revoked: false,
    });
    expect(server.requests).toHaveLength(1);
    expect(await facebook.revoke({ accessToken: null, refreshToken: null })).toEqual({
      revoked: false,
    });
  });

  it('has no refresh: the person logs in again', async () => {
    expect(await failure(facebook.refresh({ refreshToken: 'x', scopes: [] }))).toMatchObject({
      kind: 'invalid_request',
    });
    expect(server.requests).toHaveLength(0);
  });

  describe('failures', () => {
    const tokenPath = `GET ${V}/oauth/access_token`;

    it('a used authorization code (100/36009) → reauth_required, no secret in the message', async () => {
      server.reply(tokenPath, {
        status: 400,
        body: {
          error: {
            message: 'This authorization code has been used.',
            type: 'OAuthException',
            code: 100,
            error_subcode: 36009,
            fbtrace_id: 'x',
          },
        },
      });
      const error = await failure(
        facebook.exchangeCode({
          code: 'code-secret-1',
          redirectUri: REDIRECT_URI,
          codeVerifier: null,
        }),
      );
      expect(error).toMatchObject({ kind: 'reauth_required', providerCode: '100/36009' });
      expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(error)).not.toContain('code-secret-1');
    });

    it('a rejected client secret (code 1) → transient, our configuration', async () => {
      server.reply(tokenPath, {
        status: 400,
        body: {
          error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 },
        },
      });
      const error = await failure(
        facebook.exchangeCode({ code: 'c', redirectUri: REDIRECT_URI, codeVerifier: null }),
      );
      expect(error).toMatchObject({ kind: 'transient', providerCode: '1' });
    });

    it('throttled (code 4) → transient until the Business Use Case estimate', async () => {
      server.reply(`GET ${V}/me/accounts`, {
        status: 400,
        headers: {
          'x-app-usage': '{"call_count":100,"total_cputime":10,"total_time":10}',
          'x-business-use-case-usage':
            '{"111":[{"type":"pages","call_count":100,"total_cputime":9,"total_time":9,"estimated_time_to_regain_access":3}]}',
        },
        body: {
          error: {
            message: '(#4) Application request limit reached',
            type: 'OAuthException',
            is_transient: true,
            code: 4,
          },
        },
      });
      expect(await failure(facebook.channels!.list(grant))).toMatchObject({
        kind: 'transient',
        retryAfterSeconds: 180,
      });
    });

    it('a missing permission → permission_lost naming it', async () => {
      server.reply(`GET ${V}/me/accounts`, {
        status: 403,
        body: {
          error: {
            message: "(#10) This endpoint requires the 'pages_show_list' permission.",
            type: 'OAuthException',
            code: 10,
          },
        },
      });
      expect(await failure(facebook.channels!.list(grant))).toMatchObject({
        kind: 'permission_lost',
        missingScopes: ['pages_show_list'],
      });
    });

    it('a password change (190/460) → reauth_required', async () => {
      server.reply(`GET ${V}/me`, {
        status: 400,
        body: {
          error: {
            message: 'Error validating access token: The session has been invalidated',
            type: 'OAuthException',
            code: 190,
            error_subcode: 460,
          },
        },
      });
      expect(await failure(facebook.identify(grant))).toMatchObject({
        kind: 'reauth_required',
        providerCode: '190/460',
      });
    });
  });
});
