import { isValidCodeChallenge, isValidCodeVerifier, s256Challenge, verifyPkce } from './pkce';

describe('PKCE', () => {
  // RFC 7636 appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('derives the RFC 7636 appendix B S256 challenge', () => {
    expect(s256Challenge(verifier)).toBe(challenge);
  });

  it('accepts the matching verifier for S256 and plain', () => {
    expect(verifyPkce({ challenge, method: 'S256' }, verifier)).toBe(true);
    expect(verifyPkce({ challenge: verifier, method: 'plain' }, verifier)).toBe(true);
  });

  it('rejects another verifier, and a plain verifier against an S256 challenge', () => {
    expect(verifyPkce({ challenge, method: 'S256' }, `${verifier.slice(0, -1)}Y`)).toBe(false);
    expect(verifyPkce({ challenge, method: 'S256' }, challenge)).toBe(false);
  });

  it('rejects verifiers outside 43-128 unreserved characters even if they would match', () => {
    const short = 'abc';
    expect(isValidCodeVerifier(short)).toBe(false);
    expect(verifyPkce({ challenge: short, method: 'plain' }, short)).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(128))).toBe(true);
  });

  it('checks the challenge format per method', () => {
    expect(isValidCodeChallenge(challenge, 'S256')).toBe(true);
    expect(isValidCodeChallenge(`${challenge}=`, 'S256')).toBe(false);
    expect(isValidCodeChallenge('short', 'S256')).toBe(false);
    expect(isValidCodeChallenge(verifier, 'plain')).toBe(true);
  });
});
