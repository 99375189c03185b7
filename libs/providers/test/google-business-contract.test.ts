import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * GOOGLE_BUSINESS: Google OAuth (as YOUTUBE) and the Business Profile reads behind its channel
 * list (mybusinessaccountmanagement `v1/accounts`, mybusinessbusinessinformation
 * `v1/{account}/locations` with `readMask`), on the wire under `/google_business/`.
 */
const NOW = new Date('2030-01-01T00:00:00Z');
const AUTH = 'https://www.googleapis.com/auth';

let server: RecordingServer;
let business: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    GOOGLE_BUSINESS_CLIENT_ID: 'gbp-client',
    GOOGLE_BUSINESS_CLIENT_SECRET: 'gbp-secret',
  };
  business = createProviderRegistry({ env, clock: { now: () => NOW } }).get('GOOGLE_BUSINESS');
});

afterEach(async () => {
  await server.close();
});

const grant: TokenSet = {
  accessToken: 'ya29.g',
  refreshToken: '1//g',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: {},
};

function address(line: string, locality: string, postalCode: string) {
  return {
    regionCode: 'US',
    languageCode: 'en',
    postalCode,
    administrativeArea: 'IL',
    locality,
    addressLines: [line],
  };
}

describe('Google Business Profile (GOOGLE_BUSINESS) adapter, on the wire', () => {
  it('requests business.manage with offline access', () => {
    const url = new URL(
      business.authorizationUrl({
        state: 's',
        redirectUri: 'https://switchboard.example/cb',
        scopes: business.defaultScopes(),
        codeChallenge: 'c',
      }),
    );
    expect(url.pathname).toBe('/google_business/o/oauth2/v2/auth');
    expect(url.searchParams.get('scope')).toBe(
      `openid ${AUTH}/userinfo.profile ${AUTH}/business.manage`,
    );
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(business.requiredScopes()).toEqual([`${AUTH}/business.manage`]);
  });

  it('lists accounts, then each account’s locations with a readMask, addresses as detail', async () => {
    server.reply('GET /google_business/v1/accounts', {
      status: 200,
      body: { accounts: [{ name: 'accounts/111', accountName: 'Ada', type: 'PERSONAL' }] },
    });
    server.reply('GET /google_business/v1/accounts/111/locations', {
      status: 200,
      body: {
        locations: [
          {
            name: 'locations/1',
            title: "Joe's Pizza",
            storefrontAddress: address('1 Market St', 'Springfield', '62701'),
          },
          {
            name: 'locations/2',
            title: "Joe's Pizza",
            storefrontAddress: address('9 Main St', 'Shelbyville', '62565'),
          },
          { name: 'locations/3', title: 'Delivery only' },
        ],
      },
    });

    expect(await business.channels!.list(grant)).toEqual([
      {
        id: 'accounts/111/locations/1',
        name: "Joe's Pizza",
        avatarUrl: null,
        eligible: true,
        detail: '1 Market St, Springfield, IL 62701, US',
      },
      {
        id: 'accounts/111/locations/2',
        name: "Joe's Pizza",
        avatarUrl: null,
        eligible: true,
        detail: '9 Main St, Shelbyville, IL 62565, US',
      },
      {
        id: 'accounts/111/locations/3',
        name: 'Delivery only',
        avatarUrl: null,
        eligible: true,
        detail: 'Service-area business (no storefront address)',
      },
    ]);
    const [accounts, locations] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(accounts.method).toBe('GET');
    expect(accounts.headers['authorization']).toBe('Bearer ya29.g');
    expect(locations.query).toEqual({
      readMask: 'name,title,storefrontAddress,metadata',
      pageSize: '100',
    });
    expect(locations.headers['authorization']).toBe('Bearer ya29.g');
  });

  it('a Business Profile API not enabled for our project is our configuration: transient', async () => {
    server.reply('GET /google_business/v1/accounts', {
      status: 403,
      body: {
        error: {
          code: 403,
          message:
            'My Business Account Management API has not been used in project 1 before or it is disabled.',
          status: 'PERMISSION_DENIED',
          details: [{ reason: 'SERVICE_DISABLED' }],
        },
      },
    });
    const error = await business.channels!.list(grant).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'transient', providerCode: 'PERMISSION_DENIED' });
  });

  it('the API access gate (0 QPM → 429 RESOURCE_EXHAUSTED) is transient', async () => {
    server.reply('GET /google_business/v1/accounts', {
      status: 429,
      body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
    });
    const error = await business.channels!.list(grant).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transient', status: 429 });
  });
});
