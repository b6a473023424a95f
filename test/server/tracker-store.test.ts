/** The tracker's storage: append-only events, hashed secrets, counters that survive a restart, the key CLI, the sample seed. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CaseView, CreateCaseResponse, type CreateCaseRequest } from '../../src/core/api/tracker-contract.js';
import { buildApp } from '../../server/app.js';
import type { Catalogue } from '../../server/catalogue.js';
import { CaseStatus } from '../../server/catalogue-schema.js';
import { Store } from '../../server/store.js';
import { registerTracker, type LookupLimits } from '../../server/tracker/index.js';
import { createAgencyKey, openCase } from '../../server/tracker/store.js';
import { seedSampleCases } from '../../scripts/seed-sample-cases.js';
import { tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STATUS_IDS: string[] = [...CaseStatus.shape.id.options];

/** The tracker reads nothing from the catalogue; an empty one keeps these tests off data/ edits. */
const EMPTY_CATALOGUE: Catalogue = {
  counties: { source: { cite: 'test', asOf: '2025-01-01' }, counties: [] },
  agencies: new Map(),
  registries: new Map(),
  documents: new Map(),
  services: new Map(),
  lifeEvents: new Map(),
  calendar: new Map(),
  caseStatuses: [],
};

async function startTracker(store: Store, options: { now?: () => Date; limits?: LookupLimits } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ catalogue: EMPTY_CATALOGUE, store, tracker: false });
  await registerTracker(app, { store, statuses: STATUS_IDS, ...options });
  return app;
}

const CASE: CreateCaseRequest = {
  serviceId: 'land-inheritance-registration',
  receivingOffice: { 'zh-Hant-TW': '臺北市大安地政事務所', en: 'Da-an Land Office' },
  agencyWord: '收件',
};

async function createCase(app: FastifyInstance, token: string) {
  const res = await app.inject({ method: 'POST', url: '/v1/agency/cases', payload: CASE, headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 201, res.body);
  return z.parse(CreateCaseResponse, res.json());
}

/** Every text value in every table, to check what is (not) stored. */
function everything(db: Store['db']): string {
  const tables = (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((t) => t.name);
  return tables
    .flatMap((table) => db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[])
    .flatMap((row) => Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('base64url') : String(v))))
    .join('\n');
}

describe('tracker storage', () => {
  test('case events are append-only, in the database itself: UPDATE and DELETE raise', async () => {
    const store = new Store(':memory:');
    const app = await startTracker(store);
    try {
      const { token } = createAgencyKey(store.db, 'taipei-daan-land-office', new Date());
      const { caseNumber } = await createCase(app, token);
      const before = store.db.prepare('select * from case_events where case_number = ?').all(caseNumber);
      assert.equal(before.length, 1);

      assert.throws(() => store.db.prepare(`update case_events set status = 'approved' where case_number = ?`).run(caseNumber), /append-only/);
      assert.throws(() => store.db.prepare('update case_events set note = null').run(), /append-only/);
      assert.throws(() => store.db.prepare('delete from case_events where case_number = ?').run(caseNumber), /append-only/);
      assert.throws(() => store.db.exec('delete from case_events'), /append-only/);
      // Nor can the case be deleted from under its events.
      assert.throws(() => store.db.prepare('delete from cases where case_number = ?').run(caseNumber), /FOREIGN KEY/);
      assert.deepEqual(store.db.prepare('select * from case_events where case_number = ?').all(caseNumber), before, 'nothing changed');
      // Inserting (appending) still works.
      const appended = await app.inject({
        method: 'POST',
        url: `/v1/agency/cases/${caseNumber}/events`,
        payload: { status: 'in-review' },
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(appended.statusCode, 201);
    } finally {
      await app.close();
      store.close();
    }
  });

  test('a failed case creation writes nothing (case and first event are one transaction)', () => {
    const store = new Store(':memory:');
    try {
      const { keyId } = createAgencyKey(store.db, 'taipei-daan-land-office', new Date());
      assert.throws(() =>
        openCase(store.db, {
          request: CASE,
          owner: { keyId, agencyId: 'taipei-daan-land-office' },
          lookupHash: 'scrypt$x',
          now: new Date(),
          caseNumber: 'OS-2025-ROLLBACK',
          // A first status the events table refuses (NOT NULL), after the case row was inserted.
          firstStatus: null as unknown as string,
        }),
      );
      assert.equal((store.db.prepare('select count(*) as n from cases').get() as { n: number }).n, 0, 'no half-written case');
    } finally {
      store.close();
    }
  });

  test('lookup codes are stored as salted scrypt, keys as SHA-256: neither secret is in the database', async () => {
    const store = new Store(':memory:');
    const app = await startTracker(store);
    try {
      const key = createAgencyKey(store.db, 'taipei-daan-land-office', new Date());
      const a = await createCase(app, key.token);
      const b = await createCase(app, key.token);
      const hashes = store.db.prepare('select lookup_hash from cases').all() as { lookup_hash: string }[];
      for (const { lookup_hash } of hashes) assert.match(lookup_hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      const salts = hashes.map((h) => h.lookup_hash.split('$')[4]);
      assert.notEqual(salts[0], salts[1], 'a salt per case');
      const dump = everything(store.db);
      for (const code of [a.lookupCode, b.lookupCode]) {
        assert.ok(!dump.includes(code) && !dump.includes(code.replace('-', '')), 'no lookup code stored');
      }
      assert.ok(!dump.includes(key.token.split('.')[1]!), 'no key secret stored');
      const row = store.db.prepare('select key_hash from agency_api_keys where key_id = ?').get(key.keyId) as { key_hash: Buffer };
      assert.equal(row.key_hash.length, 32);
    } finally {
      await app.close();
      store.close();
    }
  });

  test('the lookup counters live in SQLite: a new app on the same file is still locked', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const path = join(tmp.dir, 'onestop.sqlite');
    const limits: LookupLimits = { perCase: { failures: 3, windowSeconds: 900 }, perIp: { lookups: 100, windowSeconds: 900 } };

    let store = new Store(path);
    let app = await startTracker(store, { limits });
    const { token } = createAgencyKey(store.db, 'taipei-daan-land-office', new Date());
    const { caseNumber, lookupCode } = await createCase(app, token);
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/cases/lookup', payload: { caseNumber, lookupCode: 'ZZZZ-ZZZZ' } });
      assert.equal(res.statusCode, 404);
    }
    await app.close();
    store.close();

    store = new Store(path);
    app = await startTracker(store, { limits });
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/cases/lookup', payload: { caseNumber, lookupCode } });
      assert.equal(res.statusCode, 429, 'the restart did not reset the counter');
      assert.ok(Number(res.headers['retry-after']) > 0);
    } finally {
      await app.close();
      store.close();
    }
  });
});

describe('scripts/agency-key.ts', () => {
  const exec = promisify(execFile);
  const cli = (args: string[], db: string) =>
    exec(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/agency-key.ts'), ...args], { cwd: ROOT, env: { ...process.env, ONESTOP_DB: db } });

  test('create prints a working key once; list shows it without the secret; revoke stops it', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const db = join(tmp.dir, 'var', 'onestop.sqlite');

    const created = await cli(['create', 'taipei-daan-land-office', '--label', 'Da-an counter system'], db);
    const token = /^key:\s+(\S+)$/m.exec(created.stdout)?.[1];
    const keyId = /^key id:\s+(\S+)$/m.exec(created.stdout)?.[1];
    assert.ok(token && keyId, created.stdout);
    assert.ok(token.startsWith(`${keyId}.`));

    const listed = await cli(['list'], db);
    assert.match(listed.stdout, new RegExp(`${keyId}\\ttaipei-daan-land-office\\t\\S+\\t-\\tDa-an counter system`));
    assert.ok(!listed.stdout.includes(token), 'list never shows a key');

    // The server, on the same file, accepts the key.
    let store = new Store(db);
    let app = await startTracker(store);
    try {
      const { case: view } = await createCase(app, token);
      assert.equal(view.receivingOffice.agencyId, 'taipei-daan-land-office');
    } finally {
      await app.close();
      store.close();
    }

    const revoked = await cli(['revoke', keyId], db);
    assert.match(revoked.stdout, /Revoked/);
    store = new Store(db);
    app = await startTracker(store);
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/agency/cases', payload: CASE, headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 401);
    } finally {
      await app.close();
      store.close();
    }
  });

  test('bad input is refused with a non-zero exit', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const db = join(tmp.dir, 'onestop.sqlite');
    await assert.rejects(cli(['create', 'Not An Id'], db), (error: { code: number; stderr: string }) => error.code === 2 && /agency id/.test(error.stderr));
    await assert.rejects(cli(['revoke', 'k-0000000000000000'], db), (error: { code: number }) => error.code === 1);
    await assert.rejects(cli([], db), (error: { code: number }) => error.code === 2);
    await assert.rejects(cli(['list'], ':memory:'), (error: { code: number }) => error.code === 2);
  });
});

describe('scripts/seed-sample-cases.ts', () => {
  test('seeds SAMPLE cases that look up with their printed codes, and is idempotent', async () => {
    const store = new Store(':memory:');
    const app = await startTracker(store);
    try {
      const first = await seedSampleCases(store);
      assert.ok(first.length >= 4);
      assert.ok(first.every((r) => r.created && r.caseNumber.startsWith('SAMPLE-')));
      const events = (store.db.prepare('select count(*) as n from case_events').get() as { n: number }).n;

      const second = await seedSampleCases(store);
      assert.ok(second.every((r) => !r.created), 'nothing re-created');
      assert.equal((store.db.prepare('select count(*) as n from case_events').get() as { n: number }).n, events, 'no event added twice');
      assert.ok(
        (store.db.prepare('select revoked_at from agency_api_keys').all() as { revoked_at: string | null }[]).every((k) => k.revoked_at !== null),
        'the seed leaves no usable key',
      );

      const views = new Map<string, CaseView>();
      for (const { caseNumber, lookupCode } of first) {
        const res = await app.inject({ method: 'POST', url: '/v1/cases/lookup', payload: { caseNumber, lookupCode } });
        assert.equal(res.statusCode, 200, `${caseNumber}: ${res.body}`);
        views.set(caseNumber, z.parse(CaseView, res.json()));
      }
      const statuses = [...views.values()].map((v) => v.status.id).sort();
      assert.deepEqual(statuses, ['completed', 'in-review', 'in-review', 'needs-more']);
      const needsMore = [...views.values()].find((v) => v.status.id === 'needs-more')!;
      assert.ok(needsMore.events.at(-1)!.action?.dueDate, 'the 補正 says by when');
      const forwarded = [...views.values()].filter((v) => v.events.some((e) => e.status === 'forwarded'));
      assert.ok(forwarded.every((v) => v.events.at(-1)!.agencyId === v.route[0]!.agencyId), 'forwarded cases are now with the next office');
    } finally {
      await app.close();
      store.close();
    }
  });
});
