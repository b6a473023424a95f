/**
 * End to end for <onestop-county-bundle>: the real API (a child process over data/, as `npm
 * start` runs it), the demo host pages serving the built dist/, and Debian's Chromium. Nothing
 * is mocked: the files, their SHA-256s and the ZIPs are the API's own.
 */
import { unzipSync } from 'fflate';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContextOptions, type Download, type Page } from 'playwright-core';
import * as z from 'zod/mini';
import { BundleResponse, BundleZipManifest, CountyBundlesResponse } from '../../src/core/api/bundle-contract.js';
import { CountiesResponse } from '../../src/core/api/contract/counties.js';
import { startDemoStack, type CatalogueServer, type DemoStack } from './harness.js';

const widget = (page: Page) => page.locator('onestop-county-bundle');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const safe = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');

describe('<onestop-county-bundle> against the real API', () => {
  let browser: Browser;
  let api: CatalogueServer;
  let demo: DemoStack['demo'];
  let apiBase: string;

  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({ build: 'dist/county-bundle.js', missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests', label: 'bundle' });
    ({ browser, api, demo, apiBase } = stack);
  });

  after(() => stack?.close());

  async function getJson<T>(path: string, schema: z.ZodMiniType<T>): Promise<T> {
    const response = await fetch(new URL(path, apiBase));
    assert.equal(response.status, 200, path);
    return z.parse(schema, await response.json());
  }

  /** A fresh browser profile per test: no cached answers, nothing kept on the device. */
  async function openPage(path: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ acceptDownloads: true, ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${demo.address}${path}`);
    return { page, context, errors };
  }

  /** Counts the widget's download events on the page, as a site would for the KPI. */
  async function countDownloads(page: Page) {
    await page.evaluate(() => {
      const w = window as unknown as { onestopEvents: unknown[] };
      w.onestopEvents = [];
      for (const type of ['onestop-download-start', 'onestop-download-complete']) {
        document.addEventListener(type, (e) => w.onestopEvents.push({ type, detail: (e as CustomEvent).detail }));
      }
    });
    return () => page.evaluate(() => (window as unknown as { onestopEvents: Array<{ type: string; detail: Record<string, unknown> }> }).onestopEvents);
  }

  const bytesOf = async (download: Download) => new Uint8Array(readFileSync((await download.path())!));

  test('every county has bundles for a death, a birth and moving house, each file served with its SHA-256', async () => {
    const { counties } = await getJson('v1/counties?lang=en', CountiesResponse);
    assert.equal(counties.length, 22);
    for (const county of counties) {
      const { bundles } = await getJson(`v1/counties/${county.code}/bundles?lang=en`, CountyBundlesResponse);
      assert.deepEqual(bundles.map((b) => b.event).sort(), ['birth', 'death', 'moving-house'], county.code);
    }
    const bundle = await getJson('v1/counties/TW-PEN/bundles/moving-house?lang=zh-Hant-TW', BundleResponse);
    for (const file of bundle.files) {
      const response = await fetch(new URL(file.url, apiBase));
      assert.equal(response.headers.get('etag'), `"${file.sha256}"`);
      assert.equal(sha256(new Uint8Array(await response.arrayBuffer())), file.sha256);
    }
  });

  test('a county site: only its own county, its death bundle in Chinese, and Download all gives a ZIP that checks out', async () => {
    const { page, context, errors } = await openPage('/county-site.html');
    const events = await countDownloads(page);
    const bundle = await getJson('v1/counties/TW-TTT/bundles/death?lang=zh-Hant-TW', BundleResponse);
    await widget(page).locator('.card:not(.skeleton)').first().waitFor({ timeout: 15_000 });
    assert.equal(await widget(page).locator('select').count(), 0, 'no county picker on a county site');
    assert.match((await widget(page).locator('[part="county"]').textContent()) ?? '', /臺東縣/);
    assert.equal(await widget(page).locator('[part="heading"]').textContent(), bundle.title);
    assert.deepEqual(await widget(page).locator('.card h3').allTextContents(), bundle.files.map((f) => f.title));
    assert.equal(await widget(page).locator('[part="sample-badge"]').textContent(), '範例 SAMPLE－非正式表單');
    // The no-JavaScript link inside the tag is not shown once the widget runs.
    assert.equal(await page.getByText('下載臺東縣家人身後事表單（ZIP 壓縮檔）').isVisible(), false);

    const downloaded = page.waitForEvent('download');
    await widget(page).getByRole('button', { name: '全部下載（一個 ZIP 壓縮檔）' }).click();
    const download = await downloaded;
    assert.equal(download.suggestedFilename(), bundle.zip.fileName);
    const entries = unzipSync(await bytesOf(download));
    const manifest = z.parse(BundleZipManifest, JSON.parse(new TextDecoder().decode(entries['manifest.json'])));
    assert.deepEqual(
      Object.keys(entries).sort(),
      [...bundle.files.map((f, i) => `0${i + 1}-${safe(f.title)}.${f.format}`), 'index.html', 'manifest.json'].sort(),
    );
    assert.deepEqual(
      manifest.files.map((f) => [f.id, f.sha256]),
      bundle.files.map((f) => [f.id, f.sha256]),
    );
    for (const entry of manifest.files) assert.equal(sha256(entries[entry.file]!), entry.sha256, entry.file);
    const index = new TextDecoder().decode(entries['index.html']);
    assert.match(index, /<html lang="zh-Hant-TW">/);
    assert.match(index, /承辦機關/);

    await widget(page).locator('.done').waitFor();
    const seen = await events();
    assert.deepEqual(
      seen.map((e) => [e.type, e.detail.kind, e.detail.files]),
      [
        ['onestop-download-start', 'zip', 5],
        ['onestop-download-complete', 'zip', 5],
      ],
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a ministry page: pick a county, where you are registered, and a life event; download one file and the server ZIP', async () => {
    const { page, context, errors } = await openPage('/per-widget.html');
    await widget(page).locator('select:enabled').selectOption('TW-HUA');
    await widget(page).getByLabel('Where my household is registered (戶籍地)').check();
    await widget(page).getByLabel(/Moving house/).check();
    const bundle = await getJson('v1/counties/TW-HUA/bundles/moving-house?lang=en', BundleResponse);
    await widget(page).locator('.card:not(.skeleton)').first().waitFor({ timeout: 15_000 });
    assert.equal(await widget(page).locator('[part="heading"]').textContent(), bundle.title);
    assert.equal(await widget(page).getAttribute('county'), 'TW-HUA');
    assert.equal(await widget(page).getAttribute('event'), 'moving-house');
    assert.equal(await widget(page).getAttribute('basis'), 'registration');

    // One file, checked in the page and saved under its Chinese name.
    const file = bundle.files[0]!;
    const one = page.waitForEvent('download');
    await widget(page).getByRole('link', { name: `Download ${file.title}` }).click();
    const saved = await one;
    assert.equal(saved.suggestedFilename(), safe(`${bundle.county.nameZh}-${file.titleZh}.${file.format}`));
    assert.equal(sha256(await bytesOf(saved)), file.sha256);
    // The page counts downloads from the widget's events.
    await page.getByText(/Downloads started on this page: 1 \(last: file, TW-HUA, moving-house\)/).waitFor();

    // The server's ZIP: a plain link to the API.
    const link = widget(page).locator('a[part="server-zip"]');
    assert.equal(await link.getAttribute('href'), new URL(bundle.zip.url, apiBase).href);
    const serverZip = await fetch(new URL(bundle.zip.url, apiBase));
    assert.equal(serverZip.headers.get('content-type'), 'application/zip');
    const serverManifest = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(await serverZip.arrayBuffer()))['manifest.json']));
    assert.deepEqual(
      serverManifest.files.map((f: { sha256: string }) => f.sha256),
      bundle.files.map((f) => f.sha256),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('without JavaScript, the county site still offers the server ZIP', async () => {
    const { page, context } = await openPage('/county-site.html', { javaScriptEnabled: false });
    const link = page.getByRole('link', { name: '下載臺東縣家人身後事表單（ZIP 壓縮檔）' });
    assert.equal(await link.isVisible(), true);
    const response = await fetch((await link.getAttribute('href'))!);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/zip');
    assert.ok(Object.keys(unzipSync(new Uint8Array(await response.arrayBuffer()))).includes('manifest.json'));
    await context.close();
  });

  test('the API down mid-download: the files are named with a retry; kept on the device, the ZIP is built without the API', async () => {
    const { page, context } = await openPage('/county-site.html');
    await widget(page).locator('.card:not(.skeleton)').first().waitFor({ timeout: 15_000 });
    const titles = await widget(page).locator('.card h3').allTextContents();
    await api.stop();
    try {
      await widget(page).getByRole('button', { name: '全部下載（一個 ZIP 壓縮檔）' }).click();
      const problems = widget(page).locator('[part="download-problems"]');
      await problems.waitFor({ timeout: 15_000 });
      assert.match((await problems.textContent()) ?? '', /所有檔案都無法下載。/);
      assert.deepEqual(
        (await problems.locator('li strong').allTextContents()).sort(),
        [...titles].sort(),
      );
      await api.start();
      const downloaded = page.waitForEvent('download');
      await problems.getByRole('button', { name: '再試一次' }).click();
      assert.ok((await downloaded).suggestedFilename().endsWith('.zip'));

      // Keep it on the device, then lose the API for good: the ZIP still comes, from Cache Storage.
      await widget(page).getByRole('button', { name: '保存在這部裝置' }).click();
      await widget(page).locator('#offline-status').waitFor({ timeout: 15_000 });
      assert.match((await widget(page).locator('[part="offline"]').textContent()) ?? '', /這是最新版本。/);
      await api.stop();
      await page.reload();
      await widget(page).locator('.card:not(.skeleton)').first().waitFor({ timeout: 20_000 });
      assert.match((await widget(page).locator('[part="offline"]').textContent()) ?? '', /沒有網路連線，無法檢查是否有新版本。/);
      const offline = page.waitForEvent('download');
      await widget(page).getByRole('button', { name: '全部下載（一個 ZIP 壓縮檔）' }).click();
      const entries = unzipSync(await bytesOf(await offline));
      const manifest = z.parse(BundleZipManifest, JSON.parse(new TextDecoder().decode(entries['manifest.json'])));
      assert.equal(manifest.files.length, titles.length);
      for (const entry of manifest.files) assert.equal(sha256(entries[entry.file]!), entry.sha256);
    } finally {
      await api.start();
      await context.close();
    }
  });
});
