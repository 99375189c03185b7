import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** 43 characters of base64url from 32 random bytes (RFC 7636 §4.1 allows 43–128). */
  verifier: string;
  /** `base64url(sha256(verifier))`, sent with `code_challenge_method=S256`. */
  challenge: string;
}

export function generatePkce(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** The S256 challenge for a verifier (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable OAuth `state`: 256 random bits, base64url (43 characters). */
export function randomState(): string {
  return randomBytes(32).toString('base64url');
}
