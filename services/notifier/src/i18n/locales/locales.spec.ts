import { en } from './en';
import { LOCALE_MESSAGES, LOCALES } from './index';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [[`${prefix}${k}`, v] as [string, string]]
      : leaves(v, `${prefix}${k}.`),
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('should have the 13 portal languages', () => {
    expect(LOCALES.sort()).toEqual(
      ['de', 'en', 'es', 'fr', 'hi', 'it', 'nl', 'pl', 'pt', 'ru', 'sv', 'tr', 'zh'].sort(),
    );
  });

  const reference = new Map(leaves(en));

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s should translate every string, with the same placeholders as English',
    (locale) => {
      const strings = new Map(leaves(LOCALE_MESSAGES[locale]));
      expect([...strings.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [key, text] of strings) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(reference.get(key)!),
        });
        // not left in English (the button label and greeting may legitimately coincide)
        if (!['common.greeting', 'common.greeting_named'].includes(key) && text.length > 25) {
          expect({ key, text }).not.toEqual({ key, text: reference.get(key) });
        }
      }
    },
  );
});
