import { createHash, createPublicKey, verify } from 'node:crypto';

import type { BlueskyStore } from './bluesky-store';

export type DpopCheck =
  | { readonly ok: true; readonly jkt: string }
  /** `use_dpop_nonce`: the proof is fine but carries no (or a stale) nonce. */
  | {
      readonly ok: false;
      readonly error: 'use_dpop_nonce' | 'invalid_dpop_proof';
      readonly description: string;
    };

const MAX_SKEW_SECONDS = 300;

/**
 * RFC 9449 4.3 checks of a DPoP proof at the authorization server: one `DPoP` header, a
 * `dpop+jwt` ES256 JWS whose embedded public key verifies it, `htm`/`htu` equal to this request,
 * a fresh `iat`, an unseen `jti`, and the server's current nonce.
 */
export function checkDpopProof(
  header: string | string[] | undefined,
  method: string,
  url: string,
  store: BlueskyStore,
  nowMs: number,
  /** At a resource server: the access token the proof must be bound to (`ath`). */
  accessToken: string | null = null,
): DpopCheck {
  const invalid = (description: string): DpopCheck => ({
    ok: false,
    error: 'invalid_dpop_proof',
    description,
  });
  if (typeof header !== 'string' || header.length > 4096)
    return invalid('one DPoP header is required');
  const parts = header.split('.');
  if (parts.length !== 3) return invalid('DPoP proof is not a JWS');
  const [rawHeader, rawPayload, rawSignature] = parts as [string, string, string];
  let jose: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    jose = JSON.parse(Buffer.from(rawHeader, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    claims = JSON.parse(Buffer.from(rawPayload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return invalid('DPoP proof is not JSON');
  }
  if (jose.typ !== 'dpop+jwt' || jose.alg !== 'ES256')
    return invalid('typ must be dpop+jwt, alg ES256');
  const jwk = jose.jwk as Record<string, unknown> | undefined;
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) {
    return invalid('jwk must be a public P-256 key');
  }
  let signatureOk = false;
  try {
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as never,
      format: 'jwk',
    });
    signatureOk = verify(
      'sha256',
      Buffer.from(`${rawHeader}.${rawPayload}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(rawSignature, 'base64url'),
    );
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return invalid('DPoP proof signature does not verify');
  const target = new URL(url);
  if (claims.htm !== method.toUpperCase()) return invalid('htm does not match the request');
  if (claims.htu !== `${target.origin}${target.pathname}`)
    return invalid('htu does not match the request');
  if (typeof claims.iat !== 'number' || Math.abs(claims.iat - nowMs / 1000) > MAX_SKEW_SECONDS) {
    return invalid('iat is missing or out of range');
  }
  if (typeof claims.jti !== 'string' || claims.jti.length < 8 || claims.jti.length > 200) {
    return invalid('jti is missing');
  }
  if (
    accessToken !== null &&
    claims.ath !== createHash('sha256').update(accessToken).digest('base64url')
  ) {
    return invalid('ath does not match the access token');
  }
  if (claims.nonce !== store.nonce()) {
    store.counters.nonceChallenges += 1;
    return {
      ok: false,
      error: 'use_dpop_nonce',
      description: 'Authorization server requires nonce in DPoP proof',
    };
  }
  if (store.seenJti.has(claims.jti)) return invalid('jti was already used');
  store.seenJti.set(claims.jti, nowMs);
  if (store.seenJti.size > 10_000) {
    for (const [jti, at] of store.seenJti)
      if (nowMs - at > MAX_SKEW_SECONDS * 2000) store.seenJti.delete(jti);
  }
  return { ok: true, jkt: thumbprint(jwk) };
}

function thumbprint(jwk: Record<string, unknown>): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
