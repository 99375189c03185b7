import { decodeHtmlEntities, extractLinks } from './links';

describe('extractLinks', () => {
  it('finds href values in every quoting style and decodes entities', () => {
    const html =
      '<a href="https://a.test/x?y=1&amp;z=2">A</a>' +
      "<a href='http://b.test/'>B</a>" +
      '<a class="btn" HREF=https://c.test/path>C</a>';
    expect(extractLinks(html, '')).toEqual([
      'https://a.test/x?y=1&z=2',
      'http://b.test/',
      'https://c.test/path',
    ]);
  });

  it('keeps only http(s) URLs', () => {
    const html =
      '<a href="mailto:x@y.test">m</a><a href="javascript:alert(1)">j</a><a href="/relative">r</a>';
    expect(extractLinks(html, 'ftp://files.test/a')).toEqual([]);
  });

  it('finds URLs in text without the sentence punctuation around them', () => {
    const text =
      'Reconnect here: https://portal.test/r?id=1. Or (see https://docs.test/help), thanks!';
    expect(extractLinks('', text)).toEqual([
      'https://portal.test/r?id=1',
      'https://docs.test/help',
    ]);
  });

  it('deduplicates across html and text, in the order first seen', () => {
    const html = '<a href="https://one.test/">1</a><a href="https://two.test/">2</a>';
    const text = 'https://two.test/ and https://one.test/ and https://three.test/';
    expect(extractLinks(html, text)).toEqual([
      'https://one.test/',
      'https://two.test/',
      'https://three.test/',
    ]);
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hex entities and leaves unknown ones alone', () => {
    expect(decodeHtmlEntities('&amp;&lt;&gt;&quot;&#39;&#x26;&nbsp;')).toBe(`&<>"'&&nbsp;`);
  });
});
