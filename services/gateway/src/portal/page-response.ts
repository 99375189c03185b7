import type { Request, Response } from 'express';
import { translatorFor, pickLanguage } from './i18n/translator';
import { messagePage } from './page-layout';
import { setPageHeaders } from './page-security';

/** Sends a hosted page with its security headers. */
export function sendPage(res: Response, status: number, page: string, devMode: boolean): void {
  setPageHeaders(res, devMode);
  res.status(status).type('html').send(page);
}

/** The language of a page: `?lang` / form `lang`, else the link's, else Accept-Language. */
export function languageOf(req: Request, fromLink: string | null | undefined): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return pickLanguage(req.query.lang ?? body.lang, fromLink, (langs) =>
    req.acceptsLanguages(...langs),
  );
}

/** Expired (410) or unusable (400) links, and refused forms (403): a page saying what to do. */
export function sendProblem(
  req: Request,
  res: Response,
  problem: 'expired' | 'invalid' | 'refused' | 'not-found',
  devMode: boolean,
  linkLanguage: string | null = null,
): void {
  const lang = languageOf(req, linkLanguage);
  const t = translatorFor(lang);
  const [status, title, body] =
    problem === 'expired'
      ? [410, t('common.link_expired_title'), t('common.link_expired_body')]
      : problem === 'refused'
        ? [403, t('common.refused_title'), t('common.refused_body')]
        : [
            problem === 'not-found' ? 404 : 400,
            t('common.link_invalid_title'),
            t('common.link_invalid_body'),
          ];
  sendPage(res, status, messagePage({ lang, t, branding: null, devMode }, title, body), devMode);
}
