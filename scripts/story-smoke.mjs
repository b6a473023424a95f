/**
 * Story smoke test: every story of the built Storybook (storybook-static/) renders in Chromium
 * without a page error, a console error or Storybook's error display, and axe-core finds no
 * WCAG A/AA violation in it. Then a few passes over one story per widget in the other themes,
 * languages and viewports (dark, the two county themes, forced colours emulated, vi and th
 * at 320 px). Serves the folder itself on a free port; one browser, a few pages at a time.
 *
 *   npm run build-storybook && node scripts/story-smoke.mjs [filter]
 *
 * Prints one line per failure and ends with "story smoke: N passed, M failed".
 * The browser's own "Failed to load resource" lines are not counted as errors: stories that
 * show a server error answer 500 on purpose, and Chromium logs every such response.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

const ROOT = resolve('storybook-static');
const PARALLEL = Number(process.env.STORY_SMOKE_PAGES ?? 3);
// Generous: a busy 2-core CI machine builds the preview slowly; a story that hangs still fails.
const TIMEOUT = Number(process.env.STORY_SMOKE_TIMEOUT_MS ?? 60_000);
const filter = process.argv[2] ?? '';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!existsSync(join(ROOT, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first');
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.pdf': 'application/pdf', '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet', '.ico': 'image/x-icon', '.map': 'application/json', '.txt': 'text/plain',
};

/** A plain static server for the built Storybook (the service worker needs http://127.0.0.1, not file://). */
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(ROOT, path);
  if (!file.startsWith(ROOT)) return response.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return response.writeHead(404).end('not found');
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes(filter));

/** One story per widget (its first) for the passes in other themes, languages and viewports. */
const firstPerWidget = [...new Map(stories.map((s) => [s.title, s])).values()];
const variants = [
  { label: 'dark', globals: 'theme:dark', media: { colorScheme: 'dark' } },
  { label: 'reader prefers dark', globals: '', media: { colorScheme: 'dark' } },
  { label: 'Taipei theme', globals: 'theme:taipei' },
  { label: 'Hualien theme', globals: 'theme:hualien' },
  { label: 'forced colours', globals: '', media: { forcedColors: 'active' } },
  { label: 'vi at 320 px', globals: 'locale:vi', viewport: { width: 320, height: 640 } },
  { label: 'th at 320 px', globals: 'locale:th', viewport: { width: 320, height: 640 } },
];
const jobs = [
  ...stories.map((story) => ({ story, label: 'default' })),
  ...(filter ? [] : firstPerWidget.flatMap((story) => variants.map((v) => ({ story, ...v })))),
];

const launch = () => chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
let browser = await launch();
let relaunching;
let passed = 0;
let failed = 0;
const started = Date.now();

async function check(context, job) {
  const problems = [];
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource/.test(message.text())) return;
    problems.push(`console error: ${message.text().slice(0, 300)}`);
  });
  try {
    if (job.viewport) await page.setViewportSize(job.viewport);
    await page.emulateMedia({ colorScheme: job.media?.colorScheme ?? 'light', forcedColors: job.media?.forcedColors ?? 'none' });
    // The a11y addon would run axe again after every render; it is told to wait (manual), since
    // this script runs axe itself below.
    const globals = `&globals=${['a11y.manual:!true', job.globals].filter(Boolean).join(';')}`;
    await page.goto(`${origin}/iframe.html?id=${job.story.id}&viewMode=story${globals}`, { waitUntil: 'load', timeout: TIMEOUT });
    // Storybook's own phases: loaders, render, play function, then done (or errored).
    await page.waitForFunction(
      () => ['finished', 'completed', 'errored', 'aborted'].includes(globalThis.__STORYBOOK_PREVIEW__?.currentRender?.phase),
      undefined,
      { timeout: TIMEOUT, polling: 100 },
    );
    // The widget's first render (it may wait for its language's strings to load).
    await page
      .waitForFunction(
        () => [...document.querySelectorAll('#storybook-root *')].some((el) => el.tagName.startsWith('ONESTOP-') && el.shadowRoot?.childElementCount),
        undefined,
        { timeout: 15_000, polling: 100 },
      )
      .catch(() => {}); // reported below as "no widget rendered"
    // Let the widget settle: until nothing is busy for a moment, or 4 s for stories that stay loading.
    await page.evaluate(async () => {
      const busy = () => {
        const roots = [...document.querySelectorAll('#storybook-root *')].filter((el) => el.tagName.startsWith('ONESTOP-'));
        return roots.some((el) => !el.shadowRoot || el.shadowRoot.querySelector('[aria-busy="true"]'));
      };
      const until = Date.now() + 4000;
      let quiet = 0;
      while (Date.now() < until && quiet < 3) {
        quiet = busy() ? 0 : quiet + 1;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    const state = await page.evaluate(() => ({
      phase: globalThis.__STORYBOOK_PREVIEW__?.currentRender?.phase,
      errorDisplay: document.body.classList.contains('sb-show-errordisplay') ? document.querySelector('#error-message')?.textContent ?? 'error display' : '',
      widgets: [...document.querySelectorAll('#storybook-root *')].filter((el) => el.tagName.startsWith('ONESTOP-') && el.shadowRoot?.childElementCount).length,
    }));
    if (!['finished', 'completed'].includes(state.phase)) problems.push(`story phase ${state.phase}`);
    if (state.errorDisplay) problems.push(`error display: ${state.errorDisplay.slice(0, 300)}`);
    if (!state.widgets) problems.push('no widget rendered');
    await page.addScriptTag({ content: axeSource });
    // Under forced colours the system palette decides contrast; axe would read the author's colours.
    const violations = await page.evaluate(async (forced) => {
      const result = await globalThis.axe.run('#storybook-root', {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        rules: forced ? { 'color-contrast': { enabled: false } } : {},
      });
      return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => JSON.stringify(n.target)).join(' ')}`);
    }, job.media?.forcedColors === 'active');
    problems.push(...violations.map((v) => `axe: ${v}`));
  } catch (error) {
    problems.push(`did not finish: ${String(error?.message ?? error).split('\n')[0]}`);
  } finally {
    await page.close();
  }
  const name = `${job.story.title} › ${job.story.name}${job.label === 'default' ? '' : ` [${job.label}]`}`;
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}\n  ${problems.join('\n  ')}`);
  } else {
    passed++;
    if (process.env.STORY_SMOKE_VERBOSE) console.log(`ok   ${name}`);
  }
}

try {
  // Each worker has its own context, so service workers and storage of parallel stories never mix.
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      for (let job = queue.shift(); job; job = queue.shift()) {
        try {
          await check(context, job);
        } catch (error) {
          // The browser itself went away (out of memory, killed): count the story as failed,
          // start a new browser once for everyone, and go on with the rest.
          failed++;
          console.log(`FAIL ${job.story.title} › ${job.story.name}\n  browser failed: ${String(error?.message ?? error).split('\n')[0]}`);
          if (!browser.isConnected()) browser = await (relaunching ??= launch().finally(() => (relaunching = undefined)));
          context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        }
      }
      await context.close().catch(() => {});
    }),
  );
} finally {
  await browser.close().catch(() => {});
  server.close();
}
console.log(`story smoke: ${jobs.length} renders of ${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`story smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
