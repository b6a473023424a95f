import { expect, fixture, waitUntil } from '@open-wc/testing';
import { alertTexts, runFaultMatrix } from './driver.js';
import '../../../src/application-tracker/define.js';
import type { OnestopApplicationTracker } from '../../../src/application-tracker/application-tracker.js';
import { trackerHandlers } from '../../mocks/application-tracker-handlers.js';

type El = OnestopApplicationTracker;
const root = (el: El) => el.shadowRoot!;
const field = (el: El, id: 'case-number' | 'lookup-code') => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const CASE_NUMBER = 'SAMPLE-LAND-INHERIT-01';
const CODE = 'SAMP-0002';

function typeInto(el: El, id: 'case-number' | 'lookup-code', value: string) {
  field(el, id).value = value;
  field(el, id).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const submit = (el: El) => root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();

// A citizen types the number and code from their receipt and looks the case up while the API
// fails: both stay in the fields, and the case shows once the API answers again.
runFaultMatrix<El>('<onestop-application-tracker>', {
  label: 'tracker',
  working: trackerHandlers.ok,
  async enter(base, lang) {
    const el = await fixture<El>(`<onestop-application-tracker api-base="${base}" lang="${lang}"></onestop-application-tracker>`);
    typeInto(el, 'case-number', CASE_NUMBER);
    typeInto(el, 'lookup-code', CODE);
    await el.updateComplete;
    return el;
  },
  async provoke(el) {
    submit(el);
    return el;
  },
  message: (el) => alertTexts(el).join(' | '),
  // For a look-up the API's 404 means "no case with this number and code": the tracker's own words.
  expected: (fault, lang) =>
    fault === '404' ? (lang === 'en' ? 'We could not find a case with this case number and lookup code.' : '找不到符合這組案件編號與查詢碼的案件。') : undefined,
  async tryAgain(el, fault) {
    expect(fault).to.equal('404');
    submit(el); // checks the receipt and presses "Look up" again
  },
  kept(el) {
    expect(field(el, 'case-number').value, 'the case number typed').to.equal(CASE_NUMBER);
    expect(field(el, 'lookup-code').value, 'the code typed').to.equal(CODE);
  },
  recovered: (el) => waitUntil(() => root(el).querySelector('#case-title'), 'no case shown', { timeout: 10_000 }),
});
