import { generatePkce, pkceChallenge, randomState } from './pkce';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a 43–128 character base64url verifier whose challenge matches', () => {
    const { verifier, challenge } = generatePkce();
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(verifier.length).toBeLessThanOrEqual(128);
    expect(verifier).toMatch(BASE64URL);
    expect(challenge).toBe(pkceChallenge(verifier));
    expect(challenge).toMatch(BASE64URL);
    expect(challenge).toHaveLength(43);
  });

  it('never repeats a verifier', () => {
    const verifiers = new Set(Array.from({ length: 1000 }, () => generatePkce().verifier));
    expect(verifiers.size).toBe(1000);
  });
});

describe('randomState', () => {
  it('carries at least 128 bits as base64url', () => {
    const state = randomState();
    expect(state).toMatch(BASE64URL);
    // 6 bits per base64url character.
    expect(state.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('never repeats', () => {
    const states = new Set(Array.from({ length: 1000 }, () => randomState()));
    expect(states.size).toBe(1000);
  });
});
