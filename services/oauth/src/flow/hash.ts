import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Flow secrets are stored only as hashes: a database read cannot replay a flow. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sameHash(value: string, expectedHash: string): boolean {
  const a = Buffer.from(sha256(value), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
