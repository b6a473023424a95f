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
import type { Store } from '../../server/store.js';
import { registerTracker, type LookupLimits } from '../../server/tracker/index.js';
import { seedSampleCases } from '../../scripts/seed-sample-cases.js';
import { TEST_ENGINE, everythingStored, openTestStore, rawQuery, testDatabase } from './test-store.js';

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

const count = async (store: Store, table: string) => Number((await rawQuery<{ n: number | string }>(store, `select count(*) as n from ${table}`))[0]!.n);

describe(`tracker storage (${TEST_ENGINE})`, () => {
  test('case events are append-only, in the database itself: UPDATE and DELETE raise', async () => {
    const store = await openTestStore();
    const app = await startTracker(store);
    try {
      const { token } = await store.createAgencyKey('taipei-daan-land-office', new Date());
      const { caseNumber } = await createCase(app, token);
      const before = await rawQuery(store, 'select * from case_events where case_number = ?', [caseNumber]);
      assert.equal(before.length, 1);

      await assert.rejects(rawQuery(store, `update case_events set status = 'approved' where case_number = ?`, [caseNumber]), /append-only/);
      await assert.rejects(rawQuery(store, 'update case_events set note = null'), /append-only/);
      await assert.rejects(rawQuery(store, 'delete from case_events where case_number = ?', [caseNumber]), /append-only/);
      await assert.rejects(rawQuery(store, 'delete from case_events'), /append-only/);
      if (store.engine === 'postgres') await assert.rejects(rawQuery(store, 'truncate case_events cascade'), /append-only/);
      // Nor can the case be deleted from under its events.
      await assert.rejects(rawQuery(store, 'delete from cases where case_number = ?', [caseNumber]), /foreign key/i);
      assert.deepEqual(await rawQuery(store, 'select * from case_events where case_number = ?', [caseNumber]), before, 'nothing changed');
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
      await store.close();
    }
  });

  test('a failed case creation writes nothing (case and first event are one transaction)', async () => {
    const store = await openTestStore();
    try {
      const { keyId } = await store.createAgencyKey('taipei-daan-land-office', new Date());
      await assert.rejects(
        store.openCase({
          request: CASE,
          owner: { keyId, agencyId: 'taipei-daan-land-office' },
          lookupHash: 'scrypt$x',
          now: new Date(),
          caseNumber: 'OS-2025-ROLLBACK',
          // A first status the events table refuses (NOT NULL), after the case row was inserted.
          firstStatus: null as unknown as string,
        }),
      );
      assert.equal(await count(store, 'cases'), 0, 'no half-written case');
      // A later event of the history that fails rolls back the case and its first event too.
      await assert.rejects(
        store.openCase({
          request: CASE,
          owner: { keyId, agencyId: 'taipei-daan-land-office' },
          lookupHash: 'scrypt$x',
          now: new Date(),
          caseNumber: 'OS-2025-ROLLBAK2',
          firstStatus: 'received',
          history: [{ request: { status: 'in-review' }, writer: { keyId: 'k-no-such-key', agencyId: 'x', office: { 'zh-Hant-TW': '甲' } } }],
        }),
      );
      assert.equal(await count(store, 'cases'), 0, 'no half-written case');
      assert.equal(await count(store, 'case_events'), 0, 'no half-written event');
    } finally {
      await store.close();
    }
  });

  test('lookup codes are stored as salted scrypt, keys as SHA-256: neither secret is in the database', async () => {
    const store = await openTestStore();
    const app = await startTracker(store);
    try {
      const key = await store.createAgencyKey('taipei-daan-land-office', new Date());
      const a = await createCase(app, key.token);
      const b = await createCase(app, key.token);
      const hashes = await rawQuery<{ lookup_hash: string }>(store, 'select lookup_hash from cases');
      for (const { lookup_hash } of hashes) assert.match(lookup_hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      const salts = hashes.map((h) => h.lookup_hash.split('$')[4]);
      assert.notEqual(salts[0], salts[1], 'a salt per case');
      const dump = await everythingStored(store);
      for (const code of [a.lookupCode, b.lookupCode]) {
        assert.ok(!dump.includes(code) && !dump.includes(code.replace('-', '')), 'no lookup code stored');
      }
      assert.ok(!dump.includes(key.token.split('.')[1]!), 'no key secret stored');
      const [row] = await rawQuery<{ key_hash: Buffer }>(store, 'select key_hash from agency_api_keys where key_id = ?', [key.keyId]);
      assert.equal(row?.key_hash.length, 32);
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('the lookup counters live in the database: a new app on the same database is still locked', async (t) => {
    const database = await testDatabase();
    t.after(() => database.remove());
    const limits: LookupLimits = { perCase: { failures: 3, windowSeconds: 900 }, perIp: { lookups: 100, windowSeconds: 900 } };

    let store = await database.open();
    let app = await startTracker(store, { limits });
    const { token } = await store.createAgencyKey('taipei-daan-land-office', new Date());
    const { caseNumber, lookupCode } = await createCase(app, token);
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/cases/lookup', payload: { caseNumber, lookupCode: 'ZZZZ-ZZZZ' } });
      assert.equal(res.statusCode, 404);
    }
    await app.close();
    await store.close();

    store = await database.open();
    app = await startTracker(store, { limits });
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/cases/lookup', payload: { caseNumber, lookupCode } });
      assert.equal(res.statusCode, 429, 'the restart did not reset the counter');
      assert.ok(Number(res.headers['retry-after']) > 0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('scripts/agency-key.ts', () => {
  const exec = promisify(execFile);
  /** The CLI on exactly this database (no DATABASE_URL or ONESTOP_DB inherited from the shell). */
  const cli = (args: string[], database: { DATABASE_URL?: string; ONESTOP_DB?: string }) => {
    const { DATABASE_URL: _url, ONESTOP_DB: _db, ...env } = process.env;
    return exec(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/agency-key.ts'), ...args], { cwd: ROOT, env: { ...env, ...database } });
  };

  test(`create prints a working key once; list shows it without the secret; revoke stops it (${TEST_ENGINE})`, async (t) => {
    const database = await testDatabase();
    t.after(() => database.remove());
    const db = database.env;

    const created = await cli(['create', 'taipei-daan-land-office', '--label', 'Da-an counter system'], db);
    const token = /^key:\s+(\S+)$/m.exec(created.stdout)?.[1];
    const keyId = /^key id:\s+(\S+)$/m.exec(created.stdout)?.[1];
    assert.ok(token && keyId, created.stdout);
    assert.ok(token.startsWith(`${keyId}.`));

    const listed = await cli(['list'], db);
    assert.match(listed.stdout, new RegExp(`${keyId}\\ttaipei-daan-land-office\\t\\S+\\t-\\tDa-an counter system`));
    assert.ok(!listed.stdout.includes(token), 'list never shows a key');

    // The server, on the same database, accepts the key.
    let store = await database.open();
    let app = await startTracker(store);
    try {
      const { case: view } = await createCase(app, token);
      assert.equal(view.receivingOffice.agencyId, 'taipei-daan-land-office');
    } finally {
      await app.close();
      await store.close();
    }

    const revoked = await cli(['revoke', keyId], db);
    assert.match(revoked.stdout, /Revoked/);
    store = await database.open();
    app = await startTracker(store);
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/agency/cases', payload: CASE, headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 401);
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('bad input is refused with a non-zero exit', async (t) => {
    const database = await testDatabase();
    t.after(() => database.remove());
    const db = database.env;
    await assert.rejects(cli(['create', 'Not An Id'], db), (error: { code: number; stderr: string }) => error.code === 2 && /agency id/.test(error.stderr));
    await assert.rejects(cli(['revoke', 'k-0000000000000000'], db), (error: { code: number }) => error.code === 1);
    await assert.rejects(cli([], db), (error: { code: number }) => error.code === 2);
    await assert.rejects(cli(['list'], { ONESTOP_DB: ':memory:' }), (error: { code: number }) => error.code === 2);
    await assert.rejects(cli(['list'], { DATABASE_URL: 'mysql://nope' }), (error: { code: number; stderr: string }) => error.code !== 0 && /DATABASE_URL/.test(error.stderr));
  });
});

describe('scripts/seed-sample-cases.ts', () => {
  test(`seeds SAMPLE cases that look up with their printed codes, and is idempotent (${TEST_ENGINE})`, async () => {
    const store = await openTestStore();
    const app = await startTracker(store);
    try {
      const first = await seedSampleCases(store);
      assert.ok(first.length >= 4);
      assert.ok(first.every((r) => r.created && r.caseNumber.startsWith('SAMPLE-')));
      const events = await count(store, 'case_events');

      const second = await seedSampleCases(store);
      assert.ok(second.every((r) => !r.created), 'nothing re-created');
      assert.equal(await count(store, 'case_events'), events, 'no event added twice');
      assert.ok((await store.listAgencyKeys()).every((k) => k.revokedAt !== undefined), 'the seed leaves no usable key');

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
      await store.close();
    }
  });
});
