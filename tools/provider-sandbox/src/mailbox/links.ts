const HREF_PATTERN = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))/gi;
const TEXT_URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation that ends a URL in prose rather than belonging to it. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}>]+$/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes the entities that appear in attribute values (`&amp;` in query strings, mostly). */
export function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function isHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Every http(s) URL in the HTML's href attributes, then in the plain text; deduplicated, in the
 * order first seen.
 */
export function extractLinks(html: string, text: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(HREF_PATTERN)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? '';
    found.push(decodeHtmlEntities(raw).trim());
  }
  for (const match of text.matchAll(TEXT_URL_PATTERN)) {
    found.push(match[0].replace(TRAILING_PUNCTUATION, ''));
  }
  return [...new Set(found.filter(isHttpUrl))];
}
