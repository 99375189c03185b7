/** Keys whose values are secrets wherever they appear, at any depth (compared case-insensitively). */
export const REDACTED_KEYS = [
  'accesstoken',
  'access_token',
  'refreshtoken',
  'refresh_token',
  'idtoken',
  'id_token',
  'token',
  'bottoken',
  'apppassword',
  'password',
  'code',
  'codeverifier',
  'code_verifier',
  'verifier',
  'clientsecret',
  'client_secret',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'apikey',
  'launchtoken',
  'browserid',
  'datakey',
  'kek',
  'signed_request',
] as const;

const redactedKeySet = new Set<string>(REDACTED_KEYS);
export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return redactedKeySet.has(key.toLowerCase());
}

/** Returns a copy with every secret-named value replaced, at every depth; cycles are cut. */
export function redactDeep(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen));
  if (value instanceof Error) {
    return { type: value.name, message: value.message, stack: value.stack };
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redactDeep(v, seen);
  }
  return out;
}
