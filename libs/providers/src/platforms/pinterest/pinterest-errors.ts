import { isJsonObject, stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride } from '../../oauth2/config';

/** Pinterest's error envelope: `{code: integer, message: string}` (PIN-OAS `Error`). */
export interface PinterestApiError {
  code: string;
  message: string | null;
}

export function pinterestApiError(body: JsonValue | null): PinterestApiError | null {
  if (!isJsonObject(body) || typeof body['error'] === 'string') return null;
  const code = body['code'];
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  return { code: String(code), message: stringField(body, 'message') };
}

const DEAD_GRANT = /refresh[_ ]token|grant|expired|revoked/i;

/**
 * | answer | kind |
 * |---|---|
 * | refresh answered 400/401 about the refresh token or grant (expired, revoked, invalid) | reauth_required |
 * | 401 on the API (token invalid or revoked) | reauth_required |
 * | 403 on the API ("not authorized to access the user account", a scope removed) | permission_lost |
 * | 429, 5xx | transient (the generic rules) |
 *
 * Pinterest answers in its `{code, message}` envelope; OAuth-style `{error}` bodies keep the
 * generic rules.
 */
export const pinterestClassifyError: ErrorClassifierOverride = (input) => {
  const api = pinterestApiError(input.body);
  if (api === null) return null;
  if (input.status === 429 || input.status >= 500) return 'transient';
  const aboutGrant = DEAD_GRANT.test(api.message ?? '');
  if (
    input.operation === 'refresh' &&
    (input.status === 400 || input.status === 401) &&
    aboutGrant
  ) {
    return 'reauth_required';
  }
  if (input.operation === 'identify' && input.status === 401) return 'reauth_required';
  if (input.operation === 'identify' && input.status === 403) return 'permission_lost';
  return null;
};
