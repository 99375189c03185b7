import { ProviderError } from '@switchboard/providers';
import { classifyRefreshFailure, LOST_RESPONSE_DETAIL } from './refresh-failure';

const transient = (message: string, status: number | null = null) =>
  new ProviderError({
    kind: 'transient',
    message,
    status,
    retryAfterSeconds: status === 429 ? 30 : null,
  });

describe('classifyRefreshFailure', () => {
  it('should retry what the platform answered with a 5xx or 429, rotating or not', () => {
    expect(classifyRefreshFailure(transient('HTTP 503', 503), true)).toMatchObject({
      kind: 'transient',
      providerStatus: 503,
    });
    expect(classifyRefreshFailure(transient('HTTP 429', 429), true)).toMatchObject({
      kind: 'transient',
      retryAfterSeconds: 30,
    });
  });

  it('should retry a request that never left the machine', () => {
    const refused = transient(
      'TWITTER refresh (POST https://api.x.com/2/oauth2/token) failed: network error (ECONNREFUSED)',
    );
    expect(classifyRefreshFailure(refused, true)).toMatchObject({ kind: 'transient' });
  });

  it('should treat a lost answer on a rotating platform as a dead grant, not a retry', () => {
    for (const error of [
      transient('TWITTER refresh failed: network error (UND_ERR_SOCKET)'),
      transient('TWITTER refresh timed out after 10000 ms'),
      transient('TWITTER refresh failed: HTTP 200 with an unreadable body', 200),
    ]) {
      expect(classifyRefreshFailure(error, true)).toEqual({
        kind: 'dead',
        reason: 'reauth_required',
        detail: LOST_RESPONSE_DETAIL,
        providerError: 'response_lost',
        missingScopes: [],
        providerStatus: error.status,
      });
      // a platform that does not rotate keeps the refresh token valid: retry
      expect(classifyRefreshFailure(error, false)).toMatchObject({ kind: 'transient' });
    }
  });

  it('should report invalid_grant and lost permissions once, with their details', () => {
    const dead = new ProviderError({
      kind: 'reauth_required',
      message: 'invalid_grant',
      status: 400,
      providerCode: 'invalid_grant',
    });
    expect(classifyRefreshFailure(dead, true)).toMatchObject({
      kind: 'dead',
      reason: 'reauth_required',
      providerError: 'invalid_grant',
    });
    const lost = new ProviderError({
      kind: 'permission_lost',
      message: 'scope gone',
      status: 403,
      missingScopes: ['tweet.read'],
    });
    expect(classifyRefreshFailure(lost, true)).toMatchObject({
      kind: 'dead',
      reason: 'permission_lost',
      missingScopes: ['tweet.read'],
    });
  });

  it('should retry an internal error without telling the caller anything about it', () => {
    expect(classifyRefreshFailure(new Error('boom'), true)).toEqual({
      kind: 'transient',
      reason: 'internal error',
      retryAfterSeconds: null,
      providerStatus: null,
    });
  });
});
