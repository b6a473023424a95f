/**
 * Time to a usable widget, in headless Chromium slowed like an old phone on a poor network:
 * 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate) and DevTools' "Slow 4G" profile (CDP
 * Network.emulateNetworkConditions: 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up),
 * against the real API and demo host (the e2e harness's startDemoStack). For each widget's demo
 * page, from navigation start: the tag defined (its script ran), the first render (its shadow
 * root has content) and the data drawn (its first `onestop-load` event), plus the layout
 * shift (CLS, PerformanceObserver 'layout-shift'; must be 0). Cold: an empty cache; warm: the
 * same page again in the same browser context.
 *
 *   node --import tsx bench/browser.ts        (needs dist/: npm run build)
 */
import type { Page } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { startDemoHost } from '../scripts/demo-host.js';
import { freePort } from '../scripts/api-processes.js';
import { BenchApi } from './lib/api-process.js';
import { report, type Row } from './lib/report.js';

const PAGES = [
  { widget: 'life-event-checklist', path: '/life-event-checklist.html' },
  { widget: 'doc-free-check', path: '/doc-free-check.html' },
  { widget: 'county-bundle', path: '/per-widget.html' },
  { widget: 'application-tracker', path: '/application-tracker.html' },
];
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

// Runs in the page before any of its scripts: records the moments we report, and what shifted.
// A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
const PROBE = `
  const marks = {};
  const state = (window.__bench = { marks, cls: 0, shifted: [] });
  const describe = (node) => !node ? '?' : node.nodeType === 1 ? node.localName + (node.id ? '#' + node.id : '') + (node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\\s+/).join('.') : '') + (node.getRootNode() instanceof ShadowRoot ? ' in ' + node.getRootNode().host.localName : '') : '#text';
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      state.cls += entry.value;
      for (const source of entry.sources || []) state.shifted.push(describe(source.node) + ' ' + entry.value.toFixed(3));
    }
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('onestop-load', () => { if (marks.data === undefined) marks.data = performance.now(); }, { capture: true });
  const watch = () => {
    const widget = document.querySelector('onestop-life-event-checklist, onestop-doc-free-check, onestop-county-bundle, onestop-application-tracker');
    if (widget) {
      if (marks.defined === undefined && customElements.get(widget.localName)) marks.defined = performance.now();
      if (marks.firstRender === undefined && widget.shadowRoot && widget.shadowRoot.childElementCount > 0) marks.firstRender = performance.now();
    }
    if (marks.firstRender === undefined) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
`;

async function visit(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => (window as unknown as { __bench: { marks: { data?: number } } }).__bench.marks.data !== undefined, undefined, { timeout: 30_000 });
  } catch {
    // No data event within 30 s (the tracker draws nothing until a case is asked for): report what there is.
  }
  await page.waitForTimeout(1000); // late shifts still count
  return page.evaluate(() => (window as unknown as { __bench: { marks: Record<string, number>; cls: number; shifted: string[] } }).__bench);
}

const rows: Row[] = [];
if (!existsSync('dist/onestop.js')) throw new Error('dist/ is missing: run `npm run build` first');
const workDir = mkdtempSync(join(tmpdir(), 'onestop-bench-browser-'));
const api = new BenchApi(await freePort(), join(workDir, 'onestop.sqlite'));
await api.start();
const demo = await startDemoHost({ apiBase: api.base, port: 0 });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
const stack = {
  browser,
  demo,
  async close() {
    await browser.close();
    await demo.app.close();
    await api.stop();
    rmSync(workDir, { recursive: true, force: true });
  },
};
try {
  for (const { widget, path } of PAGES) {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: PROBE });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    for (const cache of ['cold', 'warm'] as const) {
      const { marks, cls, shifted } = await visit(page, `${stack.demo.address}${path}`);
      const label = (what: string) => `${widget} (${path}), ${cache} cache: ${what}`;
      const ms = (key: string) => (marks[key] === undefined ? null : marks[key]!);
      rows.push({ id: `browser.${widget}.${cache}.defined`, group: 'browser', label: label('script ran (tag defined)'), value: ms('defined'), unit: 'ms' });
      rows.push({ id: `browser.${widget}.${cache}.first-render`, group: 'browser', label: label('first render'), value: ms('firstRender'), unit: 'ms' });
      rows.push({
        id: `browser.${widget}.${cache}.data`,
        group: 'browser',
        label: label('data drawn (onestop-load)'),
        value: ms('data'),
        unit: 'ms',
        ...(ms('data') === null ? { note: 'no data before the citizen asks (a case number)' } : {}),
      });
      const what = [...new Set(shifted)].slice(0, 4).join(', ');
      rows.push({ id: `browser.${widget}.${cache}.cls`, group: 'browser', label: label('layout shift (CLS)'), value: cls, unit: 'shift', ...(cls > 0 ? { note: `shifted: ${what}` } : {}) });
    }
    await context.close();
  }
} finally {
  await stack.close();
}
report(rows);
