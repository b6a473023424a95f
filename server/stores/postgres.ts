/**
 * The tracker store on PostgreSQL (DATABASE_URL=postgres://…), for several API processes on
 * one database. Same interface and same answers as SQLite (server/stores/sqlite.ts):
 *
 * - Migrations from server/migrations/postgres/ at open, under an advisory lock, so processes
 *   starting together migrate once; each migration is one transaction (DDL is transactional).
 * - Case events are append-only in the database (triggers refuse UPDATE, DELETE, TRUNCATE).
 * - A case and its first events are written in one transaction.
 * - The lookup rate limit is kept in the lookup_attempts table. A reservation takes two
 *   transaction-scoped advisory locks, one for the client address and one for the case number
 *   (always in the same order, so two reservations cannot deadlock), then counts and records
 *   the attempt, so the limit holds exactly across every process: two processes cannot both
 *   let the 5th guess through. Per-key locks, not one table lock: lookups for different
 *   addresses and cases do not wait for each other. The sliding window (and its exact
 *   Retry-After) is the same arithmetic as SQLite's (tracker/records.ts judgeLookup).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { AppendEventRequest, CaseText, CitizenAction, Contact, ExpectedCompletion, RouteStop } from '../../src/core/api/tracker-contract.js';
import type { Store } from '../store.js';
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
} from '../tracker/records.js';
import { agencySecretMatches, generateAgencyKey, generateCaseNumber, parseAgencyToken } from '../tracker/secrets.js';
import { loadMigrations } from './migrations.js';

const MIGRATIONS = loadMigrations('postgres');

/** pg_advisory_lock key for migrations ("onestop" in ASCII, read as a number). */
const MIGRATION_LOCK = '31365104422645616';

const DATE_OID = 1082;
/** Dates stay the text they were written as (pg would make a local-midnight Date of them). */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** How often one process sweeps attempts that have left every window (housekeeping only: queries filter by window). */
const SWEEP_EVERY_MS = 60_000;

type Queryable = Pick<pg.PoolClient, 'query'>;

interface KeyRow {
  key_id: string;
  agency_id: string;
  key_hash: Buffer;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

interface CaseRow {
  case_number: string;
  lookup_hash: string;
  service_id: string;
  owner_agency_id: string;
  receiving_office: CaseText;
  route: RouteStop[];
  contact: Contact | null;
  expected_earliest: string | null;
  expected_latest: string | null;
  expected_confidence: ExpectedCompletion['confidence'] | null;
  received_at: Date;
  created_at: Date;
  created_by: string;
}

interface EventRow {
  id: string;
  case_number: string;
  at: Date;
  agency_id: string;
  office: CaseText;
  status: string;
  agency_word: string | null;
  note: CaseText | null;
  action: CaseText | null;
  action_due: string | null;
  expected_earliest: string | null;
  expected_latest: string | null;
  expected_confidence: ExpectedCompletion['confidence'] | null;
  created_at: Date;
  created_by: string;
}

function caseFromRow(row: CaseRow): CaseRecord {
  const expectedCompletion = expectedFromColumns(row.expected_earliest, row.expected_latest, row.expected_confidence);
  return {
    caseNumber: row.case_number,
    lookupHash: row.lookup_hash,
    serviceId: row.service_id,
    ownerAgencyId: row.owner_agency_id,
    receivingOffice: row.receiving_office,
    route: row.route,
    ...(row.contact !== null ? { contact: row.contact } : {}),
    ...(expectedCompletion ? { expectedCompletion } : {}),
    receivedAt: row.received_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function eventFromRow(row: EventRow): EventRecord {
  const expectedCompletion = expectedFromColumns(row.expected_earliest, row.expected_latest, row.expected_confidence);
  const action: CitizenAction | undefined = row.action !== null ? { text: row.action, ...(row.action_due !== null ? { dueDate: row.action_due } : {}) } : undefined;
  return {
    id: Number(row.id),
    caseNumber: row.case_number,
    at: row.at.toISOString(),
    agencyId: row.agency_id,
    office: row.office,
    status: row.status,
    ...(row.agency_word !== null ? { agencyWord: row.agency_word } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(action ? { action } : {}),
    ...(expectedCompletion ? { expectedCompletion } : {}),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

/** A signed 64-bit advisory-lock key for a text (SHA-256's first 8 bytes). */
function lockKey(text: string): bigint {
  return createHash('sha256').update(text, 'utf8').digest().readBigInt64BE(0);
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}

async function insertEvent(db: Queryable, caseNumber: string, event: NewEvent, now: Date): Promise<EventRow> {
  const [earliest, latest, confidence] = expectedColumns(event.expectedCompletion);
  const result = await db.query<EventRow>(
    `insert into case_events (case_number, at, agency_id, office, status, agency_word, note, action, action_due,
       expected_earliest, expected_latest, expected_confidence, created_at, created_by)
     values ($1, $2, $3, $4::json, $5, $6, $7::json, $8::json, $9, $10, $11, $12, $13, $14)
     returning *`,
    [
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
    ],
  );
  return result.rows[0]!;
}

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly knownSchemaVersion = MIGRATIONS.length;
  private closed = false;
  private lastSweepMs = 0;

  private constructor(
    /** The connection pool (tests read tables through it). */
    readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  /** Connects, refuses a database newer than this server, and migrates it. */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, types: TYPES, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
    // A connection dropped while idle (database restarted) is replaced on next use; without a
    // listener it would crash the process.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, redact(url));
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async versionOf(db: Queryable): Promise<number> {
    const exists = await db.query<{ exists: boolean }>(`select to_regclass('schema_migrations') is not null as exists`);
    if (!exists.rows[0]!.exists) return 0;
    const row = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
    return row.rows[0]!.version ?? 0;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        const current = await this.versionOf(client);
        if (current > MIGRATIONS.length) {
          throw new Error(`${this.description} has schema version ${current}, newer than this server's ${MIGRATIONS.length}`);
        }
        for (const migration of MIGRATIONS) {
          if (migration.version <= current) continue;
          await client.query('begin');
          try {
            await client.query(migration.sql);
            await client.query('insert into schema_migrations (version, applied_at) values ($1, now())', [migration.version]);
            await client.query('commit');
          } catch (error) {
            await client.query('rollback');
            throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
          }
        }
      } finally {
        await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
      }
    } finally {
      client.release();
    }
  }

  async currentSchemaVersion(): Promise<number> {
    return this.versionOf(this.pool);
  }

  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return (await this.versionOf(this.pool)) === MIGRATIONS.length;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Runs `work` in one transaction on one connection; rolls back on any error. */
  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is discarded, not reused.
      client.release(broken);
    }
  }

  // ---------- agency keys ----------

  async createAgencyKey(agencyId: string, now: Date, options: { label?: string; revoked?: boolean } = {}): Promise<NewAgencyKeyResult> {
    const key = generateAgencyKey();
    const at = now.toISOString();
    await this.pool.query('insert into agency_api_keys (key_id, agency_id, key_hash, label, created_at, revoked_at) values ($1, $2, $3, $4, $5, $6)', [
      key.keyId,
      agencyId,
      key.hash,
      options.label ?? null,
      at,
      options.revoked ? at : null,
    ]);
    return { keyId: key.keyId, agencyId, token: key.token };
  }

  async listAgencyKeys(): Promise<AgencyKeyInfo[]> {
    // collate "C": the same order as SQLite's, whatever the database's locale.
    const { rows } = await this.pool.query<KeyRow>('select * from agency_api_keys order by agency_id collate "C", created_at, key_id collate "C"');
    return rows.map((row) => ({
      keyId: row.key_id,
      agencyId: row.agency_id,
      ...(row.label !== null ? { label: row.label } : {}),
      createdAt: row.created_at.toISOString(),
      ...(row.revoked_at !== null ? { revokedAt: row.revoked_at.toISOString() } : {}),
    }));
  }

  async revokeAgencyKey(keyId: string, now: Date): Promise<RevokeResult> {
    const updated = await this.pool.query('update agency_api_keys set revoked_at = $2 where key_id = $1 and revoked_at is null', [keyId, now.toISOString()]);
    if (updated.rowCount) return 'revoked';
    const exists = await this.pool.query('select 1 from agency_api_keys where key_id = $1', [keyId]);
    return exists.rowCount ? 'already-revoked' : 'unknown';
  }

  async authenticateAgency(token: string): Promise<AgencyPrincipal | undefined> {
    const parsed = parseAgencyToken(token);
    const row = parsed
      ? (await this.pool.query<KeyRow>('select key_id, agency_id, key_hash, revoked_at from agency_api_keys where key_id = $1', [parsed.keyId])).rows[0]
      : undefined;
    // Always hash and compare, so an unknown key id costs as much as a wrong secret.
    const matches = agencySecretMatches(parsed?.secret ?? token, row?.key_hash);
    if (!matches || !row || row.revoked_at !== null) return undefined;
    return { keyId: row.key_id, agencyId: row.agency_id };
  }

  // ---------- cases and events ----------

  async getCase(caseNumber: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.pool.query<CaseRow>('select * from cases where case_number = $1', [caseNumber]);
    return rows[0] ? caseFromRow(rows[0]) : undefined;
  }

  async listEvents(caseNumber: string): Promise<EventRecord[]> {
    const { rows } = await this.pool.query<EventRow>('select * from case_events where case_number = $1 order by at, id', [caseNumber]);
    return rows.map(eventFromRow);
  }

  async openCase(input: OpenCaseInput): Promise<CaseRecord> {
    const { request, owner, now } = input;
    const [earliest, latest, confidence] = expectedColumns(request.expectedCompletion);
    const tryNumber = (caseNumber: string) =>
      this.transaction(async (db) => {
        const inserted = await db.query<CaseRow>(
          `insert into cases (case_number, lookup_hash, service_id, owner_agency_id, receiving_office, route, contact,
             expected_earliest, expected_latest, expected_confidence, received_at, created_at, created_by)
           values ($1, $2, $3, $4, $5::json, $6::json, $7::json, $8, $9, $10, $11, $12, $13)
           on conflict (case_number) do nothing
           returning *`,
          [
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
          ],
        );
        const row = inserted.rows[0];
        if (!row) return undefined;
        await insertEvent(db, caseNumber, firstEvent(input), now);
        for (const later of input.history ?? []) await insertEvent(db, caseNumber, newEvent(later.request, later.writer, now), now);
        return caseFromRow(row);
      });
    if (input.caseNumber !== undefined) {
      const record = await tryNumber(input.caseNumber);
      if (!record) throw new CaseExistsError(input.caseNumber);
      return record;
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const record = await tryNumber(generateCaseNumber(now));
      if (record) return record;
    }
    throw new Error('Could not draw a free case number in 8 tries');
  }

  /** One INSERT (atomic by itself). The caller has checked the case, the agency's right and the status. */
  async appendEvent(caseNumber: string, request: AppendEventRequest, writer: EventWriter, now: Date): Promise<EventRecord> {
    return eventFromRow(await insertEvent(this.pool, caseNumber, newEvent(request, writer, now), now));
  }

  // ---------- lookup attempts (rate limiting) ----------

  /**
   * Four round trips when allowed (three when refused): BEGIN with both locks in one simple
   * query (the keys are numbers made here, not input), both windows in one SELECT, the INSERT,
   * COMMIT. The reads are a statement after the locks, so they see every attempt committed by
   * whoever held a lock before.
   */
  async reserveLookup(attempt: LookupAttempt): Promise<Reservation> {
    const { clientIp, caseNumber, nowMs, limits } = attempt;
    const ipWindowMs = limits.perIp.windowSeconds * 1000;
    const caseWindowMs = limits.perCase.windowSeconds * 1000;
    const keys = [...new Set([lockKey(`lookup-ip\0${clientIp}`), lockKey(`lookup-case\0${caseNumber}`)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let reservation: Reservation;
    try {
      await client.query(['begin', ...keys.map((key) => `select pg_advisory_xact_lock(${BigInt.asIntN(64, key).toString()})`)].join('; '));
      const windows = await client.query<{ by_ip: string[]; by_case: string[] }>(
        `select array(select at_ms from lookup_attempts where client_ip = $1 and at_ms > $2 order by at_ms) as by_ip,
                array(select at_ms from lookup_attempts where case_number = $3 and not succeeded and at_ms > $4 order by at_ms) as by_case`,
        [clientIp, nowMs - ipWindowMs, caseNumber, nowMs - caseWindowMs],
      );
      const row = windows.rows[0]!;
      const refused = judgeLookup(attempt, row.by_ip.map(Number), row.by_case.map(Number));
      if (refused) {
        reservation = refused;
      } else {
        const inserted = await client.query<{ id: string }>('insert into lookup_attempts (at_ms, client_ip, case_number) values ($1, $2, $3) returning id', [nowMs, clientIp, caseNumber]);
        reservation = { allowed: true, attemptId: Number(inserted.rows[0]!.id) };
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
    await this.sweepLookupAttempts(nowMs - Math.max(ipWindowMs, caseWindowMs));
    return reservation;
  }

  /** Deletes attempts older than every window, now and then; rows another process is deleting are skipped, not waited for. */
  private async sweepLookupAttempts(beforeMs: number): Promise<void> {
    const wall = Date.now();
    if (wall - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = wall;
    await this.pool.query('delete from lookup_attempts where id in (select id from lookup_attempts where at_ms <= $1 order by at_ms limit 10000 for update skip locked)', [beforeMs]);
  }

  async markLookupSucceeded(attemptId: number): Promise<void> {
    await this.pool.query('update lookup_attempts set succeeded = true where id = $1', [attemptId]);
  }
}
