import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedLinkVerdict =
  | { ok: true; claims: Record<string, unknown>; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad-signature' }
  /** Authentic but too old: the claims are given so the caller can answer helpfully. */
  | { ok: false; reason: 'expired'; claims: Record<string, unknown> };

/**
 * Compact signed tokens for links sent to people (reconnect links, later portal links):
 * `base64url(JSON claims).base64url(HMAC-SHA256)`. The key is derived per purpose from the
 * deployment secret, so a token made for one purpose never verifies for another.
 */
export function signLink(
  secret: string,
  purpose: string,
  claims: Record<string, unknown>,
  expiresAt: Date,
): string {
  const payload = Buffer.from(
    JSON.stringify({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

export function verifyLink(
  secret: string,
  purpose: string,
  token: string,
  now: Date = new Date(),
): SignedLinkVerdict {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 2000) {
    return { ok: false, reason: 'malformed' };
  }
  const [payload, signature] = parts;
  const expected = mac(secret, purpose, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return { ok: false, reason: 'malformed' };
  }
  const exp = (claims as { exp?: unknown }).exp;
  if (typeof exp !== 'number') return { ok: false, reason: 'malformed' };
  if (exp * 1000 <= now.getTime()) {
    return { ok: false, reason: 'expired', claims: claims as Record<string, unknown> };
  }
  return { ok: true, claims: claims as Record<string, unknown>, expiresAt: new Date(exp * 1000) };
}

function mac(secret: string, purpose: string, payload: string): Buffer {
  const key = createHmac('sha256', secret).update(`switchboard/link/${purpose}`).digest();
  return createHmac('sha256', key).update(payload).digest();
}
