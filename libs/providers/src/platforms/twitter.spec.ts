import { ProviderError } from '../provider-error';
import { twitterClassifyError, twitterConfig, twitterIdentity } from './twitter';

describe('X identity', () => {
  it('maps /2/users/me', () => {
    expect(
      twitterIdentity({
        data: {
          id: '2244994945',
          name: 'X Dev',
          username: 'XDevelopers',
          profile_image_url: 'https://pbs/x.jpg',
        },
      }),
    ).toEqual({ externalId: '2244994945', displayName: 'X Dev', avatarUrl: 'https://pbs/x.jpg' });
  });

  it('falls back to @username, and to no avatar', () => {
    expect(twitterIdentity({ data: { id: '1', username: 'ann' } })).toEqual({
      externalId: '1',
      displayName: '@ann',
      avatarUrl: null,
    });
  });

  it('refuses an answer without data.id', () => {
    expect(() => twitterIdentity({ errors: [{ message: 'x' }] })).toThrow(ProviderError);
  });
});

describe('X error classification', () => {
  const base = { status: 400, body: null };

  it('treats a refresh token X calls invalid as a dead grant', () => {
    expect(
      twitterClassifyError({
        ...base,
        operation: 'refresh',
        providerCode: 'invalid_request',
        description: 'Value passed for the token was invalid.',
      }),
    ).toBe('reauth_required');
  });

  it('leaves other invalid_request answers alone', () => {
    expect(
      twitterClassifyError({
        ...base,
        operation: 'exchange',
        providerCode: 'invalid_request',
        description: 'Missing code',
      }),
    ).toBeNull();
  });

  it('treats client-forbidden as our configuration', () => {
    expect(
      twitterClassifyError({
        ...base,
        status: 403,
        operation: 'identify',
        providerCode: 'client-forbidden',
        description: null,
      }),
    ).toBe('transient');
  });
});

describe('X configuration', () => {
  it('requires PKCE, Basic auth and the scopes Switchboard needs', () => {
    const config = twitterConfig({ clientId: 'id', clientSecret: 'secret' });
    expect(config.pkce).toBe('S256');
    expect(config.clientAuth).toBe('basic');
    expect(config.requiredScopes).toEqual(['tweet.read', 'users.read', 'offline.access']);
    expect(config.refreshRotates).toBe(true);
    expect(config.issuer).toBeNull();
  });
});
