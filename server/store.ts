/**
 * The server's SQLite store (the embedded default). Migrations run in order at open; each is
 * recorded, so a file written by an older server is brought up to date and a newer one is
 * refused. The tracker's tables arrive with the shared API issue.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const MIGRATIONS: readonly string[] = [
  `create table schema_migrations (version integer primary key, applied_at text not null)`,
];

export class Store {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      // Check the version before anything writes to the file (WAL mode rewrites its header).
      this.refuseNewerSchema();
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      this.migrate();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  get schemaVersion(): number {
    const exists = this.db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'`).get();
    if (!exists) return 0;
    const row = this.db.prepare('select max(version) as version from schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
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
      MIGRATIONS.forEach((sql, index) => {
        const version = index + 1;
        if (version <= current) return;
        this.db.exec(sql);
        this.db.prepare('insert into schema_migrations (version, applied_at) values (?, ?)').run(version, new Date().toISOString());
      });
    });
    apply();
  }

  /** True when the file answers a query: the health check's probe. */
  isHealthy(): boolean {
    try {
      return this.schemaVersion === MIGRATIONS.length;
    } catch {
      return false;
    }
  }

  close(): void {
    this.db.close();
  }
}
