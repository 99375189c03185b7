import type { ErrorClassifierOverride } from '../../oauth2/config';
import type { ProviderErrorKind } from '../../provider-error';

/**
 * TikTok API v2 errors (`{"data": {}, "error": {"code", "message", "log_id"}}`, tiktok-api-v2-
 * error-handling). The token endpoint answers OAuth 2.0 errors (`{error, error_description,
 * log_id}`): `invalid_grant` (a dead code or refresh token) and the rest keep the generic meaning.
 */
const API_KINDS: Readonly<Record<string, ProviderErrorKind>> = {
  access_token_invalid: 'reauth_required',
  scope_not_authorized: 'permission_lost',
  scope_permission_missed: 'permission_lost',
  rate_limit_exceeded: 'transient',
  internal_error: 'transient',
  invalid_params: 'invalid_request',
  invalid_file_upload: 'invalid_request',
};

/** The kind of a TikTok API v2 error code; null for codes without a meaning of their own. */
export function tiktokApiErrorKind(code: string): ProviderErrorKind | null {
  return API_KINDS[code] ?? null;
}

export const tiktokClassifyError: ErrorClassifierOverride = (input) =>
  input.providerCode === null ? null : tiktokApiErrorKind(input.providerCode);
