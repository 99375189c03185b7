import { isJsonObject, stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride } from '../../oauth2/config';
import type { ProviderErrorKind } from '../../provider-error';

/** LinkedIn's API error envelope: `{status, serviceErrorCode, code?, message}`. */
export interface LinkedInApiError {
  /** `code` when LinkedIn names one (`REVOKED_ACCESS_TOKEN`), else the `serviceErrorCode`. */
  code: string | null;
  message: string | null;
}

/** Reads LinkedIn's API envelope; null for anything else (the token endpoint speaks OAuth). */
export function linkedInApiError(body: JsonValue | null): LinkedInApiError | null {
  if (!isJsonObject(body)) return null;
  const service = body['serviceErrorCode'];
  const isEnvelope =
    typeof service === 'number' ||
    (typeof body['status'] === 'number' && typeof body['message'] === 'string');
  if (!isEnvelope || typeof body['error'] === 'string') return null;
  return {
    code: stringField(body, 'code') ?? (typeof service === 'number' ? String(service) : null),
    message: stringField(body, 'message'),
  };
}

/** Codes LinkedIn answers when our `LinkedIn-Version` header is missing or sunset. */
const VERSION_CODES = new Set(['VERSION_MISSING', 'NONEXISTENT_VERSION']);

/**
 * | answer | kind |
 * |---|---|
 * | 429 ("Resource level throttle limit…"), 5xx | transient |
 * | 426 / `NONEXISTENT_VERSION`, `VERSION_MISSING`: our `LinkedIn-Version` | transient |
 * | 401 (`REVOKED_ACCESS_TOKEN` 65601, `EXPIRED_ACCESS_TOKEN`, `INVALID_ACCESS_TOKEN` 65600…) | reauth_required |
 * | 403 `ACCESS_DENIED` (a scope or an organization role the member no longer has) | permission_lost |
 * | any other 4xx | invalid_request |
 */
export function linkedInApiKind(status: number, code: string | null): ProviderErrorKind {
  if (status === 429 || status >= 500) return 'transient';
  if (status === 426 || (code !== null && VERSION_CODES.has(code))) return 'transient';
  if (status === 401) return 'reauth_required';
  if (status === 403) return 'permission_lost';
  return 'invalid_request';
}

/**
 * The token endpoint speaks OAuth 2.0 but rejects a dead refresh token as 400 `invalid_request`
 * "The provided authorization grant or refresh token is invalid, expired or revoked" rather than
 * `invalid_grant` (LinkedIn, programmatic refresh tokens): the member must reconnect.
 */
export const linkedInClassifyError: ErrorClassifierOverride = (input) => {
  const deadGrant = /refresh token|authorization grant/i.test(input.description ?? '');
  if (input.operation === 'refresh' && input.providerCode === 'invalid_request' && deadGrant) {
    return 'reauth_required';
  }
  return null;
};
