import { findSecrets, maskSecret } from './find-secrets';

const secret = 'tok_Abc/123+xyz=?&';

describe('findSecrets', () => {
  it('finds verbatim, URL-encoded and base64 forms', () => {
    const lines = [
      'nothing here',
      `access_token=${secret}`,
      `GET /cb?code=${encodeURIComponent(secret)}`,
      `body: ${new URLSearchParams({ t: secret }).toString()}`,
      `stored ${Buffer.from(secret).toString('base64')}`,
      `jwt part ${Buffer.from(secret).toString('base64url')}`,
    ];
    const findings = findSecrets(lines, [secret]);
    expect(findings.map((f) => f.line)).toEqual(lines.slice(1));
    expect(findings.every((f) => f.secret === maskSecret(secret))).toBe(true);
  });

  it('finds a secret base64-encoded inside a longer value at any offset', () => {
    for (const prefix of ['client:', 'client1:', 'c:']) {
      const header = `authorization: Basic ${Buffer.from(prefix + secret).toString('base64')}`;
      expect(findSecrets([header], [secret])).toHaveLength(1);
    }
  });

  it('masks the secret as its first 4 characters and its length', () => {
    const [finding] = findSecrets([`x ${secret}`], [secret, '']);
    expect(finding?.secret).toBe('tok_…(18 chars)');
    expect(finding?.secret).not.toContain('123');
  });

  it('reports one finding per secret per line and nothing for clean lines', () => {
    const other = 'refresh-0987654321';
    expect(findSecrets([`${secret} and ${other}`, 'clean'], [secret, other])).toHaveLength(2);
    expect(findSecrets(['clean', 'tok_'], [secret])).toEqual([]);
  });
});
