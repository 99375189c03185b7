import { createHttpClient } from '../../http';
import { fakeFetch } from '../../spec-support/fake-fetch';
import { ProviderError } from '../../provider-error';
import { mastodonPlatform } from './mastodon';
import { mastodonAppRequest, mastodonSupportsPkce, parseMastodonApp } from './mastodon-apps';

const SERVER = 'https://social.example';
const REDIRECT = 'https://switchboard.example/api/v1/social-account/callback/mastodon';
const clock = { now: () => new Date('2030-01-01T00:00:00Z') };

function adapter(fetch: ReturnType<typeof fakeFetch>, pkce = true) {
  return mastodonPlatform.create({
    credentials: { clientId: 'app-id', clientSecret: 'app-secret' },
    endpoint: (url) => url,
    http: createHttpClient({ fetch }),
    clock,
    instance: { serverUrl: `${SERVER}/`, pkce },
  });
}

describe('MASTODON adapter, exact requests', () => {
  it('authorizes on the instance with PKCE S256 and space-separated scopes', () => {
    const url = new URL(
      adapter(fakeFetch()).authorizationUrl({
        state: 'st',
        redirectUri: REDIRECT,
        scopes: ['read:accounts', 'write:statuses', 'write:media'],
        codeChallenge: 'challenge',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${SERVER}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'app-id',
      redirect_uri: REDIRECT,
      scope: 'read:accounts write:statuses write:media',
      state: 'st',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
    });
  });

  it('sends no PKCE to an instance older than 4.3', () => {
    const url = new URL(
      adapter(fakeFetch(), false).authorizationUrl({
        state: 'st',
        redirectUri: REDIRECT,
        scopes: ['read:accounts'],
        codeChallenge: null,
      }),
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('exchanges the code with client_secret_post; the token has no expiry and names the instance', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: { access_token: 'tok', token_type: 'Bearer', scope: 'read:accounts', created_at: 1 },
    });
    const tokens = await adapter(fetch).exchangeCode({
      code: 'code-1',
      redirectUri: REDIRECT,
      codeVerifier: 'verifier',
    });
    expect(fetch.seen[0]).toMatchObject({ url: `${SERVER}/oauth/token`, method: 'POST' });
    expect(Object.fromEntries(new URLSearchParams(fetch.seen[0].body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: REDIRECT,
      code_verifier: 'verifier',
      client_id: 'app-id',
      client_secret: 'app-secret',
    });
    expect(fetch.seen[0].headers['authorization']).toBeUndefined();
    expect(tokens).toMatchObject({
      accessToken: 'tok',
      refreshToken: null,
      expiresAt: null,
      extra: { serverUrl: SERVER },
    });
  });

  it('identifies through verify_credentials: ids are per instance', async () => {
    const fetch = fakeFetch({
      status: 200,
      body: { id: '1093', username: 'alice', display_name: '', avatar: 'https://a/x.png' },
    });
    const identity = await adapter(fetch).identify({
      accessToken: 'tok',
      refreshToken: null,
      tokenType: 'Bearer',
      expiresAt: null,
      refreshExpiresAt: null,
      scopes: [],
      extra: {},
    });
    expect(fetch.seen[0]).toMatchObject({
      url: `${SERVER}/api/v1/accounts/verify_credentials`,
      headers: { authorization: 'Bearer tok' },
    });
    expect(identity).toEqual({
      externalId: '1093@social.example',
      displayName: '@alice@social.example',
      avatarUrl: 'https://a/x.png',
    });
  });

  it('revokes the access token at /oauth/revoke with the app credentials', async () => {
    const fetch = fakeFetch({ status: 200, body: {} });
    await expect(
      adapter(fetch).revoke({ accessToken: 'tok', refreshToken: null }),
    ).resolves.toEqual({ revoked: true });
    expect(fetch.seen[0].url).toBe(`${SERVER}/oauth/revoke`);
    expect(Object.fromEntries(new URLSearchParams(fetch.seen[0].body))).toEqual({
      token: 'tok',
      client_id: 'app-id',
      client_secret: 'app-secret',
    });
  });

  it('has nothing to refresh, and a dead token is reauth_required', async () => {
    await expect(adapter(fakeFetch()).refresh({ refreshToken: 'x', scopes: [] })).rejects.toThrow(
      ProviderError,
    );
    const fetch = fakeFetch({ status: 401, body: { error: 'The access token is invalid' } });
    const error = await adapter(fetch)
      .identify({
        accessToken: 'tok',
        refreshToken: null,
        tokenType: 'Bearer',
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [],
        extra: {},
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'reauth_required' });
  });
});

describe('MASTODON app registration', () => {
  it('registers the callback with the broad scopes flows ask subsets of', () => {
    expect(mastodonAppRequest(REDIRECT, 'Switchboard', 'https://switchboard.example')).toEqual({
      client_name: 'Switchboard',
      redirect_uris: REDIRECT,
      scopes: 'read write',
      website: 'https://switchboard.example',
    });
  });

  it('reads the client credentials, or nothing', () => {
    expect(parseMastodonApp({ client_id: 'a', client_secret: 'b' })).toEqual({
      clientId: 'a',
      clientSecret: 'b',
    });
    expect(parseMastodonApp({ error: 'Validation failed' })).toBeNull();
  });

  it('takes PKCE only where the metadata names S256', () => {
    expect(mastodonSupportsPkce({ code_challenge_methods_supported: ['S256'] })).toBe(true);
    expect(mastodonSupportsPkce(null)).toBe(false);
    expect(mastodonSupportsPkce({ issuer: 'x' })).toBe(false);
  });
});
