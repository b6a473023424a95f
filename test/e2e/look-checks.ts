/**
 * Shared checks for the look end-to-end tests (hostile host, county themes): axe-core run in
 * the page (it follows open shadow roots), and waiting until every widget shows its data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.x A and AA violations on the page, as "rule: target" lines (empty when clean).
 * `forcedColors`: leave out colour contrast, which the system palette decides then (axe reads
 * the author's colours, not the forced ones, and would report contrast the reader never sees).
 */
export async function axeViolations(page: Page, options: { forcedColors?: boolean } = {}): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (forcedColors) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: forcedColors ? { 'color-contrast': { enabled: false } } : {},
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  }, options.forcedColors ?? false);
  return violations;
}

/** A part that shows each widget's data is drawn, i.e. the widget is past loading. */
export const READY_PART: Record<string, string> = {
  'onestop-doc-free-check': '[part~="document"]',
  'onestop-county-bundle': '[part~="download-all"]',
  'onestop-application-tracker': '[part~="submit-button"]',
  'onestop-life-event-checklist': '[part~="task"]',
};

/** Waits until every widget on the page has drawn its ready part. */
export async function widgetsReady(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (ready) =>
      Object.entries(ready).every(([tag, part]) =>
        [...document.querySelectorAll(tag)].every((el) => el.shadowRoot?.querySelector(part)),
      ),
    READY_PART,
    { timeout, polling: 100 },
  );
}
