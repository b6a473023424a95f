/**
 * End to end: the four widgets on demo/hostile-host.html, a page with the global CSS real
 * sites carry (62.5% root size, `*` resets with `line-height: 1` and a colour, `all: unset` on
 * links and fields, every button hidden). Real API, built dist/, Chromium. The widgets must read
 * at the reader's size, keep their buttons, fit 320 px, match the plain demo page, and be axe clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from './harness.js';
import { axeViolations, widgetsReady } from './look-checks.js';

const TAGS = ['onestop-doc-free-check', 'onestop-county-bundle', 'onestop-application-tracker', 'onestop-life-event-checklist'];

interface Measured {
  tag: string;
  bodyFontSize: number;
  baseFontSize: number;
  downloadAllHeight: number;
  lineHeight: number;
  color: string;
  buttons: Array<{ display: string; height: number; width: number }>;
  right: number;
  scrollOverflow: number;
}

/** Text size, colour, buttons and overflow of each widget, read from inside its shadow root. */
function measure(page: Page, tags: string[]): Promise<Measured[]> {
  return page.evaluate((tags) => {
    return tags.flatMap((tag) =>
      [...document.querySelectorAll(tag)].map((el) => {
        const root = el.shadowRoot!;
        // Body text: the first paragraph that is shown, with text in it.
        const p = [...root.querySelectorAll('p, dd, li')].find((n) => (n as HTMLElement).offsetParent && n.textContent!.trim()) ?? root.querySelector('[part~="base"]')!;
        const style = getComputedStyle(p);
        const buttons = [...root.querySelectorAll('button')]
          .filter((b) => !b.closest('[hidden], dialog:not([open]), .print-only'))
          .map((b) => ({ display: getComputedStyle(b).display, height: b.getBoundingClientRect().height, width: b.getBoundingClientRect().width }));
        const base = root.querySelector('[part~="base"]') as HTMLElement;
        return {
          tag,
          bodyFontSize: parseFloat(style.fontSize),
          baseFontSize: parseFloat(getComputedStyle(root.querySelector('[part~="base"]')!).fontSize),
          downloadAllHeight: root.querySelector('[part~="download-all"]')?.getBoundingClientRect().height ?? 0,
          lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
          color: style.color,
          buttons,
          right: el.getBoundingClientRect().right,
          scrollOverflow: base.scrollWidth - base.clientWidth,
        };
      }),
    );
  }, tags);
}

describe('widgets on a hostile host page', () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({ build: 'dist/onestop.js', missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests', label: 'hostile' });
  });
  after(() => stack?.close());

  async function open(path: string, width: number) {
    const page = await stack.browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${stack.demo.address}${path}`);
    await widgetsReady(page);
    return { page, errors };
  }

  for (const width of [320, 1280]) {
    test(`at ${width} px: reader-sized text, visible buttons, nothing overflows, axe clean`, async () => {
      const { page, errors } = await open('/hostile-host.html', width);
      try {
        // The hostile rules are in force on the page itself (so the checks below mean something).
        const host = await page.evaluate(() => ({
          rootSize: getComputedStyle(document.documentElement).fontSize,
          pageButton: getComputedStyle(document.querySelector('.site-search')!).display,
          pageLineHeight: getComputedStyle(document.querySelector('main h2')!).lineHeight,
        }));
        assert.deepEqual(host, { rootSize: '10px', pageButton: 'none', pageLineHeight: '16px' });

        const measured = await measure(page, TAGS);
        assert.equal(measured.length, 4);
        for (const m of measured) {
          assert.ok(m.bodyFontSize >= 16, `${m.tag}: body text ${m.bodyFontSize}px, want at least 16px`);
          assert.ok(m.lineHeight >= 1.4, `${m.tag}: line height ${m.lineHeight.toFixed(2)}, want at least 1.4 (the page says 1)`);
          assert.ok(['rgb(27, 27, 27)', 'rgb(74, 74, 74)'].includes(m.color), `${m.tag}: text colour ${m.color} is not the widget's text or muted colour (the page says #222)`);
          assert.ok(m.buttons.length > 0, `${m.tag}: has buttons`);
          for (const b of m.buttons) {
            assert.notEqual(b.display, 'none', `${m.tag}: a button is hidden by the page's button rule`);
            // WCAG 2.2 target size (AA) is 24px; the widgets' own buttons are 44px, their inline link-buttons one text line.
            assert.ok(b.height >= 24 && b.width >= 24, `${m.tag}: a button is ${b.width}×${b.height}px, want at least a 24px target`);
          }
          assert.ok(m.right <= width + 0.5, `${m.tag}: ends at ${m.right}px, past the ${width}px screen`);
          assert.ok(m.scrollOverflow <= 0, `${m.tag}: its panel scrolls sideways by ${m.scrollOverflow}px`);
        }
        const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(pageOverflow <= 0, `the page scrolls sideways by ${pageOverflow}px`);
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }

  test('a widget measures the same on the hostile page as on a plain page', async () => {
    const plain = await open('/county-site.html', 1280);
    const hostile = await open('/hostile-host.html', 1280);
    try {
      const [a] = await measure(plain.page, ['onestop-county-bundle']);
      const [b] = await measure(hostile.page, ['onestop-county-bundle']);
      assert.equal(a.baseFontSize, 16, 'the plain page shows the reader\'s default 16px');
      assert.equal(b.baseFontSize, a.baseFontSize);
      assert.equal(b.lineHeight.toFixed(2), a.lineHeight.toFixed(2));
      assert.ok(a.downloadAllHeight >= 44);
      assert.equal(b.downloadAllHeight, a.downloadAllHeight);
    } finally {
      await plain.page.close();
      await hostile.page.close();
    }
  });
});
