import { linkedInApiError, linkedInApiKind, linkedInClassifyError } from './linkedin-errors';

describe('LinkedIn API error envelope', () => {
  it('reads `code` when LinkedIn names one, else the serviceErrorCode', () => {
    expect(
      linkedInApiError({
        status: 401,
        serviceErrorCode: 65601,
        code: 'REVOKED_ACCESS_TOKEN',
        message: 'The token used in the request has been revoked by the user',
      }),
    ).toEqual({
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
    });
    expect(
      linkedInApiError({
        message: 'Empty oauth2_access_token',
        serviceErrorCode: 401,
        status: 401,
      }),
    ).toEqual({ code: '401', message: 'Empty oauth2_access_token' });
    expect(linkedInApiError({ status: 429, message: 'Resource level throttle limit…' })).toEqual({
      code: null,
      message: 'Resource level throttle limit…',
    });
  });

  it('leaves OAuth bodies and other shapes to the generic reader', () => {
    expect(linkedInApiError({ error: 'invalid_request', error_description: 'x' })).toBeNull();
    expect(linkedInApiError(null)).toBeNull();
    expect(linkedInApiError(['x'])).toBeNull();
  });

  it.each([
    [401, 'REVOKED_ACCESS_TOKEN', 'reauth_required'],
    [401, 'EXPIRED_ACCESS_TOKEN', 'reauth_required'],
    [401, 'INVALID_ACCESS_TOKEN', 'reauth_required'],
    [403, 'ACCESS_DENIED', 'permission_lost'],
    [429, null, 'transient'],
    [500, null, 'transient'],
    [504, '0', 'transient'],
    [426, 'NONEXISTENT_VERSION', 'transient'],
    [400, 'VERSION_MISSING', 'transient'],
    [400, 'ILLEGAL_ARGUMENT', 'invalid_request'],
    [404, null, 'invalid_request'],
  ] as const)('HTTP %i %s → %s', (status, code, kind) => {
    expect(linkedInApiKind(status, code)).toBe(kind);
  });
});

describe('LinkedIn token endpoint classification', () => {
  const base = { status: 400, body: null, providerCode: 'invalid_request' };

  it('a dead refresh token, which LinkedIn calls invalid_request, is reauth_required', () => {
    expect(
      linkedInClassifyError({
        ...base,
        operation: 'refresh',
        description:
          'The provided authorization grant or refresh token is invalid, expired or revoked',
      }),
    ).toBe('reauth_required');
  });

  it('a bad code at the exchange stays invalid_request', () => {
    expect(
      linkedInClassifyError({
        ...base,
        operation: 'exchange',
        description: 'Unable to retrieve access token: authorization code not found',
      }),
    ).toBeNull();
  });
});
