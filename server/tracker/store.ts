/**
 * The tracker's tables (migration 2 in ../store.ts), as typed functions over the Store's
 * SQLite handle. Every write that touches more than one row is one transaction, so nothing
 * half-writes; case events are only ever inserted (the database refuses UPDATE and DELETE).
 */
import type Database from 'better-sqlite3';
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
import { generateAgencyKey, generateCaseNumber, agencySecretMatches, parseAgencyToken } from './secrets.js';

type Db = Database.Database;

// ---------- agency keys ----------

export interface AgencyKeyInfo {
  keyId: string;
  agencyId: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

interface KeyRow {
  key_id: string;
  agency_id: string;
  key_hash: Buffer;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** Stores a new key's hash and returns the token, which is never stored and cannot be shown again. */
export function createAgencyKey(db: Db, agencyId: string, now: Date, options: { label?: string; revoked?: boolean } = {}): { keyId: string; agencyId: string; token: string } {
  const key = generateAgencyKey();
  const at = now.toISOString();
  db.prepare('insert into agency_api_keys (key_id, agency_id, key_hash, label, created_at, revoked_at) values (?, ?, ?, ?, ?, ?)').run(
    key.keyId,
    agencyId,
    key.hash,
    options.label ?? null,
    at,
    options.revoked ? at : null,
  );
  return { keyId: key.keyId, agencyId, token: key.token };
}

export function listAgencyKeys(db: Db): AgencyKeyInfo[] {
  const rows = db.prepare('select * from agency_api_keys order by agency_id, created_at, key_id').all() as KeyRow[];
  return rows.map((row) => ({
    keyId: row.key_id,
    agencyId: row.agency_id,
    ...(row.label !== null ? { label: row.label } : {}),
    createdAt: row.created_at,
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
  }));
}

export function revokeAgencyKey(db: Db, keyId: string, now: Date): 'revoked' | 'already-revoked' | 'unknown' {
  return db.transaction(() => {
    const row = db.prepare('select revoked_at from agency_api_keys where key_id = ?').get(keyId) as { revoked_at: string | null } | undefined;
    if (!row) return 'unknown' as const;
    if (row.revoked_at !== null) return 'already-revoked' as const;
    db.prepare('update agency_api_keys set revoked_at = ? where key_id = ?').run(now.toISOString(), keyId);
    return 'revoked' as const;
  })();
}

export interface AgencyPrincipal {
  keyId: string;
  agencyId: string;
}

/** The agency behind a bearer token, or undefined for a malformed, unknown or revoked key. */
export function authenticateAgency(db: Db, token: string): AgencyPrincipal | undefined {
  const parsed = parseAgencyToken(token);
  const row = parsed
    ? (db.prepare('select key_id, agency_id, key_hash, revoked_at from agency_api_keys where key_id = ?').get(parsed.keyId) as KeyRow | undefined)
    : undefined;
  // Always hash and compare, so an unknown key id costs as much as a wrong secret.
  const matches = agencySecretMatches(parsed?.secret ?? token, row?.key_hash);
  if (!matches || !row || row.revoked_at !== null) return undefined;
  return { keyId: row.key_id, agencyId: row.agency_id };
}

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

interface CaseRow {
  case_number: string;
  lookup_hash: string;
  service_id: string;
  owner_agency_id: string;
  receiving_office: string;
  route: string;
  contact: string | null;
  expected_earliest: string | null;
  expected_latest: string | null;
  expected_confidence: ExpectedCompletion['confidence'] | null;
  received_at: string;
  created_at: string;
  created_by: string;
}

interface EventRow {
  id: number;
  case_number: string;
  at: string;
  agency_id: string;
  office: string;
  status: string;
  agency_word: string | null;
  note: string | null;
  action: string | null;
  action_due: string | null;
  expected_earliest: string | null;
  expected_latest: string | null;
  expected_confidence: ExpectedCompletion['confidence'] | null;
  created_at: string;
  created_by: string;
}

/** A date is stored as a range of one day; it reads back as `date`. */
function expectedColumns(expected: ExpectedCompletion | undefined): [string | null, string | null, string | null] {
  if (!expected) return [null, null, null];
  const earliest = expected.date ?? expected.earliest!;
  const latest = expected.date ?? expected.latest!;
  return [earliest, latest, expected.confidence];
}

function expectedFromColumns(earliest: string | null, latest: string | null, confidence: ExpectedCompletion['confidence'] | null): ExpectedCompletion | undefined {
  if (earliest === null || latest === null || confidence === null) return undefined;
  return earliest === latest ? { date: earliest, confidence } : { earliest, latest, confidence };
}

function caseFromRow(row: CaseRow): CaseRecord {
  const expectedCompletion = expectedFromColumns(row.expected_earliest, row.expected_latest, row.expected_confidence);
  return {
    caseNumber: row.case_number,
    lookupHash: row.lookup_hash,
    serviceId: row.service_id,
    ownerAgencyId: row.owner_agency_id,
    receivingOffice: JSON.parse(row.receiving_office) as CaseText,
    route: JSON.parse(row.route) as RouteStop[],
    ...(row.contact !== null ? { contact: JSON.parse(row.contact) as Contact } : {}),
    ...(expectedCompletion ? { expectedCompletion } : {}),
    receivedAt: row.received_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function eventFromRow(row: EventRow): EventRecord {
  const expectedCompletion = expectedFromColumns(row.expected_earliest, row.expected_latest, row.expected_confidence);
  const action: CitizenAction | undefined =
    row.action !== null ? { text: JSON.parse(row.action) as CaseText, ...(row.action_due !== null ? { dueDate: row.action_due } : {}) } : undefined;
  return {
    id: row.id,
    caseNumber: row.case_number,
    at: row.at,
    agencyId: row.agency_id,
    office: JSON.parse(row.office) as CaseText,
    status: row.status,
    ...(row.agency_word !== null ? { agencyWord: row.agency_word } : {}),
    ...(row.note !== null ? { note: JSON.parse(row.note) as CaseText } : {}),
    ...(action ? { action } : {}),
    ...(expectedCompletion ? { expectedCompletion } : {}),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function getCase(db: Db, caseNumber: string): CaseRecord | undefined {
  const row = db.prepare('select * from cases where case_number = ?').get(caseNumber) as CaseRow | undefined;
  return row ? caseFromRow(row) : undefined;
}

/** Oldest first: by when it happened, then by when it was recorded. */
export function listEvents(db: Db, caseNumber: string): EventRecord[] {
  const rows = db.prepare('select * from case_events where case_number = ? order by at, id').all(caseNumber) as EventRow[];
  return rows.map(eventFromRow);
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

function insertEvent(db: Db, caseNumber: string, event: NewEvent, now: Date): number {
  const [earliest, latest, confidence] = expectedColumns(event.expectedCompletion);
  const result = db
    .prepare(
      `insert into case_events (case_number, at, agency_id, office, status, agency_word, note, action, action_due,
         expected_earliest, expected_latest, expected_confidence, created_at, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      caseNumber,
      event.at,
      event.agencyId,
      JSON.stringify(event.office),
      event.status,
      event.agencyWord ?? null,
      event.note ? JSON.stringify(event.note) : null,
      event.action ? JSON.stringify(event.action.text) : null,
      event.action?.dueDate ?? null,
      earliest,
      latest,
      confidence,
      now.toISOString(),
      event.createdBy,
    );
  return Number(result.lastInsertRowid);
}

export interface OpenCaseInput {
  request: CreateCaseRequest;
  owner: AgencyPrincipal;
  lookupHash: string;
  now: Date;
  /** Normally generated; the sample seed passes fixed `SAMPLE-…` numbers. */
  caseNumber?: string;
  /** The status of the first event (the vocabulary's `received`). */
  firstStatus: string;
}

/**
 * Opens a case and its first event (received, by the owner, at `receivedAt`) in one
 * transaction. Throws `CaseExistsError` when a given case number is taken; a generated one
 * that collides is drawn again.
 */
export function openCase(db: Db, input: OpenCaseInput): CaseRecord {
  const { request, owner, now } = input;
  const receivedAt = request.receivedAt ? new Date(request.receivedAt).toISOString() : now.toISOString();
  const [earliest, latest, confidence] = expectedColumns(request.expectedCompletion);
  const insert = db.transaction((caseNumber: string) => {
    if (db.prepare('select 1 from cases where case_number = ?').get(caseNumber)) return false;
    db.prepare(
      `insert into cases (case_number, lookup_hash, service_id, owner_agency_id, receiving_office, route, contact,
         expected_earliest, expected_latest, expected_confidence, received_at, created_at, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      caseNumber,
      input.lookupHash,
      request.serviceId,
      owner.agencyId,
      JSON.stringify(request.receivingOffice),
      JSON.stringify(request.route ?? []),
      request.contact ? JSON.stringify(request.contact) : null,
      earliest,
      latest,
      confidence,
      receivedAt,
      now.toISOString(),
      owner.keyId,
    );
    insertEvent(
      db,
      caseNumber,
      {
        at: receivedAt,
        agencyId: owner.agencyId,
        office: request.receivingOffice,
        status: input.firstStatus,
        ...(request.agencyWord ? { agencyWord: request.agencyWord } : {}),
        ...(request.note ? { note: request.note } : {}),
        createdBy: owner.keyId,
      },
      now,
    );
    return true;
  });
  if (input.caseNumber !== undefined) {
    if (!insert.immediate(input.caseNumber)) throw new CaseExistsError(input.caseNumber);
    return getCase(db, input.caseNumber)!;
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const caseNumber = generateCaseNumber(now);
    if (insert.immediate(caseNumber)) return getCase(db, caseNumber)!;
  }
  throw new Error('Could not draw a free case number in 8 tries');
}

export class CaseExistsError extends Error {
  override readonly name = 'CaseExistsError';
  constructor(readonly caseNumber: string) {
    super(`Case ${caseNumber} already exists`);
  }
}

/** Appends one event. The caller has checked the case, the agency's right and the status. */
export function appendEvent(db: Db, caseNumber: string, request: AppendEventRequest, writer: AgencyPrincipal & { office: CaseText }, now: Date): EventRecord {
  return db.transaction(() => {
    const id = insertEvent(
      db,
      caseNumber,
      {
        at: request.at ? new Date(request.at).toISOString() : now.toISOString(),
        agencyId: writer.agencyId,
        office: request.office ?? writer.office,
        status: request.status,
        ...(request.agencyWord ? { agencyWord: request.agencyWord } : {}),
        ...(request.note ? { note: request.note } : {}),
        ...(request.action ? { action: request.action } : {}),
        ...(request.expectedCompletion ? { expectedCompletion: request.expectedCompletion } : {}),
        createdBy: writer.keyId,
      },
      now,
    );
    return eventFromRow(db.prepare('select * from case_events where id = ?').get(id) as EventRow);
  }).immediate();
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

export type Reservation = { allowed: true; attemptId: number } | { allowed: false; scope: 'ip' | 'case'; retryAfterSeconds: number };

/** Seconds until fewer than `max` of these times (ascending, in ms) are inside the window. */
function secondsUntilBelow(times: number[], max: number, windowMs: number, nowMs: number): number {
  const oldestThatMustExpire = times[times.length - max]!;
  return Math.max(1, Math.ceil((oldestThatMustExpire + windowMs - nowMs) / 1000));
}

/**
 * Checks both limits and, if they allow it, records the attempt as a failure, all in one
 * IMMEDIATE transaction (a write lock, also against other processes on the same file). The
 * attempt is counted before the code is checked, so a burst of concurrent guesses cannot
 * all pass the check; `markLookupSucceeded` clears it when the code was right. Refused
 * attempts are not recorded (hammering does not extend the lock on someone else's case).
 */
export function reserveLookup(db: Db, input: { clientIp: string; caseNumber: string; nowMs: number; limits: LookupLimits }): Reservation {
  const { clientIp, caseNumber, nowMs, limits } = input;
  const ipWindowMs = limits.perIp.windowSeconds * 1000;
  const caseWindowMs = limits.perCase.windowSeconds * 1000;
  return db.transaction((): Reservation => {
    db.prepare('delete from lookup_attempts where at_ms <= ?').run(nowMs - Math.max(ipWindowMs, caseWindowMs));
    const byIp = (
      db.prepare('select at_ms from lookup_attempts where client_ip = ? and at_ms > ? order by at_ms').all(clientIp, nowMs - ipWindowMs) as { at_ms: number }[]
    ).map((r) => r.at_ms);
    if (byIp.length >= limits.perIp.lookups) {
      return { allowed: false, scope: 'ip', retryAfterSeconds: secondsUntilBelow(byIp, limits.perIp.lookups, ipWindowMs, nowMs) };
    }
    const byCase = (
      db
        .prepare('select at_ms from lookup_attempts where case_number = ? and succeeded = 0 and at_ms > ? order by at_ms')
        .all(caseNumber, nowMs - caseWindowMs) as { at_ms: number }[]
    ).map((r) => r.at_ms);
    if (byCase.length >= limits.perCase.failures) {
      return { allowed: false, scope: 'case', retryAfterSeconds: secondsUntilBelow(byCase, limits.perCase.failures, caseWindowMs, nowMs) };
    }
    const result = db.prepare('insert into lookup_attempts (at_ms, client_ip, case_number, succeeded) values (?, ?, ?, 0)').run(nowMs, clientIp, caseNumber);
    return { allowed: true, attemptId: Number(result.lastInsertRowid) };
  }).immediate();
}

export function markLookupSucceeded(db: Db, attemptId: number): void {
  db.prepare('update lookup_attempts set succeeded = 1 where id = ?').run(attemptId);
}
