import { googleApiError, googleApiKind, googleErrorCode } from './google-errors';
import { formatAddress, locationCandidate } from './google-business';
import { channelCandidate } from './youtube';

describe('Google API error envelope', () => {
  it('reads code, status, message and the reasons of errors[] and details[]', () => {
    const error = googleApiError({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [
          {
            message: 'Insufficient Permission',
            domain: 'global',
            reason: 'insufficientPermissions',
          },
        ],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          },
        ],
      },
    });
    expect(error).toEqual({
      code: 403,
      status: 'PERMISSION_DENIED',
      message: 'Request had insufficient authentication scopes.',
      reasons: ['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'],
    });
    expect(googleErrorCode(error!)).toBe('PERMISSION_DENIED');
  });

  it('leaves the OAuth endpoints’ bodies to the generic reader', () => {
    expect(
      googleApiError({
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      }),
    ).toBeNull();
    expect(googleApiError(null)).toBeNull();
  });

  const error = (status: string | null, reasons: string[] = []) => ({
    code: null,
    status,
    message: null,
    reasons,
  });

  it.each([
    [401, error('UNAUTHENTICATED', ['authError']), 'reauth_required'],
    [403, error('PERMISSION_DENIED', ['ACCESS_TOKEN_SCOPE_INSUFFICIENT']), 'permission_lost'],
    [403, error(null, ['insufficientPermissions']), 'permission_lost'],
    [403, error('PERMISSION_DENIED'), 'permission_lost'],
    [403, error(null, ['quotaExceeded']), 'transient'],
    [403, error(null, ['rateLimitExceeded']), 'transient'],
    [403, error('PERMISSION_DENIED', ['SERVICE_DISABLED']), 'transient'],
    [429, error('RESOURCE_EXHAUSTED'), 'transient'],
    [503, error('UNAVAILABLE'), 'transient'],
    [500, error('INTERNAL'), 'transient'],
    [400, error('INVALID_ARGUMENT'), 'invalid_request'],
    [404, error('NOT_FOUND'), 'invalid_request'],
  ] as const)('HTTP %i %j → %s', (status, body, kind) => {
    expect(googleApiKind(status, body)).toBe(kind);
  });
});

describe('YouTube channel candidates', () => {
  it('shows the handle and the subscriber count', () => {
    expect(
      channelCandidate({
        id: 'UC1',
        snippet: { title: 'One', customUrl: '@one', thumbnails: { medium: { url: 'https://m' } } },
        statistics: { subscriberCount: '1', hiddenSubscriberCount: false },
      }),
    ).toEqual({
      id: 'UC1',
      name: 'One',
      avatarUrl: 'https://m',
      eligible: true,
      detail: '@one · 1 subscriber',
    });
  });

  it('says when the count is hidden, and copes with no snippet', () => {
    expect(channelCandidate({ id: 'UC2', statistics: { hiddenSubscriberCount: true } })).toEqual({
      id: 'UC2',
      name: 'UC2',
      avatarUrl: null,
      eligible: true,
      detail: 'subscriber count hidden',
    });
    expect(channelCandidate({ snippet: { title: 'no id' } })).toBeNull();
  });
});

describe('Business Profile locations', () => {
  it('formats a PostalAddress on one line', () => {
    expect(
      formatAddress({
        regionCode: 'DE',
        postalCode: '10115',
        locality: 'Berlin',
        addressLines: ['Invalidenstraße 1', 'Hinterhaus'],
      }),
    ).toBe('Invalidenstraße 1, Hinterhaus, Berlin, 10115, DE');
    expect(formatAddress({})).toBeNull();
    expect(formatAddress(null)).toBeNull();
  });

  it('names the candidate accounts/{a}/locations/{l}; refuses odd resource names', () => {
    expect(locationCandidate('accounts/1', { name: 'locations/2', title: 'Shop' })).toMatchObject({
      id: 'accounts/1/locations/2',
      detail: 'Service-area business (no storefront address)',
    });
    expect(locationCandidate('accounts/1', { name: '../../x', title: 'Shop' })).toBeNull();
  });
});
