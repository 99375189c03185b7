import { createProviderRegistry } from '../../registry';
import { fakeFetch, fixedClock } from '../../spec-support/fake-fetch';

const env = { GOOGLE_BUSINESS_CLIENT_ID: 'id', GOOGLE_BUSINESS_CLIENT_SECRET: 'secret' };
const grant = {
  accessToken: 'ya29',
  refreshToken: 'rt',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: {},
};

describe('Google Business locations', () => {
  it('follows nextPageToken through accounts and locations', async () => {
    const fetch = fakeFetch(
      { status: 200, body: { accounts: [{ name: 'accounts/1' }], nextPageToken: 'a2' } },
      { status: 200, body: { accounts: [{ name: 'accounts/2' }] } },
      {
        status: 200,
        body: { locations: [{ name: 'locations/10', title: 'A' }], nextPageToken: 'l2' },
      },
      { status: 200, body: { locations: [{ name: 'locations/11', title: 'B' }] } },
      { status: 200, body: {} },
    );
    const adapter = createProviderRegistry({
      env,
      clock: fixedClock('2030-01-01T00:00:00Z'),
      fetch,
    }).get('GOOGLE_BUSINESS');
    const candidates = await adapter.channels!.list(grant);
    expect(candidates.map((candidate) => candidate.id)).toEqual([
      'accounts/1/locations/10',
      'accounts/1/locations/11',
    ]);
    const urls = fetch.seen.map((request) => new URL(request.url));
    expect(urls.map((url) => url.pathname)).toEqual([
      '/v1/accounts',
      '/v1/accounts',
      '/v1/accounts/1/locations',
      '/v1/accounts/1/locations',
      '/v1/accounts/2/locations',
    ]);
    expect(urls[1].searchParams.get('pageToken')).toBe('a2');
    expect(urls[3].searchParams.get('pageToken')).toBe('l2');
    expect(urls[0].host).toBe('mybusinessaccountmanagement.googleapis.com');
    expect(urls[2].host).toBe('mybusinessbusinessinformation.googleapis.com');
  });
});
