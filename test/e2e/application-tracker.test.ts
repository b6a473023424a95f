/**
 * End to end for <onestop-application-tracker>: the real API (a child process on a real SQLite
 * file, seeded with the SAMPLE cases by scripts/seed-sample-cases.ts before it starts), the
 * demo host serving the built dist/, and Debian's Chromium. Nothing is mocked: an agency key
 * made by scripts/agency-key.ts opens a case and appends events through the write API while
 * the page is open, and the widget shows each change.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from './harness.js';

const AGENCY = 'sample-e2e-land-office';
const widget = (page: Page) => page.locator('onestop-application-tracker');

describe('<onestop-application-tracker> against the real API', () => {
  let stack: DemoStack;
  let browser: Browser;
  let demo: DemoStack['demo'];
  let apiBase: string;
  let agencyKey: string;
  let statusNames: Map<string, string>;

  before(async () => {
    stack = await startDemoStack({
      build: 'dist/application-tracker.js',
      missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests',
      label: 'tracker',
      // The SAMPLE cases and an agency key, in the database the API will open.
      prepare: (env) => {
        const seeded = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' });
        assert.match(seeded, /SAMPLE-LAND-INHERIT-01\s+lookup code SAMP-0002/);
        const key = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/agency-key.ts', 'create', AGENCY, '--label', 'e2e test (SAMPLE)'], { env, encoding: 'utf8' });
        agencyKey = /^key:\s+(\S+)$/m.exec(key)![1]!;
      },
    });
    ({ browser, demo, apiBase } = stack);
    // What the statuses are called comes from the API, as the widget gets it.
    const vocabulary = (await (await fetch(`${apiBase}v1/case-statuses?lang=zh-Hant-TW`)).json()) as { statuses: Array<{ id: string; name: string }> };
    statusNames = new Map(vocabulary.statuses.map((s) => [s.id, s.name]));
  });

  after(async () => {
    await stack?.close();
  });

  /** A fresh browser profile per test; every request URL is kept to check the code never is in one. */
  async function openDemo() {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const urls: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      // A wrong code is a 404 the browser logs as a failed resource; that is the API's answer, not a fault.
      if (message.type() === 'error' && !/status of 404/.test(message.text())) errors.push(message.text());
    });
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${demo.address}/application-tracker.html`);
    await widget(page).locator('#case-number').waitFor({ timeout: 10_000 });
    return { page, context, errors, urls };
  }

  async function lookUp(page: Page, caseNumber: string, code: string) {
    await widget(page).locator('#case-number').fill(caseNumber);
    await widget(page).locator('#lookup-code').fill(code);
    await widget(page).locator('#lookup-code').press('Enter');
  }

  async function agency(path: string, body: unknown) {
    const response = await fetch(new URL(path, apiBase), {
      method: 'POST',
      headers: { authorization: `Bearer ${agencyKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as { caseNumber: string; lookupCode: string };
  }

  test('SAMPLE-LAND-INHERIT-01 with SAMP-0002: the needs-more action says which documents, by when and where', async () => {
    const { page, context, errors, urls } = await openDemo();
    await lookUp(page, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
    const action = widget(page).locator('[part="action"]');
    await action.waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('.status-name').textContent(), statusNames.get('needs-more'));
    const actionText = (await action.textContent())!.replace(/\s+/g, ' ');
    assert.match(actionText, /您需要做的事/);
    assert.match(actionText, /遺產稅繳清證明書/);
    assert.match(actionText, /繼承系統表/);
    assert.match(actionText, /請於 \d{4}年\d{1,2}月\d{1,2}日 星期. 前完成。/);
    assert.match(actionText, /送件地點： 臺北市大安地政事務所（範例）/);
    assert.match((await widget(page).locator('.agency-word').textContent())!, /補正/);
    assert.equal(await widget(page).locator('a[href^="tel:"]').getAttribute('href'), 'tel:0200000002,215');
    assert.equal(await widget(page).locator('li.event').count(), 3);
    assert.ok(urls.some((u) => u.endsWith('/v1/cases/lookup')));
    assert.ok(!urls.some((u) => /SAMP-?0002/i.test(u)), 'the lookup code went into a URL');
    assert.ok(!JSON.stringify(await page.evaluate(() => ({ ...localStorage }))).includes('SAMP-0002'), 'the lookup code was stored');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a wrong code and an unknown case get the same gentle message', async () => {
    const { page, context } = await openDemo();
    await lookUp(page, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0009');
    const message = widget(page).locator('[part="not-found"]');
    await message.waitFor({ timeout: 10_000 });
    const wrongCode = (await message.textContent())!.replace(/\s+/g, ' ');
    assert.match(wrongCode, /找不到符合這組案件編號與查詢碼的案件。/);
    assert.equal(await widget(page).locator('#lookup-code').inputValue(), 'SAMP-0009');

    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/cases/lookup'));
    await lookUp(page, 'OS-2025-ZZZZZZZZ', 'SAMP-0002');
    assert.equal((await answered).status(), 404);
    await message.waitFor({ timeout: 10_000 });
    assert.equal((await message.textContent())!.replace(/\s+/g, ' '), wrongCode);
    await context.close();
  });

  test('an agency opens a case and appends events while the page is open: the widget shows each change', async () => {
    const opened = await agency('/v1/agency/cases', {
      serviceId: 'land-inheritance-registration',
      receivingOffice: { 'zh-Hant-TW': '端對端測試地政事務所（範例）', en: 'End-to-end test land office (SAMPLE)' },
      contact: { name: '［範例］測試承辦人 (SAMPLE)', phone: '(02) 0000-0099' },
      expectedCompletion: { date: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10), confidence: 'target' },
      agencyWord: '收件',
    });
    const { page, context, errors, urls } = await openDemo();
    await lookUp(page, opened.caseNumber, opened.lookupCode);
    await widget(page).locator('#case-title').waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('.status-name').textContent(), statusNames.get('received'));
    // Check every second instead of every minute, so the test need not wait.
    await widget(page).evaluate((el: HTMLElement & { refreshSeconds: number }) => (el.refreshSeconds = 1));

    await agency(`/v1/agency/cases/${opened.caseNumber}/events`, { status: 'in-review', agencyWord: '審查' });
    await page.waitForFunction(
      (name) => document.querySelector('onestop-application-tracker')!.shadowRoot!.querySelector('.status-name')?.textContent === name,
      statusNames.get('in-review'),
      { timeout: 10_000 },
    );
    assert.equal(await widget(page).locator('li.event').count(), 2);
    assert.match((await widget(page).locator('[aria-live="polite"]').textContent())!, new RegExp(`目前為「${statusNames.get('in-review')}」`));

    const dueDate = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    await agency(`/v1/agency/cases/${opened.caseNumber}/events`, {
      status: 'needs-more',
      agencyWord: '補正',
      action: { text: { 'zh-Hant-TW': '（範例）請補附繼承系統表。', en: '(SAMPLE) Bring the heirship chart.' }, dueDate },
    });
    const action = widget(page).locator('[part="action"]');
    await action.waitFor({ timeout: 10_000 });
    assert.match((await action.textContent())!, /（範例）請補附繼承系統表。/);
    assert.match((await action.textContent())!, /還有 1[45] 天。/);
    assert.equal(await widget(page).locator('li.event').count(), 3);
    assert.ok(!urls.some((u) => u.includes(opened.lookupCode)), 'the lookup code went into a URL');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
