/**
 * What every tracker store shares, whatever the engine: the records it reads and writes, the
 * citizen's view built from them, and the lookup limits' arithmetic. The engines are in
 * server/stores/ (SQLite, PostgreSQL); the routes see only the Store interface (../store.ts).
 */
import type {
  AppendEventRequest,
  CaseEventView,
  CaseText,
  CaseView,
  CitizenAction,
  Contact,
  CreateCaseRequest,
  ExpectedCompletion,
  RouteStop,
} from '../../src/core/api/tracker-contract.js';

// ---------- agency keys ----------

export interface AgencyKeyInfo {
  keyId: string;
  agencyId: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export interface AgencyPrincipal {
  keyId: string;
  agencyId: string;
}

export interface NewAgencyKeyResult {
  keyId: string;
  agencyId: string;
  /** `<keyId>.<secret>`: shown once, never stored. */
  token: string;
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'unknown';

// ---------- cases and events ----------

export interface CaseRecord {
  caseNumber: string;
  lookupHash: string;
  serviceId: string;
  ownerAgencyId: string;
  receivingOffice: CaseText;
  route: RouteStop[];
  contact?: Contact;
  expectedCompletion?: ExpectedCompletion;
  receivedAt: string;
  createdAt: string;
  createdBy: string;
}

export interface EventRecord {
  id: number;
  caseNumber: string;
  at: string;
  agencyId: string;
  office: CaseText;
  status: string;
  agencyWord?: string;
  note?: CaseText;
  action?: CitizenAction;
  expectedCompletion?: ExpectedCompletion;
  createdAt: string;
  createdBy: string;
}

export interface NewEvent {
  at: string;
  agencyId: string;
  office: CaseText;
  status: string;
  agencyWord?: string;
  note?: CaseText;
  action?: CitizenAction;
  expectedCompletion?: ExpectedCompletion;
  createdBy: string;
}

/** Who appends an event: the key's agency, and the office shown when the request names none. */
export type EventWriter = AgencyPrincipal & { office: CaseText };

export interface OpenCaseInput {
  request: CreateCaseRequest;
  owner: AgencyPrincipal;
  lookupHash: string;
  now: Date;
  /** Normally generated; the sample seed passes fixed `SAMPLE-…` numbers. */
  caseNumber?: string;
  /** The status of the first event (the vocabulary's `received`). */
  firstStatus: string;
  /** Events appended after the first, in the same transaction (the sample seed's histories). */
  history?: Array<{ request: AppendEventRequest; writer: EventWriter }>;
}

export class CaseExistsError extends Error {
  override readonly name = 'CaseExistsError';
  constructor(readonly caseNumber: string) {
    super(`Case ${caseNumber} already exists`);
  }
}

/** When the case was received: the request's time (stored in UTC) or now. */
export function receivedAtOf(request: CreateCaseRequest, now: Date): string {
  return request.receivedAt ? new Date(request.receivedAt).toISOString() : now.toISOString();
}

/** The first event of a new case: received, by the owner, at the receiving office. */
export function firstEvent(input: OpenCaseInput): NewEvent {
  const { request, owner } = input;
  return {
    at: receivedAtOf(request, input.now),
    agencyId: owner.agencyId,
    office: request.receivingOffice,
    status: input.firstStatus,
    ...(request.agencyWord ? { agencyWord: request.agencyWord } : {}),
    ...(request.note ? { note: request.note } : {}),
    createdBy: owner.keyId,
  };
}

/** An appended event as stored: its time in UTC (now when the request gives none). */
export function newEvent(request: AppendEventRequest, writer: EventWriter, now: Date): NewEvent {
  return {
    at: request.at ? new Date(request.at).toISOString() : now.toISOString(),
    agencyId: writer.agencyId,
    office: request.office ?? writer.office,
    status: request.status,
    ...(request.agencyWord ? { agencyWord: request.agencyWord } : {}),
    ...(request.note ? { note: request.note } : {}),
    ...(request.action ? { action: request.action } : {}),
    ...(request.expectedCompletion ? { expectedCompletion: request.expectedCompletion } : {}),
    createdBy: writer.keyId,
  };
}

/** A date is stored as a range of one day; it reads back as `date`. */
export function expectedColumns(expected: ExpectedCompletion | undefined): [string | null, string | null, string | null] {
  if (!expected) return [null, null, null];
  const earliest = expected.date ?? expected.earliest!;
  const latest = expected.date ?? expected.latest!;
  return [earliest, latest, expected.confidence];
}

export function expectedFromColumns(earliest: string | null, latest: string | null, confidence: ExpectedCompletion['confidence'] | null): ExpectedCompletion | undefined {
  if (earliest === null || latest === null || confidence === null) return undefined;
  return earliest === latest ? { date: earliest, confidence } : { earliest, latest, confidence };
}

/** One event as the citizen sees it (no ids, no key). */
export function eventView(event: EventRecord): CaseEventView {
  return {
    at: event.at,
    agencyId: event.agencyId,
    office: event.office,
    status: event.status,
    ...(event.agencyWord !== undefined ? { agencyWord: event.agencyWord } : {}),
    ...(event.note ? { note: event.note } : {}),
    ...(event.action ? { action: event.action } : {}),
    ...(event.expectedCompletion ? { expectedCompletion: event.expectedCompletion } : {}),
  };
}

/** What the citizen sees: built field by field, so no hash, key id or code can slip in. */
export function caseView(record: CaseRecord, events: EventRecord[]): CaseView {
  const views = events.map(eventView);
  const latest = events[events.length - 1];
  if (!latest) throw new Error(`Case ${record.caseNumber} has no events`);
  const revised = [...events].reverse().find((event) => event.expectedCompletion)?.expectedCompletion;
  const expectedCompletion = revised ?? record.expectedCompletion;
  return {
    caseNumber: record.caseNumber,
    serviceId: record.serviceId,
    receivingOffice: { agencyId: record.ownerAgencyId, office: record.receivingOffice },
    route: record.route,
    ...(record.contact ? { contact: record.contact } : {}),
    ...(expectedCompletion ? { expectedCompletion } : {}),
    receivedAt: record.receivedAt,
    status: {
      id: latest.status,
      ...(latest.agencyWord !== undefined ? { agencyWord: latest.agencyWord } : {}),
      at: latest.at,
      agencyId: latest.agencyId,
      office: latest.office,
    },
    events: views,
  };
}

// ---------- lookup attempts (rate limiting) ----------

export interface LookupLimits {
  /** Failed lookups of one case number, from anywhere, before that number is locked for a while. */
  perCase: { failures: number; windowSeconds: number };
  /** Lookups (failed or not) from one client address. */
  perIp: { lookups: number; windowSeconds: number };
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  perCase: { failures: 5, windowSeconds: 15 * 60 },
  perIp: { lookups: 30, windowSeconds: 15 * 60 },
};

export interface LookupAttempt {
  clientIp: string;
  caseNumber: string;
  nowMs: number;
  limits: LookupLimits;
}

export type Reservation = { allowed: true; attemptId: number } | { allowed: false; scope: 'ip' | 'case'; retryAfterSeconds: number };

/** Seconds until fewer than `max` of these times (ascending, in ms) are inside the window. */
function secondsUntilBelow(times: number[], max: number, windowMs: number, nowMs: number): number {
  const oldestThatMustExpire = times[times.length - max]!;
  return Math.max(1, Math.ceil((oldestThatMustExpire + windowMs - nowMs) / 1000));
}

/**
 * The decision both engines make inside their lock: given the attempts in the windows
 * (ascending ms), refuse with the scope and the wait, or allow (the caller then records it).
 */
export function judgeLookup(attempt: LookupAttempt, byIp: number[], failuresByCase: number[]): Exclude<Reservation, { allowed: true }> | undefined {
  const { limits, nowMs } = attempt;
  if (byIp.length >= limits.perIp.lookups) {
    return { allowed: false, scope: 'ip', retryAfterSeconds: secondsUntilBelow(byIp, limits.perIp.lookups, limits.perIp.windowSeconds * 1000, nowMs) };
  }
  if (failuresByCase.length >= limits.perCase.failures) {
    return { allowed: false, scope: 'case', retryAfterSeconds: secondsUntilBelow(failuresByCase, limits.perCase.failures, limits.perCase.windowSeconds * 1000, nowMs) };
  }
  return undefined;
}
