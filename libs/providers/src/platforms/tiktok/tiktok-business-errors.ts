import type { ProviderErrorKind } from '../../provider-error';

/**
 * TikTok API for Business answers errors as HTTP 200 with `{code, message, request_id, data}` and
 * a non-zero `code`. Only a few numeric codes are confirmed (`40105` "Access token is incorrect or
 * has been revoked.", `40100` too many requests); the official list was not read, so the message
 * decides the rest (the strings Postiz handles: "Access token is incorrect", "Access token has
 * expired", `auth_removed`, `rate_limit_exceeded`, "Too many requests").
 *
 * | answer | kind |
 * |---|---|
 * | HTTP 429 or 5xx, `code` 40100 or ≥ 50000, "too many requests" / rate limit | transient |
 * | the app's id or secret rejected (our configuration) | transient |
 * | `code` 40105, or an access token / auth_code / refresh token incorrect, expired or revoked | reauth_required |
 * | a scope or permission missing | permission_lost |
 * | anything else | invalid_request |
 */
export function tiktokBusinessErrorKind(
  status: number,
  code: number | null,
  message: string | null,
): ProviderErrorKind {
  const text = message ?? '';
  if (status === 429 || status >= 500) return 'transient';
  if (code === null) return status < 400 ? 'transient' : 'invalid_request';
  if (code === 40100 || code >= 50000 || /too many requests|rate.?limit/i.test(text)) {
    return 'transient';
  }
  if (/app_?id|client_?id|secret/i.test(text)) return 'transient';
  if (
    code === 40105 ||
    /access.?token|auth_?code|refresh.?token|revoked|expired|auth_removed/i.test(text)
  ) {
    return 'reauth_required';
  }
  if (/scope|permission/i.test(text)) return 'permission_lost';
  return 'invalid_request';
}
