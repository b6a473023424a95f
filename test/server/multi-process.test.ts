/**
 * Two API processes on one PostgreSQL database behind nginx (round-robin), all on loopback,
 * as issue 11 deploys the tracker past one machine. Shows that nothing a citizen depends on
 * lives in one process's memory:
 * - the lookup rate limit holds across the processes (per case and per address, also for a
 *   concurrent burst split between them);
 * - an event written through one process is read through the other;
 * - both give the same catalogue answers, byte for byte, with the same ETag (a 304 from
 *   one for the other's ETag).
 * Uses a PostgreSQL schema of its own on the run's cluster, and Debian's nginx. Runs in the
 * PostgreSQL step (`npm run test:server:postgres`); the SQLite run skips it, as it would
 * start a cluster of its own just for this file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { CaseView, CreateCaseResponse, TrackerProblem } from '../../src/core/api/tracker-contract.js';
import { freePort, startApiProcess, type ApiProcessHandle } from '../../scripts/api-processes.js';
import { startBalancer } from '../../scripts/nginx-balancer.mjs';
import { TEST_ENGINE, testDatabase, type TestDatabase } from './test-store.js';

const PER_CASE = 5;
const PER_IP = 24;

const CASE = {
  serviceId: 'land-inheritance-registration',
  receivingOffice: { 'zh-Hant-TW': '臺北市大安地政事務所', en: 'Da-an Land Office' },
  agencyWord: '收件',
};

let database: TestDatabase;
let apis: ApiProcessHandle[] = [];
let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
let token: string;

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, upstream: res.headers.get('x-onestop-upstream'), retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

describe('two API processes on one PostgreSQL behind nginx', { timeout: 180_000, skip: TEST_ENGINE !== 'postgres' && 'runs in the PostgreSQL step (npm run test:server:postgres)' }, () => {
  before(async () => {
    database = await testDatabase('postgres');
    const env = {
      DATABASE_URL: database.env.DATABASE_URL!,
      // nginx on loopback is the proxy: the citizen's address comes from X-Forwarded-For.
      ONESTOP_TRUST_PROXY: '127.0.0.1',
      ONESTOP_LOOKUP_PER_CASE: String(PER_CASE),
      ONESTOP_LOOKUP_PER_IP: String(PER_IP),
    };
    // Started together on a new schema: the migration lock lets exactly one of them migrate.
    apis = await Promise.all([startApiProcess(await freePort(), env), startApiProcess(await freePort(), env)]);
    balancer = await startBalancer({ upstreams: apis.map((a) => `127.0.0.1:${a.port}`), port: await freePort() });
    const store = await database.open();
    try {
      token = (await store.createAgencyKey('taipei-daan-land-office', new Date(), { label: 'multi-process test' })).token;
    } finally {
      await store.close();
    }
  });

  after(async () => {
    await balancer?.stop();
    await Promise.all(apis.map((a) => a.stop()));
    await database?.remove();
  });

  test('nginx alternates between the two processes', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${balancer!.url}/v1/health`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      seen.push(res.headers.get('x-onestop-upstream')!);
    }
    assert.deepEqual(new Set(seen), new Set(apis.map((a) => `127.0.0.1:${a.port}`)), `both answered: ${seen.join(', ')}`);
    assert.notEqual(seen[0], seen[1], 'round-robin');
  });

  test('an event written through one process is read through the other', async () => {
    const [a, b] = apis as [ApiProcessHandle, ApiProcessHandle];
    const opened = await post(a.url, '/v1/agency/cases', CASE, { authorization: `Bearer ${token}` });
    assert.equal(opened.status, 201, opened.body);
    const { caseNumber, lookupCode } = z.parse(CreateCaseResponse, JSON.parse(opened.body));

    const appended = await post(a.url, `/v1/agency/cases/${caseNumber}/events`, { status: 'in-review', agencyWord: '審查' }, { authorization: `Bearer ${token}` });
    assert.equal(appended.status, 201, appended.body);

    const looked = await post(b.url, '/v1/cases/lookup', { caseNumber, lookupCode });
    assert.equal(looked.status, 200, looked.body);
    const view = z.parse(CaseView, JSON.parse(looked.body));
    assert.deepEqual(view.events.map((e) => e.status), ['received', 'in-review']);
    assert.equal(view.status.agencyWord, '審查');

    // And the other way round, through nginx, whichever process takes each request.
    const viaB = await post(b.url, `/v1/agency/cases/${caseNumber}/events`, { status: 'approved' }, { authorization: `Bearer ${token}` });
    assert.equal(viaB.status, 201, viaB.body);
    const answers = await Promise.all([0, 1].map(() => post(balancer!.url, '/v1/cases/lookup', { caseNumber, lookupCode })));
    assert.equal(new Set(answers.map((r) => r.upstream)).size, 2, 'both processes answered');
    for (const res of answers) {
      assert.equal(res.status, 200, res.body);
      assert.equal(z.parse(CaseView, JSON.parse(res.body)).status.id, 'approved');
    }
    assert.equal(answers[0]!.body, answers[1]!.body, 'the same view, byte for byte, from both');
  });

  test('per case: wrong codes alternating between the processes hit one limit', async () => {
    const opened = await post(balancer!.url, '/v1/agency/cases', CASE, { authorization: `Bearer ${token}` });
    assert.equal(opened.status, 201, opened.body);
    const { caseNumber, lookupCode } = z.parse(CreateCaseResponse, JSON.parse(opened.body));
    const upstreams: string[] = [];
    for (let i = 0; i < PER_CASE; i++) {
      const res = await post(balancer!.url, '/v1/cases/lookup', { caseNumber, lookupCode: 'ZZZZ-ZZZZ' });
      assert.equal(res.status, 404, res.body);
      upstreams.push(res.upstream!);
    }
    assert.equal(new Set(upstreams).size, 2, `the wrong codes went to both processes: ${upstreams.join(', ')}`);
    // Per process, fewer than the limit were seen; together they lock the case on both.
    for (const api of apis) {
      const locked = await post(api.url, '/v1/cases/lookup', { caseNumber, lookupCode }, { 'x-forwarded-for': '127.0.0.1' });
      assert.equal(locked.status, 429, `${api.url}: ${locked.body}`);
      assert.ok(Number(locked.retryAfter) > 0);
      assert.match(z.parse(TrackerProblem, JSON.parse(locked.body)).detail ?? '', /case number/);
    }
  });

  test('per case: a concurrent burst split between the processes gets no more than the limit checked', async () => {
    const opened = await post(balancer!.url, '/v1/agency/cases', CASE, { authorization: `Bearer ${token}` });
    const { caseNumber } = z.parse(CreateCaseResponse, JSON.parse(opened.body));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(apis[i % 2]!.url, '/v1/cases/lookup', { caseNumber, lookupCode: `ZZZZ-ZZ${String(i).padStart(2, '0')}` })),
    );
    const codes = results.map((r) => r.status).sort();
    assert.deepEqual(codes, [...Array<number>(PER_CASE).fill(404), ...Array<number>(12 - PER_CASE).fill(429)]);
  });

  test('per address: the limit counts lookups through both processes together', async () => {
    // Every lookup of this file came from 127.0.0.1 (nginx passes it on; direct calls are from it too).
    // Go on until refused: exactly PER_IP were let through in all, not PER_IP per process.
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    const upstreams = new Set<string>();
    for (let i = 0; i < PER_IP + 2 && !refused; i++) {
      const res = await post(balancer!.url, '/v1/cases/lookup', { caseNumber: `OS-2025-IPX${String(i).padStart(5, '0')}`, lookupCode: 'AAAA-AAAA' });
      upstreams.add(res.upstream!);
      if (res.status === 429) refused = res;
      else assert.equal(res.status, 404, res.body);
    }
    assert.ok(refused, `refused before ${PER_IP + 2} lookups`);
    assert.match(z.parse(TrackerProblem, JSON.parse(refused.body)).detail ?? '', /network/);
    assert.equal(upstreams.size, 2);
    const store = await database.open();
    try {
      const { PostgresStore } = await import('../../server/store.js');
      assert.ok(store instanceof PostgresStore);
      const counted = await store.pool.query<{ n: string }>(`select count(*) as n from lookup_attempts where client_ip = '127.0.0.1'`);
      assert.equal(Number(counted.rows[0]!.n), PER_IP, 'exactly the limit was let through, across both processes');
    } finally {
      await store.close();
    }
    // Both processes refuse this address now.
    for (const api of apis) assert.equal((await post(api.url, '/v1/cases/lookup', { caseNumber: 'OS-2025-IPXLAST0', lookupCode: 'AAAA-AAAA' })).status, 429);
  });

  test('the catalogue is the same from both processes: bytes, ETag, and a 304 for the other’s ETag', async () => {
    const [a, b] = apis as [ApiProcessHandle, ApiProcessHandle];
    for (const path of ['/v1/counties?lang=en', '/v1/life-events/death?lang=zh-Hant-TW', '/v1/services?lang=en', '/v1/openapi.json', '/v1/counties/TW-TTT/bundles/death?lang=en']) {
      const [fromA, fromB] = await Promise.all([fetch(`${a.url}${path}`), fetch(`${b.url}${path}`)]);
      assert.equal(fromA.status, 200, path);
      assert.equal(fromB.status, 200, path);
      const [bodyA, bodyB] = await Promise.all([fromA.text(), fromB.text()]);
      assert.equal(bodyA, bodyB, `${path}: same bytes`);
      const etag = fromA.headers.get('etag');
      assert.ok(etag, `${path}: has an ETag`);
      assert.equal(fromB.headers.get('etag'), etag, `${path}: same ETag`);
      const revalidated = await fetch(`${b.url}${path}`, { headers: { 'if-none-match': etag } });
      assert.equal(revalidated.status, 304, `${path}: B answers 304 for A's ETag`);
      await revalidated.arrayBuffer();
    }
  });
});
