/**
 * A bounded load test on loopback: the API as its own process (server/main.ts, a temporary
 * SQLite file, or DATABASE_URL when set) under autocannon from this process, for a catalogue
 * route and for the tracker lookup (its rate limit raised for the run through
 * ONESTOP_LOOKUP_PER_IP / ONESTOP_LOOKUP_PER_CASE, as an operator would). Each scenario says
 * which status every answer must have; anything else, any socket error or timeout, fails.
 *
 *   npx tsx bench/load-tracker-and-catalogue.ts          10 s per scenario (LOAD_SECONDS=…)
 *   test/server/load.test.ts                             the same, 3 s each, in npm test
 *
 * A lookup does one scrypt check (N=2^14, 16 MiB) on purpose, so its throughput is the
 * machine's scrypt rate, not the server's routing; the unknown-case row shows a miss costs
 * the same as a hit.
 */
import autocannon from 'autocannon';
import { pathToFileURL } from 'node:url';
import { bearer, call, ChildApi, createKeyWithCli, ESTATE_CASE, freePort, tempDatabase, type DatabaseEnv } from '../test/server/live-api.js';
import { report, type Row } from './lib/report.js';

export interface Scenario {
  id: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  connections: number;
  /** The one status every answer must have (404 for the unknown case is intended). */
  expect: number;
}

export interface LoadResult {
  scenario: Scenario;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  /** Answers with a status other than the expected one, by status. */
  unexpected: Record<string, number>;
}

/** `database`: where the API keeps the tracker (default: DATABASE_URL when set, else a temporary SQLite file). */
export async function runLoad(options: { seconds: number; database?: DatabaseEnv; log?: (line: string) => void }): Promise<LoadResult[]> {
  const log = options.log ?? console.log;
  const db = await tempDatabase('load');
  const databaseEnv = options.database ?? (process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : db.databasePath);
  const token = (await createKeyWithCli(databaseEnv, 'new-taipei-banqiao-district-office')).token;
  const api = new ChildApi(await freePort(), databaseEnv, { ONESTOP_LOOKUP_PER_IP: '100000000', ONESTOP_LOOKUP_PER_CASE: '100000000' });
  await api.start();
  try {
    const created = await call(api.base, 'POST', '/v1/agency/cases', { headers: bearer(token), json: ESTATE_CASE });
    if (created.status !== 201) throw new Error(`could not open a case: ${created.status} ${created.text}`);
    const { caseNumber, lookupCode } = created.json<{ caseNumber: string; lookupCode: string }>();
    const scenarios: Scenario[] = [
      { id: 'catalogue-services', label: 'GET /v1/services?lang=en', method: 'GET', path: '/v1/services?lang=en', connections: 32, expect: 200 },
      { id: 'catalogue-life-event', label: 'GET /v1/life-events/death?lang=zh-Hant-TW', method: 'GET', path: '/v1/life-events/death?lang=zh-Hant-TW', connections: 32, expect: 200 },
      { id: 'lookup-found', label: 'POST /v1/cases/lookup (right code)', method: 'POST', path: '/v1/cases/lookup', body: { caseNumber, lookupCode }, connections: 4, expect: 200 },
      { id: 'lookup-unknown', label: 'POST /v1/cases/lookup (no such case)', method: 'POST', path: '/v1/cases/lookup', body: { caseNumber: 'OS-2026-N0SUCH00', lookupCode: 'AAAA-AAAA' }, connections: 4, expect: 404 },
    ];
    const results: LoadResult[] = [];
    for (const scenario of scenarios) {
      const result = await autocannon({
        url: `${api.base}${scenario.path}`,
        method: scenario.method,
        connections: scenario.connections,
        duration: options.seconds,
        timeout: 10,
        ...(scenario.body !== undefined ? { body: JSON.stringify(scenario.body), headers: { 'content-type': 'application/json' } } : {}),
      });
      const stats = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats;
      const unexpected = Object.fromEntries(Object.entries(stats).filter(([code]) => Number(code) !== scenario.expect).map(([code, s]) => [code, s.count]));
      results.push({
        scenario,
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors,
        timeouts: result.timeouts,
        unexpected,
      });
    }
    log(table(results, options.seconds, typeof databaseEnv === 'string' || databaseEnv.ONESTOP_DB ? 'SQLite' : 'PostgreSQL'));
    return results;
  } finally {
    await api.kill('SIGTERM');
    await db.remove();
  }
}

export function table(results: LoadResult[], seconds: number, engine: string): string {
  const head = ['scenario', 'conns', 'expect', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'other statuses'];
  const rows = results.map((r) => [
    r.scenario.label,
    String(r.scenario.connections),
    String(r.scenario.expect),
    String(r.requests),
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors + r.timeouts),
    Object.entries(r.unexpected).map(([c, n]) => `${c}×${n}`).join(' ') || '0',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`Load on loopback, ${seconds} s per scenario (autocannon 9, API as its own process, tracker on ${engine}):`, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.LOAD_SECONDS ?? 10);
  const results = await runLoad({ seconds, log: (line) => console.error(line) });
  const rows: Row[] = results.flatMap((r) => [
    { id: `api.load.${r.scenario.id}.rps`, group: 'api', label: `${r.scenario.label}: requests per second`, value: r.rps, unit: 'req/s' as const },
    { id: `api.load.${r.scenario.id}.p50`, group: 'api', label: `${r.scenario.label}: median latency`, value: r.p50, unit: 'ms' as const },
    { id: `api.load.${r.scenario.id}.p99`, group: 'api', label: `${r.scenario.label}: p99 latency`, value: r.p99, unit: 'ms' as const },
  ]);
  report(rows);
  const failed = results.filter((r) => r.errors + r.timeouts > 0 || Object.keys(r.unexpected).length > 0);
  if (failed.length) {
    console.error(`Failed: ${failed.map((r) => r.scenario.label).join('; ')}`);
    process.exitCode = 1;
  }
}
