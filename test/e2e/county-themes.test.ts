/**
 * End to end: demo/county-themes.html, the same widgets under the Taipei and Hualien themes
 * (illustrative colours) and under a forced dark scheme; the theme files themselves. Real API,
 * built dist/, Chromium, axe in light, dark and forced colours.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from './harness.js';
import { axeViolations, widgetsReady } from './look-checks.js';

/** Background of each column's "Download all" button and of its bundle panel, by data-theme. */
function columnColours(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-theme]')].map((column) => {
        const root = column.querySelector('onestop-county-bundle')!.shadowRoot!;
        return [
          column.dataset.theme!,
          {
            button: getComputedStyle(root.querySelector('[part~="download-all"]')!).backgroundColor,
            panel: getComputedStyle(root.querySelector('[part~="base"]')!).backgroundColor,
            text: getComputedStyle(root.querySelector('[part~="base"]')!).color,
          },
        ];
      }),
    ),
  );
}

describe('county themes', () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({ build: 'dist/themes/taipei.css', missingMessage: 'dist/themes is missing: run `npm run build` before the end-to-end tests', label: 'themes' });
  });
  after(() => stack?.close());

  async function open(options: { colorScheme?: 'light' | 'dark'; forcedColors?: 'active' } = {}) {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light', forcedColors: options.forcedColors ?? 'none' });
    await page.goto(`${stack.demo.address}/county-themes.html`);
    await widgetsReady(page);
    return { page, errors };
  }

  test('theme files set only --onestop-* tokens', () => {
    const files = readdirSync('src/themes').filter((f) => f.endsWith('.css'));
    assert.deepEqual(files.sort(), ['dark.css', 'hualien.css', 'taipei.css']);
    for (const file of files) {
      const source = readFileSync(`src/themes/${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const properties = [...source.matchAll(/([\w-]+)\s*:[^;{}]+;/g)].map((m) => m[1]);
      assert.ok(properties.length >= 5, `${file} sets tokens`);
      for (const property of properties) assert.match(property, /^--onestop-/, `${file} sets ${property}, which is not a token`);
    }
  });

  test('light: each column shows its county accent on the same widget, axe clean', async () => {
    const { page, errors } = await open();
    try {
      const colours = await columnColours(page);
      assert.equal(colours.taipei.button, 'rgb(0, 102, 94)');
      assert.equal(colours.hualien.button, 'rgb(91, 42, 134)');
      assert.equal(colours.taipei.panel, 'rgb(255, 255, 255)');
      // The forced-dark column: Hualien's own dark accent on the dark surface.
      assert.equal(colours['hualien-dark'].button, 'rgb(207, 178, 255)');
      assert.equal(colours['hualien-dark'].panel, 'rgb(22, 25, 29)');
      assert.equal(colours['hualien-dark'].text, 'rgb(232, 234, 237)');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a reader who prefers dark gets every column dark, with the counties\' dark accents, axe clean', async () => {
    const { page, errors } = await open({ colorScheme: 'dark' });
    try {
      const colours = await columnColours(page);
      assert.equal(colours.taipei.button, 'rgb(111, 214, 200)');
      assert.equal(colours.hualien.button, 'rgb(207, 178, 255)');
      assert.equal(colours.taipei.panel, 'rgb(22, 25, 29)');
      assert.equal(colours.hualien.text, 'rgb(232, 234, 237)');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('forced colours: system colours, bordered buttons and badges, a visible focus ring', async () => {
    const { page, errors } = await open({ forcedColors: 'active' });
    try {
      const look = await page.evaluate(() => {
        const root = document.querySelector('[data-theme="taipei"] onestop-county-bundle')!.shadowRoot!;
        const button = root.querySelector<HTMLButtonElement>('[part~="download-all"]')!;
        const badge = root.querySelector('[part~="sample-badge"]')!;
        return {
          buttonBorder: getComputedStyle(button).borderTopStyle,
          buttonBorderWidth: parseFloat(getComputedStyle(button).borderTopWidth),
          badgeBorder: getComputedStyle(badge).borderTopStyle,
          // The county colour gives way to the system palette.
          buttonBackgroundIsCounty: getComputedStyle(button).backgroundColor === 'rgb(0, 102, 94)',
        };
      });
      assert.equal(look.buttonBorder, 'solid');
      assert.ok(look.buttonBorderWidth >= 1);
      assert.equal(look.badgeBorder, 'solid');
      assert.equal(look.buttonBackgroundIsCounty, false);
      // Keyboard focus on the first button: an outline at least 2px wide.
      const button = page.locator('[data-theme="taipei"] onestop-county-bundle').locator('[part~="download-all"]');
      await button.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const outline = await button.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: parseFloat(getComputedStyle(el).outlineWidth) }));
      assert.equal(outline.style, 'solid');
      assert.ok(outline.width >= 2, `focus outline ${outline.width}px`);
      assert.deepEqual(await axeViolations(page, { forcedColors: true }), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
