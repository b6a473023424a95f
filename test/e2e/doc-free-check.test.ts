/**
 * End to end for <onestop-doc-free-check>: the real API (a child process on a real SQLite file),
 * the demo host serving the built dist/doc-free-check.js, and Debian's Chromium. Nothing is mocked.
 * What the widget shows is checked against POST /v1/doc-free/check for the same answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import * as z from 'zod/mini';
import { DocFreeCheckResponse } from '../../src/core/api/contract/services.js';
import { startDemoStack, type CatalogueServer, type DemoStack } from './harness.js';

const OUTCOMES = ['waived', 'substitute', 'required'] as const;
type Groups = Record<(typeof OUTCOMES)[number], string[]>;

describe('<onestop-doc-free-check> against the real API', () => {
  let browser: Browser;
  let api: CatalogueServer;
  let demo: DemoStack['demo'];
  const apiBase = () => `http://127.0.0.1:${api.port}/`;

  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({ build: 'dist/doc-free-check.js', missingMessage: 'dist/doc-free-check.js is missing: run `npm run build` before the end-to-end tests', label: 'dfc' });
    ({ browser, api, demo } = stack);
  });

  after(() => stack?.close());

  /** A fresh browser profile per test (no cached answers), with the widget's events recorded. */
  async function openPage(path = '/doc-free-check.html', options: { permissions?: string[] } = {}) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(() => {
      const seen: unknown[] = ((window as unknown as { checks: unknown[] }).checks = []);
      document.addEventListener('onestop-check-complete', (e) => seen.push((e as CustomEvent).detail));
    });
    await page.goto(`${demo.address}${path}`);
    return { page, context, errors };
  }

  const widget = (page: Page) => page.locator('onestop-doc-free-check');

  async function shownGroups(page: Page): Promise<Groups> {
    const groups = {} as Groups;
    for (const outcome of OUTCOMES) groups[outcome] = (await widget(page).locator(`.group-${outcome} .document-name`).allTextContents()).map((t) => t.trim());
    return groups;
  }

  /** What the server decides for the same answers, grouped the way the widget groups. */
  async function serverGroups(service: string, answers: Record<string, unknown>, lang: string) {
    const response = await fetch(new URL('v1/doc-free/check', apiBase()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service, answers, lang }),
    });
    assert.equal(response.status, 200);
    const body = z.parse(DocFreeCheckResponse, await response.json());
    const groups = { waived: [], substitute: [], required: [] } as Groups;
    for (const d of body.decisions) groups[d.outcome].push(d.document.name);
    return { groups, body };
  }

  const lastCheck = (page: Page) => page.evaluate(() => (window as unknown as { checks: Array<Record<string, unknown>> }).checks.at(-1));

  test('search in Chinese → pick → answer the county → three groups that agree with POST /v1/doc-free/check', async () => {
    const { page, context, errors } = await openPage();
    const search = widget(page).getByRole('combobox', { name: '您要申辦的業務' });
    await search.and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
    await search.click();
    await search.pressSequentially('低收入', { delay: 30 });
    await widget(page).getByRole('option').first().waitFor();
    assert.equal((await widget(page).getByRole('option').first().locator('.name').textContent())?.trim(), '低收入戶、中低收入戶資格審核');
    await search.press('ArrowDown');
    await search.press('Enter');
    await widget(page).locator('.summary').waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).getAttribute('service'), 'low-income-household-status');

    // Not answered yet: the widget and the server agree, and the county is named as what could change it.
    assert.deepEqual(await shownGroups(page), (await serverGroups('low-income-household-status', {}, 'zh-Hant-TW')).groups);
    assert.match((await widget(page).locator('.may-change').first().textContent()) ?? '', /你在哪個縣市申請/);

    const county = widget(page).locator('select');
    await county.and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
    await county.selectOption('TW-TTT');
    await widget(page).locator('.group-waived').waitFor();
    assert.equal(await widget(page).locator('.group-waived h4').textContent(), '機關代為查驗，免附');
    assert.equal(await widget(page).locator('.group-required h4').textContent(), '仍須攜帶');
    const { groups, body } = await serverGroups('low-income-household-status', { county: 'TW-TTT' }, 'zh-Hant-TW');
    assert.deepEqual(await shownGroups(page), groups);
    assert.deepEqual(groups.waived, ['戶籍謄本']);
    // The reason shown is the server's reason, word for word.
    const reason = body.decisions.find((d) => d.outcome === 'waived')!.because;
    assert.ok(((await widget(page).locator('.group-waived').textContent()) ?? '').includes(reason));
    assert.deepEqual((await lastCheck(page))?.counts, {
      waived: groups.waived.length,
      substitute: groups.substitute.length,
      required: groups.required.length,
    });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in English, the vehicle payee case and land inheritance agree with the server for sample answers', async () => {
    const { page, context, errors } = await openPage();
    await page.evaluate(() => document.querySelector('onestop-doc-free-check')!.setAttribute('lang', 'en'));
    const search = widget(page).getByRole('combobox', { name: 'The service you are applying for' });
    await search.and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
    await search.fill('scrap a vehicle');
    await widget(page).getByRole('option', { name: /^Scrap a vehicle/ }).click();
    await widget(page).locator('.summary').waitFor({ timeout: 10_000 });

    const owner = widget(page).getByRole('group', { name: /Has the registered owner died/ });
    await owner.getByLabel('No', { exact: true }).check();
    const collector = widget(page).getByRole('group', { name: /collect the recycling payment/ });
    await collector.getByLabel('No', { exact: true }).check();
    await widget(page).locator('.group-required .document-name', { hasText: 'Household registration transcript' }).waitFor();
    assert.deepEqual(
      await shownGroups(page),
      (await serverGroups('vehicle-scrapping', { 'owner-died-or-renamed': false, 'collector-is-owner': false }, 'en')).groups,
    );
    await collector.getByLabel('Yes', { exact: true }).check();
    await widget(page).locator('.group-substitute').waitFor();
    assert.deepEqual(
      await shownGroups(page),
      (await serverGroups('vehicle-scrapping', { 'owner-died-or-renamed': false, 'collector-is-owner': true }, 'en')).groups,
    );

    await search.fill('land inheritance');
    await widget(page).getByRole('option', { name: /^Register inherited land or buildings/ }).click();
    await widget(page).locator('#service-name', { hasText: 'Register inherited land or buildings' }).waitFor({ timeout: 10_000 });
    await widget(page).getByRole('group', { name: /Japanese-era/ }).getByLabel('Yes', { exact: true }).check();
    const answers = { 'old-records': true };
    await page.waitForFunction(() => {
      const el = document.querySelector('onestop-doc-free-check')!;
      return el.shadowRoot!.querySelectorAll('.group-required .document').length > 0;
    });
    assert.equal(await widget(page).getAttribute('service'), 'land-inheritance-registration');
    assert.deepEqual(await shownGroups(page), (await serverGroups('land-inheritance-registration', answers, 'en')).groups);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the copied link reopens the same check on a fresh visit', async () => {
    const { page, context } = await openPage('/doc-free-check.html', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.evaluate(() => {
      const el = document.querySelector('onestop-doc-free-check')!;
      el.setAttribute('lang', 'en');
      el.setAttribute('service', 'low-income-household-status');
      el.setAttribute('county', 'TW-NWT');
    });
    await widget(page).locator('.group-waived').waitFor({ timeout: 10_000 });
    await widget(page).getByRole('button', { name: 'Copy a link to this check' }).click();
    await widget(page).getByText('Link copied. It holds the service and your answers, nothing else about you.').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(new URL(link).hash, '#dfc-service=low-income-household-status&dfc-county=TW-NWT');
    const before = await shownGroups(page);
    await context.close();

    const again = await openPage(new URL(link).pathname + new URL(link).hash);
    await widget(again.page).locator('.group-waived').waitFor({ timeout: 10_000 });
    assert.equal(await widget(again.page).getAttribute('county'), 'TW-NWT');
    // Same documents, same groups (the reopened page speaks its own language: compare by count).
    const after = await shownGroups(again.page);
    for (const outcome of OUTCOMES) assert.equal(after[outcome].length, before[outcome].length, outcome);
    await again.context.close();
  });

  test('with the API stopped after a first visit: the saved service, its date, and answers still work on the device', async () => {
    const { page, context } = await openPage();
    await page.evaluate(() => document.querySelector('onestop-doc-free-check')!.setAttribute('service', 'low-income-household-status'));
    await widget(page).locator('select:enabled').waitFor({ timeout: 10_000 });
    await api.stop();
    try {
      await page.reload();
      await page.evaluate(() => document.querySelector('onestop-doc-free-check')!.setAttribute('service', 'low-income-household-status'));
      await widget(page).locator('.service [part="stale-notice"]').waitFor({ timeout: 20_000 });
      await widget(page).locator('select:enabled').waitFor({ timeout: 20_000 });
      await widget(page).locator('select').selectOption('TW-TTT');
      await widget(page).locator('.group-waived').waitFor();
      assert.deepEqual(await widget(page).locator('.group-waived .document-name').allTextContents(), ['戶籍謄本']);
      assert.equal((await lastCheck(page))?.stale, true);
    } finally {
      await api.start();
    }
    await context.close();
  });

  test('an unknown preset service: a clear message from the real 404', async () => {
    const { page, context } = await openPage();
    await page.evaluate(() => {
      const el = document.querySelector('onestop-doc-free-check')!;
      el.setAttribute('lang', 'en');
      el.setAttribute('service', 'no-such-service');
    });
    const alert = widget(page).getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match((await alert.textContent()) ?? '', /We could not find the service “no-such-service”\./);
    await context.close();
  });
});
