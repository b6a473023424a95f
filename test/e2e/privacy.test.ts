/**
 * Privacy, end to end against the real API: a citizen uses each widget on the demo pages (answers
 * the checklist's questions and ticks a task, checks a service for their county, opens their
 * county's forms, looks their case up with the lookup code from the receipt). Every request the
 * page makes is recorded, then the storage the page can reach is read, then the API's log (the
 * API runs with ONESTOP_LOG_LEVEL=trace, its pino lines written to a file).
 *
 * Promises checked: requests go only to the page's own origin (scripts included) and to the API;
 * no cookie is set by anyone; the lookup code is in no URL, no storage and no log line; the
 * checklist's answers never leave the device and are stored only under the checklist's own key
 * (the widget says so: "kept on this device only"); the case number is kept only if the citizen
 * ticks "remember" (they don't here).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startDemoHost } from '../../scripts/demo-host.js';
import { freePort } from './harness.js';

const CASE_NUMBER = 'SAMPLE-LAND-INHERIT-01';
const LOOKUP_CODE = 'SAMP-0002';
/** The code as the server normalises it, and as typed without the dash: neither may appear. */
const CODE_FORMS = [LOOKUP_CODE, 'SAMP0002', 'SAMP%2D0002'];

describe('privacy: requests, cookies, storage and server logs', () => {
  let workDir: string;
  let logPath: string;
  let logFd: number;
  let api: ChildProcess;
  let apiBase: string;
  let demo: Awaited<ReturnType<typeof startDemoHost>>;
  let browser: Browser;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'onestop-e2e-privacy-'));
    const env = { ...process.env, ONESTOP_DB: join(workDir, 'onestop.sqlite') };
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' });
    const port = await freePort();
    apiBase = `http://127.0.0.1:${port}/`;
    logPath = join(workDir, 'api.log');
    logFd = openSync(logPath, 'a');
    // Everything the API logs, at its most talkative level, goes to the file.
    api = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', ONESTOP_LOG_LEVEL: 'trace' },
      stdio: ['ignore', logFd, logFd],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${apiBase}v1/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (api.exitCode !== null || Date.now() > deadline) throw new Error(`the API did not start:\n${readFileSync(logPath, 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    demo = await startDemoHost({ apiBase, port: 0 });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.app.close();
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    if (logFd !== undefined) closeSync(logFd);
    rmSync(workDir, { recursive: true, force: true });
  });

  interface Seen {
    url: string;
    type: string;
    method: string;
    body: string | null;
  }

  function record(page: Page, seen: Seen[], setCookies: string[]) {
    page.on('request', (request) => seen.push({ url: request.url(), type: request.resourceType(), method: request.method(), body: request.postData() }));
    page.on('response', async (response) => {
      const cookie = await response.headerValue('set-cookie').catch(() => null);
      if (cookie) setCookies.push(`${response.url()}: ${cookie}`);
    });
  }

  /** Everything the page's origin keeps: local and session storage, Cache Storage, IndexedDB, cookies. */
  async function storageOf(page: Page) {
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    return page.evaluate(`(async () => {
      const dump = (storage) => Object.fromEntries(Array.from({ length: storage.length }, (_, i) => storage.key(i)).map((k) => [k, storage.getItem(k)]));
      const caches = {};
      for (const name of await globalThis.caches.keys()) {
        const cache = await globalThis.caches.open(name);
        const entries = [];
        for (const request of await cache.keys()) entries.push(request.url + ' ' + (await (await cache.match(request)).clone().text().catch(() => '')));
        caches[name] = entries;
      }
      const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
      return { local: dump(localStorage), session: dump(sessionStorage), caches, databases, cookie: document.cookie };
    })()`) as Promise<{ local: Record<string, string | null>; session: Record<string, string | null>; caches: Record<string, string[]>; databases: string[]; cookie: string }>;
  }

  async function session(context: BrowserContext, page: Page) {
    const address = demo.address;
    // The checklist: answer a question and tick a task done.
    await page.goto(`${address}/life-event-checklist.html`);
    const checklist = page.locator('onestop-life-event-checklist').first();
    await checklist.locator('[part="summary"]').waitFor({ timeout: 45_000 });
    await checklist.locator('#q-left-property input').nth(1).check();
    await checklist.locator('li input[type="checkbox"]').first().check();
    assert.equal(await page.evaluate(() => document.cookie), '');

    // The document-free check: find a service, answer the county question.
    await page.goto(`${address}/doc-free-check.html`);
    const check = page.locator('onestop-doc-free-check');
    await check.locator('#search:enabled').waitFor({ timeout: 45_000 });
    await check.locator('#search').fill('低收入');
    await check.locator('[role="option"]').first().click();
    await check.locator('.summary').waitFor({ timeout: 45_000 });
    await check.locator('select:enabled').first().selectOption('TW-TTT');
    assert.equal(await page.evaluate(() => document.cookie), '');

    // The county's forms.
    await page.goto(`${address}/county-site.html`);
    await page.locator('onestop-county-bundle .card:not(.skeleton)').first().waitFor({ state: 'attached', timeout: 45_000 });

    // The tracker: the case number and the lookup code from the receipt; "remember" not ticked.
    await page.goto(`${address}/application-tracker.html`);
    const tracker = page.locator('onestop-application-tracker');
    await tracker.locator('#case-number').fill(CASE_NUMBER);
    await tracker.locator('#lookup-code').fill(LOOKUP_CODE);
    await tracker.locator('#lookup-code').press('Enter');
    await tracker.locator('#case-title').waitFor({ timeout: 45_000 });
    assert.deepEqual(await context.cookies(), [], 'no cookie in the browser');
  }

  test('a session of each widget: only the page origin and the API, no cookies, no code or answers where they must not be', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen: Seen[] = [];
    const setCookies: string[] = [];
    record(page, seen, setCookies);
    try {
      await session(context, page);
      const pageOrigin = new URL(demo.address).origin;
      const apiOrigin = new URL(apiBase).origin;

      // Requests: the page's own origin and the API, nothing else; scripts only from the page's origin.
      assert.ok(seen.some((r) => r.url.startsWith(apiOrigin)), 'the widgets did talk to the API');
      const elsewhere = seen.filter((r) => ![pageOrigin, apiOrigin].includes(new URL(r.url).origin) && !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
      assert.deepEqual(elsewhere.map((r) => r.url), [], 'requests to a third party');
      const foreignScripts = seen.filter((r) => r.type === 'script' && new URL(r.url).origin !== pageOrigin);
      assert.deepEqual(foreignScripts.map((r) => r.url), [], 'scripts from anywhere but the page');

      // The lookup code travels only in the body of the look-up POST, never in a URL.
      for (const form of CODE_FORMS) assert.deepEqual(seen.filter((r) => r.url.includes(form)).map((r) => r.url), [], `${form} in a URL`);
      const lookups = seen.filter((r) => r.url.endsWith('/v1/cases/lookup'));
      assert.ok(lookups.length >= 1 && lookups.every((r) => r.method === 'POST' && r.body?.includes(LOOKUP_CODE)), 'the code went in a POST body');
      // The checklist's answers never leave the device: no request carries the question or its answer.
      assert.deepEqual(seen.filter((r) => r.url.includes('left-property') || r.body?.includes('left-property')).map((r) => r.url), [], 'answers sent');
      // The county answer of the document-free check goes nowhere either (the widget works it out itself).
      assert.deepEqual(seen.filter((r) => r.url.includes('dfc-') || (r.body ?? '').includes('TW-TTT')).map((r) => r.url), [], 'doc-free answers sent');

      // Cookies: none set by the API or the host, none in the page.
      assert.deepEqual(setCookies, [], 'Set-Cookie headers');
      const kept = await storageOf(page);
      assert.equal(kept.cookie, '');

      // Storage: read it all, as text.
      const everything = JSON.stringify(kept);
      for (const form of CODE_FORMS) assert.ok(!everything.includes(form), `${form} is kept on the device`);
      assert.ok(!everything.includes(CASE_NUMBER), 'the case number is kept although "remember" was not ticked');
      assert.deepEqual(kept.session, {}, 'sessionStorage is used');
      assert.deepEqual(kept.databases, [], 'IndexedDB is used');
      // The answers are kept where the checklist says, and only there.
      // (The question's id is in the catalogue answers the client caches; the answer is what is personal.)
      const ANSWER = '"left-property":false';
      const answerKeys = Object.entries(kept.local).filter(([, value]) => value?.includes(ANSWER)).map(([key]) => key);
      assert.deepEqual(answerKeys, ['onestop:life-event-checklist:death'], 'where the checklist answers are kept');
      assert.ok(!JSON.stringify(kept.caches).includes(ANSWER), 'answers in Cache Storage');
      // Everything else in localStorage is the API client's copy of public catalogue answers.
      const others = Object.keys(kept.local).filter((key) => key !== 'onestop:life-event-checklist:death');
      assert.deepEqual(
        others.filter((key) => !key.startsWith(`onestop:cache:v1:${apiBase}v1/`)),
        [],
        'other things kept in localStorage',
      );
      assert.ok(!others.some((key) => key.includes('/cases')), 'a case look-up answer is cached');
    } finally {
      await context.close();
    }

    // The API's log: it wrote (request lines at trace level), and none of it holds the code or the case number.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = readFileSync(logPath, 'utf8');
    assert.match(log, /\/v1\/cases\/lookup/, 'the log has request lines (so its silence about the code means something)');
    for (const form of CODE_FORMS) assert.ok(!log.includes(form), `${form} in the API log`);
    assert.ok(!log.includes(CASE_NUMBER), 'the case number in the API log');
    assert.ok(!log.includes('left-property'), 'checklist answers in the API log');
    assert.ok(!/set-cookie/i.test(log), 'the API sets cookies');
  });
});
