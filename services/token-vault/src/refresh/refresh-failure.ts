import { isProviderError } from '@switchboard/providers';

export type RefreshFailure =
  | {
      kind: 'transient';
      reason: string;
      retryAfterSeconds: number | null;
      providerStatus: number | null;
    }
  | {
      kind: 'dead';
      reason: 'reauth_required' | 'permission_lost';
      detail: string;
      providerError: string | null;
      missingScopes: string[];
      providerStatus: number | null;
    };

/** Network failures that happen before a request leaves the machine: nothing was consumed. */
const NEVER_SENT = /\((ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN)\)/;

export const LOST_RESPONSE_DETAIL =
  "the platform's answer to a refresh was lost after it may have rotated the refresh token; " +
  'the new refresh token is unknown, so the account must be reconnected';

/**
 * What a failed refresh means. Transient failures (a 5xx, a 429, a request that never left) are
 * retried by the caller; dead grants are reported once. On a platform that rotates refresh tokens,
 * a request that may have reached the platform but whose answer never arrived (connection reset,
 * timeout, an unreadable 2xx) is dead too: the platform has probably consumed the refresh token
 * and issued one we never saw; sending the old one again would look like token theft and revoke
 * the whole grant (X, TikTok, Discord, Fanvue), so the vault stops and asks for a reconnect.
 */
export function classifyRefreshFailure(error: unknown, rotates: boolean): RefreshFailure {
  if (!isProviderError(error)) {
    return {
      kind: 'transient',
      reason: 'internal error',
      retryAfterSeconds: null,
      providerStatus: null,
    };
  }
  if (error.kind === 'transient' || error.kind === 'invalid_request') {
    const answered = error.status !== null && (error.status < 200 || error.status >= 300);
    if (rotates && error.kind === 'transient' && !answered && !NEVER_SENT.test(error.message)) {
      return {
        kind: 'dead',
        reason: 'reauth_required',
        detail: LOST_RESPONSE_DETAIL,
        providerError: 'response_lost',
        missingScopes: [],
        providerStatus: error.status,
      };
    }
    return {
      kind: 'transient',
      reason: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
      providerStatus: error.status,
    };
  }
  return {
    kind: 'dead',
    reason: error.kind === 'permission_lost' ? 'permission_lost' : 'reauth_required',
    detail: error.message,
    providerError: error.providerCode,
    missingScopes: error.missingScopes,
    providerStatus: error.status,
  };
}
