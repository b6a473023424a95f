/**
 * End to end: each widget in the long locales (Vietnamese, Thai, Khmer) on a 320 px screen,
 * in a state that shows its data from the real API (checklist tasks with a question answered
 * and a task open, the document groups for Taitung, a county's files, a SAMPLE case looked up).
 * Nothing may scroll the page sideways or reach past the widget's edge, and no text may be wider
 * than its button, label or heading. Thai and Khmer are written without spaces between words:
 * without a way to break them a sentence is one unbreakable run.
 * The same states and measures make the screenshots of scripts/screenshots.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoStack, type DemoStack } from './harness.js';
import { layoutProblems, seedSampleCases, WIDGETS } from './long-locale-states.js';

const LANGS = ['vi', 'th', 'km'];
/** A letter only the language's writing has (Vietnamese: ơ, ư, đ and the like; Thai; Khmer). */
const SCRIPT: Record<string, RegExp> = { vi: /[ăâđêôơưạảấầẩậắằẳặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, th: /[\u0E01-\u0E5B]/, km: /[\u1780-\u17FF]/ };

describe('every widget in vi, th and km fits a 320 px screen with its data shown', () => {
  let stack: DemoStack;
  before(async () => {
    stack = await startDemoStack({
      build: 'dist/onestop.js',
      missingMessage: 'dist/ is missing: run `npm run build` before the end-to-end tests',
      label: 'long-locales',
      prepare: seedSampleCases,
    });
  });
  after(() => stack?.close());

  for (const widget of WIDGETS) {
    for (const lang of LANGS) {
      test(`${widget.name} in ${lang} at 320 px`, async () => {
        const context = await stack.browser.newContext({ viewport: { width: 320, height: 800 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        try {
          await page.goto(`${stack.demo.address}${widget.page}`);
          await widget.show(page, lang, stack.apiBase);
          // The widget really speaks this language: its own words are in the language's script.
          const text = await page.evaluate((tag) => document.querySelector(tag)!.shadowRoot!.textContent ?? '', widget.tag);
          assert.match(text, SCRIPT[lang]!, `${widget.name} shows no ${lang} text`);
          const problems = (await layoutProblems(page, widget.tag)).filter((p) => p.kind !== 'small-target');
          assert.deepEqual(problems.map((p) => `${p.kind}: ${p.detail}`), []);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});
