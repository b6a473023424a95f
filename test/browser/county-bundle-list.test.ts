/**
 * <onestop-county-bundle>: choosing a life event and seeing its bundle, in every state. The API
 * answers from msw with the reference API's recordings; the files are the real committed
 * SAMPLE forms (test/mocks/county-bundle-handlers.ts).
 */
import { aTimeout, expect, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../src/county-bundle/define.js';
import type { OnestopCountyBundle } from '../../src/county-bundle/county-bundle.js';
import { countyBundleHandlers, recordedBundle, recordedList } from '../mocks/county-bundle-handlers.js';
import { countiesHandlers } from '../mocks/handlers.js';

const worker = setupWorker();
const bundles = countyBundleHandlers();
let testNumber = 0;
const freshBase = () => `https://api-list-${++testNumber}.onestop.test/`;
/** Forgets the answers this file's tests kept on the device (only ours: other test files share the origin). */
const forgetOurAnswers = () => Object.keys(localStorage).filter((key) => key.includes('//api-list-')).forEach((key) => localStorage.removeItem(key));

const shadow = (el: OnestopCountyBundle) => el.shadowRoot!;
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const cards = (el: OnestopCountyBundle) => [...shadow(el).querySelectorAll<HTMLElement>('.card:not(.skeleton)')];
const eventRadios = (el: OnestopCountyBundle) => [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="event"]:not([disabled])')];
const listed = (el: OnestopCountyBundle) => waitUntil(() => cards(el).length > 0, 'no files listed', { timeout: 5000 });
const rows = (card: HTMLElement) => Object.fromEntries([...card.querySelectorAll('dl > div')].map((row) => [text(row.querySelector('dt')!), text(row.querySelector('dd')!)]));

function mount(attributes: { county?: string; event?: string; lang?: string } = {}, base = freshBase()) {
  return fixtureSync<OnestopCountyBundle>(
    html`<onestop-county-bundle
      api-base=${base}
      county=${attributes.county ?? ''}
      event=${attributes.event ?? ''}
      lang=${attributes.lang ?? ''}
    ></onestop-county-bundle>`,
  );
}

before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
after(() => worker.stop());
afterEach(async () => {
  worker.resetHandlers();
  forgetOurAnswers();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ media: 'screen' });
});

describe('<onestop-county-bundle> life events and the bundle', () => {
  it('offers the life events the county has, and lists the chosen bundle file by file', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ county: 'TW-TTT', lang: 'en' });
    await waitUntil(() => eventRadios(el).length === 3, 'no life events', { timeout: 5000 });
    const list = recordedList('TW-TTT', 'en')!;
    const legend = shadow(el).querySelector('fieldset[part="events"] legend')!;
    expect(legend.textContent).to.equal('Forms for which life event?');
    expect(eventRadios(el).map((r) => text(r.closest('label')!))).to.deep.equal([
      'Having a baby (4 files, 91 kB)',
      'After a family member dies (5 files, 99 kB)',
      'Moving house (4 files, 83 kB)',
    ]);
    expect(eventRadios(el).every((r) => !r.checked)).to.equal(true);
    expect(shadow(el).querySelector('[part="bundle"]')).to.equal(null);
    expect((list.bundles as unknown[]).length).to.equal(3);

    // Keyboard: focus the group, arrow to the event (radios check as they move).
    eventRadios(el)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.event).to.equal('death');
    expect(el.getAttribute('event')).to.equal('death');
    await listed(el);

    const bundle = recordedBundle('TW-TTT', 'death', 'en')!;
    const files = bundle.files as Array<{ title: string; titleZh: string; office: string }>;
    expect(text(shadow(el).querySelector('[part="heading"]')!)).to.equal(bundle.title);
    expect(text(shadow(el).querySelector('.meta')!)).to.equal('SAMPLE – not official forms Version 2026.1 · effective January 1, 2026 · 5 files, 99 kB');
    expect(cards(el).map((c) => text(c.querySelector('h3')!))).to.deep.equal(files.map((f) => f.title));
    expect(text(cards(el)[0].querySelector('.title-zh')!)).to.equal(files[0].titleZh);
    expect(rows(cards(el)[0])).to.deep.equal({
      'Issuing office': files[0].office,
      Format: 'PDF to print',
      Size: '31 kB',
      Version: '2026.1',
      Effective: 'January 1, 2026',
    });
    expect(rows(cards(el)[1]).Format).to.equal('ODF to edit');
    await expect(el).to.be.accessible();
  });

  it('speaks Chinese by default, with the titles and offices from the API in Chinese', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ county: 'TW-TTT', event: 'birth' });
    await listed(el);
    const bundle = recordedBundle('TW-TTT', 'birth', 'zh-Hant-TW')!;
    const files = bundle.files as Array<{ title: string; office: string }>;
    expect(cards(el).map((c) => text(c.querySelector('h3')!))).to.deep.equal(files.map((f) => f.title));
    expect(cards(el)[0].querySelector('.title-zh')).to.equal(null);
    const first = rows(cards(el)[0]);
    expect(first['承辦機關']).to.equal(files[0].office);
    expect(first['格式']).to.match(/PDF/);
    expect(first['生效日期']).to.equal('2026年1月1日');
    expect(text(shadow(el).querySelector('[part="events"] legend')!)).to.equal('要下載哪一件人生大事的表單？');
    expect(eventRadios(el).find((r) => r.checked)!.value).to.equal('birth');
  });

  it('gives each file a link to open (PDF) and to download, with names that say which file', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' }, base);
    await listed(el);
    const bundle = recordedBundle('TW-TTT', 'death', 'en')!;
    const files = bundle.files as Array<{ title: string; url: string; format: string }>;
    const pdf = cards(el)[0];
    const [open, download] = [...pdf.querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')];
    expect(text(open)).to.equal(`Open ${files[0].title} (new tab)`);
    expect(open.href).to.equal(new URL(files[0].url, base).href);
    expect(open.target).to.equal('_blank');
    expect(text(download)).to.equal(`Download ${files[0].title}`);
    expect(download.href).to.equal(new URL(files[0].url, base).href);
    expect(download.getAttribute('download')).to.equal('臺東縣-死亡登記申請書（範例）.pdf');
    // An ODF file opens in an editor, not in the browser: download only.
    expect([...cards(el)[1].querySelectorAll('a[part="file-link"]')].map((a) => text(a))).to.deep.equal([`Download ${files[1].title}`]);
  });

  it('offers the ZIP built by the server as a plain download link', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' }, base);
    await listed(el);
    const link = shadow(el).querySelector<HTMLAnchorElement>('a[part="server-zip"]')!;
    expect(link.href).to.equal(new URL('v1/counties/TW-TTT/bundles/death/zip?lang=en', base).href);
    expect(link.getAttribute('download')).to.equal('Taitung County-After a family member dies.zip');
    expect(text(link)).to.equal('Or the same ZIP prepared by the server');
    // Counted like any download, and left to the browser.
    el.addEventListener('click', (e) => e.preventDefault(), { capture: true, once: true });
    const started = oneEvent(el, 'onestop-download-start');
    link.click();
    expect((await started).detail).to.deep.equal({ county: 'TW-TTT', event: 'death', basis: 'residence', kind: 'server-zip', files: 5 });
  });

  it('switching the county keeps the life event and shows that county’s bundle', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' });
    await listed(el);
    const select = shadow(el).querySelector('select')!;
    await waitUntil(() => !select.disabled, 'no picker');
    select.value = 'TW-NWT';
    select.dispatchEvent(new Event('change'));
    const nwt = recordedBundle('TW-NWT', 'death', 'en')!;
    await waitUntil(() => text(shadow(el).querySelector('[part="heading"]') ?? shadow(el)) === nwt.title, 'did not switch county', { timeout: 5000 });
    expect(el.event).to.equal('death');
  });

  it('says so when the county has no forms for the preset event, and offers the ones it has', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ county: 'TW-TTT', event: 'disaster', lang: 'en' });
    await waitUntil(() => eventRadios(el).length === 3, 'no life events', { timeout: 5000 });
    expect(text(shadow(el).querySelector('[part="events"] [role="status"]')!)).to.equal('Taitung County has no forms for “disaster”. Please choose one of these.');
    expect(shadow(el).querySelector('[part="bundle"]')).to.equal(null);
  });

  it('shows an empty state when the county has no bundles', async () => {
    worker.use(countiesHandlers.ok, ...bundles.emptyList);
    const el = mount({ county: 'TW-TTT', lang: 'en' });
    await waitUntil(() => text(shadow(el)).includes('Taitung County has no forms to download yet.'), 'no empty state', { timeout: 5000 });
    expect(shadow(el).querySelector('[part="events"] [role="status"] button')!.textContent).to.contain('Try again');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry when the bundle cannot be loaded, and recovers', async () => {
    worker.use(countiesHandlers.ok, ...bundles.bundleServerError);
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' });
    await waitUntil(() => shadow(el).querySelector('[part="bundle"] [role="alert"]'), 'no error', { timeout: 8000 });
    expect(text(shadow(el).querySelector('[part="bundle"] [role="alert"]')!)).to.contain('The service has a problem right now.');
    await expect(el).to.be.accessible();
    worker.resetHandlers(countiesHandlers.ok, ...bundles.ok);
    const retry = shadow(el).querySelector<HTMLButtonElement>('[part="bundle"] [part="retry-button"]')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await listed(el);
    expect(cards(el)).to.have.length(5);
  });

  it('refuses a manifest that breaks the contract, rather than listing files it cannot check', async () => {
    worker.use(countiesHandlers.ok, ...bundles.contractBreak);
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' });
    await waitUntil(() => shadow(el).querySelector('[part="bundle"] [role="alert"]'), 'no error', { timeout: 5000 });
    expect(text(shadow(el).querySelector('[part="bundle"] [role="alert"]')!)).to.contain('The service sent an answer we cannot read.');
    expect(cards(el)).to.have.length(0);
  });

  it('while the bundle loads, holds its place with its title and as many cards as it will have', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      countiesHandlers.ok,
      http.get('*/v1/counties/:code/bundles/:event', async () => (await gate, HttpResponse.json(recordedBundle('TW-TTT', 'death', 'en')))),
      ...bundles.ok,
    );
    const page = fixtureSync<HTMLDivElement>(
      html`<div><onestop-county-bundle lang="en" county="TW-TTT" event="death" api-base=${freshBase()}></onestop-county-bundle><p id="below">Below</p></div>`,
    );
    const el = page.querySelector('onestop-county-bundle')!;
    await waitUntil(() => eventRadios(el).length === 3 && !shadow(el).querySelector('select')!.disabled, 'list not loaded', { timeout: 5000 });
    await aTimeout(50);
    expect(shadow(el).querySelectorAll('.card.skeleton')).to.have.length(5);
    expect(text(shadow(el).querySelector('[part="heading"]')!)).to.equal(recordedBundle('TW-TTT', 'death', 'en')!.title);
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const below = page.querySelector('#below')!;
    const before = below.getBoundingClientRect().top;
    release();
    await listed(el);
    await el.updateComplete;
    // The placeholder cannot know how the titles wrap: one long title (84 characters) takes a
    // second line. Nothing else may move.
    const line = parseFloat(getComputedStyle(cards(el)[2].querySelector('h3')!).lineHeight);
    expect(cards(el)[2].querySelector('h3')!.getBoundingClientRect().height).to.be.closeTo(2 * line, 1);
    expect(below.getBoundingClientRect().top - before).to.be.closeTo(line, 1);
  });

  it('offline, shows the last good bundle with its date', async () => {
    const base = freshBase();
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const first = mount({ county: 'TW-TTT', event: 'death', lang: 'en' }, base);
    await listed(first);
    first.remove();
    worker.resetHandlers(countiesHandlers.networkError, ...bundles.networkError);
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' }, base);
    await waitUntil(() => shadow(el).querySelector('[part="bundle"] [part="stale-notice"]') && cards(el).length === 5, 'no offline bundle', { timeout: 8000 });
    expect(text(shadow(el).querySelector('[part="bundle"] [part="stale-notice"]')!)).to.match(/You are seeing information saved on .+\. It may be out of date\./);
    await expect(el).to.be.accessible();
  });

  it('prints the list with titles and where to get each form', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' }, base);
    await listed(el);
    await emulateMedia({ media: 'print' });
    const visible = (node: Element) => getComputedStyle(node).display !== 'none';
    expect(visible(shadow(el).querySelector('[part="actions"]')!)).to.equal(false);
    expect(visible(shadow(el).querySelector('[part="basis"]')!)).to.equal(false);
    expect([...shadow(el).querySelectorAll('button')].some(visible)).to.equal(false);
    const bundle = recordedBundle('TW-TTT', 'death', 'en')!;
    const files = bundle.files as Array<{ title: string; office: string; url: string }>;
    const printed = cards(el).map((card) => text(card.querySelector('.print-only')!));
    expect(printed).to.deep.equal(files.map((f) => `Get it from: ${f.office}, or ${new URL(f.url, base).href}`));
    expect(cards(el).every((card) => visible(card.querySelector('.print-only')!) && visible(card.querySelector('h3')!))).to.equal(true);
    expect(text(shadow(el).querySelector('[part="events"] .print-only')!)).to.equal('After a family member dies');
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    await setViewport({ width: 320, height: 640 });
    const el = mount({ county: 'TW-TTT', event: 'death', lang: 'en' });
    await listed(el);
    await aTimeout(0);
    const panel = shadow(el).querySelector('[part="base"]')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(panel.scrollWidth).to.be.at.most(el.getBoundingClientRect().width);
    for (const card of cards(el)) expect(card.getBoundingClientRect().right).to.be.at.most(320);
  });
});
