import { tiktokBusinessErrorKind } from './tiktok-business-errors';
import { tiktokApiErrorKind, tiktokClassifyError } from './tiktok-errors';
import { tiktokIdentity } from './tiktok';
import { ProviderError } from '../../provider-error';

const tokens = {
  accessToken: 'at',
  refreshToken: null,
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
  extra: { open_id: '-000from-token' },
};

describe('TikTok API v2 errors', () => {
  it.each([
    ['access_token_invalid', 'reauth_required'],
    ['scope_not_authorized', 'permission_lost'],
    ['scope_permission_missed', 'permission_lost'],
    ['rate_limit_exceeded', 'transient'],
    ['internal_error', 'transient'],
    ['invalid_params', 'invalid_request'],
  ] as const)('%s → %s', (code, kind) => {
    expect(tiktokApiErrorKind(code)).toBe(kind);
  });

  it('leaves OAuth codes (invalid_grant…) to the generic classification', () => {
    const input = { operation: 'refresh' as const, status: 400, description: null, body: null };
    expect(tiktokClassifyError({ ...input, providerCode: 'invalid_grant' })).toBeNull();
    expect(tiktokClassifyError({ ...input, providerCode: null })).toBeNull();
  });
});

describe('TikTok identity', () => {
  it('maps /v2/user/info/', () => {
    expect(
      tiktokIdentity(
        {
          data: { user: { open_id: '-000abc', display_name: 'Ada', avatar_url: 'https://a' } },
          error: { code: 'ok', message: '', log_id: '1' },
        },
        tokens,
      ),
    ).toEqual({ externalId: '-000abc', displayName: 'Ada', avatarUrl: 'https://a' });
  });

  it('falls back to @username and to the open_id of the token answer', () => {
    expect(tiktokIdentity({ data: { user: { username: 'ada' } } }, tokens)).toEqual({
      externalId: '-000from-token',
      displayName: '@ada',
      avatarUrl: null,
    });
  });

  it('an error code in a 200 answer is classified', () => {
    const answer = { data: {}, error: { code: 'scope_not_authorized', message: 'x', log_id: '1' } };
    expect(() => tiktokIdentity(answer, tokens)).toThrow(ProviderError);
    try {
      tiktokIdentity(answer, tokens);
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'permission_lost',
        providerCode: 'scope_not_authorized',
      });
    }
  });

  it('no open_id anywhere is an unreadable answer', () => {
    expect(() => tiktokIdentity({ data: {} }, { ...tokens, extra: {} })).toThrow(ProviderError);
  });
});

describe('TikTok Business envelope errors', () => {
  it.each([
    [200, 40105, 'Access token is incorrect or has been revoked.', 'reauth_required'],
    [200, 40104, 'Access token has expired.', 'reauth_required'],
    [200, 40001, 'auth_removed', 'reauth_required'],
    [200, 40105, 'Injected: the auth_code or refresh_token is invalid', 'reauth_required'],
    [200, 40100, 'Too many requests.', 'transient'],
    [200, 40002, 'rate_limit_exceeded', 'transient'],
    [200, 50000, 'Internal service error.', 'transient'],
    [200, 40001, 'The app_id or secret is invalid.', 'transient'],
    [200, 40006, 'Scope not authorized: user.info.basic', 'permission_lost'],
    [200, 40001, 'No permission to operate this business account.', 'permission_lost'],
    [200, 40002, 'business_id is invalid.', 'invalid_request'],
    [500, null, null, 'transient'],
    [429, null, null, 'transient'],
    [200, null, null, 'transient'],
    [404, null, null, 'invalid_request'],
  ] as const)('HTTP %i code %s "%s" → %s', (status, code, message, kind) => {
    expect(tiktokBusinessErrorKind(status, code, message)).toBe(kind);
  });
});
