import { pageStorage } from './page-storage.js';
import { aTimeout, expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import '../../src/application-tracker/define.js';
import type { OnestopApplicationTracker } from '../../src/application-tracker/application-tracker.js';
import type { OnestopCaseStatusEvent } from '../../src/application-tracker/events.js';
import { recordedAnswers } from '../fixtures/recorded/api-answers.js';
import { changingCase, sampleCase, trackerHandlers, withEvent } from '../mocks/application-tracker-handlers.js';


const worker = setupWorker();
let testNumber = 0;
/** A fresh API base per test, so the shared client caches never carry over between tests. */
const freshBase = () => `https://api-tracker-${++testNumber}.onestop.test/`;

type El = OnestopApplicationTracker;
const shadow = (el: El) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => shadow(el).querySelector<T & Element>(selector) as T | null;
const text = (node: El | Element | null) => ((node instanceof Element && 'shadowRoot' in node && node.shadowRoot ? node.shadowRoot : node)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const input = (el: El, id: 'case-number' | 'lookup-code') => $<HTMLInputElement>(el, `#${id}`)!;
const caseShown = (el: El) => waitUntil(() => $(el, '#case-title'), 'no case shown', { timeout: 5000 });
const alertShown = (el: El) => waitUntil(() => $(el, '.result [role="alert"]'), 'no message shown', { timeout: 5000 });
const live = (el: El) => $(el, '[aria-live="polite"]')!;

const LAND = recordedAnswers['case.SAMPLE-LAND-INHERIT-01'];
const needsMore = LAND.events[LAND.events.length - 1] as (typeof LAND.events)[2];
const statusName = (lang: 'en' | 'zh-Hant-TW', id: string) => recordedAnswers[`case-statuses.${lang}`].statuses.find((s) => s.id === id)!;
const fullDate = (isoDate: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

async function mount(attributes: { lang?: string; caseNumber?: string } = {}, base = freshBase()) {
  return fixture<El>(
    html`<onestop-application-tracker api-base=${base} lang=${attributes.lang ?? 'en'} case-number=${attributes.caseNumber ?? ''}></onestop-application-tracker>`,
  );
}

/** Types into a field like a person: focus, select what is there, type. */
async function typeInto(el: El, id: 'case-number' | 'lookup-code', value: string) {
  const field = input(el, id);
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  if (value) await sendKeys({ type: value });
}

async function lookUp(el: El, caseNumber: string, code: string) {
  await typeInto(el, 'case-number', caseNumber);
  await typeInto(el, 'lookup-code', code);
  await sendKeys({ press: 'Enter' });
}

/** Every URL the page asked for, and every body it sent. */
const sent: Array<{ url: string; body: string }> = [];
worker.events.on('request:start', async ({ request }) => {
  sent.push({ url: request.url, body: request.method === 'POST' ? await request.clone().text() : '' });
});

/**
 * Whether the page looks visible to the widget. Test files run two at a time, so this page may
 * really be a background tab (hidden): tests that need the widget to check for updates say
 * "visible" themselves.
 */
function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}
const restoreVisibility = () => delete (document as unknown as { visibilityState?: string }).visibilityState;

function setOffline(offline: boolean) {
  if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as unknown as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

describe('<onestop-application-tracker>', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  after(() => worker.stop());
  beforeEach(() => (sent.length = 0));
  afterEach(async () => {
    worker.resetHandlers();
    localStorage.clear();
    restoreVisibility();
    delete (navigator as unknown as { onLine?: boolean }).onLine;
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ media: 'screen' });
  });

  describe('the form', () => {
    it('asks for the case number and the lookup code, with the receipt format, and nothing else happens yet', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      expect(text($(el, 'label[for="case-number"]'))).to.equal('Case number');
      expect(text($(el, '#case-number-hint'))).to.contain('OS-2025-7K3M9QXD');
      expect(text($(el, 'label[for="lookup-code"]'))).to.equal('Lookup code');
      expect(text($(el, '#lookup-code-hint'))).to.contain('7K3M-9QXD');
      expect(text($(el, '#lookup-code-hint'))).to.contain('never saved');
      const code = input(el, 'lookup-code');
      expect(code.getAttribute('autocomplete')).to.equal('off');
      expect(code.type).to.equal('text');
      expect(code.getAttribute('inputmode')).to.equal('text');
      expect(code.getAttribute('autocapitalize')).to.equal('characters');
      expect(code.getAttribute('aria-describedby')).to.equal('lookup-code-hint');
      expect(input(el, 'case-number').getAttribute('spellcheck')).to.equal('false');
      expect($<HTMLInputElement>(el, '#remember')!.checked).to.equal(false);
      expect(text($(el, 'button[type="submit"]'))).to.equal('Check my case');
      expect($(el, '.saved')).to.equal(null);
      expect(sent).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('fills in the case number the page gives, never a code', async () => {
      const el = await mount({ caseNumber: 'SAMPLE-LAND-INHERIT-01' });
      expect(input(el, 'case-number').value).to.equal('SAMPLE-LAND-INHERIT-01');
      expect(input(el, 'lookup-code').value).to.equal('');
    });

    it('empty: says what is missing beside each field, focuses the first, sends nothing', async () => {
      const el = await mount();
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await el.updateComplete;
      await waitUntil(() => shadow(el).activeElement === input(el, 'case-number'), 'case number not focused');
      expect(text($(el, '#case-number-error'))).to.contain('Enter the case number from your receipt.');
      expect(text($(el, '#lookup-code-error'))).to.contain('Enter the lookup code from your receipt.');
      expect(input(el, 'case-number').getAttribute('aria-invalid')).to.equal('true');
      expect(input(el, 'case-number').getAttribute('aria-describedby')).to.equal('case-number-hint case-number-error');
      expect(sent).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('a code of the wrong shape: a clear message, and what was typed stays', async () => {
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-002');
      await waitUntil(() => $(el, '#lookup-code-error'), 'no code error');
      expect(text($(el, '#lookup-code-error'))).to.contain('The lookup code has 8 letters or digits, for example 7K3M-9QXD.');
      expect($(el, '#case-number-error')).to.equal(null);
      expect(input(el, 'lookup-code').value).to.equal('SAMP-002');
      expect(input(el, 'case-number').value).to.equal('SAMPLE-LAND-INHERIT-01');
      expect(shadow(el).activeElement).to.equal(input(el, 'lookup-code'));
      expect(sent).to.have.length(0);
    });

    it('a case number of the wrong shape says how it looks on the receipt', async () => {
      const el = await mount();
      await lookUp(el, 'OS/2025/7K3M', 'SAMP-0002');
      await waitUntil(() => $(el, '#case-number-error'), 'no number error');
      expect(text($(el, '#case-number-error'))).to.contain('letters and digits joined by hyphens');
      expect(input(el, 'case-number').value).to.equal('OS/2025/7K3M');
    });

    it('the message goes once the field is corrected', async () => {
      const el = await mount();
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => $(el, '#case-number-error'));
      await typeInto(el, 'case-number', 'S');
      await el.updateComplete;
      expect($(el, '#case-number-error')).to.equal(null);
      expect($(el, '#lookup-code-error')).to.not.equal(null);
    });
  });

  describe('a case that needs more from the citizen (SAMPLE-LAND-INHERIT-01)', () => {
    it('shows the service, the status in plain words and the office\'s own word, and exactly what to bring by when', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'sample-land-inherit-01', 'samp0002');
      await caseShown(el);
      await waitUntil(() => shadow(el).activeElement === $(el, '#case-title'), 'the case heading did not take focus');
      expect(text($(el, '#case-title'))).to.equal(recordedAnswers['service.land-inheritance-registration.en'].name);
      expect(text($(el, '.case-no-line'))).to.contain('SAMPLE-LAND-INHERIT-01');

      const status = $(el, '[part="status"]')!;
      expect(text(status.querySelector('.status-name'))).to.equal(statusName('en', 'needs-more').name);
      expect(text(status)).to.contain('The office\'s own word: 補正');
      expect(text(status)).to.contain(LAND.status.office.en);

      const action = $(el, '[part="action"]')!;
      expect(text(action.querySelector('h3'))).to.equal('What you need to do');
      expect(text(action)).to.contain(needsMore.action.text.en);
      expect(text(action)).to.contain(`By ${fullDate(needsMore.action.dueDate, 'en')}.`);
      expect(text(action)).to.match(/days from today\.|That is today\.|That is tomorrow\.|days ago: call your contact person now\./);
      expect(text(action)).to.contain(`Where: ${LAND.receivingOffice.office.en}`);

      expect(text($(el, '[part="next"]'))).to.contain(statusName('en', 'needs-more').whatNext);
      await expect(el).to.be.accessible();
    });

    it('shows the named contact with a phone link, the expected completion and how sure it is, on hold while the office waits', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      const facts = text($(el, '.facts'));
      expect(facts).to.contain('Your contact person');
      expect(facts).to.contain(LAND.contact.name);
      const phone = $<HTMLAnchorElement>(el, 'a[href^="tel:"]')!;
      expect(phone.getAttribute('href')).to.equal('tel:0200000002,215');
      expect(text(phone)).to.equal(`Phone: ${LAND.contact.phone}`);
      expect(facts).to.contain('Expected to be finished');
      expect(facts).to.contain('The office\'s own target for cases like this, not a promise.');
      expect(facts).to.contain('While the office waits for what you send, its time stops');
      expect(facts).to.contain(`Received by ${LAND.receivingOffice.office.en}`);
    });

    it('shows the history as an ordered list, oldest first, with dates in the reader\'s language on Taiwan time', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      const timeline = $(el, 'ol[part="timeline"]')!;
      expect(timeline.getAttribute('aria-labelledby')).to.equal('history-title');
      const events = [...timeline.querySelectorAll('li.event')];
      expect(events).to.have.length(LAND.events.length);
      expect(events.map((li) => text(li.querySelector('.event-status')))).to.deep.equal(LAND.events.map((e) => statusName('en', e.status).name));
      const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Taipei' }).format(new Date(LAND.events[0].at));
      expect(text(events[0].querySelector('time'))).to.equal(when);
      expect(events[0].querySelector('time')!.getAttribute('datetime')).to.equal(new Date(LAND.events[0].at).toISOString());
      expect(text(events[2])).to.contain(needsMore.note.en);
    });

    it('in Chinese: the status and what next from the API\'s Chinese vocabulary, the office\'s texts in Chinese', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount({ lang: 'zh-Hant-TW' });
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('zh-Hant-TW', 'needs-more').name);
      expect(text($(el, '[part="next"]'))).to.contain(statusName('zh-Hant-TW', 'needs-more').whatNext);
      expect(text($(el, '[part="action"]'))).to.contain(needsMore.action.text['zh-Hant-TW']);
      expect(text($(el, '[part="action"]'))).to.contain(fullDate(needsMore.action.dueDate, 'zh-Hant-TW'));
      expect(text($(el, '#case-title'))).to.equal(recordedAnswers['service.land-inheritance-registration.zh-Hant-TW'].name);
      expect(text($(el, 'label[for="case-number"]'))).to.equal('案件編號');
      await expect(el).to.be.accessible();
    });

    it('tells the page which status it shows, and never the lookup code: not in a URL, an event or storage', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      el.refreshSeconds = 0;
      const shownEvent = oneEvent(el, 'onestop-case-status') as Promise<OnestopCaseStatusEvent>;
      const $checkbox = $<HTMLInputElement>(el, '#remember')!;
      $checkbox.click();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      const event = await shownEvent;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        caseNumber: 'SAMPLE-LAND-INHERIT-01',
        status: 'needs-more',
        agencyWord: '補正',
        at: LAND.status.at,
        final: false,
        stale: false,
        changed: false,
      });
      await caseShown(el);
      const code = /SAMP-?0002/i;
      expect(JSON.stringify(event.detail)).to.not.match(code);
      expect(sent.length).to.be.greaterThan(0);
      for (const { url } of sent) expect(url).to.not.match(code);
      const lookups = sent.filter((r) => r.url.endsWith('/v1/cases/lookup'));
      expect(lookups).to.have.length(1);
      expect(JSON.parse(lookups[0].body)).to.deep.equal({ caseNumber: 'SAMPLE-LAND-INHERIT-01', lookupCode: 'SAMP-0002' });
      const stored = pageStorage.keys().map((k) => `${k}=${localStorage.getItem(k)}`).join('\n');
      expect(stored).to.contain('SAMPLE-LAND-INHERIT-01');
      expect(stored).to.not.match(code);
      expect(JSON.stringify(sessionStorage)).to.not.match(code);
      expect(location.href).to.not.match(code);
    });
  });

  describe('other SAMPLE cases', () => {
    it('a case forwarded between offices (代收轉件): the route, and the history grouped by office with the hand-off', async () => {
      worker.use(...trackerHandlers.ok);
      const view = recordedAnswers['case.SAMPLE-ESTATE-TAX-01'];
      const el = await mount();
      await lookUp(el, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001');
      await caseShown(el);
      const stops = [...shadow(el).querySelectorAll('.route li')].map((li) => text(li).trim());
      expect(stops).to.deep.equal([`${view.receivingOffice.office.en} (done)`, `${view.route[0].office.en} (your case is here now)`]);
      const groups = [...shadow(el).querySelectorAll('.office-group')];
      expect(groups).to.have.length(2);
      expect(text(groups[1].querySelector('.office-name'))).to.contain(view.route[0].office.en);
      expect(text(groups[1].querySelector('.handoff'))).to.contain(`Passed on from: ${view.receivingOffice.office.en}`);
      expect(text($(el, '.facts'))).to.contain('A time limit set by law.');
      expect($(el, '[part="action"]')).to.equal(null);
      expect($<HTMLAnchorElement>(el, 'a[href^="mailto:"]')!.getAttribute('href')).to.equal(`mailto:${view.contact.email}`);
      await expect(el).to.be.accessible();
    });

    it('a completed case: done, nothing to do, no date to wait for, and no more checking', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      el.refreshSeconds = 0.1;
      await lookUp(el, 'SAMPLE-BIRTH-REG-01', 'SAMP-0003');
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'completed').name);
      expect(text($(el, '[part="next"]'))).to.contain(statusName('en', 'completed').whatNext);
      expect($(el, '[part="action"]')).to.equal(null);
      expect(text($(el, '.facts'))).to.not.contain('Expected to be finished');
      // The heading is the service's name from the API.
      expect(text($(el, '#case-title'))).to.equal('Register a birth');
      await aTimeout(400);
      expect(sent.filter((r) => r.url.endsWith('/v1/cases/lookup'))).to.have.length(1);
      expect(text($(el, '.checked'))).to.not.contain('checks for updates');
    });
  });

  describe('when it is not found or goes wrong', () => {
    it('a wrong code and an unknown case get the same gentle message, and the fields keep what was typed', async () => {
      worker.use(...trackerHandlers.ok);
      const errors: string[] = [];
      const onError = (e: Event) => errors.push((e as CustomEvent).detail.kind);
      document.addEventListener('onestop-error', onError);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-9999');
      await alertShown(el);
      const wrongCode = text($(el, '[part="not-found"]'));
      expect(wrongCode).to.contain('We could not find a case with this case number and lookup code.');
      expect(wrongCode).to.contain('Check both against your receipt.');
      expect(input(el, 'lookup-code').value).to.equal('SAMP-9999');
      await expect(el).to.be.accessible();

      await lookUp(el, 'OS-2025-NOSUCH01', 'SAMP-0002');
      await waitUntil(() => sent.filter((r) => r.url.endsWith('/lookup')).length === 2 && $(el, '[part="not-found"]'));
      expect(text($(el, '[part="not-found"]'))).to.equal(wrongCode);
      expect(input(el, 'case-number').value).to.equal('OS-2025-NOSUCH01');
      document.removeEventListener('onestop-error', onError);
      expect(errors).to.deep.equal(['not-found', 'not-found']);
    });

    it('too many tries: says how long to wait, with no retry button that cannot work', async () => {
      worker.use(...trackerHandlers.rateLimited);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await alertShown(el);
      expect(text($(el, '[part="error"]'))).to.contain('Too many tries in a short time.');
      expect(text($(el, '[part="error"]'))).to.contain('Please wait 10 minutes, then try again.');
      expect($(el, '[part="retry-button"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('the API fails: an error with a retry that works once it is back, with the code kept in memory only', async () => {
      worker.use(...trackerHandlers.serverError);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await alertShown(el);
      expect(text($(el, '[part="error"]'))).to.contain('The service has a problem right now.');
      await expect(el).to.be.accessible();
      worker.resetHandlers(...trackerHandlers.ok);
      const retry = $<HTMLButtonElement>(el, '[part="retry-button"]')!;
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'needs-more').name);
    });

    for (const [name, handlers] of [
      ['not JSON', trackerHandlers.malformed],
      ['JSON that breaks the contract', trackerHandlers.contractBreak],
    ] as const) {
      it(`an answer that is ${name}: an error, never a half-drawn case`, async () => {
        worker.use(...handlers);
        const el = await mount();
        await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
        await alertShown(el);
        expect(text($(el, '[part="error"]'))).to.contain('The service sent an answer we cannot read.');
        expect($(el, '[part="case"]')).to.equal(null);
      });
    }

    it('the connection fails: says the service could not be reached', async () => {
      worker.use(...trackerHandlers.networkError);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await alertShown(el);
      expect(text($(el, '[part="error"]'))).to.contain('We could not reach the service.');
    });

    it('offline before any look-up: says so, and tries again when the network is back', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      setOffline(true);
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await alertShown(el);
      expect(text($(el, '[part="error"]'))).to.contain('You seem to be offline.');
      setOffline(false);
      await caseShown(el);
    });
  });

  describe('while the page is open', () => {
    beforeEach(() => setHidden(false));
    it('loading: says so, keeps the form where it is and reserves space for the case', async () => {
      worker.use(...trackerHandlers.loading);
      const el = await mount();
      const formTop = $(el, 'form')!.getBoundingClientRect().top;
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await waitUntil(() => $(el, '[part="loading"]'));
      expect(text($(el, '[part="loading"]'))).to.contain('Looking up your case…');
      expect($(el, '.result')!.getAttribute('aria-busy')).to.equal('true');
      expect(text($(el, 'button[type="submit"]'))).to.equal('Checking…');
      expect($(el, 'button[type="submit"]')!.getAttribute('aria-disabled')).to.equal('true');
      expect($(el, '[part="loading"]')!.getBoundingClientRect().height).to.be.greaterThan(150);
      expect($(el, 'form')!.getBoundingClientRect().top).to.equal(formTop);
      expect(text(live(el))).to.equal('Looking up your case…');
      await expect(el).to.be.accessible();
    });

    it('the case appears where the loading placeholder was: nothing above it moves', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const { http, HttpResponse } = await import('msw');
      worker.use(http.post('*/v1/cases/lookup', async () => (await gate, HttpResponse.json(sampleCase('SAMPLE-LAND-INHERIT-01')))), ...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await waitUntil(() => $(el, '[part="loading"]'));
      const placeholderTop = $(el, '[part="loading"]')!.getBoundingClientRect().top;
      const formTop = $(el, 'form')!.getBoundingClientRect().top;
      release();
      await caseShown(el);
      expect($(el, '[part="case"]')!.getBoundingClientRect().top).to.equal(placeholderTop);
      expect($(el, 'form')!.getBoundingClientRect().top).to.equal(formTop);
    });

    it('moved in the page while loading (a CMS re-rendering): it looks the case up again, not stuck loading', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const { http, HttpResponse } = await import('msw');
      worker.use(http.post('*/v1/cases/lookup', async () => (await gate, HttpResponse.json(sampleCase('SAMPLE-LAND-INHERIT-01')))), ...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await waitUntil(() => $(el, '[part="loading"]'));
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      release();
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'needs-more').name);
    });

    it('checks again quietly, announces a new status, and tells the page', async () => {
      const first = sampleCase('SAMPLE-ESTATE-TAX-01');
      const approved = withEvent(first, { status: 'approved', agencyWord: '核定' });
      worker.use(...changingCase([first, first, approved]));
      const el = await mount();
      el.refreshSeconds = 0.2;
      await lookUp(el, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001');
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'in-review').name);
      const changed = oneEvent(el, 'onestop-case-status') as Promise<OnestopCaseStatusEvent>;
      await waitUntil(() => text($(el, '.status-name')) === statusName('en', 'approved').name, 'the new status was not shown', { timeout: 5000 });
      expect((await changed).detail).to.include({ status: 'approved', changed: true, stale: false });
      expect(text(live(el))).to.equal(`Update: case SAMPLE-ESTATE-TAX-01 is now "${statusName('en', 'approved').name}".`);
      expect(shadow(el).querySelectorAll('li.event')).to.have.length(first.events.length + 1);
      // Each check re-sent the code from memory, in the body.
      const lookups = sent.filter((r) => r.url.endsWith('/v1/cases/lookup'));
      expect(lookups.length).to.be.at.least(3);
      for (const r of lookups) expect(JSON.parse(r.body).lookupCode).to.equal('SAMP-0001');
    });

    it('announces in the reader\'s language: loading, then a change, in Chinese', async () => {
      const first = sampleCase('SAMPLE-ESTATE-TAX-01');
      worker.use(...changingCase([first, withEvent(first, { status: 'approved', agencyWord: '核定' })]));
      const el = await mount({ lang: 'zh-Hant-TW' });
      el.refreshSeconds = 0.2;
      await lookUp(el, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001');
      expect(text(live(el))).to.equal('正在查詢您的案件…');
      await caseShown(el);
      expect(text(live(el))).to.equal('');
      const approved = statusName('zh-Hant-TW', 'approved').name;
      await waitUntil(() => text($(el, '.status-name')) === approved, 'the new status was not shown', { timeout: 5000 });
      expect(text(live(el))).to.equal(`最新消息：案件 SAMPLE-ESTATE-TAX-01 目前為「${approved}」。`);
    });

    it('does not check while the page is hidden, and checks again when it is shown', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      el.refreshSeconds = 0.15;
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      setHidden(true);
      await aTimeout(300); // a check already on its way when the page was hidden lands first
      const before = sent.length;
      await aTimeout(900);
      expect(sent.length).to.equal(before);
      setHidden(false);
      await waitUntil(() => sent.length > before, 'no check after the page was shown again', { timeout: 3000 });
    });

    it('backs off when checks fail, and shows the last case with its time while offline', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      el.refreshSeconds = 0.1;
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      worker.resetHandlers(...trackerHandlers.networkError);
      const failedFrom = sent.length;
      await waitUntil(() => $(el, '[part="stale-notice"]'), 'no offline notice', { timeout: 3000 });
      expect(text($(el, '[part="stale-notice"]'))).to.match(/You are seeing information saved on .+\. It may be out of date\./);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'needs-more').name);
      await expect(el).to.be.accessible();
      // 0.1 s, then 0.2, 0.4, 0.8 s…: in 1.2 s at most four tries, not twelve.
      await aTimeout(1200);
      expect(sent.length - failedFrom).to.be.at.most(4);

      worker.resetHandlers(...trackerHandlers.ok);
      const shown = oneEvent(el, 'onestop-case-status') as Promise<OnestopCaseStatusEvent>;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !$(el, '[part="stale-notice"]'), 'did not refresh when back online', { timeout: 3000 });
      expect((await shown).detail.stale).to.equal(false);
    });

    it('a look-up while offline shows the copy from earlier on this page, with its time', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      el.refreshSeconds = 0;
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      worker.resetHandlers(...trackerHandlers.allDown);
      setOffline(true);
      const stale = oneEvent(el, 'onestop-case-status') as Promise<OnestopCaseStatusEvent>;
      await sendKeys({ press: 'Tab' });
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      expect((await stale).detail).to.include({ stale: true, caseNumber: 'SAMPLE-LAND-INHERIT-01' });
      await waitUntil(() => $(el, '[part="stale-notice"]'));
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'needs-more').name);
    });
  });

  describe('the family\'s cases on this device', () => {
    it('remembers nothing unless asked', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      expect(localStorage.getItem('onestop:application-tracker:case-numbers')).to.equal(null);
      expect($(el, '.saved')).to.equal(null);
    });

    it('remembers case numbers when asked, offers them next time, and asks for the code again', async () => {
      worker.use(...trackerHandlers.ok);
      const first = await mount();
      first.refreshSeconds = 0;
      $<HTMLInputElement>(first, '#remember')!.click();
      await lookUp(first, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(first);
      await lookUp(first, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001');
      await waitUntil(() => text($(first, '.case-no-line')).includes('SAMPLE-ESTATE-TAX-01'));
      expect([...shadow(first).querySelectorAll('.saved li .case-no')].map((n) => text(n))).to.deep.equal(['SAMPLE-ESTATE-TAX-01', 'SAMPLE-LAND-INHERIT-01']);

      // Within the page, the code is still in memory: one press shows the case.
      const checkLand = [...shadow(first).querySelectorAll<HTMLButtonElement>('.saved li button')].find((b) => text(b).includes('Check SAMPLE-LAND-INHERIT-01'))!;
      checkLand.click();
      await waitUntil(() => text($(first, '.case-no-line')).includes('SAMPLE-LAND-INHERIT-01'));
      first.remove();

      // A new visit: the numbers are there, the codes are not.
      const el = await mount();
      await expect(el).to.be.accessible();
      const items = [...shadow(el).querySelectorAll('.saved li')];
      expect(items.map((li) => text(li.querySelector('.case-no')))).to.deep.equal(['SAMPLE-ESTATE-TAX-01', 'SAMPLE-LAND-INHERIT-01']);
      const check = items[1].querySelector<HTMLButtonElement>('button')!;
      expect(text(check)).to.equal('Check SAMPLE-LAND-INHERIT-01');
      check.click();
      await waitUntil(() => shadow(el).activeElement === input(el, 'lookup-code'), 'the code field was not focused');
      expect(input(el, 'case-number').value).to.equal('SAMPLE-LAND-INHERIT-01');
      expect(input(el, 'lookup-code').value).to.equal('');
      expect(text(live(el))).to.contain('Enter its lookup code');
      await sendKeys({ type: 'SAMP-0002' });
      await sendKeys({ press: 'Enter' });
      await caseShown(el);
    });

    it('forgets one, or all with one button', async () => {
      localStorage.setItem('onestop:application-tracker:case-numbers', JSON.stringify({ v: 1, savedAt: Date.now(), data: { caseNumbers: ['SAMPLE-ESTATE-TAX-01', 'SAMPLE-LAND-INHERIT-01', 'SAMPLE-BIRTH-REG-01'] } }));
      const el = await mount();
      const forgetLand = [...shadow(el).querySelectorAll<HTMLButtonElement>('.saved li button')].find((b) => text(b) === 'Forget SAMPLE-LAND-INHERIT-01')!;
      forgetLand.click();
      await el.updateComplete;
      expect([...shadow(el).querySelectorAll('.saved li .case-no')].map((n) => text(n))).to.deep.equal(['SAMPLE-ESTATE-TAX-01', 'SAMPLE-BIRTH-REG-01']);
      expect(localStorage.getItem('onestop:application-tracker:case-numbers')).to.not.contain('LAND');

      const forgetAll = [...shadow(el).querySelectorAll<HTMLButtonElement>('.saved > button')].find((b) => text(b) === 'Forget all saved case numbers')!;
      forgetAll.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect($(el, '.saved')).to.equal(null);
      expect(localStorage.getItem('onestop:application-tracker:case-numbers')).to.equal(null);
      expect(text(live(el))).to.equal('All saved case numbers are forgotten on this device.');
      expect(shadow(el).activeElement).to.equal(input(el, 'case-number'));
    });

    it('a list written by a newer version is shown but never overwritten', async () => {
      const newer = JSON.stringify({ v: 99, savedAt: 1, data: { somethingElse: true } });
      localStorage.setItem('onestop:application-tracker:case-numbers', newer);
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      expect($(el, '#remember')).to.equal(null);
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      expect(localStorage.getItem('onestop:application-tracker:case-numbers')).to.equal(newer);
    });
  });

  describe('keyboard, narrow screens and print', () => {
    it('can be used with the keyboard alone', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal(input(el, 'case-number'));
      await sendKeys({ type: 'SAMPLE-LAND-INHERIT-01' });
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal(input(el, 'lookup-code'));
      await sendKeys({ type: 'SAMP-0002' });
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal($(el, '#remember'));
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal($(el, 'button[type="submit"]'));
      await sendKeys({ press: 'Enter' });
      await caseShown(el);
      expect(localStorage.getItem('onestop:application-tracker:case-numbers')).to.contain('SAMPLE-LAND-INHERIT-01');
      before.remove();
    });

    it('fits a 320 px wide screen without sideways scrolling', async () => {
      worker.use(...trackerHandlers.ok);
      await setViewport({ width: 320, height: 640 });
      const el = await mount();
      await lookUp(el, 'SAMPLE-ESTATE-TAX-01', 'SAMP-0001');
      await caseShown(el);
      await aTimeout(0);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect($(el, '[part="base"]')!.scrollWidth).to.be.at.most(Math.ceil(el.getBoundingClientRect().width));
      for (const node of shadow(el).querySelectorAll('input, button, .status, .action, .timeline')) {
        expect(node.getBoundingClientRect().right, node.className || node.tagName).to.be.at.most(320);
      }
    });

    it('prints the case, without the form, the saved list or the buttons', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      $<HTMLInputElement>(el, '#remember')!.click();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle($(el, 'form')!).display).to.equal('none');
      expect(getComputedStyle($(el, '.saved')!).display).to.equal('none');
      expect(getComputedStyle($(el, '[part="print-button"]')!).display).to.equal('none');
      expect(getComputedStyle($(el, '[part="case"]')!).display).to.equal('block');
      expect(getComputedStyle($(el, '[part="action"]')!).display).to.equal('block');
      expect(getComputedStyle($(el, '[part="timeline"]')!).display).to.equal('block');
    });

    it('the print button opens the browser\'s print dialog', async () => {
      worker.use(...trackerHandlers.ok);
      const el = await mount();
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      const original = window.print;
      let printed = 0;
      window.print = () => void printed++;
      try {
        $<HTMLButtonElement>(el, '[part="print-button"]')!.click();
      } finally {
        window.print = original;
      }
      expect(printed).to.equal(1);
    });

    it('follows a lang change on the page: the vocabulary is asked for again in that language', async () => {
      worker.use(...trackerHandlers.ok);
      const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="en"><onestop-application-tracker api-base=${freshBase()}></onestop-application-tracker></div>`);
      const el = wrapper.querySelector('onestop-application-tracker')!;
      el.refreshSeconds = 0;
      await el.updateComplete;
      await lookUp(el, 'SAMPLE-LAND-INHERIT-01', 'SAMP-0002');
      await caseShown(el);
      expect(text($(el, '.status-name'))).to.equal(statusName('en', 'needs-more').name);
      wrapper.lang = 'zh-Hant-TW';
      await waitUntil(() => text($(el, '.status-name')) === statusName('zh-Hant-TW', 'needs-more').name, 'did not switch to Chinese', { timeout: 5000 });
      expect(text($(el, '[part="action"]'))).to.contain(needsMore.action.text['zh-Hant-TW']);
      expect(sent.filter((r) => r.url.endsWith('/v1/cases/lookup'))).to.have.length(1);
    });
  });
});
