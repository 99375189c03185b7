import i18next, { type i18n } from 'i18next';
import { PAGE_LANGUAGES, PAGE_MESSAGES } from './locales';

export type Vars = Record<string, string | number>;
/** `t(key, vars)` bound to one language. */
export type T = (key: string, vars?: Vars) => string;

const instance: i18n = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(PAGE_LANGUAGES.map((l) => [l, { translation: PAGE_MESSAGES[l] }])),
  supportedLngs: PAGE_LANGUAGES,
  fallbackLng: 'en',
  initAsync: false,
  // the page templates escape everything they interpolate; plain text stays plain here
  interpolation: { escapeValue: false },
});

/** The language's own name, for the switcher. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  pl: 'Polski',
  fr: 'Français',
  hi: 'हिन्दी',
  sv: 'Svenska',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  pt: 'Português',
  ru: 'Русский',
  tr: 'Türkçe',
  zh: '中文',
};

export function isPageLanguage(value: unknown): value is string {
  return typeof value === 'string' && PAGE_LANGUAGES.includes(value);
}

/**
 * The page's language: the switcher's choice, else the link's `language`, else the browser's
 * `Accept-Language` (best of the 13), else English.
 */
export function pickLanguage(
  chosen: unknown,
  fromLink: string | null | undefined,
  accepted: (languages: string[]) => string | false,
): string {
  if (isPageLanguage(chosen)) return chosen;
  if (isPageLanguage(fromLink)) return fromLink;
  const best = accepted(PAGE_LANGUAGES);
  return isPageLanguage(best) ? best : 'en';
}

export function translatorFor(lng: string): T {
  const language = isPageLanguage(lng) ? lng : 'en';
  return (key, vars = {}) => instance.t(key, { lng: language, ...vars });
}
