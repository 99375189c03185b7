import { isJsonObject, stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride } from '../../oauth2/config';
import type { ProviderErrorKind } from '../../provider-error';

/** A Web API failure: HTTP 200 (or 429) with `{"ok": false, "error": "<code>"}`. */
export function slackErrorCode(body: JsonValue | null): string | null {
  if (!isJsonObject(body) || body['ok'] !== false) return null;
  return stringField(body, 'error') ?? 'unknown_error';
}

/** The grant or token is gone: the user must install again. */
const DEAD = new Set([
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_refresh_token',
  'refresh_token_expired',
  'invalid_grant',
  'invalid_code',
  'code_already_used',
  'app_uninstalled',
]);
/** The token lives but may not do this. */
const NOT_ALLOWED = new Set([
  'missing_scope',
  'no_permission',
  'ekm_access_denied',
  'team_access_not_granted',
]);
/** Slack's side, or our own app's configuration: never the user's fault. */
const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'invalid_client_id',
  'bad_client_secret',
  'bad_redirect_uri',
  'oauth_authorization_url_mismatch',
  'accesslimited',
]);

/**
 * | Slack `error` | kind |
 * |---|---|
 * | `invalid_auth`, `account_inactive`, `token_revoked`, `token_expired`, `invalid_refresh_token`, `refresh_token_expired`, `invalid_grant`, `invalid_code`, `code_already_used` | reauth_required |
 * | `missing_scope`, `no_permission`, `ekm_access_denied`, `team_access_not_granted` | permission_lost |
 * | `ratelimited` (HTTP 429 + Retry-After), `internal_error`, `fatal_error`, `service_unavailable`, `request_timeout`; `invalid_client_id`, `bad_client_secret`, `bad_redirect_uri` (our app) | transient |
 * | anything else | invalid_request |
 */
export function slackErrorKind(code: string, status: number): ProviderErrorKind {
  if (status === 429 || status >= 500 || TRANSIENT.has(code)) return 'transient';
  if (DEAD.has(code)) return 'reauth_required';
  if (NOT_ALLOWED.has(code)) return 'permission_lost';
  return 'invalid_request';
}

/** For the generic token-endpoint path: Slack's codes instead of RFC 6749's. */
export const slackClassifyError: ErrorClassifierOverride = (input) => {
  const code = slackErrorCode(input.body) ?? input.providerCode;
  return code === null ? null : slackErrorKind(code, input.status);
};
