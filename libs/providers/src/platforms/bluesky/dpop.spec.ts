import { createPublicKey, verify } from 'node:crypto';
import { ProviderError } from '../../provider-error';
import { dpopKeyFrom, dpopProof, generateDpopKey, jwkThumbprint } from './dpop';

function decode(jwt: string) {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>,
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

describe('DPoP keys and proofs (RFC 9449)', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('a proof is an ES256 dpop+jwt that the public key in its header verifies', () => {
    const key = generateDpopKey();
    const proof = decode(
      dpopProof(key, {
        method: 'post',
        url: 'https://as.example/oauth/token?x=1#f',
        nonce: 'n-1',
        now,
      }),
    );
    expect(proof.header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk });
    expect(proof.header.jwk).not.toHaveProperty('d');
    expect(proof.claims).toEqual({
      jti: expect.any(String) as unknown,
      htm: 'POST',
      htu: 'https://as.example/oauth/token',
      iat: now.getTime() / 1000,
      nonce: 'n-1',
    });
    const publicKey = createPublicKey({ key: key.publicJwk, format: 'jwk' });
    expect(
      verify(
        'sha256',
        Buffer.from(proof.signingInput),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        proof.signature,
      ),
    ).toBe(true);
  });

  it('binds a resource request to its access token (ath) and never repeats a jti', () => {
    const key = generateDpopKey();
    const a = decode(
      dpopProof(key, {
        method: 'GET',
        url: 'https://pds.example/xrpc/x',
        nonce: null,
        accessToken: 'at',
        now,
      }),
    );
    const b = decode(
      dpopProof(key, { method: 'GET', url: 'https://pds.example/xrpc/x', nonce: null, now }),
    );
    // base64url(sha256("at"))
    expect(a.claims.ath).toBe('sda5G2fCr6XjIpiNlGJjjTVN34oe9526mH-BXCK0uu4');
    expect(a.claims).not.toHaveProperty('nonce');
    expect(b.claims).not.toHaveProperty('ath');
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it('a stored private JWK gives back the same key; anything else is a dead connection', () => {
    const key = generateDpopKey();
    const again = dpopKeyFrom(JSON.parse(JSON.stringify(key.privateJwk)));
    expect(again.publicJwk).toEqual(key.publicJwk);
    expect(jwkThumbprint(again.publicJwk)).toBe(jwkThumbprint(key.publicJwk));
    expect(jwkThumbprint(key.publicJwk)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const bad of [null, {}, { ...key.publicJwk }, { ...key.privateJwk, crv: 'P-384' }]) {
      expect(() => dpopKeyFrom(bad)).toThrow(ProviderError);
    }
  });
});
