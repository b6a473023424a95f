/**
 * What a case view means for the citizen, decided without a DOM so it can be table-tested:
 * the status in plain words (from the API's vocabulary, never hard-coded), the current step,
 * what happens next and what the citizen must do by when, how to word the expected
 * completion, the history grouped by office (代收轉件: hand-offs between offices), where the
 * case goes next, and whether a fresh look-up changed anything.
 *
 * Dates: the API sends event times as instants and due dates as plain calendar dates. Offices
 * work on Taiwan time, so "today" and every event's date are taken in Asia/Taipei whatever the
 * reader's device says (a receipt dated the 3rd must not show the 2nd abroad); calendar dates
 * are shown as they are. The format follows the reader's language (Intl.DateTimeFormat).
 */
import type { CaseStatusesResponse } from '../core/api/contract/case-statuses.js';
import type { CaseEventView, CaseText, CaseView, CitizenAction, Confidence, RouteStop } from '../core/api/tracker-contract.js';

/**
 * Whole days from `today` to `date` (both YYYY-MM-DD); negative when `date` has passed. The same
 * count as core/rules/deadlines.ts, kept here so the tracker does not load the deadline rules.
 */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The time zone of the offices: dates and "today" are counted in it. */
export const OFFICE_TIME_ZONE = 'Asia/Taipei';

/** The language every case text has (an agency may add others). */
export const CASE_TEXT_BASE_LANG = 'zh-Hant-TW';

export type StatusEntry = CaseStatusesResponse['statuses'][number];

// ---------- texts and dates ----------

export interface PickedText {
  text: string;
  /** The language the text is in (for the `lang` attribute around it). */
  lang: string;
  /** True when the agency did not write it in the reader's language: shown in Chinese. */
  fallback: boolean;
}

/**
 * An agency's text in the reader's language: the exact tag, else the same primary language
 * (any Chinese reads zh-Hant-TW, `en-GB` reads `en`), else the zh-Hant-TW text every case has.
 */
export function pickText(text: CaseText, locale: string): PickedText {
  const wanted = locale.toLowerCase();
  const primary = wanted.split('-')[0];
  const tags = Object.keys(text);
  const exact = tags.find((tag) => tag.toLowerCase() === wanted);
  const chosen =
    exact ??
    (primary === 'zh' ? (text[CASE_TEXT_BASE_LANG] !== undefined ? CASE_TEXT_BASE_LANG : undefined) : undefined) ??
    tags.find((tag) => tag.toLowerCase().split('-')[0] === primary);
  if (chosen !== undefined) return { text: text[chosen]!, lang: chosen, fallback: false };
  const base = text[CASE_TEXT_BASE_LANG] ?? Object.values(text)[0] ?? '';
  return { text: base, lang: CASE_TEXT_BASE_LANG, fallback: true };
}

/** The calendar date (YYYY-MM-DD) an instant falls on in Taiwan. */
export function officeDate(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A calendar date (YYYY-MM-DD) in the reader's language, e.g. "5 December 2026" / "2026年12月5日". */
export function formatDate(isoDate: string, locale: string, weekday = false): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: weekday ? 'full' : 'long',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** An event's date and time in the reader's language, on Taiwan time. */
export function formatDateTime(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: OFFICE_TIME_ZONE }).format(new Date(instant));
}

/** A machine-readable date for `<time datetime>`: the instant itself. */
export const machineTime = (instant: string): string => new Date(instant).toISOString();

// ---------- the status vocabulary ----------

export interface StatusInfo {
  id: string;
  /** The plain-words name in the reader's language; absent when the vocabulary lacks the id. */
  name?: string;
  /** What happens next, in plain words; absent when the vocabulary lacks the id. */
  whatNext?: string;
  /** The case is over in this status (done, refused, withdrawn, collected). */
  final: boolean;
  known: boolean;
}

/**
 * A status id as the citizen should read it. An id the vocabulary does not know (an API newer
 * than its catalogue copy) is not guessed at: the widget then shows the agency's own word.
 */
export function statusInfo(statuses: readonly StatusEntry[], id: string): StatusInfo {
  const entry = statuses.find((s) => s.id === id);
  if (!entry) return { id, final: false, known: false };
  return { id, name: entry.name, whatNext: entry.whatNext, final: entry.final, known: true };
}

// ---------- where the case is now, and what happens next ----------

export interface CurrentStep {
  status: StatusInfo;
  /** The office's own word for it (補正, 審核中, …), if it gave one. */
  agencyWord?: string;
  at: string;
  agencyId: string;
  office: CaseText;
}

export function currentStep(view: CaseView, statuses: readonly StatusEntry[]): CurrentStep {
  return {
    status: statusInfo(statuses, view.status.id),
    ...(view.status.agencyWord ? { agencyWord: view.status.agencyWord } : {}),
    at: view.status.at,
    agencyId: view.status.agencyId,
    office: view.status.office,
  };
}

/** How pressing a due date is: past it, today, within three days, or later. */
export type Urgency = 'overdue' | 'today' | 'soon' | 'later';

/** Days left below which a due date counts as soon. */
export const SOON_DAYS = 3;

export function urgencyOf(daysLeft: number): Urgency {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'today';
  return daysLeft <= SOON_DAYS ? 'soon' : 'later';
}

export interface OpenAction {
  /** What to bring or do, as the office wrote it (which documents). */
  text: CaseText;
  dueDate?: string;
  /** Days from today (Taiwan) to the due date; negative when it has passed. */
  daysLeft?: number;
  urgency?: Urgency;
  /** The office that asked: where to bring it. */
  agencyId: string;
  office: CaseText;
  askedAt: string;
}

/**
 * What the office is still waiting for from the citizen: the action on the newest event of the
 * current status (a later event with the same status, such as a reminder, keeps it open; an event
 * with another status, such as in-review after the documents came in, closes it). None when the
 * case is over.
 */
export function openAction(view: CaseView, statuses: readonly StatusEntry[], today: string): OpenAction | undefined {
  if (statusInfo(statuses, view.status.id).final) return undefined;
  for (let i = view.events.length - 1; i >= 0; i--) {
    const event = view.events[i]!;
    if (event.status !== view.status.id) break;
    if (event.action) return describeAction(event.action, event, today);
  }
  return undefined;
}

function describeAction(action: CitizenAction, event: CaseEventView, today: string): OpenAction {
  const daysLeft = action.dueDate ? daysUntil(action.dueDate, today) : undefined;
  return {
    text: action.text,
    ...(action.dueDate ? { dueDate: action.dueDate } : {}),
    ...(daysLeft !== undefined ? { daysLeft, urgency: urgencyOf(daysLeft) } : {}),
    agencyId: event.agencyId,
    office: event.office,
    askedAt: event.at,
  };
}

export interface NextStep {
  /** The vocabulary's "what happens next" for the current status. */
  whatNext?: string;
  final: boolean;
  /** What the citizen must do, by when and where. */
  action?: OpenAction;
  /**
   * The status asks something of the citizen (needs-more) but the case does not say what:
   * the widget then sends them to their contact rather than leaving them guessing.
   */
  askContact: boolean;
}

/** The status that means the office needs something from the citizen (補正). */
export const NEEDS_MORE = 'needs-more';

export function nextStep(view: CaseView, statuses: readonly StatusEntry[], today: string): NextStep {
  const status = statusInfo(statuses, view.status.id);
  const action = openAction(view, statuses, today);
  return {
    ...(status.whatNext ? { whatNext: status.whatNext } : {}),
    final: status.final,
    ...(action ? { action } : {}),
    askContact: !action && view.status.id === NEEDS_MORE,
  };
}

// ---------- expected completion ----------

/**
 * Where today stands against the expected completion: before it, inside the range (or on the
 * day), or past it (then the citizen should ask, not keep waiting).
 */
export type CompletionState = 'upcoming' | 'due' | 'passed';

export interface CompletionView {
  kind: 'date' | 'range';
  confidence: Confidence;
  /** The single date, or the range's start and end. */
  date?: string;
  earliest?: string;
  latest?: string;
  state: CompletionState;
  /** Days from today to the date, or to the end of the range. */
  daysLeft: number;
  /**
   * The office is waiting for the citizen (needs-more): its time does not run meanwhile and is
   * counted again once the documents are in (補正後重新計算處理期限), so a date that passes now
   * is no reason to worry.
   */
  onHold: boolean;
}

/** The expected completion as the citizen should read it; none once the case is over. */
export function expectedCompletion(view: CaseView, statuses: readonly StatusEntry[], today: string): CompletionView | undefined {
  const expected = view.expectedCompletion;
  if (!expected || statusInfo(statuses, view.status.id).final) return undefined;
  const onHold = view.status.id === NEEDS_MORE;
  if (expected.date) {
    const daysLeft = daysUntil(expected.date, today);
    return { kind: 'date', confidence: expected.confidence, date: expected.date, state: daysLeft > 0 ? 'upcoming' : daysLeft === 0 ? 'due' : 'passed', daysLeft, onHold };
  }
  const earliest = expected.earliest!;
  const latest = expected.latest!;
  const daysLeft = daysUntil(latest, today);
  const state: CompletionState = daysUntil(earliest, today) > 0 ? 'upcoming' : daysLeft >= 0 ? 'due' : 'passed';
  return { kind: 'range', confidence: expected.confidence, earliest, latest, state, daysLeft, onHold };
}

// ---------- the history, across offices ----------

export interface OfficeGroup {
  agencyId: string;
  office: CaseText;
  /** Oldest first. */
  events: CaseEventView[];
  /** The office the case came from (a hand-off), for every group but the first. */
  from?: { agencyId: string; office: CaseText };
}

const sameOffice = (a: { agencyId: string; office: CaseText }, b: { agencyId: string; office: CaseText }) =>
  a.agencyId === b.agencyId && a.office[CASE_TEXT_BASE_LANG] === b.office[CASE_TEXT_BASE_LANG];

/**
 * The events in runs by office, oldest first: received at the district office (two events),
 * then at the land office (…). A case that comes back to an office starts a new run there.
 */
export function groupByOffice(events: readonly CaseEventView[]): OfficeGroup[] {
  const groups: OfficeGroup[] = [];
  for (const event of events) {
    const last = groups[groups.length - 1];
    if (last && sameOffice(last, event)) {
      last.events.push(event);
      continue;
    }
    groups.push({
      agencyId: event.agencyId,
      office: event.office,
      events: [event],
      ...(last ? { from: { agencyId: last.agencyId, office: last.office } } : {}),
    });
  }
  return groups;
}

export type StopState = 'done' | 'current' | 'next';

export interface StopProgress {
  agencyId: string;
  office: CaseText;
  state: StopState;
}

/**
 * The offices on the case's way (the receiving office, then its route), each done, current or
 * still to come: a small task list of offices, as GOV.UK and Ontario show tasks. An office
 * that took part but is not on the route (the API allows the owner to write anyway) is left out.
 */
export function routeProgress(view: CaseView): StopProgress[] {
  const stops: RouteStop[] = [view.receivingOffice, ...view.route.filter((s) => s.agencyId !== view.receivingOffice.agencyId)];
  const visited = new Set(view.events.map((e) => e.agencyId));
  const currentIndex = stops.findIndex((s) => s.agencyId === view.status.agencyId);
  return stops.map((stop, index) => ({
    agencyId: stop.agencyId,
    office: stop.office,
    state:
      index === currentIndex ? 'current' : visited.has(stop.agencyId) || (currentIndex >= 0 && index < currentIndex) ? 'done' : 'next',
  }));
}

// ---------- updates ----------

export interface CaseChange {
  changed: boolean;
  /** The status id is another one than before. */
  statusChanged: boolean;
  /** Events added since the view shown before, oldest first. */
  newEvents: CaseEventView[];
}

/** What a fresh look-up adds to the view on screen (events are append-only). */
export function caseChange(before: CaseView | undefined, after: CaseView): CaseChange {
  if (!before || before.caseNumber !== after.caseNumber) return { changed: true, statusChanged: true, newEvents: [...after.events] };
  const newEvents = after.events.slice(before.events.length);
  const statusChanged = before.status.id !== after.status.id;
  const expectedChanged = JSON.stringify(before.expectedCompletion ?? null) !== JSON.stringify(after.expectedCompletion ?? null);
  return { changed: newEvents.length > 0 || statusChanged || expectedChanged, statusChanged, newEvents };
}

/** How often an open, visible page checks the case: once a minute. */
export const POLL_INTERVAL_MS = 60_000;
/** The longest wait between checks after failures. */
export const MAX_POLL_DELAY_MS = 15 * 60_000;

/**
 * When to check again: the interval while all is well, doubling with each failure in a row
 * (up to 15 minutes), and never before the server's Retry-After.
 */
export function nextPollDelay(intervalMs: number, failures: number, retryAfterSeconds?: number): number {
  const backoff = failures > 0 ? Math.min(intervalMs * 2 ** failures, Math.max(MAX_POLL_DELAY_MS, intervalMs)) : intervalMs;
  return retryAfterSeconds ? Math.max(backoff, retryAfterSeconds * 1000) : backoff;
}

// ---------- reaching the contact ----------

/**
 * A `tel:` link for a phone number as an office writes it: `(02) 0000-0002 #215` dials
 * 0200000002, pauses, then the extension (a comma is the pause phones understand).
 */
export function telHref(phone: string): string {
  const [main = '', extension] = phone.split('#');
  const digits = main.trim().replace(/(?!^\+)[^0-9]/g, '');
  const ext = extension?.replace(/[^0-9]/g, '');
  return `tel:${digits}${ext ? `,${ext}` : ''}`;
}
