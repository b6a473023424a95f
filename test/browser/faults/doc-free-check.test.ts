import { expect, fixture, waitUntil } from '@open-wc/testing';
import { alertTexts, runFaultMatrix } from './driver.js';
import '../../../src/doc-free-check/define.js';
import type { OnestopDocFreeCheck } from '../../../src/doc-free-check/doc-free-check.js';
import { docFreeCheckOk } from '../../mocks/doc-free-check-handlers.js';

type El = OnestopDocFreeCheck;
const root = (el: El) => el.shadowRoot!;
const select = (el: El) => root(el).querySelector<HTMLSelectElement>('select');
const resultShown = (el: El) => waitUntil(() => root(el).querySelector('.summary'), 'no result shown', { timeout: 10_000 });
const NEXT = 'land-inheritance-registration';

// A citizen checks one service and answers the county question; then picks another service while
// the API fails. The county they chose must stay, and apply to the next service once it loads.
runFaultMatrix<El>('<onestop-doc-free-check>', {
  label: 'dfc',
  working: docFreeCheckOk,
  async enter(base, lang) {
    const el = await fixture<El>(`<onestop-doc-free-check api-base="${base}" lang="${lang}" service="low-income-household-status"></onestop-doc-free-check>`);
    await resultShown(el);
    await waitUntil(() => select(el) && !select(el)!.disabled, 'counties not loaded', { timeout: 10_000 });
    select(el)!.value = 'TW-TTT';
    select(el)!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.county).to.equal('TW-TTT');
    return el;
  },
  async provoke(el) {
    el.service = NEXT; // as picking it in the search does
    return el;
  },
  message: (el) => alertTexts(el).join(' | '),
  // A 404 for a service is the widget's own words: the id named, and the search offered instead of a retry.
  expected: (fault, lang) => (fault === '404' ? (lang === 'en' ? `We could not find the service “${NEXT}”.` : `找不到業務「${NEXT}」。`) : undefined),
  async tryAgain(el, fault) {
    expect(fault).to.equal('404');
    el.service = 'vehicle-scrapping'; // searching and picking again
  },
  kept(el) {
    expect(el.county, 'the county answer').to.equal('TW-TTT');
    const picker = select(el);
    if (picker && !picker.disabled) expect(picker.value, 'the county shown').to.equal('TW-TTT');
  },
  recovered: resultShown,
});
