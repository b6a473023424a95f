/**
 * The embedded default store: one SQLite file (better-sqlite3, WAL). Migrations from
 * server/migrations/sqlite/ run at open; the tracker's queries are server/tracker/store.ts.
 * better-sqlite3 is synchronous; the methods are async only to share the Store interface
 * with PostgreSQL. Several processes may share one file (SQLite locks it), on one machine.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppendEventRequest } from '../../src/core/api/tracker-contract.js';
import type { Store } from '../store.js';
import type { EventWriter, LookupAttempt, OpenCaseInput } from '../tracker/records.js';
import * as tracker from '../tracker/store.js';
import { loadMigrations } from './migrations.js';

const MIGRATIONS = loadMigrations('sqlite');

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      // Check the version before anything writes to the file (WAL mode rewrites its header).
      this.refuseNewerSchema();
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      // Another process writing the same file waits its turn instead of failing at once.
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  get description(): string {
    return this.path;
  }

  /** The applied version (0 for a new file). Synchronous here; `currentSchemaVersion()` is the interface's. */
  get schemaVersion(): number {
    const exists = this.db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'`).get();
    if (!exists) return 0;
    const row = this.db.prepare('select max(version) as version from schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
  }

  async currentSchemaVersion(): Promise<number> {
    return this.schemaVersion;
  }

  get knownSchemaVersion(): number {
    return MIGRATIONS.length;
  }

  private refuseNewerSchema(): void {
    const current = this.schemaVersion;
    if (current > MIGRATIONS.length) {
      throw new Error(`${this.path} has schema version ${current}, newer than this server's ${MIGRATIONS.length}`);
    }
  }

  private migrate(): void {
    const current = this.schemaVersion;
    const apply = this.db.transaction(() => {
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        this.db.exec(migration.sql);
        this.db.prepare('insert into schema_migrations (version, applied_at) values (?, ?)').run(migration.version, new Date().toISOString());
      }
    });
    apply.immediate();
  }

  /** True when the file answers a query at the expected schema: the health check's probe. */
  async isHealthy(): Promise<boolean> {
    try {
      return this.schemaVersion === MIGRATIONS.length;
    } catch {
      return false;
    }
  }

  /** Closes the file; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createAgencyKey(agencyId: string, now: Date, options: { label?: string; revoked?: boolean } = {}) {
    return tracker.createAgencyKey(this.db, agencyId, now, options);
  }
  async listAgencyKeys() {
    return tracker.listAgencyKeys(this.db);
  }
  async revokeAgencyKey(keyId: string, now: Date) {
    return tracker.revokeAgencyKey(this.db, keyId, now);
  }
  async authenticateAgency(token: string) {
    return tracker.authenticateAgency(this.db, token);
  }
  async getCase(caseNumber: string) {
    return tracker.getCase(this.db, caseNumber);
  }
  async listEvents(caseNumber: string) {
    return tracker.listEvents(this.db, caseNumber);
  }
  async openCase(input: OpenCaseInput) {
    return tracker.openCase(this.db, input);
  }
  async appendEvent(caseNumber: string, request: AppendEventRequest, writer: EventWriter, now: Date) {
    return tracker.appendEvent(this.db, caseNumber, request, writer, now);
  }
  async reserveLookup(attempt: LookupAttempt) {
    return tracker.reserveLookup(this.db, attempt);
  }
  async markLookupSucceeded(attemptId: number) {
    tracker.markLookupSucceeded(this.db, attemptId);
  }
}
