/**
 * Lighthouse 12.2.3 (pinned in bench/peers, not the library's dependencies) performance and
 * accessibility scores of each widget's demo page, served by the real demo host and API, in
 * Debian's Chromium with the project's flags. Lighthouse's default mobile run: simulated
 * Slow 4G and 4× CPU slowdown.
 *
 *   node --import tsx bench/lighthouse.ts        (needs dist/: npm run build)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { startDemoHost } from '../scripts/demo-host.js';
import { freePort } from '../scripts/api-processes.js';
import { BenchApi } from './lib/api-process.js';
import { ensurePeers, PEERS_DIR } from './lib/peers.js';
import { report, type Row } from './lib/report.js';

const PAGES = [
  { widget: 'life-event-checklist', path: '/life-event-checklist.html' },
  { widget: 'doc-free-check', path: '/doc-free-check.html' },
  { widget: 'county-bundle', path: '/per-widget.html' },
  { widget: 'application-tracker', path: '/application-tracker.html' },
];

ensurePeers();
const rows: Row[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'onestop-bench-lh-'));
const api = new BenchApi(await freePort(), join(workDir, 'onestop.sqlite'));
await api.start();
let demo: Awaited<ReturnType<typeof startDemoHost>> | undefined;
try {
  demo = await startDemoHost({ apiBase: api.base, port: 0 });
  const chrome = ensureChromium();
  for (const { widget, path } of PAGES) {
    const output = join(workDir, `${widget}.json`);
    try {
      await promisify(execFile)(
        process.execPath,
        [
          `${PEERS_DIR}/node_modules/lighthouse/cli/index.js`,
          `${demo.address}${path}`,
          `--chrome-path=${chrome}`,
          `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
          '--only-categories=performance,accessibility',
          '--output=json',
          `--output-path=${output}`,
          '--quiet',
        ],
        { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      );
      const result = JSON.parse(readFileSync(output, 'utf8')) as {
        categories: Record<string, { score: number | null }>;
        audits: Record<string, { numericValue?: number }>;
      };
      for (const category of ['performance', 'accessibility']) {
        rows.push({ id: `lighthouse.${widget}.${category}`, group: 'lighthouse', label: `${path}: ${category} score`, value: result.categories[category]?.score ?? null, unit: 'score' });
      }
      for (const [audit, what] of [['largest-contentful-paint', 'LCP'], ['total-blocking-time', 'TBT']] as const) {
        rows.push({ id: `lighthouse.${widget}.${audit}`, group: 'lighthouse', label: `${path}: ${what} (simulated)`, value: result.audits[audit]?.numericValue ?? null, unit: 'ms' });
      }
      rows.push({ id: `lighthouse.${widget}.cls`, group: 'lighthouse', label: `${path}: CLS`, value: result.audits['cumulative-layout-shift']?.numericValue ?? null, unit: 'shift' });
    } catch (error) {
      rows.push({ id: `lighthouse.${widget}.performance`, group: 'lighthouse', label: `${path}: performance score`, value: null, unit: 'score', note: `Lighthouse failed: ${String(error).split('\n')[0]!.slice(0, 120)}` });
    }
  }
} finally {
  await demo?.app.close();
  await api.stop();
  rmSync(workDir, { recursive: true, force: true });
}
report(rows);
