import { isJsonObject, numberField, stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride } from '../../oauth2/config';

/** Discord's API error body: `{message, code}` (JSON error codes), 429s add `retry_after`. */
export interface DiscordApiError {
  code: number;
  message: string | null;
}

export function discordApiError(body: JsonValue | null): DiscordApiError | null {
  if (!isJsonObject(body) || typeof body['error'] === 'string') return null;
  const code = body['code'];
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  return { code, message: stringField(body, 'message') };
}

/** 429 bodies carry `retry_after` in (fractional) seconds. */
export function discordRetryAfter(body: JsonValue | null): number | null {
  const seconds = numberField(body ?? null, 'retry_after');
  return seconds === null || seconds < 0 ? null : Math.ceil(seconds);
}

/** 50025 "Invalid OAuth2 access token", 40001/0 "Unauthorized". */
const DEAD_TOKEN = new Set([0, 40001, 50025]);
/** 50001 "Missing access", 50013 "You lack permissions…". */
const NO_PERMISSION = new Set([50001, 50013]);

/**
 * | answer | kind |
 * |---|---|
 * | `invalid_grant` (a refresh token already used, expired, or the app removed) | reauth_required (generic) |
 * | 401, or JSON code 50025 / 40001 from the API | reauth_required |
 * | 403, or JSON code 50001 / 50013 | permission_lost |
 * | 429 (`Retry-After`, else the body's `retry_after`), 5xx | transient |
 */
export const discordClassifyError: ErrorClassifierOverride = (input) => {
  if (input.status === 429 || input.status >= 500) return 'transient';
  const api = discordApiError(input.body);
  if (input.operation !== 'identify') return null;
  if (input.status === 401 || (api !== null && DEAD_TOKEN.has(api.code))) return 'reauth_required';
  if (input.status === 403 || (api !== null && NO_PERMISSION.has(api.code))) {
    return 'permission_lost';
  }
  return null;
};
