import { expect, fixture, waitUntil } from '@open-wc/testing';
import { alertTexts, runFaultMatrix } from './driver.js';
import '../../../src/county-bundle/define.js';
import type { OnestopCountyBundle } from '../../../src/county-bundle/county-bundle.js';
import { countyBundleHandlers } from '../../mocks/county-bundle-handlers.js';
import { countiesHandlers } from '../../mocks/handlers.js';

type El = OnestopCountyBundle;
const root = (el: El) => el.shadowRoot!;
const select = (el: El) => root(el).querySelector<HTMLSelectElement>('select')!;
const cards = (el: El) => root(el).querySelectorAll('.card:not(.skeleton)').length;

// A citizen chooses their county while the API fails: the choice stays on screen and in the
// element, and that county's forms are listed once the API answers again.
runFaultMatrix<El>('<onestop-county-bundle>', {
  label: 'bundle',
  working: [countiesHandlers.ok, ...countyBundleHandlers().ok],
  async enter(base, lang) {
    const el = await fixture<El>(`<onestop-county-bundle api-base="${base}" lang="${lang}" event="death"></onestop-county-bundle>`);
    await waitUntil(() => select(el) && !select(el).disabled, 'county list did not load', { timeout: 10_000 });
    return el;
  },
  async provoke(el) {
    select(el).value = 'TW-TTT';
    select(el).dispatchEvent(new Event('change'));
    return el;
  },
  message: (el) => alertTexts(el).join(' | '),
  kept(el) {
    expect(select(el).value, 'the county shown').to.equal('TW-TTT');
    expect(el.county, 'the county chosen').to.equal('TW-TTT');
  },
  recovered: (el) => waitUntil(() => cards(el) > 0, 'no files listed', { timeout: 10_000 }),
});
