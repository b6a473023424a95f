/**
 * Catalogue throughput on this machine: the same answers from Debian's nginx over the static
 * export (npm run export-catalogue) and from the Node API process, on loopback, with
 * autocannon from this process (one core for the load, one for the server: a 2-core machine).
 * Full answers and revalidations (If-None-Match → 304). Figures, not assertions.
 *
 *   tsx bench/catalogue-nginx-vs-node.ts            (exports to a temporary directory first)
 *   ONESTOP_BENCH_EXPORT_DIR=var/export tsx bench/…  (reuses an export)
 */
import autocannon from 'autocannon';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFromData, nginxConfigFor } from '../scripts/export-catalogue.js';
import { runningAsRoot, startNginx } from '../scripts/nginx.mjs';
import type { ExportResult } from '../server/static-export.js';
import { freePort, startApiProcess } from '../scripts/api-processes.js';
import { report, type Row } from './lib/report.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const PATHS = ['/v1/services?lang=en', '/v1/counties?lang=vi', '/v1/life-events/death?lang=zh-Hant-TW'];

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, bytes: result.throughput.average };
}

const work = mkdtempSync(join(tmpdir(), 'onestop-bench-nginx-'));
const apiPort = await freePort();
const api = await startApiProcess(apiPort, { ONESTOP_DB: join(work, 'onestop.sqlite') });
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
const rows: Row[] = [];
try {
  let exportDir = process.env.ONESTOP_BENCH_EXPORT_DIR;
  let result: Pick<ExportResult, 'files'>;
  if (exportDir && existsSync(join(exportDir, '_onestop', 'headers.json'))) {
    result = JSON.parse(readFileSync(join(exportDir, '_onestop', 'headers.json'), 'utf8')) as Pick<ExportResult, 'files'>;
  } else {
    exportDir = join(work, 'export');
    result = await exportFromData({ dataDir: 'data', outDir: exportDir });
  }
  const nginxPort = await freePort();
  const prefix = join(work, 'nginx');
  const config = nginxConfigFor(exportDir, { ...result, routes: [], bytesWritten: 0, filesLinked: 0 }, {
    listen: `127.0.0.1:${nginxPort}`,
    standalone: { prefix, runAsRoot: runningAsRoot() },
  });
  nginx = await startNginx({ config, prefix, port: nginxPort });

  console.log(`catalogue throughput, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback`);
  console.log('server  path                                         mode         req/s     p50 ms  p99 ms  errors');
  for (const path of PATHS) {
    for (const [server, port] of [
      ['nginx', nginxPort],
      ['node', apiPort],
    ] as const) {
      const url = `http://127.0.0.1:${port}${path}`;
      const first = await fetch(url);
      const etag = first.headers.get('etag') ?? '';
      await first.arrayBuffer();
      for (const [mode, headers] of [
        ['full', {}],
        ['revalidate', { 'if-none-match': etag }],
      ] as const) {
        const figures = await load(url, headers);
        console.log(
          `${server.padEnd(7)} ${path.padEnd(44)} ${mode.padEnd(10)} ${figures.rps.toFixed(0).padStart(8)} ${String(figures.p50).padStart(8)} ${String(figures.p99).padStart(7)} ${String(figures.errors).padStart(7)}`,
        );
        const key = `${server}.${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.${mode}`;
        rows.push({ id: `api.catalogue.${key}.rps`, group: 'api', label: `${server} ${path} ${mode}: requests/s`, value: figures.rps, unit: 'req/s' });
        rows.push({ id: `api.catalogue.${key}.p99`, group: 'api', label: `${server} ${path} ${mode}: p99`, value: figures.p99, unit: 'ms' });
        if (figures.errors) rows.push({ id: `api.catalogue.${key}.errors`, group: 'api', label: `${server} ${path} ${mode}: errors`, value: figures.errors, unit: 'count' });
      }
    }
  }
} finally {
  await nginx?.stop();
  await api.stop();
  rmSync(work, { recursive: true, force: true });
}
report(rows);
