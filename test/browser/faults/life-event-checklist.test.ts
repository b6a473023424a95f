import { fixture, waitUntil, expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { alertTexts, freshBase, pageStorage, runFaultMatrix } from './driver.js';
import '../../../src/life-event-checklist/define.js';
import type { OnestopLifeEventChecklist } from '../../../src/life-event-checklist/life-event-checklist.js';
import { storageKey } from '../../../src/life-event-checklist/progress.js';
import { checklistHandlers } from '../../mocks/life-event-checklist-handlers.js';

type El = OnestopLifeEventChecklist;
const root = (el: El) => el.shadowRoot!;
const planShown = (el: El) => waitUntil(() => root(el).querySelector('[part="summary"]'), 'the plan did not show', { timeout: 10_000 });
/** "Did the deceased leave any property?": its second choice ("No"). */
const propertyNo = (el: El) => root(el).querySelectorAll<HTMLInputElement>('#q-left-property input')[1];
/** The task the citizen ticked done (its toggle's id), and its box. */
let ticked = '';
const doneBox = (el: El, toggleId: string) => root(el).getElementById(toggleId)?.closest('li')?.querySelector<HTMLInputElement>('input[type="checkbox"]');

const mount = (base: string, lang: string) =>
  fixture<El>(`<onestop-life-event-checklist api-base="${base}" event="death" lang="${lang}" today="2026-01-20"></onestop-life-event-checklist>`);

// A citizen answers a question and ticks a task done, leaves, and comes back while the API fails:
// the plan cannot be drawn, but what they entered must survive and come back with the plan.
runFaultMatrix<El>('<onestop-life-event-checklist>', {
  label: 'checklist',
  // Services that were not recorded answer 404 (as the API does for an unknown id), during a test and after it.
  always: [http.get('*/v1/services/:id', () => new HttpResponse(null, { status: 404 }))],
  working: checklistHandlers.ok,
  async enter(base, lang) {
    const el = await mount(base, lang);
    await planShown(el);
    propertyNo(el).click();
    await el.updateComplete;
    const box = root(el).querySelector<HTMLInputElement>('li input[type="checkbox"]')!;
    ticked = box.closest('li')!.querySelector('button.toggle')!.id;
    box.click();
    await el.updateComplete;
    expect(pageStorage.getItem(storageKey('death'))).to.contain('"left-property":false');
    return el;
  },
  async provoke(el, _base, lang) {
    el.remove();
    return mount(freshBase('checklist'), lang);
  },
  message: (el) => alertTexts(el).join(' | '),
  kept(el, phase) {
    const saved = JSON.parse(pageStorage.getItem(storageKey('death'))!) as { data: { answers: Record<string, unknown>; progress: Record<string, { done?: boolean }> } };
    expect(saved.data.answers['left-property']).to.equal(false);
    expect(Object.values(saved.data.progress).some((p) => p.done)).to.equal(true);
    if (phase === 'recovered') {
      expect(propertyNo(el).checked, 'the answer is shown again').to.equal(true);
      expect(doneBox(el, ticked)?.checked, `${ticked} is still done`).to.equal(true);
    }
  },
  recovered: planShown,
});
