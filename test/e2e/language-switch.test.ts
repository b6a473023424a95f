/**
 * End to end, issue 8: a host page switches language at runtime (demo/language-switch.html
 * sets <html lang> from its picker) and all four widgets follow: their own words (from
 * locales/<locale>.xlf, English where a locale still lacks a target), and the catalogue
 * data fetched again in the new language from the real API, with the "shown in English"
 * note exactly when the API fell back. Then one widget's own `lang` wins over the page's.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from './harness.js';
import { layoutProblems } from './long-locale-states.js';

const LOCALES = ['zh-Hant-TW', 'en', 'vi', 'id', 'th', 'km', 'ja'] as const;
type Locale = (typeof LOCALES)[number];
const TAGS = ['onestop-life-event-checklist', 'onestop-doc-free-check', 'onestop-county-bundle', 'onestop-application-tracker'] as const;

/** One UI string each widget shows in the state this page puts it in. */
const WORDS: Record<(typeof TAGS)[number], string> = {
  'onestop-life-event-checklist': 'Go to your plan',
  'onestop-doc-free-check': 'Which documents do you still need to bring?',
  'onestop-county-bundle': 'Your county or city',
  'onestop-application-tracker': 'Check my case',
};

/** The text a locale's XLIFF gives a source string: its target, else the English source (what lit-localize builds). */
function translated(locale: Locale, source: string): string {
  if (locale === 'en') return source;
  const xml = readFileSync(`locales/${locale}.xlf`, 'utf8');
  for (const [, body] of xml.matchAll(/<trans-unit id="[^"]+">([\s\S]*?)<\/trans-unit>/g)) {
    if (/<source>([\s\S]*?)<\/source>/.exec(body!)?.[1] !== source) continue;
    return /<target[^>]*>([\s\S]*?)<\/target>/.exec(body!)?.[1] ?? source;
  }
  throw new Error(`"${source}" is not in locales/${locale}.xlf`);
}

describe('language switching at runtime: demo/language-switch.html', () => {
  let stack: DemoStack;
  /** What the API says, per language: the names each widget must show. */
  const expected = new Map<Locale, { event: string; service: string; bundle: string; status: string; fallback: boolean }>();

  before(async () => {
    stack = await startDemoStack({
      build: 'dist/onestop.js',
      missingMessage: 'dist/onestop.js is missing: run `npm run build` before the end-to-end tests',
      label: 'lang',
      prepare: (env) => void execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' }),
    });
    const get = async <T>(path: string, lang: string) => (await (await fetch(`${stack.apiBase}${path}?lang=${lang}`)).json()) as T;
    for (const lang of LOCALES) {
      const event = await get<{ name: string; textLangs: string[] }>('v1/life-events/death', lang);
      const service = await get<{ name: string }>('v1/services/low-income-household-status', lang);
      const bundle = await get<{ title: string }>('v1/counties/TW-TTT/bundles/death', lang);
      const statuses = await get<{ statuses: Array<{ id: string; name: string }> }>('v1/case-statuses', lang);
      expected.set(lang, {
        event: event.name,
        service: service.name,
        bundle: bundle.title,
        status: statuses.statuses.find((s) => s.id === 'needs-more')!.name,
        fallback: event.textLangs.some((l) => l.split('-')[0] !== lang.split('-')[0]),
      });
    }
  });

  after(() => stack?.close());

  /** A widget's visible text, from its shadow root, whitespace folded. */
  const textOf = (page: Page, tag: string) =>
    page.evaluate((t) => (document.querySelector(t)!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim(), tag);

  async function waitForWidgets(page: Page, lang: Locale): Promise<void> {
    const want = expected.get(lang)!;
    const words = Object.fromEntries(TAGS.map((tag) => [tag, translated(lang, WORDS[tag]).replace(/&amp;/g, '&')]));
    await page.waitForFunction(
      ({ lang, want, words }) => {
        const root = (tag: string) => document.querySelector(tag)?.shadowRoot;
        const text = (tag: string) => (root(tag)?.textContent ?? '').replace(/\s+/g, ' ');
        const all = Object.entries(words).every(([tag, word]) => (document.querySelector(tag) as unknown as { resolvedLocale: string }).resolvedLocale === lang && text(tag).includes(word));
        return (
          all &&
          root('onestop-life-event-checklist')?.querySelector('h2[part="heading"]')?.textContent?.trim() === want.event &&
          root('onestop-doc-free-check')?.querySelector('#service-name')?.textContent?.includes(want.service) &&
          root('onestop-county-bundle')?.querySelector('#bundle-title')?.textContent?.trim() === want.bundle &&
          root('onestop-application-tracker')?.querySelector('.status-name')?.textContent?.trim() === want.status
        );
      },
      { lang, want, words },
      { timeout: 20_000 },
    );
  }

  test('the picker takes every widget through the seven languages, data and all', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with an `__name` helper that functions sent to the page lack.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${stack.demo.address}/language-switch.html`);

    // The tracker shows a case only after a look-up (the code is never on the page).
    const tracker = page.locator('onestop-application-tracker');
    await tracker.locator('#lookup-code').fill('SAMP-0002');
    await tracker.locator('#lookup-code').press('Enter');
    await waitForWidgets(page, 'zh-Hant-TW');

    const seen = new Map<string, Set<string>>(TAGS.map((tag) => [tag, new Set<string>()]));
    for (const lang of [...LOCALES.slice(1), 'zh-Hant-TW'] as Locale[]) {
      const before = requests.length;
      await page.selectOption('#language', lang);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await waitForWidgets(page, lang);
      // The catalogue answers were fetched again, in the new language.
      const asked = requests.slice(before).filter((url) => url.startsWith(stack.apiBase));
      for (const path of ['v1/life-events/death', 'v1/services/low-income-household-status', 'v1/counties/TW-TTT/bundles/death', 'v1/case-statuses']) {
        assert.ok(asked.some((url) => url.includes(path) && url.includes(`lang=${lang}`)), `${path} fetched again in ${lang}`);
      }
      for (const tag of TAGS) {
        const text = await textOf(page, tag);
        assert.ok(!seen.get(tag)!.has(text) || lang === 'zh-Hant-TW', `${tag} shows something new in ${lang}`);
        seen.get(tag)!.add(text);
        // The note says exactly when the API fell back: never for zh-Hant-TW or en, always for the five others.
        const notes = await page.evaluate((t) => document.querySelector(t)!.shadowRoot!.querySelectorAll('[part="fallback-note"]').length, tag);
        const note = translated(lang, 'Some information is shown in <x id="0" equiv-text="${names}"/>.').split('<x')[0]!;
        assert.equal(notes > 0, expected.get(lang)!.fallback, `${tag}: fallback note in ${lang}`);
        if (notes) assert.ok(text.includes(note.trim()), `${tag}: the note is in ${lang}: "${note}"`);
      }
    }
    // Seven different texts per widget (zh-Hant-TW came back to the first one).
    for (const tag of TAGS) assert.equal(seen.get(tag)!.size, LOCALES.length, tag);

    // In Chinese, calendar="roc" shows the government forms' ROC year on last days and due dates.
    // (Catalogue texts may name ROC years themselves: count the dates the widget formats.)
    const dates = async (tag: string) => {
      const text = await textOf(page, tag);
      return { gregorian: text.match(/(?<!民國)20\d\d年\d{1,2}月\d{1,2}日/g)?.length ?? 0, roc: text.match(/民國1\d\d年\d{1,2}月\d{1,2}日/g)?.length ?? 0 };
    };
    for (const tag of ['onestop-life-event-checklist', 'onestop-application-tracker']) {
      const before = await dates(tag);
      assert.ok(before.gregorian > 0, `${tag} shows Gregorian dates by default`);
      await page.evaluate((t) => document.querySelector(t)!.setAttribute('calendar', 'roc'), tag);
      await page.waitForFunction(
        ({ t, roc }) => ((document.querySelector(t)!.shadowRoot!.textContent ?? '').match(/民國1\d\d年\d{1,2}月\d{1,2}日/g)?.length ?? 0) >= roc + 1,
        { t: tag, roc: before.roc },
        { timeout: 10_000 },
      );
      const after = await dates(tag);
      assert.ok(after.gregorian < before.gregorian, `${tag}: ${JSON.stringify({ before, after })}`);
    }
    // The attribute means nothing in English: its readers keep the Gregorian year.
    await page.selectOption('#language', 'en');
    await waitForWidgets(page, 'en');
    assert.doesNotMatch(await textOf(page, 'onestop-application-tracker'), /民國|Minguo/);

    // A widget's own lang wins over the page's, and letting go of it follows the page again.
    await waitForWidgets(page, 'en');
    await page.evaluate(() => document.querySelector('onestop-application-tracker')!.setAttribute('lang', 'ja'));
    await page.waitForFunction(() => (document.querySelector('onestop-application-tracker') as unknown as { resolvedLocale: string }).resolvedLocale === 'ja');
    await tracker.locator('.status-name', { hasText: expected.get('ja')!.status }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => (document.querySelector('onestop-doc-free-check') as unknown as { resolvedLocale: string }).resolvedLocale), 'en');
    await page.evaluate(() => document.querySelector('onestop-application-tracker')!.removeAttribute('lang'));
    await tracker.locator('.status-name', { hasText: expected.get('en')!.status }).waitFor({ timeout: 10_000 });

    assert.deepEqual(errors, []);
    await context.close();
  });

  /**
   * Issue 8: text expands, and every widget stays usable with the longest locale at 320 px.
   * For each language: the page never scrolls sideways, nothing ends past its widget's edge,
   * no button, label or heading clips its text, no word is broken mid-word (layoutProblems,
   * shared with test/e2e/long-locales.test.ts). It checks whatever the XLIFF holds: a
   * locale without a target would render English and be checked as that (all six have every
   * target now, drafted; new strings are checked as they land).
   */
  test('at 320 px, in each of the seven languages, nothing overflows and no control is clipped', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 320, height: 800 } });
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    await page.goto(`${stack.demo.address}/language-switch.html`);
    const tracker = page.locator('onestop-application-tracker');
    await tracker.locator('#lookup-code').fill('SAMP-0002');
    await tracker.locator('#lookup-code').press('Enter');
    const lengths: Record<string, number> = {};
    for (const lang of LOCALES) {
      await page.selectOption('#language', lang);
      await waitForWidgets(page, lang);
      await page.evaluate(() => document.fonts.ready);
      // The same measures as the long-locale test's data states (test/e2e/long-locale-states.ts).
      const problems = (await Promise.all(TAGS.map((tag) => layoutProblems(page, tag))))
        .flat()
        .filter((problem) => problem.kind !== 'small-target')
        .map((problem) => `${problem.kind}: ${problem.detail}`);
      const chars = await page.evaluate((tags) => tags.reduce((n, tag) => n + (document.querySelector(tag)!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').length, 0), [...TAGS]);
      const report = { problems, chars };
      lengths[lang] = report.chars;
      assert.deepEqual(report.problems, [], `${lang} at 320 px`);
    }
    const longest = Object.entries(lengths).sort((a, b) => b[1] - a[1]);
    console.log(`characters shown by the four widgets, per language: ${longest.map(([l, n]) => `${l} ${n}`).join(', ')}`);
    await context.close();
  });
});
