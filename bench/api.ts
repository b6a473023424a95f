/**
 * The API on loopback, as `npm start` runs it (its own process, a real SQLite file):
 * - the catalogue: requests/s and p50/p99 latency with autocannon, full answers and
 *   revalidations (If-None-Match → 304);
 * - tracker lookups (POST /v1/cases/lookup) with 10k and 100k cases (1M with --full), the cases
 *   bulk-inserted straight into the store's own schema (copies of a SAMPLE case: opening them
 *   through the API would hash a lookup code per case, hours for a million); the lookup rate
 *   limit raised for the run (ONESTOP_LOOKUP_PER_IP / _PER_CASE);
 * - the server's memory (RSS now and at its height, from /proc).
 *
 *   node --import tsx bench/api.ts [--full]        BENCH_SECONDS=5 by default
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../server/stores/sqlite.js';
import { seedSampleCases } from '../scripts/seed-sample-cases.js';
import { freePort } from '../scripts/api-processes.js';
import { BenchApi } from './lib/api-process.js';
import { report, type Row } from './lib/report.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FULL = process.argv.includes('--full') || process.env.BENCH_FULL === '1';
const CASE_COUNTS = FULL ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const rows: Row[] = [];

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function load(name: string, options: autocannon.Options) {
  const result = await autocannon({ duration: SECONDS, connections: 16, ...options });
  const bad = result.non2xx - (options.headers?.['if-none-match'] ? result['3xx'] ?? 0 : 0);
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + Math.max(0, bad) };
}

/** Copies the SAMPLE case `template` (and its events) `count` times as BENCH-0000001…, in one transaction. */
function bulkCases(path: string, template: string, count: number) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const started = performance.now();
  db.transaction(() => {
    db.prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
       insert into cases (case_number, lookup_hash, service_id, owner_agency_id, receiving_office, route, contact,
         expected_earliest, expected_latest, expected_confidence, received_at, created_at, created_by)
       select printf('BENCH-%07d', i), lookup_hash, service_id, owner_agency_id, receiving_office, route, contact,
         expected_earliest, expected_latest, expected_confidence, received_at, created_at, created_by
       from n, cases where case_number = ?`,
    ).run(count, template);
    db.prepare(
      `insert into case_events (case_number, at, agency_id, office, status, agency_word, note, action, action_due,
         expected_earliest, expected_latest, expected_confidence, created_at, created_by)
       select c.case_number, e.at, e.agency_id, e.office, e.status, e.agency_word, e.note, e.action, e.action_due,
         e.expected_earliest, e.expected_latest, e.expected_confidence, e.created_at, e.created_by
       from cases c, case_events e where c.case_number like 'BENCH-%' and e.case_number = ?`,
    ).run(template);
  })();
  const ms = performance.now() - started;
  const events = (db.prepare('select count(*) as n from case_events').get() as { n: number }).n;
  db.close();
  return { ms, events };
}

const workDir = mkdtempSync(join(tmpdir(), 'onestop-bench-api-'));
try {
  // 1. The catalogue, on an empty tracker.
  const databasePath = join(workDir, 'catalogue.sqlite');
  const port = await freePort();
  const api = new BenchApi(port, databasePath);
  await api.start();
  const pid = api.pid;
  const base = `http://127.0.0.1:${port}`;
  try {
    const url = `${base}/v1/services?lang=en`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    await first.arrayBuffer();
    const full = await load('full', { url });
    const revalidated = etag ? await load('304', { url, headers: { 'if-none-match': etag } }) : undefined;
    for (const [key, label, r] of [
      ['full', 'GET /v1/services (200, full answer)', full],
      ['revalidated', 'GET /v1/services with If-None-Match (304)', revalidated],
    ] as const) {
      if (!r) {
        rows.push({ id: `api.catalogue.${key}.rps`, group: 'api', label, value: null, unit: 'req/s', note: 'no ETag in the answer' });
        continue;
      }
      const note = r.errors ? `${r.errors} errors or unexpected statuses` : undefined;
      rows.push({ id: `api.catalogue.${key}.rps`, group: 'api', label: `${label}: requests/s`, value: r.rps, unit: 'req/s', ...(note ? { note } : {}) });
      rows.push({ id: `api.catalogue.${key}.p50`, group: 'api', label: `${label}: p50 latency`, value: r.p50, unit: 'ms' });
      rows.push({ id: `api.catalogue.${key}.p99`, group: 'api', label: `${label}: p99 latency`, value: r.p99, unit: 'ms' });
    }
    const memory = memoryOf(pid);
    rows.push({ id: 'api.catalogue.rss', group: 'api', label: 'API process memory after the catalogue load (RSS)', value: memory.rss, unit: 'MB' });
    rows.push({ id: 'api.catalogue.rss-peak', group: 'api', label: 'API process memory at its height (VmHWM)', value: memory.peak, unit: 'MB' });
  } finally {
    await api.stop();
  }

  // 2. Tracker lookups at 10k / 100k (/ 1M) cases.
  for (const count of CASE_COUNTS) {
    const path = join(workDir, `tracker-${count}.sqlite`);
    const store = new SqliteStore(path); // runs the migrations: the real schema
    const [sample] = await seedSampleCases(store);
    store.close();
    const { ms, events } = bulkCases(path, sample!.caseNumber, count);
    const size = `${count.toLocaleString('en')} cases`;
    rows.push({ id: `api.tracker.${count}.insert`, group: 'api', label: `Bulk insert ${size} (${events.toLocaleString('en')} events)`, value: ms, unit: 'ms' });

    const trackerPort = await freePort();
    const tracker = new BenchApi(trackerPort, path, { ONESTOP_LOOKUP_PER_IP: '1000000000', ONESTOP_LOOKUP_PER_CASE: '1000000000' });
    await tracker.start();
    const trackerPid = tracker.pid;
    try {
      // Every case shares the SAMPLE's lookup code; each request asks for a random one of them.
      const lookup = await load('lookup', {
        url: `http://127.0.0.1:${trackerPort}/v1/cases/lookup`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: 4,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ caseNumber: `BENCH-${String(1 + Math.floor(Math.random() * count)).padStart(7, '0')}`, lookupCode: sample!.lookupCode }),
            }),
          },
        ],
      });
      const note = lookup.errors ? `${lookup.errors} errors or non-2xx answers` : undefined;
      rows.push({ id: `api.tracker.${count}.rps`, group: 'api', label: `Case lookup among ${size}: requests/s`, value: lookup.rps, unit: 'req/s', ...(note ? { note } : {}) });
      rows.push({ id: `api.tracker.${count}.p50`, group: 'api', label: `Case lookup among ${size}: p50 latency`, value: lookup.p50, unit: 'ms' });
      rows.push({ id: `api.tracker.${count}.p99`, group: 'api', label: `Case lookup among ${size}: p99 latency`, value: lookup.p99, unit: 'ms' });
      rows.push({ id: `api.tracker.${count}.rss`, group: 'api', label: `API process memory with ${size} (RSS after the load)`, value: memoryOf(trackerPid).rss, unit: 'MB' });
    } finally {
      await tracker.stop();
    }
  }
  if (!FULL) rows.push({ id: 'api.tracker.1000000.rps', group: 'api', label: 'Case lookup among 1,000,000 cases', value: null, unit: 'req/s', note: 'skipped: run `npm run bench -- --full` (about a minute more)' });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
report(rows);
