import { aTimeout, expect, fixture, fixtureCleanup, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../src/life-event-checklist/define.js';
import type { OnestopLifeEventChecklist } from '../../src/life-event-checklist/life-event-checklist.js';
import { storageKey } from '../../src/life-event-checklist/progress.js';
import { checklistHandlers } from '../mocks/life-event-checklist-handlers.js';

// A service still loading when a test ends is answered 404 (as for an unknown id), not an error.
const worker = setupWorker(http.get('*/v1/services/:id', () => new HttpResponse(null, { status: 404 })));
let testNumber = 0;
/** A fresh API base per test, so the shared client caches never carry over between tests. */
const freshBase = () => `https://api-${++testNumber}.checklist.test/`;

type El = OnestopLifeEventChecklist;
const root = (el: El) => el.shadowRoot!;
const text = (el: El) => root(el).textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => root(el).querySelector<T>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: El, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const titles = (el: El) => $$(el, 'button.toggle').map((b) => b.textContent!.trim());
const summary = (el: El) => $(el, '[part="summary"]').textContent!.trim();
const planShown = (el: El) => waitUntil(() => root(el).querySelector('[part="summary"]'), 'the plan did not show', { timeout: 8000 });
const toggleFor = (el: El, title: string) => $$<HTMLButtonElement>(el, 'button.toggle').find((b) => b.textContent!.trim() === title)!;
const taskOf = (el: El, title: string) => toggleFor(el, title).closest('li')!;
const doneBox = (el: El, title: string) => taskOf(el, title).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const choice = (el: El, question: string, label: string) =>
  [...root(el).querySelectorAll<HTMLInputElement>(`#q-${question} input`)].find((i) => i.parentElement!.textContent!.trim() === label)!;
const button = (el: El, label: string) => $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === label)!;

const DEATH = 'After a family member dies';
const LAND = "Register the inherited land and buildings in the heirs' names";
const CERTIFICATE = 'Get the death certificate';
const REGISTER = 'Register the death';

async function mount(attrs: Record<string, string> = {}, base = freshBase()): Promise<El> {
  const attributes = Object.entries({ 'api-base': base, ...attrs })
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return fixture<El>(`<onestop-life-event-checklist ${attributes}></onestop-life-event-checklist>`);
}

async function answer(el: El, question: string, label: string) {
  const input = choice(el, question, label);
  expect(input, `${question}: ${label}`).to.exist;
  input.click();
  await el.updateComplete;
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

async function setDate(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Downloads the widget starts, read back instead of saved. */
function captureDownloads() {
  const files: Blob[] = [];
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => (files.push(blob as Blob), 'blob:captured');
  HTMLAnchorElement.prototype.click = function () {};
  return {
    files,
    restore() {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

async function importFile(el: El, content: string, name = 'plan.json') {
  const input = $<HTMLInputElement>(el, '#import-file');
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await waitUntil(() => root(el).querySelector('[part="confirm"]') || $(el, '.notice[role="alert"]').textContent, 'the file was not read', { timeout: 3000 });
  await el.updateComplete;
}

describe('<onestop-life-event-checklist>', function () {
  // A full plan (37 tasks) with axe takes a few seconds on a busy machine.
  this.timeout(20000);
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  after(() => worker.stop());
  beforeEach(() => worker.use(...checklistHandlers.ok));
  afterEach(async () => {
    fixtureCleanup(); // before the handlers go: a removed widget stops its requests
    worker.resetHandlers();
    localStorage.clear();
    await setViewport({ width: 800, height: 900 });
    await emulateMedia({ media: 'screen' });
  });

  it('shows the death plan from the API in Chinese by default; with nothing answered every task is listed', async () => {
    const el = await mount({ event: 'death', today: '2026-01-20' });
    await planShown(el);
    expect($(el, 'h2').textContent).to.equal('家人身後事');
    expect(titles(el)).to.have.length(37);
    expect(summary(el)).to.equal('和您有關的共 37 項，其中 32 項可能需要。 已完成 0 項。');
    expect(text(el)).to.contain('您的回答與進度只會存在這台裝置上');
    await expect(el).to.be.accessible();
  });

  it('answers update the plan at once: no property removes the land tasks and their follow-up questions, and says why', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20' });
    await planShown(el);
    expect(titles(el)).to.include(LAND);
    expect($(el, '#q-owned-property')).to.exist;
    const changed = oneEvent(el, 'onestop-plan-change');
    await answer(el, 'left-property', 'No');
    const event = await changed;
    expect(event.detail.tasks.map((t: { id: string }) => t.id)).not.to.include('D13');
    expect(JSON.stringify(event.detail)).not.to.contain('left-property'); // no answers leave the widget
    expect(titles(el)).not.to.include(LAND);
    expect(root(el).querySelector('#q-owned-property')).to.equal(null);
    const hidden = $<HTMLDetailsElement>(el, '[part="hidden-tasks"]');
    expect(hidden.querySelector('summary')!.textContent).to.match(/Not shown: \d+ tasks that do not apply to you, and why/);
    const landLine = [...hidden.querySelectorAll('li')].find((li) => li.textContent!.includes(LAND))!;
    expect(landLine.textContent!.replace(/\s+/g, ' ')).to.contain(
      'Not shown because you answered: Did the deceased leave any property, such as land, a house, a vehicle, savings or shares? No',
    );
    // Changing the answer brings them back.
    await answer(el, 'left-property', 'Not sure (skip)');
    expect(titles(el)).to.include(LAND);
    await expect(el).to.be.accessible();
  });

  it('a "may apply" task names the question to answer, and its button goes there', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20' });
    await planShown(el);
    const land = taskOf(el, LAND);
    expect(land.querySelector('[part="badge"].badge-maybe')!.textContent).to.equal('May apply');
    toggleFor(el, LAND).click();
    await el.updateComplete;
    expect(toggleFor(el, LAND).getAttribute('aria-expanded')).to.equal('true');
    const body = land.querySelector('.body')!;
    expect(body.textContent).to.contain('This may apply to you. Answer these questions to know:');
    const go = [...body.querySelectorAll<HTMLButtonElement>('button.link')].find((b) => b.textContent!.trim() === 'Did the deceased own land or a building?')!;
    go.click();
    await el.updateComplete;
    await aTimeout(0);
    expect(!!root(el).activeElement?.closest('#q-owned-property'), 'focus in the question').to.equal(true);
    await answer(el, 'owned-property', 'Yes');
    expect(taskOf(el, LAND).querySelector('.badge-maybe')).to.equal(null);
    expect(taskOf(el, LAND).querySelector('.body')!.textContent!.replace(/\s+/g, ' ')).to.contain('Because you answered: Did the deceased own land or a building? Yes');
  });

  it('the date of death gives real last days, moved past Lunar New Year, and what to do next', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20' });
    await planShown(el);
    expect(text(el)).to.contain('Enter the date above to see the last day of each task.');
    await setDate($<HTMLInputElement>(el, '#event-date'), '2026-01-15');
    await el.updateComplete;
    const register = taskOf(el, REGISTER);
    expect(register.querySelector('.meta')!.textContent).to.contain('Last day Mon, Feb 23, 2026 (34 days left)');
    toggleFor(el, REGISTER).click();
    await el.updateComplete;
    expect(register.querySelector('.body')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      "Moved from Sat, Feb 14, 2026 because the offices are closed then (Lunar New Year's Eve, Lunar New Year, Day before Lunar New Year's Eve (in lieu)).",
    );
    expect($(el, '[part="next"]').textContent!.replace(/\s+/g, ' ')).to.contain(`Next: ${CERTIFICATE}`);
    // The registration waits for the certificate; once it is done, the registration is next.
    doneBox(el, CERTIFICATE).click();
    await el.updateComplete;
    expect($(el, '[part="next"]').textContent!.replace(/\s+/g, ' ')).to.contain(`Next: ${REGISTER} — last day Mon, Feb 23, 2026 (34 days left)`);
  });

  it('a half-typed date says so beside the field and keeps the last good date', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20', 'event-date': '2026-01-15' });
    await planShown(el);
    const input = $<HTMLInputElement>(el, '#event-date');
    // What the browser reports while a date is half typed (no value, badInput); keyboard input
    // into the date field's parts cannot be driven from this test runner, so it is simulated.
    Object.defineProperty(input, 'validity', { configurable: true, value: { badInput: true } });
    input.value = '';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect($(el, '#event-date-error').textContent).to.equal('That date is not complete. Enter the day, month and year; until then the last full date is used.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(taskOf(el, REGISTER).querySelector('.meta')!.textContent).to.contain('Last day Mon, Feb 23, 2026');
    await expect(el).to.be.accessible();
  });

  it('shows overdue tasks first when the last day has passed', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-03-01', 'event-date': '2026-01-15' });
    await planShown(el);
    expect($(el, '.group h4').textContent).to.equal('Overdue');
    expect(taskOf(el, REGISTER).querySelector('.badge-overdue')!.textContent).to.equal('Overdue');
    expect(taskOf(el, REGISTER).querySelector('.meta')!.textContent).to.contain('6 days overdue');
    expect(summary(el)).to.contain('overdue.');
  });

  it('says when the office calendar of a year is not published yet', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2027-09-01', 'event-date': '2027-08-31' });
    await planShown(el);
    expect(text(el)).to.contain("The government's office calendar for 2027, 2028 is not published yet.");
  });

  it('a deadline that starts on a day only the citizen knows asks for it', async () => {
    const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20', 'event-date': '2026-01-15' });
    await planShown(el);
    await answer(el, 'had-debts', 'Yes');
    const renounce = titles(el).find((t) => t.startsWith('Give up the inheritance')) ?? titles(el).find((t) => /renounce/i.test(t))!;
    toggleFor(el, renounce).click();
    await el.updateComplete;
    const body = taskOf(el, renounce).querySelector('.body')!;
    expect(body.textContent).to.contain('The clock starts on a day only you know. Answer this to see the last day:');
    await setDate($<HTMLInputElement>(el, '#q-learned-heir-date'), '2026-01-20');
    await el.updateComplete;
    expect(taskOf(el, renounce).querySelector('.meta')!.textContent).to.contain('Last day Mon, Apr 20, 2026');
  });

  it('can be used with the keyboard alone: a question, the date, then ticking a task', async () => {
    const wrapper = fixtureSync<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <onestop-life-event-checklist api-base=${freshBase()} event="death" lang="en" today="2026-01-20"></onestop-life-event-checklist>
    </div>`);
    const el = wrapper.querySelector('onestop-life-event-checklist')!;
    await planShown(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Go to your plan');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement!.id).to.equal('event-date');
    // Into the first question: the checked "Not sure (skip)" radio takes the focus; arrows answer.
    for (let i = 0; i < 5 && root(el).activeElement!.id === 'event-date'; i++) await sendKeys({ press: 'Tab' });
    expect(!!root(el).activeElement!.closest('#q-death-place'), `focus in the first question, not ${root(el).activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(choice(el, 'death-place', 'Elsewhere (for example an accident)').checked).to.equal(true);
    expect(taskOf(el, 'Have the death confirmed by the health station (death outside hospital)').querySelector('.badge-maybe')).to.equal(null);
    // Back up to "Go to your plan", jump to the plan, and on to the "next" task.
    for (let i = 0; i < 6 && root(el).activeElement!.textContent!.trim() !== 'Go to your plan'; i++) await shiftTab();
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Go to your plan');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).activeElement === $(el, '[part="summary"]'), 'focus on the summary').to.equal(true);
    button(el, 'Show this task').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const toggle = root(el).activeElement as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const title = toggle.textContent!.trim();
    await shiftTab();
    expect(root(el).activeElement === doneBox(el, title), 'focus on the tick box').to.equal(true);
    const ticked = oneEvent(el, 'onestop-task-toggle');
    await sendKeys({ press: 'Space' });
    const event = await ticked;
    expect(event.detail).to.deep.equal({ event: 'death', task: event.detail.task, done: true });
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(summary(el)).to.contain('1 done.');
    expect(taskOf(el, title).querySelector('[part="badge"]')!.textContent).to.equal('Done');
  });

  it('a question that has its own "Not sure" answer gets no second one', async () => {
    const el = await mount({ event: 'death', lang: 'en' });
    await planShown(el);
    const labels = $$(el, '#q-life-insurance label').map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Yes', 'No', 'Not sure']);
  });

  it('follows a language change at runtime and keeps the answers', async () => {
    const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="en">
      <onestop-life-event-checklist api-base=${freshBase()} event="death"></onestop-life-event-checklist>
    </div>`);
    const el = wrapper.querySelector('onestop-life-event-checklist')!;
    await planShown(el);
    await answer(el, 'left-property', 'No');
    wrapper.lang = 'zh-Hant-TW';
    await waitUntil(() => root(el).querySelector('h2')?.textContent === '家人身後事', 'did not switch to Chinese', { timeout: 8000 });
    await planShown(el);
    expect(choice(el, 'left-property', '否').checked).to.equal(true);
    expect(titles(el)).not.to.include('辦理土地、房屋的繼承登記');
  });

  it('keeps progress on the device: ticks, notes and names survive a reload', async () => {
    const base = freshBase();
    const first = await mount({ event: 'death', lang: 'en', today: '2026-01-20' }, base);
    await planShown(first);
    await answer(first, 'left-property', 'No');
    await setDate($<HTMLInputElement>(first, '#event-date'), '2026-01-15');
    doneBox(first, CERTIFICATE).click();
    toggleFor(first, REGISTER).click();
    await first.updateComplete;
    const who = $<HTMLInputElement>(first, '#who-D07');
    who.value = 'Mei (sample)';
    who.dispatchEvent(new Event('input'));
    const note = $<HTMLTextAreaElement>(first, '#note-D07');
    note.value = 'Bring two copies';
    note.dispatchEvent(new Event('input'));
    await first.updateComplete;
    first.remove();

    const again = await mount({ event: 'death', lang: 'en', today: '2026-01-20' }, base);
    await planShown(again);
    expect(choice(again, 'left-property', 'No').checked).to.equal(true);
    expect($<HTMLInputElement>(again, '#event-date').value).to.equal('2026-01-15');
    expect(doneBox(again, CERTIFICATE).checked).to.equal(true);
    expect(taskOf(again, REGISTER).querySelector('.meta')!.textContent).to.contain('Who: Mei (sample)');
    expect($<HTMLTextAreaElement>(again, '#note-D07').value).to.equal('Bring two copies');
    expect(text(again)).to.contain('Your answers and progress are kept on this device only.');
  });

  it('persist="false" keeps nothing on the device', async () => {
    const el = await mount({ event: 'death', lang: 'en', persist: 'false' });
    await planShown(el);
    doneBox(el, CERTIFICATE).click();
    await el.updateComplete;
    expect(localStorage.getItem(storageKey('death'))).to.equal(null);
    expect(text(el)).to.contain('Your answers and progress are not kept after you leave this page.');
  });

  it('a saved copy that cannot be read is set aside with a clear message, and the widget starts afresh', async () => {
    localStorage.setItem(storageKey('death'), '{"v":1,"savedAt":1,"data":{"eventDate":"soon","answers":{},"progress":{}}}');
    const el = await mount({ event: 'death', lang: 'en' });
    await planShown(el);
    expect(text(el)).to.contain('The progress kept on this device could not be read, so it was set aside and you start afresh.');
    expect(localStorage.getItem(`${storageKey('death')}:corrupt`)).to.contain('soon');
    await expect(el).to.be.accessible();
  });

  it('export then import on another device reproduces the same plan', async () => {
    const downloads = captureDownloads();
    try {
      const first = await mount({ event: 'death', lang: 'en', today: '2026-01-20' });
      await planShown(first);
      await answer(first, 'left-property', 'Yes');
      await answer(first, 'owned-property', 'Yes');
      await setDate($<HTMLInputElement>(first, '#event-date'), '2026-01-15');
      doneBox(first, CERTIFICATE).click();
      await first.updateComplete;
      button(first, 'Save progress to a file').click();
      await first.updateComplete;
      expect($(first, '.notice[role="status"]').textContent).to.contain('Your progress was saved to a file.');
      const saved = await downloads.files[0].text();
      const before = { titles: titles(first), summary: summary(first) };
      first.remove();
      localStorage.clear(); // another device

      const other = await mount({ event: 'death', lang: 'en', today: '2026-01-20' });
      await planShown(other);
      expect(summary(other)).not.to.equal(before.summary);
      await importFile(other, saved);
      expect($(other, '[part="confirm"]').textContent).to.contain('Replace the progress on this device with the file saved on');
      expect(root(other).activeElement!.textContent!.trim()).to.equal('Yes, replace it');
      button(other, 'Yes, replace it').click();
      await other.updateComplete;
      expect(titles(other)).to.deep.equal(before.titles);
      expect(summary(other)).to.equal(before.summary);
      expect(doneBox(other, CERTIFICATE).checked).to.equal(true);
      expect($(other, '.notice[role="status"]').textContent).to.equal('Progress loaded from the file.');
    } finally {
      downloads.restore();
    }
  });

  for (const [name, content, message] of [
    ['not a plan at all', 'a holiday photo', 'That file is not a plan saved by this service.'],
    ['a plan for another life event', JSON.stringify({ format: 'onestop-life-event-plan', version: 1, event: 'birth', eventDate: null, answers: {}, progress: {} }), 'That file is a plan for another life event (birth).'],
    ['a damaged plan', JSON.stringify({ format: 'onestop-life-event-plan', version: 1, event: 'death', eventDate: null, answers: {}, progress: { D02: { done: 'maybe' } } }), 'That file is damaged or was changed, so it cannot be read.'],
  ] as const) {
    it(`rejects an import file that is ${name} with a clear message, and keeps the current progress`, async () => {
      const el = await mount({ event: 'death', lang: 'en' });
      await planShown(el);
      doneBox(el, CERTIFICATE).click();
      await el.updateComplete;
      await importFile(el, content);
      const alert = $(el, '.notice[role="alert"]');
      expect(alert.textContent).to.equal(`${message} Your current progress is kept.`);
      expect(root(el).querySelector('[part="confirm"]')).to.equal(null);
      expect(doneBox(el, CERTIFICATE).checked).to.equal(true);
      expect(summary(el)).to.contain('1 done.');
      await expect(el).to.be.accessible();
    });
  }

  it('clears everything with one button, after a confirmation that can be cancelled', async () => {
    const el = await mount({ event: 'death', lang: 'en', county: 'TW-TTT' });
    await planShown(el);
    doneBox(el, CERTIFICATE).click();
    await el.updateComplete;
    button(el, 'Clear my answers and progress').click();
    await el.updateComplete;
    expect($(el, '[part="confirm"]').textContent).to.contain('This cannot be undone.');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await el.updateComplete;
    expect(doneBox(el, CERTIFICATE).checked).to.equal(true);
    expect(root(el).activeElement!.id).to.equal('clear-button');

    button(el, 'Clear my answers and progress').click();
    await el.updateComplete;
    button(el, 'Yes, clear everything').click();
    await el.updateComplete;
    expect(doneBox(el, CERTIFICATE).checked).to.equal(false);
    expect(localStorage.getItem(storageKey('death'))).to.equal(null);
    expect($(el, '.notice[role="status"]').textContent).to.equal('Your answers and progress were cleared from this device.');
    // The webmaster's county stays answered.
    expect($<HTMLSelectElement>(el, '#q-county').value).to.equal('TW-TTT');
  });

  it('groups by office ("one trip") or topic as the citizen prefers, offering only what the webmaster set', async () => {
    const el = await mount({ event: 'death', lang: 'en', groupings: 'office category', county: 'ttt' });
    await planShown(el);
    const legend = $(el, '.grouping legend').textContent;
    expect(legend).to.equal('Group the tasks by');
    expect($$(el, '.grouping label').map((l) => l.textContent!.trim())).to.deep.equal(['Office to visit', 'Topic']);
    const taxOffice = $$(el, '.group').find((g) => g.querySelector('h4')!.textContent === 'National Taxation Bureau branch or office')!;
    expect(taxOffice.querySelector('.hint')!.textContent).to.equal('One trip can cover these 3 tasks.');
    expect(taskOf(el, REGISTER).querySelector('.meta')!.textContent).to.contain('Household registration office in Taitung County');
    $$<HTMLInputElement>(el, '.grouping input')[1].click();
    await el.updateComplete;
    expect($$(el, '.group h4').map((h) => h.textContent)).to.include('Estate tax');
  });

  it('lists what to bring, with documents a linked service accepts in a lighter form and why', async () => {
    const el = await mount({ event: 'death', lang: 'en' });
    await planShown(el);
    await answer(el, 'left-property', 'Yes');
    await answer(el, 'owned-property', 'Yes');
    toggleFor(el, LAND).click();
    await el.updateComplete;
    await waitUntil(() => !taskOf(el, LAND).textContent!.includes('Checking which documents are waived'), 'waivers not loaded', { timeout: 5000 });
    const documents = taskOf(el, LAND).querySelector('.documents')!;
    const transcript = [...documents.querySelectorAll('li')].find((li) => li.textContent!.startsWith('Household transcript of a removed (deceased) person'))!;
    expect(transcript.textContent!.replace(/\s+/g, ' ')).to.contain('or instead: Electronic household transcript');
    expect(transcript.textContent).to.contain('This may change with the answer to:');
  });

  it('shows tasks the government does unasked as "nothing to do", without a tick box', async () => {
    const el = await mount({ event: 'birth', lang: 'en' });
    await planShown(el);
    const reports = taskOf(el, 'The hospital reports the birth');
    expect(reports.querySelector('[part="badge"]')!.textContent).to.equal('Nothing to do');
    expect(reports.querySelector('input[type="checkbox"]')).to.equal(null);
    expect(summary(el)).to.match(/^\d+ tasks for you/);
  });

  it('says so when a life event has no tasks, without asking questions', async () => {
    worker.resetHandlers(...checklistHandlers.noTasks);
    const el = await mount({ event: 'death', lang: 'en' });
    await waitUntil(() => text(el).includes('This life event has no tasks yet.'), 'no empty state', { timeout: 8000 });
    expect(root(el).querySelector('.question')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when the API lists no life events, with a retry', async () => {
    worker.resetHandlers(...checklistHandlers.emptyList);
    const el = await mount({ lang: 'en' });
    await waitUntil(() => text(el).includes('No life events are available right now.'), 'no empty state', { timeout: 8000 });
    expect(button(el, 'Try again')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('offers the life events from the API when no event is set, and back', async () => {
    const el = await mount({ lang: 'en' });
    await waitUntil(() => root(el).querySelector('.events button'), 'no list', { timeout: 5000 });
    expect($(el, 'h2').textContent).to.equal('What has happened?');
    expect($$(el, '.events button').map((b) => b.textContent)).to.include(DEATH);
    await expect(el).to.be.accessible();
    button(el, DEATH).click();
    await planShown(el);
    expect(el.getAttribute('event')).to.equal('death');
    expect(root(el).activeElement === $(el, 'h2'), 'focus on the heading').to.equal(true);
    button(el, 'Choose another life event').click();
    await waitUntil(() => root(el).activeElement === $(el, '.events button'), 'focus did not go back to the list', { timeout: 5000 });
  });

  it('downloads the last days as an .ics file and as text, and shows them as text', async () => {
    const downloads = captureDownloads();
    try {
      const el = await mount({ event: 'death', lang: 'en', today: '2026-01-20', 'event-date': '2026-01-15' });
      await planShown(el);
      button(el, 'Add the last days to a calendar (.ics)').click();
      const ics = await downloads.files[0].text();
      expect(downloads.files[0].type).to.equal('text/calendar');
      expect(ics).to.contain('DTSTART;VALUE=DATE:20260223');
      expect(ics).to.contain('SUMMARY:Last day: Register the death');
      button(el, 'Download the last days as text').click();
      expect(await downloads.files[1].text()).to.contain('Mon, Feb 23, 2026: Register the death');
      button(el, 'Show the last days as text').click();
      await el.updateComplete;
      expect($(el, '#deadlines-text').textContent).to.contain('Mon, Feb 23, 2026: Register the death');
    } finally {
      downloads.restore();
    }
  });

  it('shows a loading state that reserves space and is announced', async () => {
    worker.resetHandlers(...checklistHandlers.loading);
    const el = await mount({ event: 'death', lang: 'en' });
    expect($(el, '[part="base"]').getAttribute('aria-busy')).to.equal('true');
    expect($(el, '[role="status"]').textContent).to.contain('Loading your plan…');
    expect(el.getBoundingClientRect().height).to.be.at.least(300);
    await expect(el).to.be.accessible();
  });

  it('shows a plain error with a retry when the server fails, and recovers', async () => {
    worker.resetHandlers(...checklistHandlers.serverError);
    const el = await mount({ event: 'death', lang: 'en' });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no error', { timeout: 8000 });
    expect(text(el)).to.contain('The service has a problem right now.');
    await expect(el).to.be.accessible();
    worker.resetHandlers(...checklistHandlers.ok);
    button(el, 'Try again').click();
    await planShown(el);
  });

  it('refuses an answer that breaks the contract rather than drawing half a plan', async () => {
    worker.resetHandlers(...checklistHandlers.contractBreak);
    const el = await mount({ event: 'death', lang: 'en' });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no error', { timeout: 8000 });
    expect(text(el)).to.contain('The service sent an answer we cannot read.');
    expect(root(el).querySelector('button.toggle')).to.equal(null);
  });

  it('offline, shows the last good plan with its date', async () => {
    const base = freshBase();
    const first = await mount({ event: 'death', lang: 'en' }, base);
    await planShown(first);
    first.remove();
    worker.resetHandlers(...checklistHandlers.networkError);
    const el = await mount({ event: 'death', lang: 'en' }, base);
    await waitUntil(() => root(el).querySelector('[part="stale-notice"]'), 'no offline notice', { timeout: 8000 });
    expect(titles(el)).to.have.length(37);
    await expect(el).to.be.accessible();
  });

  it('without the office calendar, says holidays are not counted', async () => {
    worker.resetHandlers(...checklistHandlers.noCalendar);
    const el = await mount({ event: 'death', lang: 'en', 'event-date': '2026-01-15', today: '2026-01-20' });
    await planShown(el);
    expect(text(el)).to.contain('The office calendar could not be loaded, so holidays are not counted.');
  });

  it('prints the plan with dates, tick boxes and details, without the questions and buttons', async () => {
    const el = await mount({ event: 'death', lang: 'en', 'event-date': '2026-01-15', today: '2026-01-20' });
    await planShown(el);
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle($(el, '[part="questions"]')).display).to.equal('none');
    expect(getComputedStyle($(el, '#body-D07')).display).to.equal('block');
    expect(getComputedStyle(doneBox(el, REGISTER)).display).not.to.equal('none');
    expect(getComputedStyle($(el, '.print-answers')).display).to.equal('block');
    expect($(el, '.print-answers').textContent).to.contain('Date of death');
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount({ event: 'death', lang: 'en', 'event-date': '2026-01-15' });
    await planShown(el);
    button(el, 'Show all task details').click();
    await el.updateComplete;
    await aTimeout(0);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect($(el, '[part="base"]').scrollWidth).to.be.at.most(Math.ceil(el.getBoundingClientRect().width));
  });
});
