const REDACTED = '[redacted]';
/** Runs of token-like characters this long are treated as credentials even when not known. */
const OPAQUE_RUN = /[A-Za-z0-9._~+/=-]{32,}/g;
const OPAQUE = /[A-Za-z0-9._~+/=-]{32,}/;
const MAX_DETAIL = 200;

/**
 * Text quoted from a provider (an `error_description`, a problem `detail`), made safe to put in
 * an error message: every secret we sent is removed (providers sometimes echo the value they
 * rejected), long opaque strings are removed, control characters dropped, length capped.
 */
export function safeDetail(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const variant of secretVariants(secrets)) out = out.split(variant).join(REDACTED);
  out = out.replace(OPAQUE_RUN, REDACTED);
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL)}…` : out;
}

/**
 * A provider error code (`invalid_grant`, `190/460`, `usage-capped`) reduced to safe characters;
 * null when nothing safe is left or it contains a secret.
 */
export function safeCode(code: string, secrets: readonly string[] = []): string | null {
  const cleaned = code.replace(/[^A-Za-z0-9_.:/-]/g, '').slice(0, 100);
  if (cleaned.length === 0 || OPAQUE.test(cleaned)) return null;
  return secretVariants(secrets).some((variant) => code.includes(variant)) ? null : cleaned;
}

/** Each secret as sent: raw, percent-encoded and form-encoded (longest first). */
function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

/** A URL without query, fragment or userinfo: what may appear in messages, metrics and spans. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '[invalid url]';
  }
}
