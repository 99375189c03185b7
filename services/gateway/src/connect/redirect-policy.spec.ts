import { checkRedirectUrl } from './redirect-policy';

const allowed = ['https://app.example.com'];

describe('checkRedirectUrl', () => {
  it('should accept a URL on an allowed origin', () => {
    expect(checkRedirectUrl('https://app.example.com/done?x=1', allowed, false)).toBe(
      'https://app.example.com/done?x=1',
    );
  });

  it.each([
    'https://evil.example.net/',
    '//evil.example.net/',
    'javascript:alert(1)',
    'https://app.example.com.evil.net/',
    'https://app.example.com@evil.net/',
    'https://user:pw@app.example.com/',
    'http://app.example.com/',
    'https:%2F%2Fevil.net',
    'data:text/html,hi',
  ])('should refuse %s', (url) => {
    expect(() => checkRedirectUrl(url, allowed, false)).toThrow(
      expect.objectContaining({ code: 'redirect-not-allowed' }),
    );
  });

  it('should allow localhost only in dev mode', () => {
    expect(() => checkRedirectUrl('http://localhost:5173/', allowed, false)).toThrow();
    expect(checkRedirectUrl('http://localhost:5173/', allowed, true)).toBe(
      'http://localhost:5173/',
    );
  });
});
