import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import '../../src/life-event-checklist/define.js';
import type { OnestopLifeEventChecklist } from '../../src/life-event-checklist/life-event-checklist.js';
import { checklistHandlers } from '../mocks/life-event-checklist-handlers.js';

const worker = setupWorker();
let testNumber = 0;
/** A fresh API base per test, so the shared client caches never carry over between tests. */
const freshBase = () => `https://api-${++testNumber}.checklist.test/`;

type El = OnestopLifeEventChecklist;
const root = (el: El) => el.shadowRoot!;
const text = (el: El) => root(el).textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => root(el).querySelector<T>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: El, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const taskTitles = (el: El) => $$(el, 'button.toggle').map((b) => b.textContent!.trim());
const planShown = (el: El) => waitUntil(() => root(el).querySelector('[part="summary"]'), 'the plan did not show', { timeout: 8000 });
const toggleFor = (el: El, title: string) => $$<HTMLButtonElement>(el, 'button.toggle').find((b) => b.textContent!.trim() === title)!;
const taskOf = (el: El, title: string) => toggleFor(el, title).closest('li')!;
const radio = (el: El, question: string, label: string) =>
  [...root(el).querySelectorAll<HTMLInputElement>(`#q-${question} input`)].find((i) => i.parentElement!.textContent!.trim() === label)!;

async function mount(attrs: Record<string, string> = {}, base = freshBase()) {
  const el = await fixture<El>(html`<onestop-life-event-checklist api-base=${base}></onestop-life-event-checklist>`);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

async function answer(el: El, question: string, label: string) {
  const input = radio(el, question, label);
  expect(input, `${question}: ${label}`).to.exist;
  input.click();
  await el.updateComplete;
}

describe('<onestop-life-event-checklist>', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  after(() => worker.stop());
  beforeEach(() => worker.use(...checklistHandlers.ok));
  afterEach(async () => {
    worker.resetHandlers();
    localStorage.clear();
    await setViewport({ width: 800, height: 900 });
    await emulateMedia({ media: 'screen' });
  });

  it('shows the death plan from the API in Chinese by default, every task "may apply" until asked', async () => {
    const el = await mount({ event: 'death', today: '2026-01-20' });
    await planShown(el);
    expect($(el, 'h2').textContent).to.equal('家人身後事');
    expect(taskTitles(el)).to.have.length(37);
    expect($(el, '[part="summary"]').textContent).to.contain('37');
    await expect(el).to.be.accessible();
  });
});
