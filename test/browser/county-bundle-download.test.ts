/**
 * <onestop-county-bundle>: downloading one file, downloading everything as a ZIP built in the
 * browser (read back here with fflate), files that don't match their SHA-256, the API going
 * down mid-download, and the copy kept on the device (Cache Storage). The files are the real
 * committed SAMPLE forms, served by msw (test/mocks/county-bundle-handlers.ts), so every
 * checksum check is real.
 */
import { expect, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { unzipSync } from 'fflate';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../src/county-bundle/define.js';
import type { OnestopCountyBundle } from '../../src/county-bundle/county-bundle.js';
import { OFFLINE_CACHE } from '../../src/county-bundle/offline.js';
import { countyBundleHandlers, recordedBundle } from '../mocks/county-bundle-handlers.js';
import { countiesHandlers } from '../mocks/handlers.js';

const worker = setupWorker();
const bundles = countyBundleHandlers();
let testNumber = 0;
const freshBase = () => `https://api-dl-${++testNumber}.onestop.test/`;
/** Forgets the answers this file's tests kept on the device (only ours: other test files share the origin). */
const forgetOurAnswers = () => Object.keys(localStorage).filter((key) => key.includes('//api-dl-')).forEach((key) => localStorage.removeItem(key));

interface RecordedFile {
  id: string;
  title: string;
  titleZh: string;
  format: 'pdf' | 'odt';
  bytes: number;
  sha256: string;
  url: string;
  path: string;
}
const death = (lang: 'en' | 'zh-Hant-TW' = 'en') => recordedBundle('TW-TTT', 'death', lang)! as unknown as { title: string; version: string; files: RecordedFile[]; zip: { fileName: string } };

const shadow = (el: OnestopCountyBundle) => el.shadowRoot!;
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const cards = (el: OnestopCountyBundle) => [...shadow(el).querySelectorAll<HTMLElement>('.card:not(.skeleton)')];
const listed = (el: OnestopCountyBundle) => waitUntil(() => cards(el).length > 0, 'no files listed', { timeout: 5000 });
const downloadAll = (el: OnestopCountyBundle) => shadow(el).querySelector<HTMLButtonElement>('[part="download-all"]')!;
const buttonNamed = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => text(b) === name);

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the widget hands to the browser to save: captured at the blob link it clicks. */
function captureSaves() {
  const saved: Array<{ name: string; type: string; bytes: Promise<Uint8Array> }> = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = createObjectURL.call(URL, blob);
    if (blob instanceof Blob) blobs.set(url, blob);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (!blob) return click.call(this);
    saved.push({ name: this.download, type: blob.type, bytes: blob.arrayBuffer().then((b) => new Uint8Array(b)) });
  };
  return {
    saved,
    restore() {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

let saves: ReturnType<typeof captureSaves>;

function mount(attributes: { county?: string; event?: string; lang?: string; basis?: string } = {}, base = freshBase()) {
  return fixtureSync<OnestopCountyBundle>(
    html`<onestop-county-bundle
      api-base=${base}
      county=${attributes.county ?? 'TW-TTT'}
      event=${attributes.event ?? 'death'}
      lang=${attributes.lang ?? 'en'}
      basis=${attributes.basis ?? 'residence'}
    ></onestop-county-bundle>`,
  );
}

/** Unzips what was saved and reads its manifest.json and index.html. */
async function readZip(bytes: Uint8Array) {
  const entries = unzipSync(bytes);
  const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { files: Array<{ id: string; file: string; sha256: string; title: string; agency: { name: string }; version: string; effective: string }> };
  return { entries, manifest, index: new TextDecoder().decode(entries['index.html']) };
}

before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
after(() => worker.stop());
beforeEach(() => {
  saves = captureSaves();
});
afterEach(async () => {
  saves.restore();
  worker.resetHandlers();
  forgetOurAnswers();
  await caches.delete(OFFLINE_CACHE);
});

describe('<onestop-county-bundle> downloading one file', () => {
  it('checks the file against its SHA-256 and saves it, counted by start and complete events', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ basis: 'registration' });
    await listed(el);
    const file = death().files[1];
    const link = [...cards(el)[1].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!;
    const started = oneEvent(el, 'onestop-download-start');
    const completed = oneEvent(el, 'onestop-download-complete');
    link.click();
    expect((await started).detail).to.deep.equal({ county: 'TW-TTT', event: 'death', basis: 'registration', kind: 'file', file: file.id, files: 1 });
    expect((await completed).detail).to.deep.equal({ county: 'TW-TTT', event: 'death', basis: 'registration', kind: 'file', file: file.id, files: 1, left: [], bytes: file.bytes });
    expect(saves.saved).to.have.length(1);
    expect(saves.saved[0].name).to.equal(`臺東縣-${file.titleZh}.odt`);
    expect(saves.saved[0].type).to.equal('application/vnd.oasis.opendocument.text');
    expect(await sha256(await saves.saved[0].bytes)).to.equal(file.sha256);
    await waitUntil(() => text(cards(el)[1]).includes('Saved.'), 'no saved note');
    expect(text(shadow(el).querySelector('[role="status"][aria-live]')!)).to.equal(`Saved ${file.title}.`);
  });

  it('refuses a file whose bytes do not match its SHA-256, and says which', async () => {
    const file = death().files[0];
    worker.use(countiesHandlers.ok, ...bundles.corruptFile(`${file.id}.pdf`));
    const el = mount();
    await listed(el);
    const link = [...cards(el)[0].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!;
    const completed: Event[] = [];
    el.addEventListener('onestop-download-complete', (e) => completed.push(e));
    link.click();
    await waitUntil(() => cards(el)[0].querySelector('[role="alert"]'), 'no refusal', { timeout: 5000 });
    expect(text(cards(el)[0].querySelector('[role="alert"]')!)).to.contain('This file did not match its published checksum (SHA-256), so it was not saved.');
    expect(saves.saved).to.have.length(0);
    expect(completed).to.have.length(0);
    await expect(el).to.be.accessible();

    // The right bytes next time: Try again saves it.
    worker.resetHandlers(countiesHandlers.ok, ...bundles.ok);
    buttonNamed(cards(el)[0], `Try again ${file.title}`)!.click();
    await waitUntil(() => saves.saved.length === 1, 'not saved on retry', { timeout: 5000 });
    expect(await sha256(await saves.saved[0].bytes)).to.equal(file.sha256);
  });

  it('says the service could not be reached when a file cannot be fetched, with Try again', async () => {
    const file = death().files[3];
    worker.use(countiesHandlers.ok, ...bundles.failingFile(`${file.id}.${file.format}`));
    const el = mount();
    await listed(el);
    [...cards(el)[3].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!.click();
    await waitUntil(() => cards(el)[3].querySelector('[role="alert"]'), 'no failure shown', { timeout: 5000 });
    expect(text(cards(el)[3].querySelector('[role="alert"]')!)).to.equal(`We could not reach the service. Try again ${file.title}`);
    expect(saves.saved).to.have.length(0);
  });

  it('a download still running when the citizen switches to another life event does not mark the new cards', async () => {
    const file = death().files[0];
    worker.use(countiesHandlers.ok, ...bundles.slowFiles(600));
    const el = mount();
    await listed(el);
    [...cards(el)[0].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!.click();
    await waitUntil(() => text(cards(el)[0]).includes('Downloading…'), 'not downloading');
    el.event = 'birth';
    await waitUntil(() => text(shadow(el).querySelector('[part="heading"]')!) === recordedBundle('TW-TTT', 'birth', 'en')!.title && cards(el).length === 4, 'no birth bundle', { timeout: 5000 });
    await waitUntil(() => saves.saved.length === 1, 'the file pressed was not saved', { timeout: 5000 });
    expect(saves.saved[0].name).to.equal(`臺東縣-${file.titleZh}.pdf`);
    expect(cards(el).some((c) => c.querySelector('.note'))).to.equal(false);
  });

  it('leaves a modified click (new tab, save as) to the browser, and still counts it', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount();
    await listed(el);
    const link = [...cards(el)[0].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!;
    let defaultPrevented: boolean | undefined;
    // Runs after the widget's own listener; then stops the browser from really following the link.
    document.addEventListener('click', (e) => ((defaultPrevented = e.defaultPrevented), e.preventDefault()), { once: true });
    const started = oneEvent(el, 'onestop-download-start');
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
    expect((await started).detail.kind).to.equal('file');
    expect(defaultPrevented).to.equal(false);
    expect(saves.saved).to.have.length(0);
  });
});

describe('<onestop-county-bundle> Download all', () => {
  it('builds the ZIP in the browser: every file, manifest.json and index.html, each checksum right', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount();
    await listed(el);
    const started = oneEvent(el, 'onestop-download-start');
    const completed = oneEvent(el, 'onestop-download-complete');
    downloadAll(el).click();
    expect((await started).detail).to.deep.equal({ county: 'TW-TTT', event: 'death', basis: 'residence', kind: 'zip', files: 5 });
    const done = (await completed).detail;
    expect(saves.saved).to.have.length(1);
    const saved = saves.saved[0];
    expect(saved.name).to.equal('Taitung County-After a family member dies.zip');
    expect(saved.type).to.equal('application/zip');
    const bytes = await saved.bytes;
    expect(done).to.deep.equal({ county: 'TW-TTT', event: 'death', basis: 'residence', kind: 'zip', files: 5, left: [], bytes: bytes.length });

    const { entries, manifest, index } = await readZip(bytes);
    const files = death().files;
    const safe = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');
    expect(Object.keys(entries).sort()).to.deep.equal([...files.map((f, i) => `0${i + 1}-${safe(f.title)}.${f.format}`), 'index.html', 'manifest.json'].sort());
    expect(manifest.files.map((f) => f.id)).to.deep.equal(files.map((f) => f.id));
    for (const entry of manifest.files) expect(await sha256(entries[entry.file])).to.equal(entry.sha256);
    expect(manifest.files.map((f) => f.sha256)).to.deep.equal(files.map((f) => f.sha256));
    expect(index).to.contain('<html lang="en">');
    expect(index).to.contain('SAMPLE: these are generated samples, not official forms.');
    expect(index).to.contain('<th>Issuing office</th>');
    for (const f of files) expect(index).to.contain(f.title.replace(/&/g, '&amp;'));

    await waitUntil(() => shadow(el).querySelector('.done'), 'no saved message');
    expect(text(shadow(el).querySelector('.done')!)).to.equal(
      'Saved “Taitung County-After a family member dies.zip”: 5 files, with a list to open (index.html) and their checksums (manifest.json).',
    );
  });

  it('writes index.html in the citizen’s language', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount({ lang: 'zh-Hant-TW' });
    await listed(el);
    downloadAll(el).click();
    await waitUntil(() => saves.saved.length === 1, 'nothing saved', { timeout: 8000 });
    const { index, entries } = await readZip(await saves.saved[0].bytes);
    expect(saves.saved[0].name).to.equal(death('zh-Hant-TW').zip.fileName);
    expect(saves.saved[0].name).to.match(/^臺東縣-.+\.zip$/);
    expect(index).to.contain('<html lang="zh-Hant-TW">');
    expect(index).to.contain('<th>承辦機關</th>');
    expect(index).to.contain('範例表單 SAMPLE');
    expect(index).to.contain('2026年1月1日');
    expect(Object.keys(entries)).to.include(`01-${death('zh-Hant-TW').files[0].title}.pdf`);
  });

  it('shows a progress bar while the files arrive, and announces the progress', async () => {
    worker.use(countiesHandlers.ok, ...bundles.slowFiles(300));
    const el = mount();
    await listed(el);
    downloadAll(el).click();
    await waitUntil(() => shadow(el).querySelector('progress'), 'no progress bar', { timeout: 3000 });
    const progress = shadow(el).querySelector('progress')!;
    expect(progress.labels![0].textContent).to.equal('Preparing your ZIP');
    expect(progress.max).to.equal(100);
    expect(text(shadow(el).querySelector('#progress-text')!)).to.match(/^File 1 of 5 · 0 byte of 99 kB$/);
    expect(downloadAll(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    await waitUntil(() => shadow(el).querySelector('progress') && (shadow(el).querySelector('progress') as HTMLProgressElement).value > 0, 'progress did not move', { timeout: 3000 });
    await waitUntil(() => text(shadow(el).querySelector('[role="status"][aria-live]')!).startsWith('Downloaded '), 'progress not announced', { timeout: 3000 });
    expect(text(shadow(el).querySelector('[role="status"][aria-live]')!)).to.match(/^Downloaded [1-5] of 5 files\.$/);
    await waitUntil(() => saves.saved.length === 1, 'nothing saved', { timeout: 8000 });
    expect(shadow(el).querySelector('progress')).to.equal(null);
  });

  it('refuses a file that does not match its SHA-256, names it, and lets the citizen take the rest', async () => {
    const bad = death().files[2];
    worker.use(countiesHandlers.ok, ...bundles.corruptFile(`${bad.id}.${bad.format}`));
    const el = mount();
    await listed(el);
    const completed: CustomEvent[] = [];
    el.addEventListener('onestop-download-complete', (e) => completed.push(e));
    downloadAll(el).click();
    await waitUntil(() => shadow(el).querySelector('[part="download-problems"]'), 'no problem named', { timeout: 8000 });
    const problems = shadow(el).querySelector('[part="download-problems"]')!;
    expect(problems.getAttribute('role')).to.equal('alert');
    expect(text(problems.querySelector('.state-title')!)).to.equal('4 of 5 files are ready. These could not be added:');
    expect([...problems.querySelectorAll('li')].map(text)).to.deep.equal([
      `${bad.title}: It did not match its published checksum (SHA-256), so it was left out: it may have been changed or damaged on the way.`,
    ]);
    expect(saves.saved).to.have.length(0);
    await expect(el).to.be.accessible();

    buttonNamed(problems, 'Save the ZIP without them')!.click();
    await waitUntil(() => saves.saved.length === 1, 'nothing saved', { timeout: 5000 });
    const { entries, manifest, index } = await readZip(await saves.saved[0].bytes);
    expect(manifest.files.map((f) => f.id)).to.deep.equal(death().files.filter((f) => f.id !== bad.id).map((f) => f.id));
    expect(Object.keys(entries).some((n) => n.includes(bad.title))).to.equal(false);
    for (const entry of manifest.files) expect(await sha256(entries[entry.file])).to.equal(entry.sha256);
    expect(index).to.contain('<h2>Not in this ZIP</h2>');
    expect(index).to.contain(`<strong>${bad.title}</strong>`);
    expect(completed.map((e) => e.detail)).to.deep.equal([
      { county: 'TW-TTT', event: 'death', basis: 'residence', kind: 'zip', files: 4, left: [bad.id], bytes: (await saves.saved[0].bytes).length },
    ]);
    expect(text(shadow(el).querySelector('.done')!)).to.contain(`Not in it: ${bad.title}.`);
  });

  it('when the API goes down mid-download: a clear message, and Try again fetches only what is missing', async () => {
    worker.use(countiesHandlers.ok, ...bundles.downAfter(2));
    const el = mount();
    await listed(el);
    downloadAll(el).click();
    await waitUntil(() => shadow(el).querySelector('[part="download-problems"]'), 'no problem named', { timeout: 8000 });
    const problems = shadow(el).querySelector('[part="download-problems"]')!;
    const files = death().files;
    expect(text(problems.querySelector('.state-title')!)).to.equal('2 of 5 files are ready. These could not be added:');
    expect([...problems.querySelectorAll('li')].map(text)).to.deep.equal(files.slice(2).map((f) => `${f.title}: We could not reach the service.`));
    expect(text(problems)).to.contain('It may be down for a moment. Please try again.');

    const asked: string[] = [];
    worker.resetHandlers(
      countiesHandlers.ok,
      http.get('*/v1/files/*', ({ request }) => void asked.push(new URL(request.url).pathname)),
      ...bundles.ok,
    );
    const retry = buttonNamed(problems, 'Try the missing files again')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => saves.saved.length === 1, 'nothing saved after retry', { timeout: 8000 });
    expect(asked).to.deep.equal(files.slice(2).map((f) => `/v1/files/${f.path}`));
    const { manifest } = await readZip(await saves.saved[0].bytes);
    expect(manifest.files).to.have.length(5);
  });

  it('says so when no file can be fetched, with a retry', async () => {
    worker.use(http.get('*/v1/files/*', () => HttpResponse.error()), countiesHandlers.ok, ...bundles.ok);
    const el = mount();
    await listed(el);
    downloadAll(el).click();
    await waitUntil(() => shadow(el).querySelector('[part="download-problems"]'), 'no problem named', { timeout: 8000 });
    const problems = shadow(el).querySelector('[part="download-problems"]')!;
    expect(text(problems.querySelector('.state-title')!)).to.equal('None of the files could be downloaded.');
    expect(buttonNamed(problems, 'Save the ZIP without them')).to.equal(undefined);
    expect(buttonNamed(problems, 'Try again')).to.not.equal(undefined);
    expect(saves.saved).to.have.length(0);
  });

  it('works with the keyboard alone', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const el = mount();
    await listed(el);
    downloadAll(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => saves.saved.length === 1, 'nothing saved', { timeout: 8000 });
    expect(shadow(el).activeElement).to.equal(downloadAll(el));
  });
});

describe('<onestop-county-bundle> on a plain http page (no WebCrypto, no Cache Storage)', () => {
  let restore: () => void;
  beforeEach(() => {
    // What a browser gives a page outside a secure context.
    const own = (target: object, key: string) => Object.getOwnPropertyDescriptor(target, key);
    const saved = [
      [crypto, 'subtle', own(crypto, 'subtle')],
      [window, 'caches', own(window, 'caches')],
    ] as const;
    for (const [target, key] of saved) Object.defineProperty(target, key, { value: undefined, configurable: true });
    restore = () => {
      for (const [target, key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(target, key, descriptor);
        else delete (target as unknown as Record<string, unknown>)[key];
      }
    };
  });
  afterEach(() => restore());

  it('offers the server ZIP as the way to download all, plain file links, and no offline copy', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const el = mount({}, base);
    await listed(el);
    expect(shadow(el).querySelector('[part="download-all"]')).to.equal(null);
    const link = shadow(el).querySelector<HTMLAnchorElement>('a[part="server-zip"]')!;
    expect(text(link)).to.equal('Download all as one ZIP');
    expect(link.href).to.equal(new URL('v1/counties/TW-TTT/bundles/death/zip?lang=en', base).href);
    expect(shadow(el).querySelector('[part="offline"]')).to.equal(null);
    // A file link is left to the browser (nothing to check it with), and still counted.
    const download = [...cards(el)[0].querySelectorAll<HTMLAnchorElement>('a[part="file-link"]')].find((a) => text(a).startsWith('Download'))!;
    let defaultPrevented: boolean | undefined;
    document.addEventListener('click', (e) => ((defaultPrevented = e.defaultPrevented), e.preventDefault()), { once: true });
    const started = oneEvent(el, 'onestop-download-start');
    download.click();
    expect((await started).detail.kind).to.equal('file');
    expect(defaultPrevented).to.equal(false);
    await expect(el).to.be.accessible();
  });
});

describe('<onestop-county-bundle> kept on the device', () => {
  const offline = (el: OnestopCountyBundle) => shadow(el).querySelector<HTMLElement>('[part="offline"]')!;

  it('keeps the manifest and every file in Cache Storage, says when, and can remove them', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const el = mount({}, base);
    await listed(el);
    expect(text(offline(el))).to.contain('Keep these forms in this browser, to open them without internet.');
    buttonNamed(offline(el), 'Keep on this device')!.click();
    await waitUntil(() => text(offline(el)).includes('Kept on this device.'), 'not kept', { timeout: 8000 });
    expect(text(offline(el))).to.match(/Kept on this device\. Last refreshed on .+\. This is the newest version\./);
    expect(shadow(el).activeElement?.id).to.equal('offline-status');
    expect(text(shadow(el).querySelector('[role="status"][aria-live]')!)).to.equal('The forms are kept on this device.');

    const cache = await caches.open(OFFLINE_CACHE);
    for (const file of death().files) {
      const stored = await cache.match(new URL(file.url, base).href);
      expect(stored, file.id).to.not.equal(undefined);
      expect(await sha256(new Uint8Array(await stored!.arrayBuffer()))).to.equal(file.sha256);
    }
    await expect(el).to.be.accessible();

    buttonNamed(offline(el), 'Remove from this device')!.click();
    await waitUntil(() => buttonNamed(offline(el), 'Keep on this device'), 'not removed', { timeout: 5000 });
    expect(shadow(el).activeElement?.id).to.equal('keep-button');
    expect((await cache.keys()).filter((r) => r.url.startsWith(base))).to.have.length(0);
  });

  it('offline with nothing else: shows the kept copy, and still builds the ZIP from it', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const first = mount({ lang: 'en' }, base);
    await listed(first);
    buttonNamed(offline(first), 'Keep on this device')!.click();
    await waitUntil(() => text(offline(first)).includes('Kept on this device.'), 'not kept', { timeout: 8000 });
    first.remove();

    // Another language was never loaded here, so the only copy is the one kept on the device.
    worker.resetHandlers(countiesHandlers.networkError, ...bundles.networkError);
    const el = mount({ lang: 'zh-Hant-TW' }, base);
    await waitUntil(() => shadow(el).querySelector('[part="bundle"] [part="stale-notice"]') && cards(el).length === 5, 'kept copy not shown', { timeout: 10000 });
    expect(text(shadow(el).querySelector('[part="bundle"] [part="stale-notice"]')!)).to.match(/^您目前離線。以下是 .+ 保存在這部裝置上的表單。/);
    expect(text(offline(el))).to.contain('沒有網路連線，無法檢查是否有新版本。');
    // No "open" link to a server it cannot reach; download still works, from the device.
    expect(cards(el).flatMap((c) => [...c.querySelectorAll('a[part="file-link"]')].map(text))).to.not.include.members(['開啟']);
    await expect(el).to.be.accessible();

    downloadAll(el).click();
    await waitUntil(() => saves.saved.length === 1, 'no ZIP offline', { timeout: 8000 });
    const { manifest, entries } = await readZip(await saves.saved[0].bytes);
    expect(manifest.files).to.have.length(5);
    for (const entry of manifest.files) expect(await sha256(entries[entry.file])).to.equal(entry.sha256);
  });

  it('says when a newer version exists, and updates the kept copy', async () => {
    worker.use(countiesHandlers.ok, ...bundles.ok);
    const base = freshBase();
    const first = mount({}, base);
    await listed(first);
    buttonNamed(offline(first), 'Keep on this device')!.click();
    await waitUntil(() => text(offline(first)).includes('Kept on this device.'), 'not kept', { timeout: 8000 });
    first.remove();

    // Next year's bundle, with one form changed: the widget says so (the new bytes are not served here).
    const changed = structuredClone(death());
    changed.version = '2027.1';
    changed.files[0].sha256 = '0'.repeat(64);
    worker.resetHandlers(countiesHandlers.ok, http.get('*/v1/counties/:code/bundles/:event', () => HttpResponse.json(changed)), ...bundles.ok);
    const el = mount({}, base);
    await listed(el);
    await waitUntil(() => text(offline(el)).includes('A newer version exists'), 'no newer version said', { timeout: 8000 });
    expect(text(offline(el))).to.contain('A newer version exists (version 2027.1): 1 changed, 0 new, 0 removed.');
    expect(buttonNamed(offline(el), 'Update the copy on this device')).to.not.equal(undefined);
    el.remove();

    // Next year's bundle with the same files under a new version: Update keeps it.
    const renamed = { ...death(), version: '2027.1' };
    worker.resetHandlers(countiesHandlers.ok, http.get('*/v1/counties/:code/bundles/:event', () => HttpResponse.json(renamed)), ...bundles.ok);
    const again = mount({}, base);
    await listed(again);
    await waitUntil(() => text(offline(again)).includes('A newer version exists (version 2027.1).'), 'no newer version said', { timeout: 8000 });
    buttonNamed(offline(again), 'Update the copy on this device')!.click();
    await waitUntil(() => text(offline(again)).includes('This is the newest version.'), 'not updated', { timeout: 8000 });
  });
});
