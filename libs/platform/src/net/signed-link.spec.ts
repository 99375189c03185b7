import { signLink, verifyLink } from './signed-link';

const secret = 'a-deployment-secret-of-some-length-000000';

describe('signed links', () => {
  const inAnHour = new Date(Date.now() + 3600_000);

  it('should verify a link it signed and return its claims', () => {
    const token = signLink(secret, 'reconnect', { c: 'abc' }, inAnHour);
    const verdict = verifyLink(secret, 'reconnect', token);
    expect(verdict).toMatchObject({ ok: true, claims: { c: 'abc' } });
  });

  it('should refuse a tampered payload, another secret and another purpose', () => {
    const token = signLink(secret, 'reconnect', { c: 'abc' }, inAnHour);
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: 'xyz' }),
    ).toString('base64url');
    expect(verifyLink(secret, 'reconnect', `${forged}.${sig}`)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyLink(`${secret}x`, 'reconnect', token)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyLink(secret, 'portal', token)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('should refuse an expired link and malformed input', () => {
    const token = signLink(secret, 'reconnect', { c: 'abc' }, new Date(Date.now() - 1000));
    expect(verifyLink(secret, 'reconnect', token)).toMatchObject({
      ok: false,
      reason: 'expired',
      claims: { c: 'abc' },
    });
    for (const bad of ['', 'abc', 'a.b.c', '.x', 'x.']) {
      expect(verifyLink(secret, 'reconnect', bad)).toMatchObject({ ok: false });
    }
  });
});
