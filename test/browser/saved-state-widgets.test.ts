/**
 * What a widget does with a saved copy it cannot use: written by a newer version of the widgets
 * (another tab already updated, or a rollback), or corrupt (not JSON, or not the shape). Either
 * way the widget starts (fresh where it must), says so where the citizen's own progress is at
 * stake, never overwrites a newer copy, sets a corrupt one aside, and throws nothing uncaught.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { pageStorage, watchUncaught } from './faults/driver.js';
import '../../src/application-tracker/define.js';
import '../../src/life-event-checklist/define.js';
import { SAVED_CASES_KEY } from '../../src/application-tracker/lookup-input.js';
import { storageKey } from '../../src/life-event-checklist/progress.js';
import { trackerHandlers } from '../mocks/application-tracker-handlers.js';
import { checklistHandlers } from '../mocks/life-event-checklist-handlers.js';

const worker = setupWorker(http.get('*/v1/services/:id', () => new HttpResponse(null, { status: 404 })));
let n = 0;
const base = () => `https://api-saved-${++n}.onestop.test/`;
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

const NEWER = JSON.stringify({ v: 99, savedAt: 1, data: { somethingOnlyV99Knows: [1, 2, 3] } });
const CORRUPT = [
  ['not JSON', '{"v":1,"savedAt":1,"data":{"answ'],
  ['JSON without a version', '[1,2,3]'],
  ['the right version with the wrong shape', '{"v":1,"savedAt":1,"data":{"answers":"everything","progress":7}}'],
] as const;

describe('saved state a widget cannot use', function () {
  this.timeout(20_000);
  let uncaught: ReturnType<typeof watchUncaught>;
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  after(() => worker.stop());
  beforeEach(() => (uncaught = watchUncaught()));
  afterEach(() => {
    uncaught.stop();
    worker.resetHandlers();
    pageStorage.clear();
    expect(uncaught.seen, 'thrown uncaught').to.deep.equal([]);
  });

  async function checklist() {
    worker.use(...checklistHandlers.ok);
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
      `<onestop-life-event-checklist api-base="${base()}" event="death" lang="en" today="2026-01-20"></onestop-life-event-checklist>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="summary"]'), 'the plan did not show', { timeout: 10_000 });
    return el;
  }

  it('checklist, newer copy: a fresh plan, a message, and the newer copy left exactly as it was after changes', async () => {
    pageStorage.setItem(storageKey('death'), NEWER);
    const el = await checklist();
    expect(text(el)).to.contain('Progress saved here by a newer version of this service is kept as it was. Changes you make now are not kept.');
    el.shadowRoot!.querySelector<HTMLInputElement>('li input[type="checkbox"]')!.click();
    await el.updateComplete;
    expect(pageStorage.getItem(storageKey('death'))).to.equal(NEWER);
  });

  for (const [what, raw] of CORRUPT) {
    it(`checklist, ${what}: a fresh plan, a message, the copy set aside, and new progress kept again`, async () => {
      pageStorage.setItem(storageKey('death'), raw);
      const el = await checklist();
      expect(text(el)).to.contain('The progress kept on this device could not be read, so it was set aside and you start afresh.');
      expect(pageStorage.getItem(`${storageKey('death')}:corrupt`)).to.equal(raw);
      el.shadowRoot!.querySelector<HTMLInputElement>('li input[type="checkbox"]')!.click();
      await el.updateComplete;
      expect(JSON.parse(pageStorage.getItem(storageKey('death'))!).v).to.equal(1);
    });
  }

  async function trackerLookUp() {
    worker.use(...trackerHandlers.ok);
    const el = await fixture<HTMLElement>(`<onestop-application-tracker api-base="${base()}" lang="en" case-number="SAMPLE-LAND-INHERIT-01"></onestop-application-tracker>`);
    const code = el.shadowRoot!.querySelector<HTMLInputElement>('#lookup-code')!;
    code.value = 'SAMP-0002';
    code.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => el.shadowRoot!.querySelector('#case-title'), 'no case shown', { timeout: 10_000 });
    return el;
  }

  it('tracker, newer list of case numbers: look-ups work, nothing offered to remember, the list untouched', async () => {
    pageStorage.setItem(SAVED_CASES_KEY, NEWER);
    const el = await trackerLookUp();
    expect(!!el.shadowRoot!.querySelector('#remember'), 'a remember box that could not keep its promise').to.equal(false);
    expect(pageStorage.getItem(SAVED_CASES_KEY)).to.equal(NEWER);
  });

  for (const [what, raw] of CORRUPT) {
    it(`tracker, ${what}: look-ups work and the unreadable list is set aside`, async () => {
      pageStorage.setItem(SAVED_CASES_KEY, raw);
      await trackerLookUp();
      expect(pageStorage.getItem(`${SAVED_CASES_KEY}:corrupt`)).to.equal(raw);
      expect(pageStorage.getItem(SAVED_CASES_KEY)).to.equal(null);
    });
  }
});
