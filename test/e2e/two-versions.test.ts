/**
 * Two different versions of the library on one page (two agencies' embeds updated at different
 * times). The same version twice is silent (demo.test.ts); two versions must still work, with
 * exactly one console warning that names both, whichever loads first. The page is
 * demo/two-copies.html; the test serves one of its scripts as an "older" build (dist/ with the
 * version string changed, its chunks under /older/).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VERSION } from '../../src/core/version.js';
import { startDemoStack, type DemoStack } from './harness.js';

const OLDER = '0.0.9-older';

describe('two versions of the library on one page', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack({
      build: 'dist/onestop.js',
      missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests',
      label: 'two-versions',
    });
  });

  after(async () => {
    await stack?.close();
  });

  /**
   * demo/two-copies.html (the all-in-one module twice, then the per-widget module) with one of its
   * scripts served as the older version. The page itself comes from the demo host, so its requests
   * to the API are loopback to loopback, as on a real county site.
   */
  async function open(older: 'all-in-one' | 'per-widget') {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const address = stack.demo.address;
    const olderText = async (path: string) => {
      const text = (await readFile(join('dist', path), 'utf8')).replaceAll(`"${VERSION}"`, `"${OLDER}"`);
      // The per-widget module's static imports point at the older chunks, not at the current ones.
      return text.replace(/(from\s*|import\s*)"\.\/chunks\//g, '$1"/older/chunks/');
    };
    await page.route(`${address}/older/**`, async (route) => {
      const path = normalize(new URL(route.request().url()).pathname.slice('/older/'.length));
      try {
        if (path.startsWith('..')) throw new Error('outside dist/');
        await route.fulfill({ body: await olderText(path), contentType: 'text/javascript; charset=utf-8' });
      } catch {
        await route.fulfill({ status: 404, body: 'not found' });
      }
    });
    const replaced = older === 'all-in-one' ? 'onestop.js' : 'county-bundle.js';
    await page.route(`${address}/dist/${replaced}`, async (route) =>
      route.fulfill({ body: await olderText(replaced), contentType: 'text/javascript; charset=utf-8' }),
    );
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().includes('[onestop]')) warnings.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${address}/two-copies.html`);
    return { page, context, warnings, errors };
  }

  for (const [order, older, inUse] of [
    ['this version first (all-in-one twice), an older per-widget module after it', 'per-widget', VERSION],
    ['an older all-in-one first (twice), this version\'s per-widget module after it', 'all-in-one', OLDER],
  ] as const) {
    test(`${order}: the widget works, and exactly one warning names both versions`, async () => {
      const { page, context, warnings, errors } = await open(older);
      try {
        const widget = page.locator('onestop-county-bundle');
        try {
          await widget.locator('select:enabled').waitFor({ state: 'attached', timeout: 45_000 });
        } catch (error) {
          throw new Error(`${String(error)}\nerrors: ${errors.join('\n')}\nwarnings: ${warnings.join('\n')}`);
        }
        assert.equal(await widget.locator('select').inputValue(), 'TW-NWT');
        assert.equal(await widget.locator('option').count(), 23);
        await page.waitForTimeout(300);
        assert.equal(warnings.length, 1, `warnings: ${warnings.join('\n')}`);
        assert.ok(warnings[0]!.includes(`${inUse} (in use)`), warnings[0]);
        assert.ok(warnings[0]!.includes(VERSION) && warnings[0]!.includes(OLDER), warnings[0]);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
