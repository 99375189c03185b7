import type { TokenSet } from '../adapter';
import { isJsonObject, numberField, stringField, type JsonValue } from '../json';
import { ProviderError, type ProviderOperation } from '../provider-error';

export interface TokenParseContext {
  provider: string;
  operation: ProviderOperation;
  now: Date;
  /** Reported as granted when the response has no `scope`. */
  requestedScopes: readonly string[];
}

/** Fields with a meaning of their own; everything else lands in `extra`. */
const STANDARD_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token_type',
  'expires_in',
  'refresh_token_expires_in',
  'refresh_expires_in',
  'scope',
]);
/** Never copied into `extra`, whatever the platform calls them. */
const SECRET_FIELD = /(^|_)token$|secret|password/i;

/**
 * Reads an RFC 6749 §5.1 token response. Lifetimes come from the response (`expires_in`,
 * `refresh_token_expires_in` or TikTok's `refresh_expires_in`) relative to `now`; a missing or
 * non-positive lifetime means "unknown" (null). A response without `access_token` is treated as
 * an unreadable answer (transient).
 */
export function parseTokenResponse(body: JsonValue, context: TokenParseContext): TokenSet {
  const accessToken = stringField(body, 'access_token');
  if (!isJsonObject(body) || accessToken === null) {
    throw new ProviderError({
      kind: 'transient',
      message: `${context.provider} ${context.operation} failed: the token response has no access_token`,
    });
  }
  const refreshToken = stringField(body, 'refresh_token');
  const refreshLifetime =
    numberField(body, 'refresh_token_expires_in') ?? numberField(body, 'refresh_expires_in');
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!STANDARD_FIELDS.has(key) && !SECRET_FIELD.test(key)) extra[key] = value;
  }
  const granted = parseScopes(body['scope']);
  return {
    accessToken,
    refreshToken,
    tokenType: stringField(body, 'token_type') ?? 'Bearer',
    expiresAt: after(context.now, numberField(body, 'expires_in')),
    refreshExpiresAt: refreshToken === null ? null : after(context.now, refreshLifetime),
    scopes: granted ?? [...context.requestedScopes],
    extra,
  };
}

function after(now: Date, seconds: number | null): Date | null {
  if (seconds === null || seconds <= 0) return null;
  return new Date(now.getTime() + Math.round(seconds * 1000));
}

/**
 * `scope` as a space- or comma-separated string (providers differ, and some answer with the
 * other separator than they take) or an array of strings; null when absent.
 */
export function parseScopes(value: JsonValue | undefined): string[] | null {
  if (typeof value === 'string') return dedupe(value.split(/[\s,]+/));
  if (Array.isArray(value)) {
    return dedupe(value.filter((item): item is string => typeof item === 'string'));
  }
  return null;
}

function dedupe(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((scope) => scope.trim()).filter((scope) => scope.length > 0))];
}
