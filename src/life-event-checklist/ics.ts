/**
 * A small iCalendar (RFC 5545) writer for last days: all-day events with a reminder.
 *
 * Why not the `ics` package: measured min+gzip it is 24 KB (it validates with yup), more than a
 * whole widget's budget; all we need is a handful of all-day VEVENTs, which RFC 5545 makes
 * simple as long as text is escaped (§3.3.11), lines end in CRLF and long lines are folded
 * at 75 octets without splitting a UTF-8 character (§3.1).
 */

export interface CalendarEntry {
  /** Stable across downloads, so a calendar app updates an entry instead of adding a copy. */
  uid: string;
  /** The all-day date, `YYYY-MM-DD`. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
}

export interface CalendarOptions {
  /** When the file was made (DTSTAMP). */
  now: Date;
  /** The calendar's name, shown by apps that support X-WR-CALNAME. */
  name?: string;
  /** Remind this many days before each date (0 for none). Default 3. */
  remindDaysBefore?: number;
  /** The reminder's text. */
  reminder?: string;
}

const encoder = new TextEncoder();

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line to at most 75 octets per line, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines start with a space, so hold 74 more.
    const limit = parts.length ? 74 : 75;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (iso: string) => iso.replace(/-/g, '');

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const stamp = (date: Date) => `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** The whole file, CRLF line ends, ready to save as text/calendar. */
export function buildCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const remind = options.remindDaysBefore ?? 3;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//OneStop//Life event checklist//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  for (const entry of entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(entry.uid)}`,
      `DTSTAMP:${stamp(options.now)}`,
      `DTSTART;VALUE=DATE:${compactDate(entry.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(entry.date))}`,
      `SUMMARY:${escapeText(entry.summary)}`,
      'TRANSP:TRANSPARENT',
    );
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
    if (entry.url) lines.push(`URL:${entry.url}`);
    if (remind > 0) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-P${remind}D`, `DESCRIPTION:${escapeText(options.reminder ?? entry.summary)}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
