import i18next, { type i18n } from 'i18next';
import { escapeHtml } from '../connect/error-page';
import { PAGE_MESSAGES } from './reconnect-page.messages';

export type PageKind = 'success' | 'failed' | 'invalid' | 'expired';

const LOCALES = Object.keys(PAGE_MESSAGES);
const translator: i18n = i18next.createInstance();
void translator.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: PAGE_MESSAGES[l] }])),
  supportedLngs: LOCALES,
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function pageLocale(wanted: unknown): string {
  const base = typeof wanted === 'string' ? wanted.toLowerCase().split(/[-_]/)[0] : 'en';
  return LOCALES.includes(base) ? base : 'en';
}

/** The small server-rendered page a person sees around a one-click Reconnect, in their language. */
export function reconnectPage(kind: PageKind, locale: string): string {
  const lng = pageLocale(locale);
  const title = translator.t(`${kind}_title`, { lng });
  const body = translator.t(`${kind}_body`, { lng });
  return `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head><body style="font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#1f2328;"><main data-outcome="${kind}"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main></body></html>`;
}
