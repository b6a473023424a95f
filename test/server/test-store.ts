/**
 * The store the server tests run on: SQLite by default; PostgreSQL with
 * ONESTOP_TEST_STORE=postgres (`npm run test:server:postgres`, one throwaway cluster for the
 * whole run, its URL in ONESTOP_TEST_DATABASE_URL). Without that URL a cluster is started
 * once for this test file's process (scripts/postgres.mjs) and stopped when it exits.
 *
 * Each test database is isolated: a temporary SQLite file or `:memory:`, or a schema of its
 * own in PostgreSQL (selected by the URL's search_path, so child processes such as the
 * agency-key CLI reach the same tables), dropped on remove().
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore, SqliteStore, type Store } from '../../server/store.js';
import { startPostgres } from '../../scripts/postgres.mjs';

export type Engine = 'sqlite' | 'postgres';
export const TEST_ENGINE: Engine = process.env.ONESTOP_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

let cluster: Promise<string> | undefined;

/** A PostgreSQL server URL for tests: the run's, or a throwaway cluster started once per process. */
export function testPostgresUrl(): Promise<string> {
  cluster ??= (async () => {
    const given = process.env.ONESTOP_TEST_DATABASE_URL;
    if (given) return given;
    const started = await startPostgres();
    started.unref();
    // The process is exiting: only synchronous work is possible, so an immediate shutdown.
    process.once('exit', () => {
      try {
        process.kill(started.pid!, 'SIGQUIT');
        rmSync(started.dir, { recursive: true, force: true });
      } catch {
        /* already gone, or still shutting down: a temporary directory is left */
      }
    });
    return started.url;
  })();
  return cluster;
}

/** The URL with a search_path, as libpq's `options` parameter. */
function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One isolated database that can be opened several times (a restart, a second process). */
export interface TestDatabase {
  engine: Engine;
  /** The environment a child process (CLI, API process) needs to reach it. */
  env: { DATABASE_URL?: string; ONESTOP_DB?: string };
  open(): Promise<Store>;
  remove(): Promise<void>;
}

export async function testDatabase(engine: Engine = TEST_ENGINE): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-test-db-'));
    const path = join(dir, 'onestop.sqlite');
    return {
      engine,
      env: { ONESTOP_DB: path },
      open: async () => new SqliteStore(path),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = await testPostgresUrl();
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await onServer(server, (client) => client.query(`create schema ${schema}`));
  const url = withSchema(server, schema);
  return {
    engine,
    env: { DATABASE_URL: url },
    open: () => PostgresStore.open(url),
    remove: () => onServer(server, (client) => client.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
  };
}

/** A fresh store on the test engine that removes its database when closed. */
export async function openTestStore(engine: Engine = TEST_ENGINE): Promise<Store> {
  if (engine === 'sqlite') return new SqliteStore(':memory:');
  const database = await testDatabase(engine);
  const store = await database.open();
  const close = store.close.bind(store);
  let removed = false;
  // Closing also drops the test schema (once): nothing is left on a shared server.
  Object.defineProperty(store, 'close', {
    value: async () => {
      await close();
      if (!removed) {
        removed = true;
        await database.remove();
      }
    },
  });
  return store;
}

/**
 * Runs SQL on the store's own connection, written with `?` placeholders (SQLite's) and made
 * `$1, $2…` for PostgreSQL. For tests that look at or tamper with the tables directly.
 */
export async function rawQuery<Row = Record<string, unknown>>(store: Store, sql: string, params: unknown[] = []): Promise<Row[]> {
  if (store instanceof SqliteStore) {
    const statement = store.db.prepare(sql);
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  }
  if (store instanceof PostgresStore) {
    let n = 0;
    const result = await store.pool.query(sql.replace(/\?/g, () => `$${++n}`), params);
    return result.rows as Row[];
  }
  throw new Error('unknown store');
}

/** Every value of every table as text (binary as base64url), to check what is (not) stored. */
export async function everythingStored(store: Store): Promise<string> {
  const tables =
    store.engine === 'sqlite'
      ? (await rawQuery<{ name: string }>(store, `select name from sqlite_master where type = 'table'`)).map((t) => t.name)
      : (await rawQuery<{ name: string }>(store, `select table_name as name from information_schema.tables where table_schema = current_schema()`)).map((t) => t.name);
  const rows = (await Promise.all(tables.map((table) => rawQuery(store, `select * from "${table}"`)))).flat();
  return rows
    .flatMap((row) => Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('base64url') : v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))))
    .join('\n');
}
