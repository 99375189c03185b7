import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { ProviderError } from '../../provider-error';

/** An ES256 key as a private JWK (`kty`, `crv`, `x`, `y`, `d`): stored sealed, never logged. */
export interface DpopPrivateJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

export interface DpopKey {
  readonly privateJwk: DpopPrivateJwk;
  readonly publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  readonly key: KeyObject;
}

/** A fresh ES256 (P-256) key for one session (RFC 9449; atproto requires one per session). */
export function generateDpopKey(): DpopKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return dpopKeyFrom(privateKey.export({ format: 'jwk' }));
}

/** Rebuilds a key from its stored private JWK; rejects anything but a P-256 private key. */
export function dpopKeyFrom(jwk: unknown): DpopKey {
  const candidate = jwk as Partial<Record<string, unknown>> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    candidate.kty !== 'EC' ||
    candidate.crv !== 'P-256' ||
    typeof candidate.x !== 'string' ||
    typeof candidate.y !== 'string' ||
    typeof candidate.d !== 'string'
  ) {
    throw new ProviderError({
      kind: 'reauth_required',
      message: 'BLUESKY: the stored DPoP key is missing or malformed',
    });
  }
  const privateJwk: DpopPrivateJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: candidate.x,
    y: candidate.y,
    d: candidate.d,
  };
  const key = createPrivateKey({ key: { ...privateJwk }, format: 'jwk' });
  return {
    privateJwk,
    publicJwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y },
    key,
  };
}

/** RFC 7638 thumbprint of the public key (what a server binds tokens to: `jkt`). */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

export interface DpopProofInput {
  method: string;
  /** The request URL; query and fragment are dropped (RFC 9449 4.2 `htu`). */
  url: string;
  nonce: string | null;
  /** The access token for a resource request (`ath`), none for the authorization server. */
  accessToken?: string | null;
  now: Date;
}

/** One DPoP proof JWT: `dpop+jwt`, ES256, the public key in the header, a unique `jti`. */
export function dpopProof(key: DpopKey, input: DpopProofInput): string {
  const url = new URL(input.url);
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk };
  const payload: Record<string, string | number> = {
    jti: randomUUID(),
    htm: input.method.toUpperCase(),
    htu: `${url.origin}${url.pathname}`,
    iat: Math.floor(input.now.getTime() / 1000),
  };
  if (input.nonce) payload.nonce = input.nonce;
  if (input.accessToken) {
    payload.ath = createHash('sha256').update(input.accessToken).digest('base64url');
  }
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: key.key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
