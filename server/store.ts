/**
 * The server's store: what the routes need from a database, behind one async interface with
 * two engines.
 *
 * - SQLite (server/stores/sqlite.ts): the embedded default, one file (ONESTOP_DB, default
 *   var/onestop.sqlite). Serves a county or a pilot from one process.
 * - PostgreSQL (server/stores/postgres.ts): chosen by DATABASE_URL=postgres://…; several API
 *   processes, on several machines, share it.
 *
 * Both run their versioned migrations (server/migrations/<engine>/) at open, keep case events
 * append-only in the database itself, write multi-row changes in one transaction, and keep the
 * lookup rate limit in the database, so no API process holds state another one needs.
 */
import type { AppendEventRequest } from '../src/core/api/tracker-contract.js';
import type {
  AgencyKeyInfo,
  AgencyPrincipal,
  CaseRecord,
  EventRecord,
  EventWriter,
  LookupAttempt,
  NewAgencyKeyResult,
  OpenCaseInput,
  Reservation,
  RevokeResult,
} from './tracker/records.js';
import { SqliteStore } from './stores/sqlite.js';
import { PostgresStore } from './stores/postgres.js';

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** Where the data is, for logs: the file, or the URL without its password. */
  readonly description: string;
  /** The schema version this server's migrations reach. */
  readonly knownSchemaVersion: number;
  /** The schema version the database has. */
  currentSchemaVersion(): Promise<number>;
  /** True when the database answers at the expected schema (the health check). */
  isHealthy(): Promise<boolean>;
  /** Releases the file or the connections; closing twice is harmless. */
  close(): Promise<void>;

  // agency keys (scripts/agency-key.ts, the agency routes)
  createAgencyKey(agencyId: string, now: Date, options?: { label?: string; revoked?: boolean }): Promise<NewAgencyKeyResult>;
  listAgencyKeys(): Promise<AgencyKeyInfo[]>;
  revokeAgencyKey(keyId: string, now: Date): Promise<RevokeResult>;
  /** The agency behind a bearer token; undefined for a malformed, unknown or revoked key (same work either way). */
  authenticateAgency(token: string): Promise<AgencyPrincipal | undefined>;

  // cases and their append-only events
  getCase(caseNumber: string): Promise<CaseRecord | undefined>;
  /** Oldest first: by when it happened, then by when it was recorded. */
  listEvents(caseNumber: string): Promise<EventRecord[]>;
  /** The case, its first event and any `history`, in one transaction; CaseExistsError for a given number that is taken. */
  openCase(input: OpenCaseInput): Promise<CaseRecord>;
  appendEvent(caseNumber: string, request: AppendEventRequest, writer: EventWriter, now: Date): Promise<EventRecord>;

  // the lookup rate limit, shared by every process on this database
  /** Checks both limits and records the attempt as a failure, atomically; refused attempts are not recorded. */
  reserveLookup(attempt: LookupAttempt): Promise<Reservation>;
  markLookupSucceeded(attemptId: number): Promise<void>;
}

export interface StoreConfig {
  /** postgres://… or postgresql://…: use PostgreSQL. */
  databaseUrl?: string;
  /** The SQLite file (or :memory:) when there is no databaseUrl. */
  databasePath: string;
}

/** The store the configuration names: PostgreSQL for a DATABASE_URL, else the SQLite file. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl);
  return new SqliteStore(config.databasePath);
}

/**
 * `new Store(path)` opens the embedded SQLite store, as it did before PostgreSQL was added
 * (scripts and tests written then still work); as a type, `Store` is the interface above.
 */
export const Store = SqliteStore;
export { SqliteStore, PostgresStore };
