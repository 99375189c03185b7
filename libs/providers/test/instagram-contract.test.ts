import {
  createProviderRegistry,
  NO_INSTAGRAM_BUSINESS_ACCOUNT,
  type ProviderAdapter,
  ProviderError,
  type TokenSet,
} from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * Instagram API with Facebook Login (developers.facebook.com instagram-platform
 * instagram-api-with-facebook-login; graph-api reference page `instagram_business_account`, IG
 * User node): the same Facebook Login requests as FACEBOOK, then the Instagram Business
 * accounts on the person's Pages, checked on the wire under `/instagram/`.
 */
const CLIENT_ID = 'ig-fb-app-id';
const CLIENT_SECRET = 'ig-fb-app-secret';
const REDIRECT_URI = 'https://switchboard.example/api/v1/social-account/callback/INSTAGRAM';
const V = '/instagram/v23.0';

let server: RecordingServer;
let instagram: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  instagram = createProviderRegistry({
    env: {
      SANDBOX_URL: server.url,
      INSTAGRAM_CLIENT_ID: CLIENT_ID,
      INSTAGRAM_CLIENT_SECRET: CLIENT_SECRET,
    },
    clock: { now: () => new Date('2030-01-01T00:00:00Z') },
  }).get('INSTAGRAM');
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
  scopes: ['instagram_basic', 'pages_show_list', 'pages_read_engagement'],
  extra: {},
};

const PAGES = {
  data: [
    {
      id: '111',
      name: 'Bakery',
      tasks: ['CREATE_CONTENT', 'MANAGE'],
      instagram_business_account: { id: '1784' },
    },
    { id: '222', name: 'Old page', tasks: ['MANAGE'] },
  ],
  paging: { cursors: { before: 'b', after: 'a' } },
};

describe('INSTAGRAM (Facebook Login) adapter, on the wire', () => {
  it('asks Facebook Login for the Instagram permissions', () => {
    const url = new URL(
      instagram.authorizationUrl({
        state: 's',
        redirectUri: REDIRECT_URI,
        scopes: instagram.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}${V}/dialog/oauth`);
    expect(url.searchParams.get('scope')).toBe(
      'instagram_basic,pages_show_list,pages_read_engagement,instagram_content_publish',
    );
    expect(instagram.requiredScopes()).toEqual([
      'instagram_basic',
      'pages_show_list',
      'pages_read_engagement',
    ]);
  });

  it('lists the Instagram Business accounts on the Pages, with the @username as detail', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    server.reply(`GET ${V}/1784`, {
      status: 200,
      body: {
        id: '1784',
        username: 'bakery',
        name: 'The Bakery',
        profile_picture_url: 'https://cdn/ig.jpg',
      },
    });

    const candidates = await instagram.channels!.list(grant);

    expect(server.requests[0]).toMatchObject({
      path: `${V}/me/accounts`,
      query: {
        fields: 'id,name,tasks,picture,instagram_business_account',
        access_token: 'user-ll',
      },
    });
    expect(server.requests[1]).toMatchObject({
      method: 'GET',
      path: `${V}/1784`,
      query: { fields: 'id,username,name,profile_picture_url', access_token: 'user-ll' },
    });
    expect(candidates).toEqual([
      {
        id: '1784',
        name: 'The Bakery',
        avatarUrl: 'https://cdn/ig.jpg',
        eligible: true,
        detail: '@bakery · Page: Bakery',
      },
      {
        id: '222',
        name: 'Old page',
        avatarUrl: null,
        eligible: false,
        detail: `${NO_INSTAGRAM_BUSINESS_ACCOUNT} to this Page`,
      },
    ]);
    expect(instagram.channels).toMatchObject({ noChannelsParam: 'instagram-not-enough-accounts' });
  });

  it('explains, on the person, why nothing can be connected when they have no Page', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: { data: [] } });
    server.reply(`GET ${V}/me`, { status: 200, body: { id: '42', name: 'Personal Pat' } });
    const candidates = await instagram.channels!.list(grant);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      id: '42',
      name: 'Personal Pat',
      avatarUrl: null,
      eligible: false,
    });
    expect(candidates[0].detail).toContain(`${NO_INSTAGRAM_BUSINESS_ACCOUNT}:`);
    expect(candidates[0].detail).toContain('not a personal account');
  });

  it('connects the account with the Page token and the Page and Instagram ids in extra', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    server.reply(`GET ${V}/1784`, {
      status: 200,
      body: { id: '1784', username: 'bakery' },
    });
    server.reply(`GET ${V}/111`, { status: 200, body: { id: '111', access_token: 'page-token' } });

    const connection = await instagram.channels!.connect(grant, '1784');

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${V}/me/accounts`,
      `GET ${V}/1784`,
      `GET ${V}/111`,
    ]);
    expect(server.requests[2].query).toEqual({ fields: 'access_token', access_token: 'user-ll' });
    expect(connection).toEqual({
      externalId: '1784',
      displayName: '@bakery',
      avatarUrl: null,
      tokens: {
        accessToken: 'page-token',
        refreshToken: null,
        tokenType: 'bearer',
        expiresAt: grant.expiresAt,
        refreshExpiresAt: null,
        scopes: grant.scopes,
        extra: { pageId: '111', igUserId: '1784' },
      },
    });
  });

  it('refuses a Page without an Instagram account, with the explanation', async () => {
    server.reply(`GET ${V}/me/accounts`, { status: 200, body: PAGES });
    const error = await failure(instagram.channels!.connect(grant, '222'));
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toContain(NO_INSTAGRAM_BUSINESS_ACCOUNT);
  });

  it('a lost Page role (190/492) while listing → reauth_required', async () => {
    server.reply(`GET ${V}/me/accounts`, {
      status: 400,
      body: {
        error: {
          message: 'Invalid session',
          type: 'OAuthException',
          code: 190,
          error_subcode: 492,
        },
      },
    });
    expect(await failure(instagram.channels!.list(grant))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/492',
    });
  });

  it('an unconfirmed account (190/464) → permission_lost: the person must act, not reconnect', async () => {
    server.reply(`GET ${V}/me/accounts`, {
      status: 400,
      body: {
        error: {
          message: 'Unconfirmed user',
          type: 'OAuthException',
          code: 190,
          error_subcode: 464,
        },
      },
    });
    expect(await failure(instagram.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
    });
  });
});
