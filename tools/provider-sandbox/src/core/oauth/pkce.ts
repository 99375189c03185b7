import { createHash, timingSafeEqual } from 'node:crypto';

export type PkceMethod = 'S256' | 'plain';

export interface PkceChallenge {
  readonly challenge: string;
  readonly method: PkceMethod;
}

/** RFC 7636 section 4.1: 43-128 unreserved characters. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** base64url of a SHA-256 digest, without padding. */
const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isValidCodeVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

export function isValidCodeChallenge(challenge: string, method: PkceMethod): boolean {
  return method === 'S256'
    ? S256_CHALLENGE_PATTERN.test(challenge)
    : VERIFIER_PATTERN.test(challenge);
}

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function verifyPkce(expected: PkceChallenge, verifier: string): boolean {
  if (!isValidCodeVerifier(verifier)) return false;
  const derived = expected.method === 'S256' ? s256Challenge(verifier) : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(expected.challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
