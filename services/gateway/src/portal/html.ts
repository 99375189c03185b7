/** Markup that is already safe to send: built by `html`, or the result of `raw` on trusted text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeText(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeText(String(part));
}

/**
 * Tagged template for server-rendered pages: every interpolated value is HTML-escaped unless it
 * is itself `SafeHtml` (nested templates), so text from links, platforms or users can never turn
 * into markup. Arrays are joined; null, undefined and false render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks trusted, constant markup as safe (never call it on outside input). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** An attribute value that must be a URL: only https (or, in dev, http on loopback), else null. */
export function safeImageUrl(value: string | null | undefined, devMode: boolean): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return url.toString();
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return devMode && url.protocol === 'http:' && loopback ? url.toString() : null;
}
