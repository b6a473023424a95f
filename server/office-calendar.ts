import type { OfficeCalendar } from '../src/core/rules/deadlines.js';
import type { CalendarYear } from './catalogue-schema.js';

/** The deadline module's calendar from the catalogue's years. */
export function calendarFrom(years: Iterable<CalendarYear>): OfficeCalendar {
  const list = [...years];
  return {
    restDays: new Set(list.flatMap((y) => y.restDays.map((d) => d.date))),
    workDays: new Set(list.flatMap((y) => y.workDays.map((d) => d.date))),
    years: new Set(list.map((y) => y.year)),
  };
}
