import { safeCode, safeDetail, safeUrl } from './redact';

describe('redaction', () => {
  it('removes known secrets and long opaque strings from provider text', () => {
    const detail = safeDetail(
      'token abcd1234 rejected; also eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-sig-sig',
      ['abcd1234'],
    );
    expect(detail).toBe('token [redacted] rejected; also [redacted]');
  });

  it('caps the length and drops control characters', () => {
    expect(safeDetail(`a\r\nb${' x'.repeat(300)}`, []).length).toBeLessThanOrEqual(201);
    expect(safeDetail('a\r\nb', [])).toBe('a b');
  });

  it('keeps only safe characters of an error code', () => {
    expect(safeCode('invalid_grant')).toBe('invalid_grant');
    expect(safeCode('190/460')).toBe('190/460');
    expect(safeCode('<script>')).toBe('script');
    expect(safeCode('A'.repeat(40))).toBeNull();
  });

  it('drops query, fragment and userinfo from URLs', () => {
    expect(safeUrl('https://u:p@api.x.com/2/users/me?access_token=secret#x')).toBe(
      'https://api.x.com/2/users/me',
    );
  });
});
