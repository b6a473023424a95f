/**
 * Legal deadlines as dates, following the Administrative Procedure Act art. 48 (行政程序法
 * 第48條), which matches Civil Code arts. 120–122 for these cases:
 * - the first day is not counted, unless the law says the day itself counts;
 * - a period in months or years ends on the day *before* the day of the last month that
 *   corresponds to the first counted day; if that month has no such day, on its last day;
 * - if the last day is a rest day of the administrative agencies (a Sunday, a national
 *   holiday, another rest day), the period ends on the next working day; a Saturday moves it
 *   to the Monday. A Saturday declared a make-up working day (補行上班日) is not a rest day.
 * Periods of a penalty count differently (art. 48 para. 5): those are shown in words only.
 *
 * Dates are ISO `YYYY-MM-DD` strings handled in UTC, so no time zone moves a day.
 */

export type IsoDate = string;

export interface DeadlinePeriod {
  unit: 'days' | 'months' | 'years';
  count: number;
}

export interface DeadlineRule {
  /** When the clock starts: the event's date, or the date a question asks for. */
  from: 'event' | { question: string };
  period: DeadlinePeriod;
  /** The law says the start day itself counts (rare). */
  startDayCounts?: boolean;
  /** A period of a penalty (art. 48 para. 5): show the rule in words, not a date. */
  penaltyPeriod?: boolean;
}

/** The government's office calendar (政府行政機關辦公日曆表), for the years it covers. */
export interface OfficeCalendar {
  /** Weekdays that are rest days: holidays, bridge days, compensatory days. */
  restDays: ReadonlySet<IsoDate>;
  /** Weekend days that are working days (補行上班日). */
  workDays: ReadonlySet<IsoDate>;
  /** Years whose official calendar is loaded. Outside them only weekends are known. */
  years: ReadonlySet<number>;
}

export type DeadlineResult =
  | {
      kind: 'date';
      /** The last day to act. */
      lastDay: IsoDate;
      /** Where the count alone ended, when a rest day moved it later. */
      movedFrom?: IsoDate;
      /** False when the last day (or a day it was moved over) lies in a year whose calendar is not loaded. */
      calendarComplete: boolean;
    }
  | { kind: 'needs-date'; question: string }
  | { kind: 'in-words' };

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: IsoDate): number {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  const [, y, m, d] = match.map(Number);
  const time = Date.UTC(y, m - 1, d);
  if (new Date(time).getUTCDate() !== d) throw new RangeError(`No such day: ${date}`);
  return time;
}

function fromUtc(time: number): IsoDate {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function isRestDay(date: IsoDate, calendar: OfficeCalendar): boolean {
  if (calendar.workDays.has(date)) return false;
  if (calendar.restDays.has(date)) return true;
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day the count alone ends on, before rest days are considered. */
export function countEnd(start: IsoDate, period: DeadlinePeriod, startDayCounts = false): IsoDate {
  if (!Number.isInteger(period.count) || period.count < 1) throw new RangeError(`A period needs a positive whole count, not ${period.count}`);
  const first = startDayCounts ? start : addDays(start, 1);
  if (period.unit === 'days') return addDays(first, period.count - 1);
  const months = period.unit === 'years' ? period.count * 12 : period.count;
  const firstTime = new Date(toUtc(first));
  const year = firstTime.getUTCFullYear();
  const month = firstTime.getUTCMonth() + months;
  const day = firstTime.getUTCDate();
  const daysInTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // The corresponding day exists: end the day before it. It doesn't: end on the month's last day.
  return day <= daysInTarget ? fromUtc(Date.UTC(year, month, day) - DAY_MS) : fromUtc(Date.UTC(year, month, daysInTarget));
}

/**
 * The last day to act under `rule`, counting from `start` (the event date, or the date the
 * rule's question asks for, passed in `answers`).
 */
export function computeDeadline(
  rule: DeadlineRule,
  dates: { event?: IsoDate | null; answers?: Readonly<Record<string, unknown>> },
  calendar: OfficeCalendar,
): DeadlineResult {
  if (rule.penaltyPeriod) return { kind: 'in-words' };
  const start = rule.from === 'event' ? dates.event : dates.answers?.[rule.from.question];
  if (typeof start !== 'string' || !ISO.test(start)) {
    return { kind: 'needs-date', question: rule.from === 'event' ? 'event' : rule.from.question };
  }
  const counted = countEnd(start, rule.period, rule.startDayCounts);
  let lastDay = counted;
  let complete = calendar.years.has(Number(lastDay.slice(0, 4)));
  while (isRestDay(lastDay, calendar)) {
    lastDay = addDays(lastDay, 1);
    complete &&= calendar.years.has(Number(lastDay.slice(0, 4)));
  }
  return { kind: 'date', lastDay, ...(lastDay !== counted ? { movedFrom: counted } : {}), calendarComplete: complete };
}

/** Whole days from `today` to `date` (negative when past). */
export function daysUntil(date: IsoDate, today: IsoDate): number {
  return Math.round((toUtc(date) - toUtc(today)) / DAY_MS);
}
