/**
 * End to end for <onestop-application-tracker> against the shared deployment of issue 11: two
 * API processes on one PostgreSQL (a throwaway cluster, or the run's), Debian's nginx
 * balancing them round-robin, the demo host pointing `api-base` at nginx, and Chromium.
 * The SAMPLE cases are seeded and the agency key made by the ordinary scripts with
 * DATABASE_URL. While the page is open and polling through nginx (each check landing on
 * either process), an agency writes through one process directly; the widget shows it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startDemoHost } from '../../scripts/demo-host.js';
import { startApiProcess, type ApiProcessHandle } from '../../scripts/api-processes.js';
import { startBalancer } from '../../scripts/nginx-balancer.mjs';
import { testDatabase, type TestDatabase } from '../server/test-store.js';
import { freePort } from './harness.js';
import { existsSync } from 'node:fs';

const AGENCY = 'sample-e2e-land-office';
const widget = (page: Page) => page.locator('onestop-application-tracker');

describe('<onestop-application-tracker> through nginx to two API processes on PostgreSQL', { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let apis: ApiProcessHandle[] = [];
  let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
  let demo: Awaited<ReturnType<typeof startDemoHost>> | undefined;
  let browser: Browser | undefined;
  let agencyKey: string;
  let statusNames: Map<string, string>;

  before(async () => {
    assert.ok(existsSync('dist/application-tracker.js'), 'dist/ is missing: run `npm run build` before the end-to-end tests');
    database = await testDatabase('postgres');
    const { ONESTOP_DB: _file, ...inherited } = process.env;
    const env = { ...inherited, DATABASE_URL: database.env.DATABASE_URL! };
    const seeded = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' });
    assert.match(seeded, /SAMPLE-LAND-INHERIT-01\s+lookup code SAMP-0002/);
    assert.match(seeded, /postgres/);
    const key = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/agency-key.ts', 'create', AGENCY, '--label', 'e2e test (SAMPLE)'], { env, encoding: 'utf8' });
    agencyKey = /^key:\s+(\S+)$/m.exec(key)![1]!;

    const apiEnv = { DATABASE_URL: database.env.DATABASE_URL!, ONESTOP_TRUST_PROXY: '127.0.0.1' };
    apis = await Promise.all([startApiProcess(await freePort(), apiEnv), startApiProcess(await freePort(), apiEnv)]);
    balancer = await startBalancer({ upstreams: apis.map((a) => `127.0.0.1:${a.port}`), port: await freePort() });
    demo = await startDemoHost({ apiBase: `${balancer.url}/`, port: 0 });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
    const vocabulary = (await (await fetch(`${balancer.url}/v1/case-statuses?lang=zh-Hant-TW`)).json()) as { statuses: Array<{ id: string; name: string }> };
    statusNames = new Map(vocabulary.statuses.map((s) => [s.id, s.name]));
  });

  after(async () => {
    await browser?.close();
    await demo?.app.close();
    await balancer?.stop();
    await Promise.all(apis.map((a) => a.stop()));
    await database?.remove();
  });

  async function openDemo() {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 404/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${demo!.address}/application-tracker.html`);
    await widget(page).locator('#case-number').waitFor({ timeout: 10_000 });
    return { page, context, errors };
  }

  async function lookUp(page: Page, caseNumber: string, code: string) {
    await widget(page).locator('#case-number').fill(caseNumber);
    await widget(page).locator('#lookup-code').fill(code);
    await widget(page).locator('#lookup-code').press('Enter');
  }

  test('a SAMPLE case seeded into PostgreSQL is found through nginx', async () => {
    const { page, context, errors } = await openDemo();
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/cases/lookup'));
    await lookUp(page, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
    const response = await answered;
    assert.equal(response.status(), 200);
    assert.match((await response.headerValue('x-onestop-upstream')) ?? '', /^127\.0\.0\.1:\d+$/, 'answered through nginx');
    await widget(page).locator('[part="action"]').waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('.status-name').textContent(), statusNames.get('needs-more'));
    assert.equal(await widget(page).locator('li.event').count(), 3);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('events written through one process appear on the page polling through nginx', async () => {
    const [a, b] = apis as [ApiProcessHandle, ApiProcessHandle];
    const write = async (api: ApiProcessHandle, path: string, body: unknown) => {
      const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${agencyKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as { caseNumber: string; lookupCode: string };
    };
    const opened = await write(a, '/v1/agency/cases', {
      serviceId: 'land-inheritance-registration',
      receivingOffice: { 'zh-Hant-TW': '端對端測試地政事務所（範例）', en: 'End-to-end test land office (SAMPLE)' },
      agencyWord: '收件',
    });
    const { page, context, errors } = await openDemo();
    const upstreams = new Set<string>();
    page.on('response', async (r) => {
      if (r.url().endsWith('/v1/cases/lookup')) upstreams.add((await r.headerValue('x-onestop-upstream')) ?? '');
    });
    await lookUp(page, opened.caseNumber, opened.lookupCode);
    await widget(page).locator('#case-title').waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('.status-name').textContent(), statusNames.get('received'));
    await widget(page).evaluate((el: HTMLElement & { refreshSeconds: number }) => (el.refreshSeconds = 1));

    await write(b, `/v1/agency/cases/${opened.caseNumber}/events`, { status: 'in-review', agencyWord: '審查' });
    await page.waitForFunction(
      (name) => document.querySelector('onestop-application-tracker')!.shadowRoot!.querySelector('.status-name')?.textContent === name,
      statusNames.get('in-review'),
      { timeout: 15_000 },
    );
    await write(a, `/v1/agency/cases/${opened.caseNumber}/events`, { status: 'approved', agencyWord: '核准' });
    await page.waitForFunction(
      (name) => document.querySelector('onestop-application-tracker')!.shadowRoot!.querySelector('.status-name')?.textContent === name,
      statusNames.get('approved'),
      { timeout: 15_000 },
    );
    assert.equal(await widget(page).locator('li.event').count(), 3);
    assert.equal(upstreams.size, 2, `the page's checks reached both processes: ${[...upstreams].join(', ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
