import type { Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PAGE_COOKIE = 'sb_page';

/**
 * Headers of every hosted page: a strict CSP (scripts and styles only from this origin, no
 * inline code, no framing, no base-URI tricks), no caching, and no Referer to other origins — the
 * page's URL holds its signed link. `form-action` is left open on purpose: the connect button's POST is
 * redirected on to the platform's sign-in page, which Chromium checks against `form-action`.
 */
export function setPageHeaders(res: Response, devMode: boolean): void {
  const images = ["'self'", 'https:', 'data:'];
  // the provider sandbox serves avatars over http on loopback in dev mode
  if (devMode) images.push('http://127.0.0.1:*', 'http://localhost:*');
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src ${images.join(' ')}`,
      "connect-src 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  // no Referer leaves this origin (the URL holds the link); same-origin posts keep their Origin
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** The browser's random page cookie (HttpOnly, SameSite=Lax), made on first sight. */
export function ensurePageCookie(req: Request, res: Response, secure: boolean): string {
  const existing = readPageCookie(req);
  if (existing) return existing;
  const value = randomBytes(32).toString('base64url');
  res.cookie(PAGE_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  return value;
}

function readPageCookie(req: Request): string | null {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[PAGE_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** The anti-CSRF token of a form: bound to this browser's cookie and to one link. */
export function csrfToken(secret: string, cookie: string, linkId: string): string {
  return createHmac('sha256', secret).update(`page-csrf|${cookie}|${linkId}`).digest('base64url');
}

/** The form token of the browser's existing page cookie (empty without one). */
export function pageCsrf(req: Request, secret: string, linkId: string): string {
  const cookie = readPageCookie(req);
  return cookie ? csrfToken(secret, cookie, linkId) : '';
}

/**
 * A form POST is accepted only from this origin (`Origin` / `Sec-Fetch-Site` when the browser
 * sends them) and with the token made for this browser and link.
 */
export function checkCsrf(
  req: Request,
  secret: string,
  publicUrl: string,
  linkId: string,
): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== new URL(publicUrl).origin) return false;
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin') return false;
  const cookie = readPageCookie(req);
  const given: unknown = (req.body as Record<string, unknown> | undefined)?.csrf;
  if (!cookie || typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, cookie, linkId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
