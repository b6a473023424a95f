/**
 * The four widgets on a host page with a strict Content-Security-Policy (demo/csp.html with the
 * per-widget modules, demo/csp-classic.html with the classic script), served by the demo host
 * with `default-src 'self'; connect-src 'self' <API origin>; script-src 'self'; style-src 'self'`
 * (no 'unsafe-inline', no 'unsafe-eval'), against the real API. Every widget must draw its data
 * and be usable, and the browser must report no violation and no console error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { strictPolicy } from '../../scripts/demo-host.js';
import { startDemoStack, type DemoStack } from './harness.js';

declare global {
  interface Window {
    __violations?: string[];
  }
}

describe('strict Content-Security-Policy host pages', () => {
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack({
      build: 'dist/onestop.classic.js',
      missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests',
      label: 'csp',
      prepare: (env) => {
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' });
      },
    });
  });

  after(async () => {
    await stack?.close();
  });

  async function open(path: string) {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    // Listens before any page script runs (Playwright injects this past the page's policy).
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e) => window.__violations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
        true,
      );
    });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || (message.type() === 'warning' && /Content.Security.Policy|Refused/i.test(message.text()))) {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    const response = await page.goto(`${stack.demo.address}${path}`);
    assert.equal(response!.headers()['content-security-policy'], strictPolicy(stack.apiBase), 'the page is served with the strict policy');
    return { page, context, problems };
  }

  /** Each widget drawn from the API, and one thing done with each (the tracker looks a case up). */
  async function useEveryWidget(page: Page) {
    const checklist = page.locator('onestop-life-event-checklist');
    await checklist.locator('[part="summary"]').waitFor({ timeout: 45_000 });
    assert.ok((await checklist.locator('button.toggle').count()) > 10, 'the checklist lists its tasks');
    await checklist.locator('button.toggle').first().click();
    await checklist.locator('input[type="checkbox"]').first().check();

    const check = page.locator('onestop-doc-free-check');
    await check.locator('.summary').waitFor({ timeout: 45_000 });
    assert.ok((await check.locator('.document-name').count()) > 0, 'the check lists documents');

    const bundle = page.locator('onestop-county-bundle');
    await bundle.locator('.card:not(.skeleton)').first().waitFor({ state: 'attached', timeout: 45_000 });
    assert.ok((await bundle.locator('a[part="file-link"]').count()) > 0, 'the bundle links its files');

    const tracker = page.locator('onestop-application-tracker');
    await tracker.locator('#lookup-code').fill('SAMP-0002');
    await tracker.locator('#lookup-code').press('Enter');
    await tracker.locator('#case-title').waitFor({ timeout: 45_000 });
  }

  for (const [path, how] of [
    ['/csp.html', 'one module per widget'],
    ['/csp-classic.html', 'the classic script'],
  ] as const) {
    test(`${how}: every widget renders its data and works, with no CSP violation and no console error`, async () => {
      const { page, context, problems } = await open(path);
      try {
        await useEveryWidget(page);
        // Late violations (a lazily loaded chunk, a style applied after data) get a moment to arrive.
        await page.waitForTimeout(500);
        const violations = await page.evaluate(() => window.__violations ?? []);
        assert.deepEqual(violations, [], 'CSP violations');
        assert.deepEqual(problems, [], 'errors on the page');
        // Lit's styles arrive as constructed style sheets, which a strict style-src allows.
        const adopted = await page.locator('onestop-county-bundle').evaluate((el) => el.shadowRoot!.adoptedStyleSheets.length);
        assert.ok(adopted > 0, 'the widget is styled');
      } finally {
        await context.close();
      }
    });
  }

  test('the policy really is enforced on these pages: an inline script is refused and reported', async () => {
    const { page, context, problems } = await open('/csp.html');
    try {
      await page.locator('onestop-life-event-checklist [part="summary"]').waitFor({ timeout: 45_000 });
      // What a widget must never do: an inline style attribute, as a template would make it.
      await page.evaluate(() => {
        const div = document.createElement('div');
        div.setAttribute('style', 'color: red');
        document.body.append(div);
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
      });
      await page.waitForTimeout(300);
      const violations = await page.evaluate(() => window.__violations ?? []);
      assert.ok(violations.some((v) => v.startsWith('script-src')), `an inline script is reported: ${violations.join('; ')}`);
      assert.ok(violations.some((v) => v.startsWith('style-src')), `an inline style is reported: ${violations.join('; ')}`);
      assert.equal(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan), undefined);
      assert.ok(problems.length > 0, 'and the console says so');
    } finally {
      await context.close();
    }
  });
});
