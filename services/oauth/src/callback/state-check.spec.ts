import { sha256 } from '../flow/hash';
import { stateProblem, type FlowBinding } from './state-check';

describe('stateProblem', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const flow: FlowBinding = {
    type: 'TWITTER',
    stateHash: sha256('s1'),
    browserHash: sha256('b1'),
    expiresAt: new Date(now.getTime() + 60_000),
  };
  const ok = { type: 'TWITTER' as const, state: 's1', iss: undefined, browserId: 'b1' };

  it('should accept the flow’s own state, platform and browser in time', () => {
    expect(stateProblem(flow, ok, null, now)).toBeNull();
  });

  it.each([
    ['no state', { ...ok, state: undefined }, 'state missing or unknown'],
    ['another state', { ...ok, state: 's2' }, 'state missing or unknown'],
    ['another platform', { ...ok, type: 'FACEBOOK' as const }, 'callback for another platform'],
    ['another browser', { ...ok, browserId: 'b2' }, 'flow started in another browser'],
    ['no browser cookie', { ...ok, browserId: null }, 'flow started in another browser'],
  ])('should refuse %s', (_name, input, problem) => {
    expect(stateProblem(flow, input, null, now)).toBe(problem);
  });

  it('should refuse an expired flow', () => {
    expect(stateProblem(flow, ok, null, new Date(now.getTime() + 120_000))).toBe('flow expired');
  });

  it('should require the issuer where the platform sends one (RFC 9207)', () => {
    const issuer = 'https://auth.example.com';
    expect(stateProblem(flow, { ...ok, iss: issuer }, issuer, now)).toBeNull();
    expect(stateProblem(flow, ok, issuer, now)).toBe('issuer missing or mismatched');
    expect(stateProblem(flow, { ...ok, iss: 'https://evil.example.net' }, issuer, now)).toBe(
      'issuer missing or mismatched',
    );
  });
});
