/**
 * Screenshots for the visual review of the four widgets in the long locales (issue 8: "look
 * right in vi and th at 320 px and at 1280 px"; "usable with the longest locale at 320 px"; "200%
 * zoom"), plus a mechanical layout check of each shot.
 *
 *   npx tsx scripts/screenshots.ts [--out var/screenshots] [--langs vi,th,km] [--widgets county-bundle,…] [--views 320,1280,zoom200]
 *
 * Uses the built dist/ (run `npm run build` first); starts the real API (SAMPLE cases seeded)
 * and the demo host with the e2e harness, opens each widget's demo page, brings it to a state
 * with data shown (test/e2e/long-locale-states.ts) and saves a full-page PNG per widget ×
 * language × width: `<widget>-<lang>-<width>.png`. `zoom200` is a 1280 px window at 200% page
 * zoom: what the page lays out is a 640 CSS px viewport drawn at 2 device pixels per px, which
 * is what Chromium's zoom does (media queries and layout see 640 px).
 *
 * Thai and Khmer need fonts on the machine (Debian: fonts-thai-tlwg fonts-khmeros), or
 * Chromium draws boxes; the script warns when fontconfig has none.
 * Prints the layout problems found and exits 1 when the page overflows or text is clipped.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoStack } from '../test/e2e/harness.js';
import { startDemoHost } from './demo-host.js';
import { layoutProblems, seedSampleCases, WIDGETS, type LayoutProblem } from '../test/e2e/long-locale-states.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'var/screenshots' },
    langs: { type: 'string', default: 'vi,th,km' },
    widgets: { type: 'string' },
    views: { type: 'string', default: '320,1280,zoom200' },
  },
});
const outDir = resolve(values.out!);
const langs = values.langs!.split(',').filter(Boolean);
const widgets = values.widgets ? WIDGETS.filter((w) => values.widgets!.split(',').includes(w.name)) : WIDGETS;

/** width: CSS px the page lays out; scale: device pixels per CSS px. */
const VIEWS = [
  { label: '320', width: 320, scale: 1 },
  { label: '1280', width: 1280, scale: 1 },
  { label: 'zoom200', width: 640, scale: 2 },
].filter((view) => values.views!.split(',').includes(view.label));

function warnAboutFonts() {
  try {
    for (const [lang, script] of [['th', 'Thai'], ['km', 'Khmer']] as const) {
      if (!langs.includes(lang)) continue;
      const fonts = execFileSync('fc-list', [`:lang=${lang}`, 'family'], { encoding: 'utf8' }).trim();
      if (!fonts) console.warn(`warning: no ${script} font installed: ${lang} shots will show boxes (apt-get install fonts-thai-tlwg fonts-khmeros)`);
    }
  } catch {
    console.warn('warning: fc-list not found; cannot tell whether Thai and Khmer fonts are installed');
  }
}

async function main() {
  warnAboutFonts();
  mkdirSync(outDir, { recursive: true });
  // On a loaded machine the API can miss the harness's 20 s start limit: try again, twice.
  let stack: Awaited<ReturnType<typeof startDemoStack>> | undefined;
  for (let attempt = 1; !stack; attempt++) {
    try {
      stack = await startDemoStack({
        build: 'dist/onestop.js',
        missingMessage: 'dist/ is missing: run `npm run build` first',
        label: 'shots',
        prepare: seedSampleCases,
      });
    } catch (error) {
      if (attempt === 3 || !/did not start/.test((error as Error).message)) throw error;
      console.warn(`the stack did not start (${(error as Error).message}); trying again`);
    }
  }
  // The pages are served from a copy of dist/ and demo/ taken now: a build started meanwhile in
  // this tree empties dist/, and the later shots would show the page without its widgets.
  const snapshot = mkdtempSync(join(tmpdir(), 'onestop-shots-'));
  assert.ok(existsSync('dist/onestop.js') && existsSync('dist/life-event-checklist.js'), 'dist/ is incomplete (a build running?): run `npm run build` first');
  cpSync('dist', join(snapshot, 'dist'), { recursive: true });
  cpSync('demo', join(snapshot, 'demo'), { recursive: true });
  const host = await startDemoHost({ apiBase: stack.apiBase, port: 0, root: snapshot });
  const found: Array<{ shot: string; problem: LayoutProblem }> = [];
  let failures = 0;
  try {
    for (const widget of widgets) {
      for (const lang of langs) {
        for (const view of VIEWS) {
          const shot = `${widget.name}-${lang}-${view.label}`;
          const context = await stack.browser.newContext({ viewport: { width: view.width, height: 800 }, deviceScaleFactor: view.scale });
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          try {
            await page.goto(`${host.address}${widget.page}`);
            await widget.show(page, lang, stack.apiBase);
            // Fonts for the new script load after the text first draws.
            await page.evaluate(() => document.fonts.ready);
            await page.waitForTimeout(200);
            for (const problem of await layoutProblems(page, widget.tag)) found.push({ shot, problem });
            for (const error of errors) found.push({ shot, problem: { kind: 'clipped-text', detail: `page error: ${error}` } });
            await page.screenshot({ path: join(outDir, `${shot}.png`), fullPage: true });
            console.log(`saved ${join(values.out!, `${shot}.png`)}`);
          } catch (error) {
            failures++;
            console.error(`${shot}: could not bring the widget to its data state: ${(error as Error).message.split('\n')[0]}`);
            await page.screenshot({ path: join(outDir, `${shot}-FAILED.png`), fullPage: true }).catch(() => undefined);
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await host.app.close();
    await stack.close();
    rmSync(snapshot, { recursive: true, force: true });
  }

  const serious = found.filter((f) => f.problem.kind !== 'small-target');
  console.log(`\nLayout problems (${serious.length}; small targets ${found.length - serious.length}):`);
  for (const { shot, problem } of found) console.log(`  ${shot}  ${problem.kind}: ${problem.detail}`);
  if (!found.length) console.log('  none');
  if (serious.length || failures) process.exitCode = 1;
}

await main();
