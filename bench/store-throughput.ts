/**
 * Tracker throughput per store, on this machine: citizen lookups/s and agency writes/s
 * against the real API process over HTTP (autocannon), on SQLite (the embedded default, a
 * WAL file) and on PostgreSQL (a throwaway Debian cluster, fsync on), and on PostgreSQL with
 * two API processes behind nginx. The lookup rate limit is set high so it does not refuse the
 * load (each lookup still reserves and records its attempt in the store, as in production).
 * Figures, not pass/fail.
 *
 *   npx tsx bench/store-throughput.ts [--seconds 10] [--connections 16] [--json out.json]
 *
 * What dominates: a lookup checks the code with scrypt (N=2^14, ~16 MiB, tens of ms of CPU,
 * on libuv's 4 threads), so lookups/s measures the CPU more than the store; an agency write
 * is an authenticated INSERT plus reading the case and its events back. A second table
 * measures the stores alone, in this process, without HTTP or scrypt: appending an event and
 * reserving a lookup (the rate limit's atomic check-and-record), 16 at a time.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startApiProcess, type ApiProcessHandle } from '../scripts/api-processes.js';
import { startBalancer } from '../scripts/nginx-balancer.mjs';
import { startPostgres } from '../scripts/postgres.mjs';
import { openStore } from '../server/store.js';
import { report } from './lib/report.js';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' }, json: { type: 'string' }, cases: { type: 'string', default: '200' } },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const CASES = Number(args.cases);

const HIGH_LIMITS = { ONESTOP_LOOKUP_PER_IP: '100000000', ONESTOP_LOOKUP_PER_CASE: '100000000' };
const CASE = { serviceId: 'land-inheritance-registration', receivingOffice: { 'zh-Hant-TW': '臺北市大安地政事務所（測試）', en: 'Da-an Land Office (bench)' }, agencyWord: '收件' };
const EVENT = JSON.stringify({ status: 'in-review', agencyWord: '審查', note: { 'zh-Hant-TW': '審查中（測試）', en: 'In review (bench)' } });

interface Row {
  setup: string;
  measure: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

async function run(url: string, options: { title: string; setup: (req: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) => object; headers: Record<string, string> }) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [{ setupRequest: options.setup as never }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { perSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, errors };
}

async function measure(setup: string, bases: string[], databaseEnv: Record<string, string>, rows: Row[]): Promise<void> {
  // The key is made in the store directly (as scripts/agency-key.ts does); cases over HTTP.
  const store = await openStore(databaseEnv.DATABASE_URL ? { databaseUrl: databaseEnv.DATABASE_URL, databasePath: '' } : { databasePath: databaseEnv.ONESTOP_DB! });
  const { token } = await store.createAgencyKey('taipei-daan-land-office', new Date(), { label: 'bench' });
  await store.close();
  const auth = { authorization: `Bearer ${token}` };
  const cases: Array<{ caseNumber: string; lookupCode: string }> = [];
  for (let i = 0; i < CASES; i++) {
    const res = await fetch(`${bases[i % bases.length]}/v1/agency/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(CASE) });
    if (res.status !== 201) throw new Error(`opening a case: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { caseNumber: string; lookupCode: string };
    cases.push({ caseNumber: body.caseNumber, lookupCode: body.lookupCode });
  }
  const base = bases[0]!;
  let n = 0;
  const writes = await run(base, {
    title: 'writes',
    headers: auth,
    setup: (req) => ({ ...req, path: `/v1/agency/cases/${cases[n++ % cases.length]!.caseNumber}/events`, body: EVENT }),
  });
  rows.push({ setup, measure: 'agency writes (append event)', ...writes });
  const lookups = await run(base, {
    title: 'lookups',
    headers: {},
    setup: (req) => {
      const c = cases[n++ % cases.length]!;
      return { ...req, path: '/v1/cases/lookup', body: JSON.stringify({ caseNumber: c.caseNumber, lookupCode: c.lookupCode }) };
    },
  });
  rows.push({ setup, measure: 'citizen lookups (right code)', ...lookups });
}

const loadBefore = loadavg()[0]!;
const rows: Row[] = [];
const work = mkdtempSync(join(tmpdir(), 'onestop-bench-store-'));
const running: Array<{ stop(): Promise<void> }> = [];
try {
  // 1. SQLite, one process (the embedded default).
  {
    const env = { ONESTOP_DB: join(work, 'bench.sqlite'), ...HIGH_LIMITS };
    const api = await startApiProcess(await freePort(), env);
    running.push(api);
    await measure('SQLite, 1 process', [api.url], env, rows);
    await api.stop();
  }
  // 2. PostgreSQL, one process; 3. two processes behind nginx.
  const pg = await startPostgres({ durable: true });
  running.push(pg);
  {
    const env = { DATABASE_URL: pg.url, ...HIGH_LIMITS };
    const api = await startApiProcess(await freePort(), env);
    running.push(api);
    await measure('PostgreSQL, 1 process', [api.url], env, rows);
    await api.stop();
  }
  {
    const env = { DATABASE_URL: pg.url, ONESTOP_TRUST_PROXY: '127.0.0.1', ...HIGH_LIMITS };
    const apis: ApiProcessHandle[] = await Promise.all([startApiProcess(await freePort(), env), startApiProcess(await freePort(), env)]);
    running.push(...apis);
    const balancer = await startBalancer({ upstreams: apis.map((a) => `127.0.0.1:${a.port}`), port: await freePort() });
    running.push(balancer);
    await measure('PostgreSQL, 2 processes + nginx', [balancer.url], env, rows);
  }
} finally {
  for (const r of running.reverse()) await r.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

// ---------- the stores alone ----------

interface StoreRow {
  store: string;
  operation: string;
  perSecond: number;
}
const storeRows: StoreRow[] = [];

async function storeAlone(label: string, config: { databaseUrl?: string; databasePath: string }): Promise<void> {
  const store = await openStore(config);
  try {
    const owner = await store.createAgencyKey('taipei-daan-land-office', new Date(), { label: 'bench' });
    const writer = { keyId: owner.keyId, agencyId: owner.agencyId, office: CASE.receivingOffice };
    const cases: string[] = [];
    for (let i = 0; i < 50; i++) {
      cases.push((await store.openCase({ request: CASE, owner, lookupHash: 'scrypt$bench', now: new Date(), firstStatus: 'received' })).caseNumber);
    }
    const loop = async (operation: string, once: (i: number) => Promise<unknown>) => {
      const until = Date.now() + Math.min(SECONDS, 5) * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (Date.now() < until) await once(done++);
        }),
      );
      storeRows.push({ store: label, operation, perSecond: Math.round(done / Math.min(SECONDS, 5)) });
    };
    const event = JSON.parse(EVENT) as { status: string };
    await loop('append an event', (i) => store.appendEvent(cases[i % cases.length]!, event, writer, new Date()));
    await loop('reserve a lookup (rate limit)', (i) =>
      store.reserveLookup({ clientIp: `198.51.100.${i % 250}`, caseNumber: cases[i % cases.length]!, nowMs: Date.now(), limits: { perCase: { failures: 1e9, windowSeconds: 900 }, perIp: { lookups: 1e9, windowSeconds: 900 } } }),
    );
  } finally {
    await store.close();
  }
}

{
  const dir = mkdtempSync(join(tmpdir(), 'onestop-bench-store-alone-'));
  try {
    await storeAlone('SQLite', { databasePath: join(dir, 'alone.sqlite') });
    const pg = await startPostgres({ durable: true });
    try {
      await storeAlone('PostgreSQL', { databaseUrl: pg.url, databasePath: '' });
    } finally {
      await pg.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadAfter = loadavg()[0]!;
// Other work on the machine takes the same 2 cores: the load average says how busy it was.
console.log(`\nTracker throughput (${SECONDS} s each, ${CONNECTIONS} connections, ${CASES} cases, loopback; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})\n`);
console.log(['setup'.padEnd(34), 'measure'.padEnd(30), 'req/s'.padStart(7), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'requests'.padStart(9), 'errors'.padStart(7)].join(' '));
for (const r of rows) {
  console.log([r.setup.padEnd(34), r.measure.padEnd(30), String(r.perSecond).padStart(7), String(r.p50Ms).padStart(8), String(r.p99Ms).padStart(8), String(r.requests).padStart(9), String(r.errors).padStart(7)].join(' '));
}
console.log(`\nThe stores alone (in this process, no HTTP, no scrypt; ${CONNECTIONS} at a time)\n`);
console.log(['store'.padEnd(12), 'operation'.padEnd(32), 'per s'.padStart(7)].join(' '));
for (const r of storeRows) console.log([r.store.padEnd(12), r.operation.padEnd(32), String(r.perSecond).padStart(7)].join(' '));
if (args.json) writeFileSync(args.json, JSON.stringify({ seconds: SECONDS, connections: CONNECTIONS, cases: CASES, loadAverage: [loadBefore, loadAfter], rows, storeRows }, null, 2));

// The same figures as rows of `npm run bench`'s one table.
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
report([
  ...rows.map((r) => ({ id: `store.${slug(r.setup)}.${slug(r.measure)}`, group: 'store', label: `${r.setup}: ${r.measure}`, value: r.perSecond, unit: 'req/s' as const })),
  ...storeRows.map((r) => ({ id: `store.alone.${slug(r.store)}.${slug(r.operation)}`, group: 'store', label: `${r.store} alone: ${r.operation}`, value: r.perSecond, unit: 'req/s' as const })),
]);
