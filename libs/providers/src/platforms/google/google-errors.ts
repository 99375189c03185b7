import { isJsonObject, numberField, objectField, stringField, type JsonValue } from '../../json';
import type { ProviderErrorKind } from '../../provider-error';

/**
 * Google's API error envelope: `{"error": {"code": 403, "message", "status":
 * "PERMISSION_DENIED", "errors": [{"reason"}], "details": [{"reason"}]}}`. The OAuth endpoints
 * answer RFC 6749 errors instead (`invalid_grant` "Token has been expired or revoked.").
 */
export interface GoogleApiError {
  code: number | null;
  status: string | null;
  message: string | null;
  reasons: string[];
}

export function googleApiError(body: JsonValue | null): GoogleApiError | null {
  const error = objectField(body, 'error');
  if (error === null) return null;
  const reasons: string[] = [];
  for (const key of ['errors', 'details']) {
    const list = error[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const reason = isJsonObject(item) ? stringField(item, 'reason') : null;
      if (reason) reasons.push(reason);
    }
  }
  return {
    code: numberField(error, 'code'),
    status: stringField(error, 'status'),
    message: stringField(error, 'message'),
    reasons,
  };
}

/** Quota and rate limits: YouTube answers some of them with 403, not 429. */
const RATE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
  'RATE_LIMIT_EXCEEDED',
]);
/** Our project's configuration (API not enabled, key or project invalid): never the user's. */
const CONFIG_REASONS = new Set([
  'SERVICE_DISABLED',
  'accessNotConfigured',
  'API_KEY_INVALID',
  'CONSUMER_INVALID',
]);
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

/**
 * | answer | kind |
 * |---|---|
 * | 429 / `RESOURCE_EXHAUSTED`, 5xx / `UNAVAILABLE`, a quota or rate reason (even on a 403) | transient |
 * | the API not enabled for our project (`SERVICE_DISABLED`, `accessNotConfigured`) | transient |
 * | 401 / `UNAUTHENTICATED` | reauth_required |
 * | 403 `insufficientPermissions` / `ACCESS_TOKEN_SCOPE_INSUFFICIENT`, other `PERMISSION_DENIED` | permission_lost |
 * | any other 4xx | invalid_request |
 */
export function googleApiKind(httpStatus: number, error: GoogleApiError): ProviderErrorKind {
  const has = (set: Set<string>): boolean => error.reasons.some((reason) => set.has(reason));
  if (httpStatus === 429 || httpStatus >= 500 || has(RATE_REASONS)) return 'transient';
  if (error.status === 'RESOURCE_EXHAUSTED' || error.status === 'UNAVAILABLE') return 'transient';
  if (has(CONFIG_REASONS)) return 'transient';
  if (httpStatus === 401 || error.status === 'UNAUTHENTICATED') return 'reauth_required';
  if (has(SCOPE_REASONS) || httpStatus === 403 || error.status === 'PERMISSION_DENIED') {
    return 'permission_lost';
  }
  return 'invalid_request';
}

/** The code a ProviderError carries: the canonical status, else the first reason. */
export function googleErrorCode(error: GoogleApiError): string | null {
  return error.status ?? error.reasons[0] ?? (error.code === null ? null : String(error.code));
}
