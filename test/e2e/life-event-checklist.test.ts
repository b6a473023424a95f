/**
 * End to end for <onestop-life-event-checklist>: the real API (child process, real SQLite),
 * the demo host serving the built dist/, Debian's Chromium. Nothing is mocked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from './harness.js';

const EVENTS = ['death', 'birth', 'moving-house', 'disaster', 'new-resident', 'job-loss'];

describe('life-event checklist against the real API', () => {
  let browser: Browser;
  let demo: DemoStack['demo'];
  let apiBase: string;

  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({ build: 'dist/life-event-checklist.js', missingMessage: 'dist/ is missing the checklist: run `npm run build` first', label: 'checklist' });
    ({ browser, demo, apiBase } = stack);
  });

  after(() => stack?.close());

  async function openDemo() {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${demo.address}/life-event-checklist.html`);
    return { page, context, errors };
  }

  /** A checklist for `event` in `lang`, added to the demo page as a webmaster would write it. */
  async function addWidget(page: Page, attrs: Record<string, string>) {
    const id = `w-${Math.random().toString(36).slice(2)}`;
    await page.evaluate(
      ([id, attrs]) => {
        const el = document.createElement('onestop-life-event-checklist');
        el.id = id;
        for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
        document.querySelector('main')!.append(el);
      },
      [id, attrs] as const,
    );
    const widget = page.locator(`#${id}`);
    await widget.locator('[part="summary"]').waitFor({ timeout: 15_000 });
    return widget;
  }

  test('death, in Chinese on the ministry page: 37 tasks, answers filter them, dates are real, a tick survives a reload', async () => {
    const { page, context, errors } = await openDemo();
    const widget = page.locator('onestop-life-event-checklist').first();
    await widget.locator('[part="summary"]').waitFor({ timeout: 15_000 });
    assert.equal(await widget.locator('h2').textContent(), '家人身後事');
    assert.equal(await widget.locator('button.toggle').count(), 37);

    // "Did the deceased leave any property?" No: the land transfer goes, and says why.
    await widget.locator('#q-left-property label', { hasText: '否' }).click();
    const titles = await widget.locator('button.toggle').allTextContents();
    assert.ok(!titles.some((t) => t.includes('繼承登記') && t.includes('土地')), titles.join(' | '));
    assert.match((await widget.locator('[part="hidden-tasks"]').textContent()) ?? '', /未列出，因為您回答：/);

    // The date of death: death registration's last day, past Lunar New Year 2026.
    await widget.locator('#event-date').fill('2026-01-15');
    await widget.locator('#event-date').dispatchEvent('change');
    const register = widget.locator('li.task', { has: page.locator('button.toggle', { hasText: '辦理死亡登記' }) }).first();
    assert.match((await register.locator('.meta').textContent()) ?? '', /期限 2026年2月23日/);

    await register.locator('input[type="checkbox"]').check();
    await page.reload();
    await widget.locator('[part="summary"]').waitFor({ timeout: 15_000 });
    const again = widget.locator('li.task', { has: page.locator('button.toggle', { hasText: '辦理死亡登記' }) }).first();
    assert.equal(await again.locator('input[type="checkbox"]').isChecked(), true);
    assert.equal(await widget.locator('#event-date').inputValue(), '2026-01-15');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the land transfer lists what to bring with the lighter documents the land office accepts (from the real service)', async () => {
    const { page, context } = await openDemo();
    const widget = await addWidget(page, { event: 'death', lang: 'en', today: '2026-01-20' });
    await widget.locator('#q-left-property label', { hasText: 'Yes' }).click();
    await widget.locator('#q-owned-property label', { hasText: 'Yes' }).click();
    const land = widget.locator('li.task', { has: page.locator('button.toggle', { hasText: "Register the inherited land and buildings in the heirs' names" }) });
    await land.locator('button.toggle').click();
    await land.locator('.documents', { hasText: 'or instead: Electronic household transcript' }).waitFor({ timeout: 10_000 });
    await context.close();
  });

  test("with the county answered, a document the county's offices look up themselves says it is not needed, and why", async () => {
    const { page, context } = await openDemo();
    const widget = await addWidget(page, { event: 'death', lang: 'en', county: 'TW-TTT' });
    await widget.locator('#q-left-property label', { hasText: 'Yes' }).click();
    await widget.locator('#q-owned-property label', { hasText: 'Yes' }).click();
    const arrears = widget.locator('li.task', { has: page.locator('button.toggle', { hasText: 'local-tax arrears' }) });
    assert.match((await arrears.locator('.meta').textContent()) ?? '', /Local tax bureau in Taitung County/);
    await arrears.locator('button.toggle').click();
    const waived = arrears.locator('.documents li.waived');
    await waived.first().waitFor({ timeout: 10_000 });
    const line = (await waived.first().textContent())!.replace(/\s+/g, ' ');
    assert.match(line, /Household transcript of a removed \(deceased\) person Not needed: Taitung's County Residents' Service Centre/);
    await context.close();
  });

  for (const lang of ['zh-Hant-TW', 'en']) {
    test(`all six life events render from the real API in ${lang}`, async () => {
      const { page, context, errors } = await openDemo();
      for (const event of EVENTS) {
        const answer = (await (await fetch(`${apiBase}v1/life-events/${event}?lang=${lang}`)).json()) as { name: string; tasks: unknown[] };
        const widget = await addWidget(page, { event, lang });
        assert.equal(await widget.locator('h2').textContent(), answer.name, event);
        assert.equal(await widget.locator('button.toggle').count(), answer.tasks.length, event);
        assert.ok((await widget.locator('.question').count()) > 0, `${event} asks questions`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('birth: the tasks the government does unasked say "nothing to do"', async () => {
    const { page, context } = await openDemo();
    const widget = await addWidget(page, { event: 'birth', lang: 'en' });
    const reports = widget.locator('li.task', { has: page.locator('button.toggle', { hasText: 'The hospital reports the birth' }) });
    assert.equal(await reports.locator('[part="badge"]').first().textContent(), 'Nothing to do');
    assert.equal(await reports.locator('input[type="checkbox"]').count(), 0);
    await context.close();
  });

  test('without an event, the citizen picks one from the API list', async () => {
    const { page, context } = await openDemo();
    const picker = page.locator('onestop-life-event-checklist').nth(1);
    await picker.getByRole('button', { name: 'Moving house' }).click();
    await picker.locator('[part="summary"]').waitFor({ timeout: 15_000 });
    assert.equal(await picker.locator('h2').textContent(), 'Moving house');
    assert.equal(await picker.getAttribute('event'), 'moving-house');
    await context.close();
  });
});
