import { REDACTED, redactDeep } from './redact';

describe('redactDeep', () => {
  it('should hide secret-named values at every depth, whatever their case', () => {
    const out = redactDeep({
      a: { refresh_token: 'r1', nested: [{ AccessToken: 'a1', keep: 'x' }] },
      headers: { Authorization: 'Bearer z', 'x-api-key': 'k' },
      code: 'c',
      codeVerifier: 'v',
    });
    expect(out).toEqual({
      a: { refresh_token: REDACTED, nested: [{ AccessToken: REDACTED, keep: 'x' }] },
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED },
      code: REDACTED,
      codeVerifier: REDACTED,
    });
  });

  it('should survive cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactDeep(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});
