/**
 * End to end: the real API (a child process on a real SQLite file, as `npm start` runs it),
 * the demo host pages serving the built dist/, and Debian's Chromium. Nothing is mocked.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startDemoHost } from '../../scripts/demo-host.js';
import { ApiProcess, freePort } from './harness.js';

/** Reads text inside the widget's shadow root (Playwright's CSS locators pierce it). */
const widget = (page: Page, nth = 0) => page.locator('onestop-county-bundle').nth(nth);

describe('demo host pages against the real API', () => {
  let browser: Browser;
  let api: ApiProcess;
  let demo: Awaited<ReturnType<typeof startDemoHost>>;
  let workDir: string;

  before(async () => {
    assert.ok(existsSync('dist/onestop.js'), 'dist/ is missing: run `npm run build` before the end-to-end tests');
    workDir = mkdtempSync(join(tmpdir(), 'onestop-e2e-'));
    api = new ApiProcess(await freePort(), join(workDir, 'onestop.sqlite'));
    await api.start();
    demo = await startDemoHost({ apiBase: `http://127.0.0.1:${api.port}/`, port: 0 });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.app.close();
    await api?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A fresh browser profile per test: no cached answers from an earlier test. */
  async function openPage(path: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${demo.address}${path}`);
    return { page, context, errors, warnings };
  }

  test('the county site shows its own county only (no picker), with its forms for a death from the API, in Chinese', async () => {
    const { page, context, errors } = await openPage('/county-site.html');
    await widget(page).locator('.card:not(.skeleton)').first().waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('select').count(), 0);
    assert.match((await widget(page).locator('[part="county"]').textContent()) ?? '', /臺東縣/);
    assert.equal(await widget(page).locator('input[name="event"]:checked').getAttribute('value'), 'death');
    assert.equal(await widget(page).locator('.card').count(), 5);
    await widget(page).locator('input[name="event"][value="birth"]').check();
    await widget(page).locator('[part="heading"]', { hasText: '寶寶出生' }).waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).getAttribute('event'), 'birth');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('revalidates with the ETag: a second load of the list is a 304', async () => {
    const { page, context } = await openPage('/per-widget.html');
    await widget(page).locator('select:enabled').waitFor({ timeout: 10_000 });
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/v1/counties')) statuses.push(response.status());
    });
    await page.reload();
    await widget(page).locator('select:enabled').waitFor({ timeout: 10_000 });
    assert.ok(statuses.includes(304), `expected a 304 revalidation, saw ${statuses.join(', ')}`);
    assert.equal(await widget(page).locator('option').count(), 23);
    await context.close();
  });

  test('with the API stopped: an error with retry; retry works once the API is back; then offline shows the last good list', async () => {
    await api.stop();
    try {
      const { page, context } = await openPage('/per-widget.html');
      const alert = widget(page).locator('[role="alert"]');
      await alert.waitFor({ timeout: 15_000 });
      assert.match((await alert.textContent()) ?? '', /We could not reach the service\./);

      await api.start();
      await widget(page).getByRole('button', { name: 'Try again' }).click();
      await widget(page).locator('select:enabled').waitFor({ timeout: 10_000 });
      assert.equal(await widget(page).locator('option').count(), 23);

      await api.stop();
      await page.reload();
      const notice = widget(page).locator('[part="stale-notice"]');
      await notice.waitFor({ timeout: 15_000 });
      assert.match((await notice.textContent()) ?? '', /saved on/);
      assert.equal(await widget(page).locator('option').count(), 23);
      await context.close();
    } finally {
      await api.start();
    }
  });

  test('the classic script included twice works, with no error and no version warning', async () => {
    const { page, context, errors, warnings } = await openPage('/classic-cms.html');
    await widget(page, 0).locator('select:enabled').waitFor({ timeout: 10_000 });
    await widget(page, 1).locator('select:enabled').waitFor({ timeout: 10_000 });
    // A page without <meta charset>: the Chinese label must still be right (ASCII-only build).
    assert.equal(await widget(page, 0).locator('label[part="label"]').textContent(), '您的縣市');
    assert.equal(await widget(page, 0).locator('select').inputValue(), 'TW-PEN');
    assert.equal(await widget(page, 1).locator('select').inputValue(), 'TW-KIN');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      warnings.filter((w) => w.includes('[onestop]')),
      [],
    );
    await context.close();
  });

  test('the all-in-one module twice beside a per-widget module: one registration, no error, no warning', async () => {
    const { page, context, errors, warnings } = await openPage('/two-copies.html');
    await widget(page).locator('select:enabled').waitFor({ timeout: 10_000 });
    assert.equal(await widget(page).locator('select').inputValue(), 'TW-NWT');
    assert.equal(await widget(page).locator('option').count(), 23);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      warnings.filter((w) => w.includes('[onestop]')),
      [],
    );
    await context.close();
  });

  test('`npm start` builds, starts the API and the demo, and prints their URLs and the embed snippet', async () => {
    const child = spawn('npm', ['start'], {
      env: { ...process.env, PORT: '0', DEMO_PORT: '0', ONESTOP_DB: join(workDir, 'start.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start printed no URLs within 120 s:\n${output}`)), 120_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Press Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      const demoUrl = /Demo pages:\s+(\S+)/.exec(output)?.[1];
      const healthUrl = /API:\s+(\S+)/.exec(output)?.[1];
      assert.ok(demoUrl && healthUrl, output);
      assert.match(output, /<onestop-county-bundle/);
      assert.equal((await fetch(healthUrl)).status, 200);
      const page = await (await fetch(`${demoUrl}county-site.html`)).text();
      assert.match(page, /<onestop-county-bundle/);
      assert.ok(page.includes(new URL(healthUrl).origin), 'the demo page names the running API');
    } finally {
      // The whole process group: npm, the shell and the server under it.
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
