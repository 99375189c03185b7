import i18next, { type i18n } from 'i18next';
import { LOCALE_MESSAGES, LOCALES } from './locales';

export type Vars = Record<string, string | number>;

/**
 * i18next over the 13 locales, initialised synchronously. Interpolation does not escape: the
 * templates escape what lands in HTML, and plain text must stay plain.
 */
export class Translator {
  private readonly i18n: i18n = i18next.createInstance();

  constructor() {
    void this.i18n.init({
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: LOCALE_MESSAGES[l] }])),
      supportedLngs: LOCALES,
      fallbackLng: 'en',
      initAsync: false,
      interpolation: { escapeValue: false },
    });
  }

  /** The locale used for a member's setting: one of the 13, else English. */
  locale(wanted: string | null | undefined): string {
    const base = (wanted ?? 'en').toLowerCase().split(/[-_]/)[0];
    return LOCALES.includes(base) ? base : 'en';
  }

  t(locale: string, key: string, vars: Vars = {}): string {
    return this.i18n.t(key, { lng: this.locale(locale), ...vars });
  }
}
