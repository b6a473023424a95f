/**
 * Hostile catalogue text: every human-readable text in the recorded API answers gets markup that
 * would run if it were ever parsed as HTML (`<script>`, `<img onerror>`), bidi overrides and
 * zero-width characters, and a 500-character word with no break; every catalogue link becomes a
 * `javascript:` URL. The four widgets must draw it all as text: nothing runs, no element comes
 * from the data, no `javascript:` link is live, and nothing sticks out of a 320 px wide page.
 *
 * The answers are changed in place, in this page only (each test file is its own page), so the
 * usual msw handlers serve them.
 */
import { aTimeout, expect, fixture, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../src/application-tracker/define.js';
import '../../src/county-bundle/define.js';
import '../../src/doc-free-check/define.js';
import '../../src/life-event-checklist/define.js';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';
import { trackerHandlers } from '../mocks/application-tracker-handlers.js';
import { countyBundleHandlers } from '../mocks/county-bundle-handlers.js';
import { docFreeCheckOk } from '../mocks/doc-free-check-handlers.js';
import { countiesHandlers } from '../mocks/handlers.js';
import { checklistHandlers } from '../mocks/life-event-checklist-handlers.js';

declare global {
  interface Window {
    __hostile?: string;
  }
}

const LONG_WORD = 'Ｗ'.repeat(20) + 'W'.repeat(480); // 500 characters, no space, no hyphen
const PAYLOAD =
  `<script>window.__hostile='script'</script><img src=x onerror="window.__hostile='img'">` +
  `<svg onload="window.__hostile='svg'"></svg>\u202Egnp.exe\u202C\u200B\u200D\u2060\u202D${LONG_WORD}`;
const HOSTILE_LINK = "javascript:window.__hostile='link'";

// Keys whose strings are not free text: a phone number (made into a tel: link digit by digit),
// a file name (its format is checked), a date kept as text.
const NOT_TEXT = new Set(['phone', 'fileName', 'eventDate']);
/** Human text: has a space or a non-ASCII letter. Ids, codes, dates and enums have neither. */
const isText = (value: string) => /\s|[^\x00-\x7f]/.test(value);

/**
 * The tracker's contract bounds what an agency may write (a contact name up to 100 characters, the
 * office's own status word up to 20): there the payload is cut to fit, markup first.
 */
const CASE_LIMITS: Record<string, number> = { name: 100, agencyWord: 20 };

function poison(value: unknown, key: string, links: boolean, limits: Record<string, number> = {}): unknown {
  if (typeof value === 'string') {
    if (key === 'url' && links) return HOSTILE_LINK;
    if (NOT_TEXT.has(key) || !isText(value)) return value;
    const limit = limits[key];
    if (limit === undefined) return `${value} ${PAYLOAD}`;
    return limit < 40 ? `<svg onload=x>\u202E${value}`.slice(0, limit) : `${PAYLOAD.slice(PAYLOAD.indexOf('<img'))}`.slice(0, limit);
  }
  if (Array.isArray(value)) return value.map((item) => poison(item, key, links, limits));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = poison(v, k, links, limits);
  }
  return value;
}
// Bundle URLs are where files are fetched from and must pass the contract (http(s) or a path);
// that refusal has its own test below. Every other link in the catalogue turns hostile.
for (const [key, answer] of Object.entries(recordedAnswers)) poison(answer, key, !key.startsWith('bundle'), key.startsWith('case.') ? CASE_LIMITS : {});

// A service still loading when a test ends is answered 404 (as for an unknown id), not an msw error.
const worker = setupWorker(http.get('*/v1/services/:id', () => new HttpResponse(null, { status: 404 })));
const base = (label: string) => `https://api-hostile-${label}.onestop.test/`;

/** Every shadow root under `root`, itself included. */
function shadowRoots(root: ShadowRoot): ShadowRoot[] {
  const nested = [...root.querySelectorAll('*')].flatMap((node) => (node.shadowRoot ? shadowRoots(node.shadowRoot) : []));
  return [root, ...nested];
}

/** The four promises, checked on a widget showing hostile data. */
async function expectHarmless(el: HTMLElement) {
  await aTimeout(300); // an <img onerror> would have fired by now
  expect(window.__hostile, 'a payload ran').to.equal(undefined);
  const roots = shadowRoots(el.shadowRoot!);
  const text = roots.map((r) => r.textContent).join(' ');
  expect(text, 'the hostile text is shown, as text').to.contain("<script>window.__hostile='script'</script>");
  const fromData = roots.flatMap((r) => [...r.querySelectorAll('script, img, svg[onload], iframe, object, embed, [onerror], [onload]')]);
  expect(fromData.map((n) => n.outerHTML.slice(0, 80)), 'elements made from the data').to.deep.equal([]);
  const links = roots.flatMap((r) => [...r.querySelectorAll<HTMLAnchorElement>('a[href]')]);
  const unsafe = links.filter((a) => !['http:', 'https:', 'mailto:', 'tel:', 'blob:'].includes(new URL(a.href, document.baseURI).protocol));
  expect(unsafe.map((a) => a.getAttribute('href')), 'live links that are not web, mail or phone').to.deep.equal([]);
  // Layout holds at 320 px: the host and everything in it stay within the page's width.
  const width = document.documentElement.clientWidth;
  expect(width).to.be.at.most(320);
  expect(el.getBoundingClientRect().right, 'the widget sticks out').to.be.at.most(width);
  const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]') ?? el;
  expect(base.scrollWidth, 'the widget scrolls sideways').to.be.at.most(Math.ceil(el.getBoundingClientRect().width));
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(width);
}

describe('hostile catalogue text', function () {
  this.timeout(30_000);
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  after(() => worker.stop());
  beforeEach(async () => {
    delete window.__hostile;
    await setViewport({ width: 320, height: 640 });
  });
  afterEach(async () => {
    worker.resetHandlers();
    await setViewport({ width: 800, height: 600 });
  });

  it('the poisoned fixtures really are poisoned (a guard for the tests below)', () => {
    const death = recordedAnswers['life-event.death.en'] as unknown as { name: string; tasks: Array<{ legalBasis?: Array<{ url?: string }> }> };
    expect(death.name).to.contain(PAYLOAD);
    expect(death.tasks.flatMap((t) => t.legalBasis ?? []).some((b) => b.url === HOSTILE_LINK)).to.equal(true);
  });

  it('life-event checklist: every task opened, nothing runs, no live javascript: link, fits 320 px', async () => {
    worker.use(...checklistHandlers.ok);
    const el = await fixture<HTMLElement>(`<onestop-life-event-checklist api-base="${base('checklist')}" event="death" lang="en" today="2026-01-20"></onestop-life-event-checklist>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="summary"]'), 'the plan did not show', { timeout: 10_000 });
    for (const toggle of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.toggle')) toggle.click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    // The laws behind the tasks had javascript: links: they are shown as plain text now.
    expect(el.shadowRoot!.textContent).to.contain('Civil Code');
    await expectHarmless(el);
  });

  it('document-free check: a service with its documents, legal basis and source, nothing runs, fits 320 px', async () => {
    worker.use(...docFreeCheckOk);
    const el = await fixture<HTMLElement>(`<onestop-doc-free-check api-base="${base('dfc')}" lang="zh-Hant-TW" service="land-inheritance-registration" county="TW-TTT"></onestop-doc-free-check>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.summary'), 'no result shown', { timeout: 10_000 });
    for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
    await expectHarmless(el);
  });

  it('county bundle: the county list and a bundle file by file, nothing runs, fits 320 px', async () => {
    worker.use(countiesHandlers.ok, ...countyBundleHandlers().ok);
    const el = await fixture<HTMLElement>(`<onestop-county-bundle api-base="${base('bundle')}" lang="en" county="TW-TTT" event="death"></onestop-county-bundle>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.card:not(.skeleton)').length > 0, 'no files listed', { timeout: 10_000 });
    await expectHarmless(el);
  });

  it('county bundle: a manifest whose file or ZIP URL is javascript: is refused as a whole, not linked', async () => {
    const bundle = structuredClone(recordedAnswers['bundle.TW-TTT.death.en']) as unknown as { files: Array<{ url: string }>; zip: { url: string } };
    bundle.zip.url = HOSTILE_LINK;
    bundle.files[0].url = ' JaVaScRiPt:window.__hostile="file"';
    worker.use(countiesHandlers.ok, http.get('*/v1/counties/TW-TTT/bundles/death', () => HttpResponse.json(bundle)), ...countyBundleHandlers().ok);
    const el = await fixture<HTMLElement>(`<onestop-county-bundle api-base="${base('bundle-link')}" lang="en" county="TW-TTT" event="death"></onestop-county-bundle>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="bundle"] [role="alert"]'), 'no error', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part="bundle"] [role="alert"]')!.textContent).to.contain('The service sent an answer we cannot read.');
    expect([...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => /script:/i.test(h ?? ''))).to.deep.equal([]);
  });

  it('application tracker: a case whose office texts and notes are hostile, nothing runs, fits 320 px', async () => {
    worker.use(...trackerHandlers.ok);
    const el = await fixture<HTMLElement>(`<onestop-application-tracker api-base="${base('tracker')}" lang="en" case-number="SAMPLE-LAND-INHERIT-01"></onestop-application-tracker>`);
    const code = el.shadowRoot!.querySelector<HTMLInputElement>('#lookup-code')!;
    code.value = 'SAMP-0002';
    code.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => el.shadowRoot!.querySelector('#case-title'), 'no case shown', { timeout: 10_000 });
    await expectHarmless(el);
  });
});
