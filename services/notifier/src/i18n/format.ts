// Intl formatters are costly to build and immutable: one per locale, kept for the process's life.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** Dates and durations in the reader's language, from the runtime's ICU data. */
export function formatDate(at: Date, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return `${format.format(at)} UTC`;
}

/** "in 3 days", "dans 2 heures", "через 45 минут": the largest unit that fits, at least 1 minute. */
export function formatRelative(until: Date, now: Date, locale: string): string {
  const seconds = Math.max(60, Math.round((until.getTime() - now.getTime()) / 1000));
  let rtf = relativeFormats.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    relativeFormats.set(locale, rtf);
  }
  if (seconds >= 2 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  if (seconds >= 2 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 60), 'minute');
}
