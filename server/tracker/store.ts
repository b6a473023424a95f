/**
 * The tracker's tables on SQLite (migration server/migrations/sqlite/0002-tracker.sql), as
 * synchronous functions over a better-sqlite3 handle; server/stores/sqlite.ts wraps them in
 * the Store interface the routes use. Every write that touches more than one row is one
 * transaction, so nothing half-writes; case events are only ever inserted (the database
 * refuses UPDATE and DELETE).
 */
import type Database from 'better-sqlite3';
import type { AppendEventRequest, CaseText, CitizenAction, Contact, ExpectedCompletion, RouteStop } from '../../src/core/api/tracker-contract.js';
import {
  CaseExistsError,
  expectedColumns,
  expectedFromColumns,
  firstEvent,
  judgeLookup,
  newEvent,
  receivedAtOf,
  type AgencyKeyInfo,
  type AgencyPrincipal,
  type CaseRecord,
  type EventRecord,
  type EventWriter,
  type LookupAttempt,
  type NewAgencyKeyResult,
  type NewEvent,
  type OpenCaseInput,
  type Reservation,
  type RevokeResult,
} from './records.js';
import { agencySecretMatches, generateAgencyKey, generateCaseNumber, parseAgencyToken } from './secrets.js';

export * from './records.js';

type Db = Database.Database;

// ---------- agency keys ----------

interface KeyRow {
  key_id: string;
  agency_id: string;
  key_hash: Buffer;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** Stores a new key's hash and returns the token, which is never stored and cannot be shown again. */
export function createAgencyKey(db: Db, agencyId: string, now: Date, options: { label?: string; revoked?: boolean } = {}): NewAgencyKeyResult {
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

export function revokeAgencyKey(db: Db, keyId: string, now: Date): RevokeResult {
  return db.transaction((): RevokeResult => {
    const row = db.prepare('select revoked_at from agency_api_keys where key_id = ?').get(keyId) as { revoked_at: string | null } | undefined;
    if (!row) return 'unknown';
    if (row.revoked_at !== null) return 'already-revoked';
    db.prepare('update agency_api_keys set revoked_at = ? where key_id = ?').run(now.toISOString(), keyId);
    return 'revoked';
  })();
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

/**
 * Opens a case, its first event (received, by the owner, at `receivedAt`) and any `history`
 * in one transaction. Throws `CaseExistsError` when a given case number is taken; a generated
 * one that collides is drawn again.
 */
export function openCase(db: Db, input: OpenCaseInput): CaseRecord {
  const { request, owner, now } = input;
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
      receivedAtOf(request, now),
      now.toISOString(),
      owner.keyId,
    );
    insertEvent(db, caseNumber, firstEvent(input), now);
    for (const later of input.history ?? []) insertEvent(db, caseNumber, newEvent(later.request, later.writer, now), now);
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

/** Appends one event. The caller has checked the case, the agency's right and the status. */
export function appendEvent(db: Db, caseNumber: string, request: AppendEventRequest, writer: EventWriter, now: Date): EventRecord {
  return db.transaction(() => {
    const id = insertEvent(db, caseNumber, newEvent(request, writer, now), now);
    return eventFromRow(db.prepare('select * from case_events where id = ?').get(id) as EventRow);
  }).immediate();
}

// ---------- lookup attempts (rate limiting) ----------

/**
 * Checks both limits and, if they allow it, records the attempt as a failure, all in one
 * IMMEDIATE transaction (a write lock, also against other processes on the same file). The
 * attempt is counted before the code is checked, so a burst of concurrent guesses cannot
 * all pass the check; `markLookupSucceeded` clears it when the code was right. Refused
 * attempts are not recorded (hammering does not extend the lock on someone else's case).
 */
export function reserveLookup(db: Db, input: LookupAttempt): Reservation {
  const { clientIp, caseNumber, nowMs, limits } = input;
  const ipWindowMs = limits.perIp.windowSeconds * 1000;
  const caseWindowMs = limits.perCase.windowSeconds * 1000;
  return db.transaction((): Reservation => {
    db.prepare('delete from lookup_attempts where at_ms <= ?').run(nowMs - Math.max(ipWindowMs, caseWindowMs));
    const byIp = (
      db.prepare('select at_ms from lookup_attempts where client_ip = ? and at_ms > ? order by at_ms').all(clientIp, nowMs - ipWindowMs) as { at_ms: number }[]
    ).map((r) => r.at_ms);
    const byCase = (
      db
        .prepare('select at_ms from lookup_attempts where case_number = ? and succeeded = 0 and at_ms > ? order by at_ms')
        .all(caseNumber, nowMs - caseWindowMs) as { at_ms: number }[]
    ).map((r) => r.at_ms);
    const refused = judgeLookup(input, byIp, byCase);
    if (refused) return refused;
    const result = db.prepare('insert into lookup_attempts (at_ms, client_ip, case_number, succeeded) values (?, ?, ?, 0)').run(nowMs, clientIp, caseNumber);
    return { allowed: true, attemptId: Number(result.lastInsertRowid) };
  }).immediate();
}

export function markLookupSucceeded(db: Db, attemptId: number): void {
  db.prepare('update lookup_attempts set succeeded = 1 where id = ?').run(attemptId);
}
