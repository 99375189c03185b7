import { html, raw, safeImageUrl } from './html';

describe('html', () => {
  it('should escape interpolated text so it cannot become markup', () => {
    const name = '<script>alert(1)</script>"\'`&';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;</p>',
    );
  });

  it('should keep nested templates and raw markup, join arrays, drop null and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(
      html`<ul>
          ${items}${null}${false}${undefined}
        </ul>
        ${raw('<hr>')}`.value.replace(/>\s+</g, '><'),
    ).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>');
  });
});

describe('safeImageUrl', () => {
  it.each([
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'http://cdn.example.com/logo.png',
    '//evil.com/x.png',
    'not a url',
  ])('should refuse %s', (url) => {
    expect(safeImageUrl(url, false)).toBeNull();
  });

  it('should accept https, and http on loopback only in dev mode', () => {
    expect(safeImageUrl('https://cdn.example.com/logo.png', false)).toBe(
      'https://cdn.example.com/logo.png',
    );
    expect(safeImageUrl('http://127.0.0.1:4100/a.svg', false)).toBeNull();
    expect(safeImageUrl('http://127.0.0.1:4100/a.svg', true)).toBe('http://127.0.0.1:4100/a.svg');
  });
});
