import { ProviderError } from '../../provider-error';
import { fanvueClassifyError, fanvueConfig, fanvueIdentity } from './fanvue';

describe('Fanvue identity', () => {
  it('uses the uuid, the display name or @handle', () => {
    expect(
      fanvueIdentity({ uuid: 'u-1', displayName: 'Ann', handle: 'ann', avatarUrl: 'https://a' }),
    ).toEqual({ externalId: 'u-1', displayName: 'Ann', avatarUrl: 'https://a' });
    expect(fanvueIdentity({ uuid: 'u-1', handle: 'ann', email: 'a@b.c' })).toEqual({
      externalId: 'u-1',
      displayName: '@ann',
      avatarUrl: null,
    });
  });

  it('never falls back to the email, and refuses an answer without uuid', () => {
    expect(fanvueIdentity({ uuid: 'u-1', email: 'a@b.c' }).displayName).toBe('u-1');
    expect(() => fanvueIdentity({ email: 'a@b.c' })).toThrow(ProviderError);
  });
});

describe('Fanvue configuration and errors', () => {
  it('PKCE S256, Basic with client_id in the body, the system scopes, rotation', () => {
    const config = fanvueConfig({ clientId: 'id', clientSecret: 'secret' });
    expect(config).toMatchObject({
      pkce: 'S256',
      clientAuth: 'basic',
      clientIdInTokenBody: true,
      refreshRotates: true,
    });
    expect(config.requiredScopes).toEqual(['openid', 'offline_access', 'offline', 'read:self']);
  });

  it('403 from the API is a missing scope', () => {
    const input = { status: 403, providerCode: null, description: null, body: null };
    expect(fanvueClassifyError({ ...input, operation: 'identify' })).toBe('permission_lost');
    expect(fanvueClassifyError({ ...input, operation: 'refresh' })).toBeNull();
  });
});
