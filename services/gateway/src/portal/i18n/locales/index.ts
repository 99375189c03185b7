import { de } from './de';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { hi } from './hi';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { pt } from './pt';
import { ru } from './ru';
import { sv } from './sv';
import { tr } from './tr';
import { zh } from './zh';

/** The 13 languages of the hosted pages, in the order API.md lists them. */
export const PAGE_MESSAGES: Record<string, Messages> = {
  en,
  pl,
  fr,
  hi,
  sv,
  de,
  es,
  it,
  nl,
  pt,
  ru,
  tr,
  zh,
};
export const PAGE_LANGUAGES = Object.keys(PAGE_MESSAGES);
export type { Messages };
