import { en } from './en';
import { PAGE_LANGUAGES, PAGE_MESSAGES } from './index';
import { pickLanguage, translatorFor } from '../translator';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [[`${prefix}${k}`, v] as [string, string]]
      : leaves(v, `${prefix}${k}.`),
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** Strings that may coincide with English (names, "Logo", "Error"…). */
const MAY_MATCH =
  /^(common\.(logo_alt|powered_by)|status\.ERROR|accounts\.notices|portal\.platforms)$/;

describe('hosted page locales', () => {
  it('should have the 13 languages of API.md', () => {
    expect([...PAGE_LANGUAGES].sort()).toEqual(
      ['de', 'en', 'es', 'fr', 'hi', 'it', 'nl', 'pl', 'pt', 'ru', 'sv', 'tr', 'zh'].sort(),
    );
  });

  const reference = new Map(leaves(en));

  it.each(PAGE_LANGUAGES.filter((l) => l !== 'en'))(
    '%s should translate every string, with the same placeholders as English',
    (locale) => {
      const strings = new Map(leaves(PAGE_MESSAGES[locale]));
      expect([...strings.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [key, text] of strings) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(reference.get(key)!),
        });
        if (!MAY_MATCH.test(key))
          expect({ key, text }).not.toEqual({ key, text: reference.get(key) });
      }
    },
  );

  it('should interpolate without escaping (the templates escape)', () => {
    expect(translatorFor('de')('portal.connect', { platform: 'A & B' })).toBe('A & B verbinden');
  });
});

describe('pickLanguage', () => {
  const none = () => false as const;
  it('should prefer the switcher, then the link, then Accept-Language, then English', () => {
    expect(pickLanguage('fr', 'de', () => 'pl')).toBe('fr');
    expect(pickLanguage('xx', 'de', () => 'pl')).toBe('de');
    expect(pickLanguage(undefined, null, () => 'pl')).toBe('pl');
    expect(pickLanguage(undefined, null, none)).toBe('en');
    expect(pickLanguage(['fr'], 'klingon', none)).toBe('en');
  });
});
