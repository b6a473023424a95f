import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Store } from '../../server/store.js';
import { tempDir } from './helpers.js';
import { TEST_ENGINE, rawQuery, testDatabase } from './test-store.js';

interface MigrationRow {
  version: number;
  applied_at: string;
}
const migrations = (db: Database.Database) =>
  db.prepare('select version, applied_at from schema_migrations order by version').all() as MigrationRow[];

describe('SqliteStore (the embedded default)', () => {
  test('migrating a fresh file records each migration in schema_migrations', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const path = join(tmp.dir, 'nested', 'dir', 'onestop.sqlite');
    const store = new Store(path);
    try {
      assert.ok(existsSync(path), 'the file and its directories are created');
      const rows = migrations(store.db);
      assert.ok(rows.length >= 1);
      assert.deepEqual(rows.map((r) => r.version), rows.map((_, i) => i + 1), 'versions 1..n, in order');
      for (const row of rows) assert.ok(!Number.isNaN(Date.parse(row.applied_at)), `applied_at is a date: ${row.applied_at}`);
      assert.equal(store.schemaVersion, rows.length);
      assert.equal(await store.isHealthy(), true);
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      store.close();
    }
  });

  test('reopening a migrated file is idempotent', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const path = join(tmp.dir, 'onestop.sqlite');
    const first = new Store(path);
    const before = migrations(first.db);
    first.close();
    for (let i = 0; i < 2; i++) {
      const again = new Store(path);
      try {
        assert.deepEqual(migrations(again.db), before, 'no migration re-applied, applied_at unchanged');
        assert.equal(await again.isHealthy(), true);
      } finally {
        again.close();
      }
    }
  });

  test('a file with a newer schema version than the server knows is refused', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const path = join(tmp.dir, 'future.sqlite');
    const store = new Store(path);
    const known = store.schemaVersion;
    store.db.prepare('insert into schema_migrations (version, applied_at) values (?, ?)').run(known + 1, new Date().toISOString());
    store.close();

    assert.throws(
      () => new Store(path),
      (error: Error) => {
        assert.ok(error.message.includes(path), error.message);
        assert.match(error.message, new RegExp(`schema version ${known + 1}, newer than this server's ${known}`));
        return true;
      },
    );
    // The refused file is left as it was.
    const db = new Database(path, { readonly: true });
    try {
      assert.equal((db.prepare('select max(version) as v from schema_migrations').get() as { v: number }).v, known + 1);
    } finally {
      db.close();
    }
  });

  test('an existing database without schema_migrations is brought up to date', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const path = join(tmp.dir, 'old.sqlite');
    const old = new Database(path);
    old.exec('create table unrelated (id integer primary key)');
    old.close();
    const store = new Store(path);
    try {
      assert.ok(store.schemaVersion >= 1);
      assert.equal(await store.isHealthy(), true);
      assert.ok(store.db.prepare(`select 1 from sqlite_master where name = 'unrelated'`).get(), 'existing tables kept');
    } finally {
      store.close();
    }
  });

  test(':memory: works and becomes unhealthy once closed', async () => {
    const store = new Store(':memory:');
    assert.equal(await store.isHealthy(), true);
    await store.close();
    assert.equal(await store.isHealthy(), false);
    await store.close(); // closing twice is harmless
  });
});

describe('PostgresStore', { skip: TEST_ENGINE !== 'postgres' && 'runs with ONESTOP_TEST_STORE=postgres (npm run test:server:postgres)' }, () => {
  test('a fresh schema is migrated, each migration recorded; reopening applies nothing again', async (t) => {
    const database = await testDatabase('postgres');
    t.after(() => database.remove());
    const store = await database.open();
    const read = async (s: Store) =>
      (await rawQuery<{ version: number; applied_at: Date }>(s, 'select version, applied_at from schema_migrations order by version')).map((r) => ({
        version: r.version,
        appliedAt: r.applied_at.toISOString(),
      }));
    const before = await read(store);
    try {
      assert.deepEqual(before.map((r) => r.version), before.map((_, i) => i + 1), 'versions 1..n, in order');
      assert.equal(await store.currentSchemaVersion(), store.knownSchemaVersion);
      assert.equal(await store.isHealthy(), true);
    } finally {
      await store.close();
    }
    const again = await database.open();
    try {
      assert.deepEqual(await read(again), before, 'no migration re-applied');
    } finally {
      await again.close();
    }
    assert.equal(await again.isHealthy(), false, 'closed');
  });

  test('two processes opening one new database together migrate it once', async (t) => {
    const database = await testDatabase('postgres');
    t.after(() => database.remove());
    const stores = await Promise.all([database.open(), database.open(), database.open()]);
    try {
      const rows = await rawQuery<{ version: number }>(stores[0]!, 'select version from schema_migrations order by version');
      assert.deepEqual(rows.map((r) => r.version), Array.from({ length: stores[0]!.knownSchemaVersion }, (_, i) => i + 1));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('a database with a newer schema version than the server knows is refused, and left as it was', async (t) => {
    const database = await testDatabase('postgres');
    t.after(() => database.remove());
    const store = await database.open();
    const known = store.knownSchemaVersion;
    await rawQuery(store, 'insert into schema_migrations (version, applied_at) values (?, now())', [known + 1]);
    await store.close();
    await assert.rejects(database.open(), new RegExp(`schema version ${known + 1}, newer than this server's ${known}`));
  });

  test('the URL in logs has no password', async () => {
    const { PostgresStore } = await import('../../server/store.js');
    assert.equal(typeof PostgresStore.open, 'function');
    const database = await testDatabase('postgres');
    const url = new URL(database.env.DATABASE_URL!);
    url.password = 'secret-password';
    // trust authentication ignores the password, so the store opens; the description hides it.
    const store = await PostgresStore.open(url.toString());
    try {
      assert.ok(!store.description.includes('secret-password'), store.description);
      assert.match(store.description, /\*\*\*/);
    } finally {
      await store.close();
      await database.remove();
    }
  });
});
