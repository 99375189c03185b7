import { ProviderError } from '../../provider-error';
import { pinterestApiError, pinterestClassifyError } from './pinterest-errors';
import { pinterestConfig, pinterestIdentity } from './pinterest';

describe('Pinterest identity', () => {
  it('maps /v5/user_account: the numeric id, the business name, the profile image', () => {
    expect(
      pinterestIdentity({
        id: '549755885175',
        username: 'ann',
        business_name: 'Ann Studio',
        profile_image: 'https://i.pinimg.com/a.jpg',
      }),
    ).toEqual({
      externalId: '549755885175',
      displayName: 'Ann Studio',
      avatarUrl: 'https://i.pinimg.com/a.jpg',
    });
  });

  it('falls back to the username', () => {
    expect(pinterestIdentity({ username: 'ann' })).toEqual({
      externalId: 'ann',
      displayName: 'ann',
      avatarUrl: null,
    });
  });

  it('refuses an answer naming nobody', () => {
    expect(() => pinterestIdentity({ account_type: 'PINNER' })).toThrow(ProviderError);
  });
});

describe('Pinterest error classification', () => {
  const input = (operation: 'refresh' | 'identify' | 'exchange', status: number, body: object) => ({
    operation,
    status,
    providerCode: null,
    description: null,
    body: body as never,
  });

  it('reads the {code, message} envelope, and nothing else', () => {
    expect(pinterestApiError({ code: 2, message: 'Authentication failed.' })).toEqual({
      code: '2',
      message: 'Authentication failed.',
    });
    expect(pinterestApiError({ error: 'invalid_grant' })).toBeNull();
    expect(pinterestApiError({ code: 'x' })).toBeNull();
  });

  it('a refresh refused about the refresh token is a dead grant', () => {
    expect(
      pinterestClassifyError(
        input('refresh', 400, { code: 1, message: 'Refresh token has expired' }),
      ),
    ).toBe('reauth_required');
    expect(
      pinterestClassifyError(input('refresh', 400, { code: 1, message: 'page_size is invalid' })),
    ).toBeNull();
  });

  it('401 on the API is a dead token, 403 a lost permission, 429 and 5xx transient', () => {
    expect(pinterestClassifyError(input('identify', 401, { code: 2, message: 'x' }))).toBe(
      'reauth_required',
    );
    expect(pinterestClassifyError(input('identify', 403, { code: 29, message: 'x' }))).toBe(
      'permission_lost',
    );
    expect(pinterestClassifyError(input('refresh', 429, { code: 8, message: 'x' }))).toBe(
      'transient',
    );
    expect(pinterestClassifyError(input('exchange', 503, { code: 1, message: 'x' }))).toBe(
      'transient',
    );
  });
});

describe('Pinterest configuration', () => {
  it('HTTP Basic, no PKCE, comma-separated scopes, rotating refresh tokens', () => {
    const config = pinterestConfig({ clientId: 'id', clientSecret: 'secret' });
    expect(config).toMatchObject({
      clientAuth: 'basic',
      pkce: 'none',
      scopeSeparator: ',',
      refreshRotates: true,
      issuer: null,
    });
    expect(config.requiredScopes).toEqual(['boards:read', 'user_accounts:read']);
  });
});
