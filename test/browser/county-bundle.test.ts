import { aTimeout, expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import '../../src/county-bundle/define.js';
import type { OnestopCountyBundle } from '../../src/county-bundle/county-bundle.js';
import { countyBundleHandlers } from '../mocks/county-bundle-handlers.js';
import { countiesHandlers as counties } from '../mocks/handlers.js';

// The county list as the test asks, and the bundle routes from the recordings (a chosen county
// loads its list of bundles).
const bundleRoutes = countyBundleHandlers().ok;
const countiesHandlers = Object.fromEntries(Object.entries(counties).map(([name, handler]) => [name, [handler, ...bundleRoutes]])) as Record<
  keyof typeof counties,
  Array<(typeof bundleRoutes)[number] | (typeof counties)[keyof typeof counties]>
>;

const worker = setupWorker();
let testNumber = 0;
/** A fresh API base per test, so the shared client caches never carry over between tests. */
const freshBase = () => `https://api-cb-${++testNumber}.onestop.test/`;
/** Forgets the answers this file's tests kept on the device (only ours: other test files share the origin). */
const forgetOurAnswers = () => Object.keys(localStorage).filter((key) => key.includes('//api-cb-')).forEach((key) => localStorage.removeItem(key));

const shadow = (el: OnestopCountyBundle) => el.shadowRoot!;
const select = (el: OnestopCountyBundle) => shadow(el).querySelector('select')!;
const text = (el: OnestopCountyBundle) => shadow(el).textContent!.replace(/\s+/g, ' ');
const loaded = (el: OnestopCountyBundle) => waitUntil(() => select(el) && !select(el).disabled, 'county list did not load', { timeout: 5000 });
const alertShown = (el: OnestopCountyBundle) => waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no error shown', { timeout: 5000 });

async function mount(attributes: { county?: string; lang?: string } = {}, base = freshBase()) {
  return fixture<OnestopCountyBundle>(
    html`<onestop-county-bundle api-base=${base} county=${attributes.county ?? ''} lang=${attributes.lang ?? ''}></onestop-county-bundle>`,
  );
}

// One msw worker for the whole file.
before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
after(() => worker.stop());

describe('<onestop-county-bundle> county picker', () => {
  // Plain wrappers use fixtureSync: fixture() waits a frame for them, and a page in a background
  // tab (test files run two at a time) gets no animation frames.
  afterEach(async () => {
    worker.resetHandlers();
    forgetOurAnswers();
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ media: 'screen' });
  });

  it('lists all 22 counties and cities from the API, grouped, in Chinese by default', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount();
    await loaded(el);
    const options = [...select(el).querySelectorAll('option')];
    expect(options).to.have.length(23); // the "choose" prompt + 22
    expect(options[0].textContent).to.equal('請選擇縣市');
    expect([...select(el).querySelectorAll('optgroup')].map((g) => g.label)).to.deep.equal(['直轄市', '市', '縣']);
    expect(text(el)).to.contain('您的縣市');
    expect(options.map((o) => o.textContent)).to.include('臺東縣');
    await expect(el).to.be.accessible();
  });

  it('speaks English when its lang says so, with the Chinese name beside each county', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount({ lang: 'en' });
    await loaded(el);
    expect(text(el)).to.contain('Your county or city');
    expect([...select(el).options].map((o) => o.textContent)).to.include('Taitung County (臺東縣)');
  });

  it('follows a lang change on an ancestor at runtime, and reloads the list in that language', async () => {
    worker.use(...countiesHandlers.ok);
    const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="zh-Hant-TW"><onestop-county-bundle api-base=${freshBase()}></onestop-county-bundle></div>`);
    const el = wrapper.querySelector('onestop-county-bundle')!;
    await loaded(el);
    expect(text(el)).to.contain('您的縣市');
    wrapper.lang = 'en';
    await waitUntil(() => text(el).includes('Taitung County (臺東縣)'), 'did not switch to English', { timeout: 5000 });
    expect(text(el)).to.contain('Your county or city');
  });

  it('follows the lang of a host component across its shadow root', async () => {
    worker.use(...countiesHandlers.ok);
    const host = fixtureSync<HTMLDivElement>(html`<div lang="en"></div>`);
    const inner = document.createElement('onestop-county-bundle');
    inner.apiBase = freshBase();
    host.attachShadow({ mode: 'open' }).append(inner);
    await loaded(inner);
    expect(text(inner)).to.contain('Your county or city');
    host.lang = 'zh-Hant-TW';
    await waitUntil(() => text(inner).includes('您的縣市'), 'did not follow the host', { timeout: 5000 });
  });

  it('shows a loading state of the same shape while the list is on its way', async () => {
    worker.use(...countiesHandlers.loading);
    const el = await mount({ lang: 'en' });
    await el.updateComplete;
    expect(select(el).disabled).to.equal(true);
    expect(select(el).textContent).to.contain('Loading counties and cities');
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('does not move the page when the list arrives (no layout shift)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { http, HttpResponse } = await import('msw');
    const { recordedAnswers } = await import('../fixtures/recorded/api-answers.js');
    worker.use(http.get('*/v1/counties', async () => (await gate, HttpResponse.json(recordedAnswers['counties.en']))), ...bundleRoutes);
    const page = fixtureSync<HTMLDivElement>(html`<div><onestop-county-bundle lang="en" api-base=${freshBase()}></onestop-county-bundle><p id="below">Below</p></div>`);
    const el = page.querySelector('onestop-county-bundle')!;
    await el.updateComplete;
    const below = page.querySelector('#below')!;
    const before = below.getBoundingClientRect().top;
    release();
    await loaded(el);
    expect(below.getBoundingClientRect().top).to.equal(before);
  });

  it('preselects a county given by the webmaster, forgiving how it was typed', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount({ county: 'ttt', lang: 'en' });
    await loaded(el);
    expect(select(el).value).to.equal('TW-TTT');
    await waitUntil(() => el.county === 'TW-TTT', 'county attribute not normalised');
    expect(el.getAttribute('county')).to.equal('TW-TTT');
    expect(shadow(el).querySelector('.chosen')!.textContent).to.contain('You chose Taitung County (臺東縣), where you live.');
  });

  it('can be used with the keyboard alone, and tells the page what was chosen', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount({ lang: 'en' });
    await loaded(el);
    const focusable = document.createElement('button');
    focusable.textContent = 'before';
    el.before(focusable);
    focusable.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(select(el));
    const changed = oneEvent(el, 'onestop-county-change');
    await sendKeys({ press: 'ArrowDown' });
    const event = await changed;
    expect(event.detail.county).to.equal('TW-TPE');
    expect(el.county).to.equal('TW-TPE');
    expect(event.bubbles && event.composed).to.equal(true);
    focusable.remove();
  });

  it('shows a plain error with a retry button when the server fails, and recovers on retry', async () => {
    worker.use(...countiesHandlers.serverError);
    const errorEvent = new Promise<CustomEvent>((resolve) => document.addEventListener('onestop-error', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await mount({ lang: 'en' });
    await alertShown(el);
    expect(text(el)).to.contain('The service has a problem right now.');
    expect((await errorEvent).detail).to.include({ kind: 'server', status: 500 });
    await expect(el).to.be.accessible();

    worker.resetHandlers(...countiesHandlers.ok);
    const retry = shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(retry.textContent).to.equal('Try again');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await loaded(el);
    expect(select(el).options).to.have.length(23);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('says the service could not be reached when the connection fails', async () => {
    worker.use(...countiesHandlers.networkError);
    const el = await mount();
    await alertShown(el);
    expect(text(el)).to.contain('目前無法連線到服務。');
    expect(text(el)).to.contain('再試一次');
  });

  for (const [name, handler] of [
    ['not JSON', countiesHandlers.malformed],
    ['JSON that breaks the contract', countiesHandlers.contractBreak],
  ] as const) {
    it(`shows an error, never a half-drawn list, for an answer that is ${name}`, async () => {
      worker.use(...handler);
      const el = await mount({ lang: 'en' });
      await alertShown(el);
      expect(text(el)).to.contain('The service sent an answer we cannot read.');
      expect(shadow(el).querySelector('option[value^="TW-"]')).to.equal(null);
    });
  }

  it('shows an empty state with a retry when the API lists no counties', async () => {
    worker.use(...countiesHandlers.empty);
    const el = await mount({ lang: 'en' });
    await waitUntil(() => text(el).includes('No counties or cities are available right now.'), 'no empty state', { timeout: 5000 });
    expect(shadow(el).querySelector('select')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offline, shows the last good list with its date, and refreshes when the network is back', async () => {
    const base = freshBase();
    worker.use(...countiesHandlers.ok);
    const first = await mount({ lang: 'en' }, base);
    await loaded(first);
    first.remove();

    worker.resetHandlers(...countiesHandlers.networkError);
    const el = await mount({ lang: 'en', county: 'TW-PEN' }, base);
    await waitUntil(() => shadow(el).querySelector('[part="stale-notice"]'), 'no offline notice', { timeout: 5000 });
    expect(text(el)).to.match(/You are seeing information saved on .+\. It may be out of date\./);
    expect(select(el).options).to.have.length(23);
    expect(select(el).value).to.equal('TW-PEN');
    await expect(el).to.be.accessible();

    worker.resetHandlers(...countiesHandlers.ok);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => !shadow(el).querySelector('[part="stale-notice"]') && !select(el).disabled, 'did not refresh when back online', { timeout: 5000 });
    expect(select(el).value).to.equal('TW-PEN');
  });

  it('prints the chosen county as text instead of a control', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount({ lang: 'en', county: 'TW-KIN' });
    await loaded(el);
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(select(el)).display).to.equal('none');
    const printed = shadow(el).querySelector<HTMLElement>('.print-only')!;
    expect(getComputedStyle(printed).display).to.equal('block');
    expect(printed.textContent).to.equal('Kinmen County (金門縣)');
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    worker.use(...countiesHandlers.ok);
    await setViewport({ width: 320, height: 640 });
    const el = await mount({ lang: 'en', county: 'TW-NWT' });
    await loaded(el);
    await aTimeout(0);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(shadow(el).querySelector('[part="base"]')!.scrollWidth).to.be.at.most(el.getBoundingClientRect().width);
    expect(select(el).getBoundingClientRect().right).to.be.at.most(320);
  });
});

describe('<onestop-county-bundle> where the citizen lives or is registered', () => {
  afterEach(() => worker.resetHandlers());

  const radios = (el: OnestopCountyBundle) => [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="basis"]')];

  it('asks which, in words that change with the answer, and tells the page', async () => {
    worker.use(...countiesHandlers.ok);
    const el = await mount({ county: 'TW-TTT', lang: 'en' });
    await loaded(el);
    const group = shadow(el).querySelector('fieldset[part="basis"]')!;
    expect(group.querySelector('legend')!.textContent).to.equal('Is this where you live, or where your household is registered?');
    expect(radios(el).map((r) => [r.value, r.checked])).to.deep.equal([
      ['residence', true],
      ['registration', false],
    ]);
    expect(shadow(el).querySelector('#county-hint')!.textContent).to.equal('Where you live now.');

    const changed = oneEvent(el, 'onestop-county-change');
    radios(el)[1].focus();
    await sendKeys({ press: 'Space' });
    const event = await changed;
    expect(event.detail).to.deep.equal({ county: 'TW-TTT', basis: 'registration' });
    expect(el.basis).to.equal('registration');
    expect(el.getAttribute('basis')).to.equal('registration');
    await el.updateComplete;
    expect(shadow(el).querySelector('#county-hint')!.textContent).to.equal('Where your household is registered (戶籍地).');
    expect(shadow(el).querySelector('.chosen')!.textContent).to.contain('You chose Taitung County (臺東縣), where your household is registered.');
    await expect(el).to.be.accessible();
  });

  it('takes the answer from the basis attribute, and the county change says it', async () => {
    worker.use(...countiesHandlers.ok);
    const el = fixtureSync<OnestopCountyBundle>(html`<onestop-county-bundle lang="zh-Hant-TW" basis="registration" api-base=${freshBase()}></onestop-county-bundle>`);
    await loaded(el);
    expect(radios(el).find((r) => r.checked)!.value).to.equal('registration');
    expect(text(el)).to.contain('戶籍');
    const changed = oneEvent(el, 'onestop-county-change');
    select(el).value = 'TW-HUA';
    select(el).dispatchEvent(new Event('change'));
    expect((await changed).detail).to.deep.equal({ county: 'TW-HUA', basis: 'registration' });
  });
});

describe('<onestop-county-bundle hide-county-picker> on a county site', () => {
  afterEach(() => worker.resetHandlers());

  it('shows only its own county, without asking for the list of counties', async () => {
    const asked: string[] = [];
    const { http, HttpResponse } = await import('msw');
    worker.use(
      http.get('*/v1/counties', () => (asked.push('counties'), HttpResponse.error())),
      ...bundleRoutes,
    );
    const el = fixtureSync<OnestopCountyBundle>(html`<onestop-county-bundle hide-county-picker county="TW-TTT" lang="en" api-base=${freshBase()}></onestop-county-bundle>`);
    await waitUntil(() => shadow(el).querySelector('[part="county"]')?.textContent?.includes('Taitung County (臺東縣)'), 'county name not shown', { timeout: 5000 });
    expect(shadow(el).querySelector('select')).to.equal(null);
    expect(shadow(el).querySelector('[part="basis"]')).to.equal(null);
    expect(asked).to.deep.equal([]);
    await waitUntil(() => shadow(el).querySelectorAll('input[name="event"]:not([disabled])').length === 3, 'no life events', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });

  it('tells the site owner when it has no county to show', async () => {
    worker.use(...bundleRoutes);
    const el = fixtureSync<OnestopCountyBundle>(html`<onestop-county-bundle hide-county-picker county="Taitung" lang="en" api-base=${freshBase()}></onestop-county-bundle>`);
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('This page does not say which county’s forms to show.');
    expect(alert.textContent).to.contain('Please tell the site owner.');
  });
});
