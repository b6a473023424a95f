/**
 * The four widgets on their demo pages, in a given language, brought to a state that shows
 * their data (tasks, the three document groups, a county's files, a SAMPLE case), and a layout
 * check that measures what a reader at 320 px would see go wrong: the page scrolling sideways,
 * something inside a widget reaching past its edge, text wider than its button or label.
 * Used by scripts/screenshots.ts (the visual review) and test/e2e/long-locales.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

export interface WidgetCase {
  /** Short name, also the screenshot file's first part. */
  name: string;
  page: string;
  tag: string;
  /** Brings every widget on the page to a state with data shown, in `lang`. */
  show(page: Page, lang: string, apiBase: string): Promise<void>;
}

/** Seeds the SAMPLE tracker cases into the database the API will open (startDemoStack's `prepare`). */
export function seedSampleCases(env: NodeJS.ProcessEnv): void {
  const seeded = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-sample-cases.ts'], { env, encoding: 'utf8' });
  assert.match(seeded, /SAMPLE-LAND-INHERIT-01\s+lookup code SAMP-0002/);
}

/** Gives every widget `tag` on the page the language `lang` (and the page too), as a host would. */
async function setLanguage(page: Page, tag: string, lang: string): Promise<void> {
  await page.evaluate(
    ([tag, lang]) => {
      document.documentElement.lang = lang;
      for (const el of document.querySelectorAll(tag)) el.setAttribute('lang', lang);
    },
    [tag, lang] as const,
  );
}

/** Waits until the widget's shadow root has `selector` (in every instance on the page). */
async function waitInside(page: Page, tag: string, selector: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ([tag, selector]) => [...document.querySelectorAll(tag)].every((el) => el.shadowRoot?.querySelector(selector)),
    [tag, selector] as const,
    { timeout, polling: 100 },
  );
}

/**
 * The service that, answered for Taitung, shows the most kinds of outcome (and then the most
 * documents), asked of the real API. (No service has all three groups from the county alone:
 * the ones with a substitute and a waiver are the most the county answer shows.)
 */
let richestService: { id: string; outcomes: string[] } | undefined;
async function richestServiceForTaitung(apiBase: string): Promise<{ id: string; outcomes: string[] }> {
  if (richestService) return richestService;
  const list = (await (await fetch(`${apiBase}v1/services?lang=en`)).json()) as { services: Array<{ id: string }> };
  let best: { id: string; outcomes: string[]; score: number } | undefined;
  for (const { id } of list.services) {
    const response = await fetch(`${apiBase}v1/doc-free/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: id, answers: { county: 'TW-TTT' }, lang: 'en' }),
    });
    if (!response.ok) continue;
    const body = (await response.json()) as { decisions: Array<{ outcome: string }> };
    const outcomes = [...new Set(body.decisions.map((d) => d.outcome))];
    const score = outcomes.length * 1000 + body.decisions.length;
    if (!best || score > best.score) best = { id, outcomes, score };
  }
  assert.ok(best && best.outcomes.length >= 2, 'no service shows two document groups for Taitung');
  return (richestService = { id: best.id, outcomes: best.outcomes });
}

export const WIDGETS: WidgetCase[] = [
  {
    name: 'life-event-checklist',
    page: '/life-event-checklist.html',
    tag: 'onestop-life-event-checklist',
    async show(page, lang) {
      const tag = 'onestop-life-event-checklist';
      await setLanguage(page, tag, lang);
      // The page's second checklist lets the citizen pick the event: pick death there too.
      await page.evaluate((tag) => document.querySelectorAll(tag)[1]?.setAttribute('event', 'death'), tag);
      await waitInside(page, tag, '[part~="task"]');
      const first = page.locator(tag).first();
      // Answer "left property?" (the first choice, whatever it says in this language) and open a task.
      await first.locator('[id="q-left-property"] label').first().click();
      await first.locator('button.toggle').first().click();
      await first.locator('li.task .documents, li.task [part~="task-details"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    },
  },
  {
    name: 'doc-free-check',
    page: '/doc-free-check.html',
    tag: 'onestop-doc-free-check',
    async show(page, lang, apiBase) {
      const tag = 'onestop-doc-free-check';
      const { id: service, outcomes } = await richestServiceForTaitung(apiBase);
      await setLanguage(page, tag, lang);
      await page.evaluate(([tag, service]) => document.querySelector(tag)!.setAttribute('service', service), [tag, service] as const);
      await waitInside(page, tag, '.summary');
      // Answer the county where the service asks it (the outcomes above are Taitung's).
      const county = page.locator(tag).locator('select:enabled');
      if (await county.count()) await county.first().selectOption('TW-TTT');
      for (const outcome of outcomes) await waitInside(page, tag, `.group-${outcome}`);
    },
  },
  {
    name: 'county-bundle',
    page: '/county-site.html',
    tag: 'onestop-county-bundle',
    async show(page, lang) {
      const tag = 'onestop-county-bundle';
      await setLanguage(page, tag, lang);
      // Show the county picker too: its select holds the longest county names.
      await page.evaluate((tag) => document.querySelector(tag)!.removeAttribute('hide-county-picker'), tag);
      await waitInside(page, tag, '[part~="download-all"]');
      await waitInside(page, tag, '[part~="file"], li a[download], [part~="file-list"] li');
    },
  },
  {
    name: 'application-tracker',
    page: '/application-tracker.html',
    tag: 'onestop-application-tracker',
    async show(page, lang) {
      const tag = 'onestop-application-tracker';
      await setLanguage(page, tag, lang);
      const widget = page.locator(tag);
      await widget.locator('#case-number').waitFor({ timeout: 20_000 });
      await widget.locator('#case-number').fill('SAMPLE-LAND-INHERIT-01');
      await widget.locator('#lookup-code').fill('SAMP-0002');
      await widget.locator('#lookup-code').press('Enter');
      await widget.locator('[part="action"]').waitFor({ timeout: 20_000 });
      await widget.locator('li.event').first().waitFor({ timeout: 20_000 });
    },
  },
];

export interface LayoutProblem {
  kind: 'page-overflow' | 'past-widget-edge' | 'clipped-text' | 'broken-word' | 'small-target';
  detail: string;
}

/**
 * What a reader would see go wrong, measured in the page: the document wider than the window,
 * a visible element inside the widget (open shadow roots followed) ending past the widget's
 * right edge, text wider (or taller) than its button, label, link or summary, and a word broken
 * in the middle because its column is narrower than the word. Small touch
 * targets are reported too (buttons and fields under 44 px high; links inside text are left out).
 */
export async function layoutProblems(page: Page, tag: string): Promise<LayoutProblem[]> {
  // tsx (esbuild keepNames) wraps the named helpers below in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate((tag) => {
    const problems: Array<{ kind: 'page-overflow' | 'past-widget-edge' | 'clipped-text' | 'broken-word' | 'small-target'; detail: string }> = [];
    const overflow = document.documentElement.scrollWidth - innerWidth;
    if (overflow > 0) problems.push({ kind: 'page-overflow', detail: `the page scrolls sideways by ${overflow}px` });

    const describe = (el: Element) => {
      const part = el.getAttribute('part');
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${part ? ` part="${part}"` : ''}> "${text}"`;
    };
    const shown = (el: Element) => {
      if (el.closest('[hidden], dialog:not([open]), .print-only, .visually-hidden, template')) return false;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    /** Inside a box that scrolls sideways on purpose (then reaching past the edge is by design). */
    const inScroller = (el: Element, root: ShadowRoot) => {
      for (let p = el.parentElement; p && root.contains(p); p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
      }
      return false;
    };
    const allIn = (root: ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? allIn(el.shadowRoot) : [])]);

    for (const [index, host] of [...document.querySelectorAll(tag)].entries()) {
      const root = host.shadowRoot;
      if (!root) continue;
      const edge = host.getBoundingClientRect().right;
      const where = `${tag}[${index}]`;
      if (edge > innerWidth + 0.5) problems.push({ kind: 'past-widget-edge', detail: `${where} itself ends at ${Math.round(edge)}px, past the ${innerWidth}px window` });
      for (const el of allIn(root)) {
        if (!shown(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.right > edge + 0.5 && !inScroller(el, root)) {
          problems.push({ kind: 'past-widget-edge', detail: `${where} ${describe(el)} ends at ${Math.round(box.right)}px, the widget at ${Math.round(edge)}px` });
        }
        const name = el.tagName.toLowerCase();
        if (['button', 'label', 'summary', 'select', 'legend', 'h2', 'h3', 'h4'].includes(name) || (name === 'a' && el.getAttribute('part'))) {
          const h = el as HTMLElement;
          if (h.scrollWidth > h.clientWidth + 1 && h.clientWidth > 0) problems.push({ kind: 'clipped-text', detail: `${where} ${describe(el)} text ${h.scrollWidth}px wide in a ${h.clientWidth}px box` });
          else if (name === 'button' && h.scrollHeight > h.clientHeight + 1 && h.clientHeight > 0) problems.push({ kind: 'clipped-text', detail: `${where} ${describe(el)} text ${h.scrollHeight}px tall in a ${h.clientHeight}px box` });
        }
        if ((name === 'button' || name === 'select' || (name === 'input' && !['checkbox', 'radio'].includes((el as HTMLInputElement).type))) && box.height < 43.5) {
          problems.push({ kind: 'small-target', detail: `${where} ${describe(el)} is ${Math.round(box.width)}×${Math.round(box.height)}px` });
        }
      }
    }
    // A Latin-script word wider than the box its line is in: overflow-wrap: anywhere breaks it
    // mid-word ("Househo|ld") instead of overflowing, so only measuring finds it. (Thai and Khmer
    // words have no spaces around them; the browser's dictionary decides their breaks.)
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const [index, host] of [...document.querySelectorAll(tag)].entries()) {
      const root = host.shadowRoot;
      if (!root) continue;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Lines may break after a hyphen ("middle-|low-income"), so the parts are the words.
        const words = (node.textContent ?? '').split(/\s+|(?<=-)/).filter((w) => w.length > 3 && /^[\p{Script=Latin}\p{N}().,:;'’\-]+$/u.test(w));
        if (!words.length) continue;
        let block = node.parentElement!;
        if (!shown(block)) continue;
        while (getComputedStyle(block).display.startsWith('inline') && block.parentElement) block = block.parentElement;
        const style = getComputedStyle(block);
        const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (room <= 0) continue;
        const font = getComputedStyle(node.parentElement!);
        canvas.font = `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
        for (const word of words) {
          const width = canvas.measureText(word).width;
          if (width > room + 1) problems.push({ kind: 'broken-word', detail: `${tag}[${index}] "${word}" is ${Math.round(width)}px wide in a ${Math.round(room)}px ${describe(block)}` });
        }
      }
    }
    return problems;
  }, tag);
}
