import { createProviderRegistry } from '../../registry';
import { fakeFetch, fixedClock } from '../../spec-support/fake-fetch';

const clock = fixedClock('2030-01-01T00:00:00Z');
const T0 = Date.parse('2030-01-01T00:00:00Z');

describe('TikTok token answers', () => {
  const env = { TIKTOK_CLIENT_ID: 'key', TIKTOK_CLIENT_SECRET: 'secret' };

  it('keeps open_id in extra and reads expires_in and refresh_expires_in', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: {
        access_token: 'act',
        expires_in: 86400,
        open_id: '-000abc',
        refresh_expires_in: 31536000,
        refresh_token: 'rft',
        scope: 'user.info.basic,video.list',
        token_type: 'Bearer',
      },
    });
    const tiktok = createProviderRegistry({ env, clock, fetch }).get('TIKTOK');
    const tokens = await tiktok.exchangeCode({
      code: 'c',
      redirectUri: 'https://x/cb',
      codeVerifier: null,
    });
    // The older 24 h / 365 d lifetimes, read from the answer like the newer 2 h / 180 d.
    expect(tokens).toEqual({
      accessToken: 'act',
      refreshToken: 'rft',
      tokenType: 'Bearer',
      expiresAt: new Date(T0 + 86400 * 1000),
      refreshExpiresAt: new Date(T0 + 31536000 * 1000),
      scopes: ['user.info.basic', 'video.list'],
      extra: { open_id: '-000abc' },
    });
  });

  it('an OAuth error in a 200 answer is still an error', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: {
        error: 'invalid_grant',
        error_description: 'Authorization code is expired.',
        log_id: 'x',
      },
    });
    const tiktok = createProviderRegistry({ env, clock, fetch }).get('TIKTOK');
    await expect(
      tiktok.exchangeCode({ code: 'c', redirectUri: 'https://x/cb', codeVerifier: null }),
    ).rejects.toMatchObject({ kind: 'reauth_required', providerCode: 'invalid_grant' });
  });

  it('a failed revoke is classified, and nothing to revoke is {revoked: false}', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: { error: 'invalid_client', error_description: 'Client key or secret is incorrect.' },
    });
    const tiktok = createProviderRegistry({ env, clock, fetch }).get('TIKTOK');
    await expect(tiktok.revoke({ accessToken: 'act', refreshToken: null })).rejects.toMatchObject({
      kind: 'transient',
      providerCode: 'invalid_client',
    });
    expect(await tiktok.revoke({ accessToken: null, refreshToken: null })).toEqual({
      revoked: false,
    });
  });
});

describe('TikTok Business token answers', () => {
  const env = { TIKTOK_BUSINESS_CLIENT_ID: 'app', TIKTOK_BUSINESS_CLIENT_SECRET: 'secret' };

  it('reads the token from the envelope’s data', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: {
        code: 0,
        message: 'OK',
        request_id: 'r',
        data: {
          access_token: 'act',
          expires_in: 86400,
          open_id: '-000b',
          refresh_token: 'rft',
          refresh_token_expires_in: 31527314,
          scope: 'user.info.basic',
          token_type: 'Bearer',
        },
      },
    });
    const business = createProviderRegistry({ env, clock, fetch }).get('TIKTOK_BUSINESS');
    const tokens = await business.refresh({ refreshToken: 'rft', scopes: [] });
    expect(tokens.refreshExpiresAt).toEqual(new Date(T0 + 31527314 * 1000));
    expect(tokens.extra).toEqual({ open_id: '-000b' });
  });

  it('a code 0 envelope without a token is an unreadable answer (transient)', async () => {
    const fetch = fakeFetch({ status: 200, body: { code: 0, message: 'OK', data: {} } });
    const business = createProviderRegistry({ env, clock, fetch }).get('TIKTOK_BUSINESS');
    await expect(business.refresh({ refreshToken: 'rft', scopes: [] })).rejects.toMatchObject({
      kind: 'transient',
    });
  });

  it('identify without an open_id in extra refuses before calling TikTok', async () => {
    const fetch = fakeFetch({ status: 500 });
    const business = createProviderRegistry({ env, clock, fetch }).get('TIKTOK_BUSINESS');
    await expect(
      business.identify({
        accessToken: 'act',
        refreshToken: null,
        tokenType: 'Bearer',
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [],
        extra: {},
      }),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(fetch.seen).toHaveLength(0);
  });
});
