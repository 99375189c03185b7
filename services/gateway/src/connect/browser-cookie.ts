import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

export const BROWSER_COOKIE = 'sb_browser';
const COOKIE_PATH = '/api/v1/social-account';

/** The random id that binds flows to the browser that started them (HttpOnly, SameSite=Lax). */
export function readBrowserId(req: Request): string | null {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[BROWSER_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32,100}$/.test(value) ? value : null;
}

export function ensureBrowserId(req: Request, res: Response, secure: boolean): string {
  const existing = readBrowserId(req);
  if (existing) return existing;
  const id = randomBytes(32).toString('base64url');
  res.cookie(BROWSER_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: COOKIE_PATH,
    maxAge: 24 * 3600 * 1000,
  });
  return id;
}
