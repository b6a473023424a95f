/**
 * Numbers, plurals and dates in the reader's language, all through Intl (no tables of our
 * own), pure so they are table-tested in Node (test/pure/format.test.ts).
 *
 * Plurals: lit-localize has no ICU plural syntax, so a count picks one of two msg() strings by
 * Intl.PluralRules: the `one` form only where the language has one (English "1 day left");
 * Vietnamese, Thai, Khmer, Japanese, Indonesian and Chinese always take `other`, with the
 * number formatted for the locale.
 *
 * Dates: `calendar: 'roc'` gives the Republic of China year (民國115年2月14日) that Taiwan's
 * government forms use, for zh-Hant-TW only; other languages keep the Gregorian year, since
 * a Vietnamese reader's papers do not count from 1912.
 */

/** Which calendar a widget shows dates in (its `calendar` attribute). */
export type CalendarChoice = 'gregory' | 'roc';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** A whole number for the locale: 1,234 / 1.234 / 1 234. */
export function formatNumber(n: number, locale: string): string {
  return cached(`n ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}

/** The CLDR plural category of n in the locale ('one', 'other', …). */
export function pluralCategory(n: number, locale: string): Intl.LDMLPluralRule {
  return cached(`p ${locale}`, () => new Intl.PluralRules(locale)).select(n);
}

/**
 * A count in words: `one()` where the locale says n is singular, else `other(formatted n)`.
 * Pass msg() calls: `plural(n, locale, () => msg('1 day left'), (n) => msg(str`${n} days left`))`.
 */
export function plural<T>(n: number, locale: string, one: () => T, other: (formatted: string) => T): T {
  return pluralCategory(n, locale) === 'one' ? one() : other(formatNumber(n, locale));
}

/** The locale tag Intl gets: zh-Hant-TW with the ROC calendar when asked for and meaningful. */
export function dateLocale(locale: string, calendar: CalendarChoice | null | undefined): string {
  return calendar === 'roc' && locale.toLowerCase().startsWith('zh') ? `${locale}-u-ca-roc` : locale;
}

export interface DateOptions {
  calendar?: CalendarChoice | null | undefined;
  /** 'long' (default): 2026年2月14日; 'weekday': with the day of the week; 'short-weekday': Sat, Feb 14, 2026. */
  style?: 'long' | 'weekday' | 'short-weekday';
}

const DATE_STYLES: Record<NonNullable<DateOptions['style']>, Intl.DateTimeFormatOptions> = {
  long: { dateStyle: 'long' },
  weekday: { dateStyle: 'full' },
  'short-weekday': { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
};

/**
 * A calendar date (YYYY-MM-DD, as deadlines and due dates are) in the reader's language. The
 * date is formatted as itself (UTC), never shifted by the device's time zone.
 */
export function formatCalendarDate(isoDate: string, locale: string, { calendar, style = 'long' }: DateOptions = {}): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const tag = dateLocale(locale, calendar);
  return cached(`d ${tag} ${style}`, () => new Intl.DateTimeFormat(tag, { ...DATE_STYLES[style], timeZone: 'UTC' })).format(Date.UTC(y, m - 1, d));
}

/** An instant (a case event's time) with date and time, on the given time zone (Taiwan's for offices). */
export function formatInstant(instant: string | number | Date, locale: string, { calendar, timeZone }: { calendar?: CalendarChoice | null | undefined; timeZone?: string } = {}): string {
  const tag = dateLocale(locale, calendar);
  const date = instant instanceof Date ? instant : new Date(instant);
  return cached(`i ${tag} ${timeZone ?? ''}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) })).format(date);
}

/** Reads a `calendar` attribute: only "roc" changes anything. */
export function parseCalendar(value: string | null | undefined): CalendarChoice {
  return value?.trim().toLowerCase() === 'roc' ? 'roc' : 'gregory';
}
