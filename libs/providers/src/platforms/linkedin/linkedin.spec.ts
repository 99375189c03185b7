import { createProviderRegistry } from '../../registry';
import { fakeFetch, fixedClock } from '../../spec-support/fake-fetch';

const env = { LINKEDIN_CLIENT_ID: 'id', LINKEDIN_CLIENT_SECRET: 'secret' };
const clock = fixedClock('2030-01-01T00:00:00Z');
const DAY = 24 * 3600;

function linkedin(fetch: ReturnType<typeof fakeFetch>) {
  return createProviderRegistry({ env, clock, fetch }).get('LINKEDIN');
}

describe('LinkedIn token answers', () => {
  it('reads comma-separated scopes and a 60-day lifetime; no refresh token → not refreshable', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: { access_token: 'at', expires_in: 60 * DAY, scope: 'email,openid,profile' },
    });
    const tokens = await linkedin(fetch).exchangeCode({
      code: 'c',
      redirectUri: 'https://x/cb',
      codeVerifier: null,
    });
    expect(tokens.scopes).toEqual(['email', 'openid', 'profile']);
    expect(tokens.expiresAt).toEqual(
      new Date(Date.parse('2030-01-01T00:00:00Z') + 60 * DAY * 1000),
    );
    expect(tokens.refreshToken).toBeNull();
    expect(linkedin(fetch).refreshable(tokens)).toBe(false);
  });

  it('programmatic refresh: refresh_token_expires_in fixes the refresh expiry', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: {
        access_token: 'at',
        expires_in: 60 * DAY,
        refresh_token: 'rt',
        refresh_token_expires_in: 365 * DAY,
        scope: 'openid',
      },
    });
    const adapter = linkedin(fetch);
    const tokens = await adapter.exchangeCode({
      code: 'c',
      redirectUri: 'https://x/cb',
      codeVerifier: null,
    });
    expect(tokens.refreshExpiresAt).toEqual(
      new Date(Date.parse('2030-01-01T00:00:00Z') + 365 * DAY * 1000),
    );
    expect(adapter.refreshable(tokens)).toBe(true);
    expect(
      adapter.refreshable({
        refreshToken: 'rt',
        refreshExpiresAt: new Date('2029-12-31T00:00:00Z'),
      }),
    ).toBe(false);
  });

  it('an error message never carries the secret or the code', async () => {
    const fetch = fakeFetch({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'Client secret secret and code c-123456 rejected',
      },
    });
    const error = await linkedin(fetch)
      .exchangeCode({ code: 'c-123456', redirectUri: 'https://x/cb', codeVerifier: null })
      .catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ kind: 'transient', providerCode: 'invalid_client' });
    expect((error as Error).message).not.toContain('c-123456');
    expect((error as Error).message).not.toMatch(/secret and/);
  });
});
