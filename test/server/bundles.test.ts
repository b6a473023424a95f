/**
 * County download bundles: the committed files, their manifests, the generator that made
 * them, and the routes that serve them one by one and as one ZIP.
 */
import fontkit from '@pdf-lib/fontkit';
import { unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import * as z from 'zod/mini';
import { BundleResponse, BundleZipManifest, CountyBundlesResponse } from '../../src/core/api/bundle-contract.js';
import { Problem } from '../../src/core/api/contract.js';
import { buildApp } from '../../server/app.js';
import { BundleError, loadBundles, registerBundleRoutes, type Bundles } from '../../server/bundles.js';
import { loadCatalogue, type Catalogue } from '../../server/catalogue.js';
import { Store } from '../../server/store.js';
import { BUNDLE_EVENTS, generateBundle, loadGeneratorInputs, SAMPLE_LABEL } from '../../scripts/generate-sample-forms.js';
import { DATA_DIR, mediaType, tempDir } from './helpers.js';

const BUNDLES_DIR = join(DATA_DIR, 'bundles');
const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---------- reading a PDF's text the way a reader does: through each font's encoding ----------

function decoded(stream: PDFObject | undefined): Uint8Array {
  assert.ok(stream instanceof PDFRawStream, 'a stream');
  return decodePDFRawStream(stream).decode();
}

/** Glyph id → text, from a Type0 font's ToUnicode CMap (pdf-lib writes bfchar entries). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const section = cmap.slice(cmap.indexOf('beginbfchar'), cmap.indexOf('endbfchar'));
  for (const [, gid, utf16] of section.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
    const units = utf16!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    map.set(parseInt(gid!, 16), String.fromCharCode(...units));
  }
  return map;
}

interface PdfFont {
  decode(hex: string): string;
  /** The embedded font program, for Type0 fonts. */
  program?: Uint8Array;
}

function fontsOf(doc: PDFDocument, resources: PDFDict): Map<string, PdfFont> {
  const fonts = new Map<string, PdfFont>();
  const dict = resources.lookup(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of dict.entries()) {
    const font = doc.context.lookup(ref as PDFRef, PDFDict);
    const subtype = font.lookup(PDFName.of('Subtype'), PDFName).asString();
    if (subtype === '/Type0') {
      const map = toUnicodeMap(new TextDecoder().decode(decoded(font.lookup(PDFName.of('ToUnicode')))));
      const cid = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
      fonts.set(name.asString(), {
        decode: (hex) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '\uFFFD').join(''),
        program: decoded(descriptor.lookup(PDFName.of('FontFile2'))),
      });
    } else {
      // A standard 14 font in WinAnsiEncoding: ASCII as is, 0x97 is the em dash.
      fonts.set(name.asString(), {
        decode: (hex) => (hex.match(/.{2}/g) ?? []).map((b) => (parseInt(b, 16) === 0x97 ? '—' : String.fromCharCode(parseInt(b, 16)))).join(''),
      });
    }
  }
  return fonts;
}

/** Each page's text, in drawing order, and every embedded font program. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; programs: Uint8Array[] }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const programs: Uint8Array[] = [];
  const pages = doc.getPages().map((page) => {
    const fonts = fontsOf(doc, page.node.Resources()!);
    for (const font of fonts.values()) if (font.program && !programs.some((p) => p.length === font.program!.length)) programs.push(font.program);
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    let text = '';
    let font: PdfFont | undefined;
    for (const stream of streams) {
      const ops = new TextDecoder('latin1').decode(decoded(stream));
      for (const [, name, hex] of ops.matchAll(/(\/[\w-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (name) font = fonts.get(name);
        else text += font!.decode(hex!);
      }
    }
    return text;
  });
  return { pages, programs };
}

// ---------- the app over the real catalogue and bundles ----------

let app: FastifyInstance;
let store: Store;
let catalogue: Catalogue;
let bundles: Bundles;

before(async () => {
  catalogue = await loadCatalogue(DATA_DIR);
  store = new Store(':memory:');
  app = await buildApp({ catalogue, store });
  bundles = await loadBundles(DATA_DIR, catalogue);
  // Once server/app.ts registers them itself, they are there already.
  if (!app.hasRoute({ method: 'GET', url: '/v1/files/*' })) registerBundleRoutes(app, { bundles, catalogue });
  await app.ready();
});

after(async () => {
  await app.close();
  store.close();
});

describe('the committed bundles', () => {
  test('every county has a death, birth and moving-house bundle of 3 to 5 files', () => {
    assert.equal(catalogue.counties.counties.length, 22);
    for (const county of catalogue.counties.counties) {
      for (const event of BUNDLE_EVENTS) {
        const bundle = bundles.get(county.code, event);
        assert.ok(bundle, `${county.code}/${event} has a bundle`);
        assert.ok(bundle.files.length >= 3 && bundle.files.length <= 5, `${county.code}/${event}: ${bundle.files.length} files`);
        assert.ok(bundle.files.some((f) => f.record.kind === 'information'), `${county.code}/${event} has an information sheet`);
        assert.ok(bundle.files.some((f) => f.record.format === 'pdf') && bundle.files.some((f) => f.record.format === 'odt'), 'PDF and ODF both');
        assert.equal(bundle.manifest.sample, true);
        assert.match(bundle.manifest.source.cite, /seed B_ch3\.txt L\d+.*report-ch3 §6.*scripts\/generate-sample-forms\.ts/);
      }
    }
    assert.equal(bundles.size, 22 * BUNDLE_EVENTS.length);
  });

  test('every file on disk matches its manifest: size and SHA-256 (read again, not through the loader)', async () => {
    let checked = 0;
    for (const bundle of bundles.all()) {
      for (const { record } of bundle.files) {
        const bytes = new Uint8Array(await readFile(join(BUNDLES_DIR, record.path)));
        assert.equal(bytes.length, record.bytes, record.path);
        assert.equal(sha256(bytes), record.sha256, record.path);
        checked++;
      }
    }
    assert.ok(checked >= 22 * 3 * 3);
  });

  test("office names use the county's name and an office type", () => {
    const taitung = bundles.get('TW-TTT', 'death')!;
    const offices = taitung.files.map((f) => `${f.record.agency}=${f.record.office['zh-Hant-TW']}`);
    assert.ok(offices.includes('household-registration-office=臺東縣臺東市戶政事務所'), offices.join(', '));
    assert.ok(offices.includes('county-government=臺東縣政府'), offices.join(', '));
  });

  test('every PDF starts with %PDF, says the sample label on every page, and draws every glyph it uses', async () => {
    const pdfs = bundles.all().flatMap((b) => b.files.filter((f) => f.record.format === 'pdf'));
    assert.ok(pdfs.length >= 22 * 3 * 2);
    for (const { record, bytes } of pdfs) {
      assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), '%PDF-', record.path);
      assert.ok(bytes.length < 80_000, `${record.path} is small (${bytes.length} bytes)`);
      const { pages, programs } = await pdfText(bytes);
      pages.forEach((text, i) => assert.ok(text.includes(SAMPLE_LABEL), `${record.path} page ${i + 1} says "${SAMPLE_LABEL}": ${text.slice(0, 80)}`));
      assert.ok(pages.join('').includes(record.title['zh-Hant-TW']!), `${record.path} shows its title`);
      assert.ok(pages.join('').includes(record.office['zh-Hant-TW']!), `${record.path} shows its office`);
      // The subset font: every glyph decodes and a CJK glyph has outlines (a broken subset
      // draws blanks: see padSubsetGlyphs in the generator).
      assert.equal(programs.length, 1, `${record.path} embeds one font`);
      const font = fontkit.create(Buffer.from(programs[0]!)) as unknown as { numGlyphs: number; getGlyph(id: number): { path: { commands: unknown[] } } };
      assert.ok(font.numGlyphs > 50 && font.numGlyphs < 400, `${record.path}: a subset (${font.numGlyphs} glyphs)`);
      let drawn = 0;
      for (let id = 0; id < font.numGlyphs; id++) if (font.getGlyph(id).path.commands.length) drawn++;
      assert.ok(drawn >= font.numGlyphs - 3, `${record.path}: ${drawn} of ${font.numGlyphs} glyphs have outlines`);
    }
  });

  test('every .odt is a ZIP whose first entry is an uncompressed mimetype = the ODF text type', () => {
    const odts = bundles.all().flatMap((b) => b.files.filter((f) => f.record.format === 'odt'));
    assert.ok(odts.length >= 22 * 3);
    for (const { record, bytes } of odts) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      assert.equal(view.getUint32(0, true), 0x04034b50, `${record.path}: a local file header first`);
      assert.equal(view.getUint16(8, true), 0, `${record.path}: mimetype is stored, not deflated`);
      const nameLength = view.getUint16(26, true);
      const extraLength = view.getUint16(28, true);
      assert.equal(new TextDecoder().decode(bytes.subarray(30, 30 + nameLength)), 'mimetype', record.path);
      assert.equal(extraLength, 0, `${record.path}: no extra field on mimetype`);
      const size = view.getUint32(18, true);
      assert.equal(new TextDecoder().decode(bytes.subarray(30 + nameLength, 30 + nameLength + size)), ODT_MIME, record.path);
      const entries = unzipSync(bytes);
      assert.deepEqual(Object.keys(entries).sort(), ['META-INF/manifest.xml', 'content.xml', 'meta.xml', 'mimetype', 'styles.xml']);
      const styles = new TextDecoder().decode(entries['styles.xml']);
      assert.ok(styles.includes(`<style:header><text:p text:style-name="Sample">${SAMPLE_LABEL}</text:p></style:header>`), `${record.path}: the label heads every page`);
      const content = new TextDecoder().decode(entries['content.xml']);
      assert.ok(content.includes(record.title['zh-Hant-TW']!) && content.includes(record.office['zh-Hant-TW']!), `${record.path}: title and office`);
      assert.ok(new TextDecoder().decode(entries['META-INF/manifest.xml']).includes(`manifest:media-type="${ODT_MIME}"`));
    }
  });

  test("the information sheet lists the event's deadlines from the catalogue", async () => {
    const sheet = bundles.get('TW-TTT', 'death')!.files.find((f) => f.record.kind === 'information')!;
    const text = (await pdfText(sheet.bytes)).pages.join('');
    const death = catalogue.lifeEvents.get('death')!;
    const withDeadline = death.tasks.filter((t) => t.deadline && !t.doneForYou);
    assert.ok(withDeadline.length >= 3);
    for (const task of withDeadline) {
      assert.ok(text.includes(task.title['zh-Hant-TW']!), `lists ${task.id}`);
      assert.ok(text.includes(task.deadline!.text['zh-Hant-TW']!), `${task.id}'s deadline as the catalogue says it`);
    }
  });
});

describe('GET /v1/counties/:code/bundles', () => {
  test('lists the three events, in the language asked for', async () => {
    const zh = await app.inject({ url: '/v1/counties/TW-TTT/bundles' });
    assert.equal(zh.statusCode, 200);
    const body = z.parse(CountyBundlesResponse, zh.json());
    assert.deepEqual(body.bundles.map((b) => b.event).sort(), [...BUNDLE_EVENTS].sort());
    assert.equal(body.county.name, '臺東縣');
    const en = z.parse(CountyBundlesResponse, (await app.inject({ url: '/v1/counties/TW-TTT/bundles?lang=en' })).json());
    assert.equal(en.county.name, 'Taitung County');
    assert.notEqual(en.bundles[0]!.title, body.bundles[0]!.title);
    assert.ok(zh.headers.etag && String(zh.headers['cache-control']).includes('max-age'));
    const again = await app.inject({ url: '/v1/counties/TW-TTT/bundles', headers: { 'if-none-match': String(zh.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  test('an unknown county is a 404 problem', async () => {
    for (const url of ['/v1/counties/TW-XXX/bundles', '/v1/counties/TW-XXX/bundles/death', '/v1/counties/TW-XXX/bundles/death/zip']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json', url);
      z.parse(Problem, res.json());
    }
  });

  test('a bad lang is a 400 problem', async () => {
    const res = await app.inject({ url: '/v1/counties/TW-TTT/bundles?lang=%3Cscript%3E' });
    assert.equal(res.statusCode, 400);
  });
});

describe('GET /v1/counties/:code/bundles/:event', () => {
  test('answers the manifest, checked by the contract, with texts in the language asked for', async () => {
    const zhRes = await app.inject({ url: '/v1/counties/TW-TTT/bundles/death?lang=zh-Hant-TW' });
    const enRes = await app.inject({ url: '/v1/counties/TW-TTT/bundles/death?lang=en' });
    const zh = z.parse(BundleResponse, zhRes.json());
    const en = z.parse(BundleResponse, enRes.json());
    assert.equal(zh.textLang, 'zh-Hant-TW');
    assert.equal(en.textLang, 'en');
    assert.notEqual(zh.title, en.title);
    assert.equal(zh.event.name, '家人身後事');
    assert.equal(en.event.name, 'After a family member dies');
    assert.deepEqual(zh.files.map((f) => f.sha256), en.files.map((f) => f.sha256));
    const application = zh.files.find((f) => f.id === 'death-registration-application')!;
    const applicationEn = en.files.find((f) => f.id === 'death-registration-application')!;
    assert.equal(application.title, '死亡登記申請書（範例）');
    assert.equal(applicationEn.title, 'Application for death registration (sample)');
    assert.equal(application.office, '臺東縣臺東市戶政事務所');
    assert.equal(applicationEn.officeZh, '臺東縣臺東市戶政事務所');
    assert.equal(application.agency.id, 'household-registration-office');
    assert.equal(application.task?.id, 'D07');
    assert.equal(application.mediaType, 'application/pdf');
    assert.equal(zh.totalBytes, zh.files.reduce((sum, f) => sum + f.bytes, 0));
    assert.equal(zh.sample, true);
    // A language the catalogue lacks falls back (to English), and says so.
    const vi = z.parse(BundleResponse, (await app.inject({ url: '/v1/counties/TW-TTT/bundles/death?lang=vi' })).json());
    assert.equal(vi.textLang, 'en');
  });

  test('an unknown event, or one without a bundle, is a 404 problem', async () => {
    for (const url of ['/v1/counties/TW-TTT/bundles/no-such-event', '/v1/counties/TW-TTT/bundles/job-loss', '/v1/counties/TW-TTT/bundles/no-such-event/zip']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json', url);
    }
  });
});

describe('GET /v1/files/*', () => {
  test('serves each file with its media type, as an attachment with a UTF-8 name, ETag = SHA-256', async () => {
    const bundle = z.parse(BundleResponse, (await app.inject({ url: '/v1/counties/TW-TTT/bundles/death' })).json());
    for (const file of bundle.files) {
      const res = await app.inject({ url: `/${file.url}` });
      assert.equal(res.statusCode, 200, file.url);
      assert.equal(mediaType(res.headers['content-type']), file.format === 'pdf' ? 'application/pdf' : ODT_MIME);
      assert.equal(res.headers.etag, `"${file.sha256}"`);
      assert.equal(sha256(res.rawPayload), file.sha256);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', 'a URL pinned with ?v= never changes');
      const disposition = String(res.headers['content-disposition']);
      assert.match(disposition, /^attachment; filename="TW-TTT-[a-z-]+\.(pdf|odt)"; filename\*=UTF-8''/);
      assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1]!), `臺東縣-${file.titleZh}.${file.format}`);
      const cached = await app.inject({ url: `/${file.url}`, headers: { 'if-none-match': `"${file.sha256}"` } });
      assert.equal(cached.statusCode, 304);
      assert.equal(cached.rawPayload.length, 0);
    }
    // Without ?v= the path may get new bytes next year: cached briefly, revalidated by ETag.
    const bare = await app.inject({ url: `/v1/files/${bundle.files[0]!.path}` });
    assert.equal(bare.statusCode, 200);
    assert.ok(!String(bare.headers['cache-control']).includes('immutable'));
  });

  test('refuses anything that is not a listed file: traversal, manifests, other files', async () => {
    const urls = [
      '/v1/files/..%2fpackage.json',
      '/v1/files/../package.json',
      '/v1/files/..%2f..%2fpackage.json',
      '/v1/files/%2e%2e/%2e%2e/package.json',
      '/v1/files/TW-TTT/death/..%2f..%2f..%2f..%2fpackage.json',
      '/v1/files/TW-TTT/death/%2e%2e%2f%2e%2e%2fsample-offices.yaml',
      '/v1/files/TW-TTT/death/bundle.yaml',
      '/v1/files/sample-offices.yaml',
      '/v1/files/TW-TTT/death/no-such-form.pdf',
      '/v1/files/TW-TTT/death/death-registration-application.pdf%00.txt',
      '/v1/files/TW-TTT/death/..\\..\\..\\package.json',
      '/v1/files/%252e%252e%252fpackage.json',
      '/v1/files/',
    ];
    for (const url of urls) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json', url);
    }
  });
});

describe('GET /v1/counties/:code/bundles/:event/zip', () => {
  test('a ZIP of every file, a manifest.json and an index.html, whose checksums match', async () => {
    const bundle = z.parse(BundleResponse, (await app.inject({ url: '/v1/counties/TW-HUA/bundles/birth?lang=en' })).json());
    const res = await app.inject({ url: `/${bundle.zip.url}` });
    assert.equal(res.statusCode, 200);
    assert.equal(mediaType(res.headers['content-type']), 'application/zip');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="TW-HUA-birth\.zip"; filename\*=UTF-8''Hualien%20County-Having%20a%20baby\.zip$/);
    assert.equal(res.headers.etag, `"${sha256(res.rawPayload)}"`);
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    const manifest = z.parse(BundleZipManifest, JSON.parse(new TextDecoder().decode(entries['manifest.json'])));
    assert.equal(manifest.lang, 'en');
    assert.equal(manifest.files.length, bundle.files.length);
    for (const file of bundle.files) {
      const listed = manifest.files.find((f) => f.id === file.id)!;
      assert.equal(listed.sha256, file.sha256);
      assert.equal(sha256(entries[listed.file]!), file.sha256, `${listed.file} in the ZIP has the bytes of ${file.path}`);
    }
    assert.deepEqual(Object.keys(entries).sort(), ['index.html', 'manifest.json', ...manifest.files.map((f) => f.file)].sort());
    const index = new TextDecoder().decode(entries['index.html']);
    assert.match(index, /^<!doctype html>\n<html lang="en">/);
    assert.ok(index.includes('not official forms'));
    for (const file of manifest.files) assert.ok(index.includes(file.sha256) && index.includes(file.title.replace(/&/g, '&amp;')));
  });

  test('the same bytes every time (a stable ETag, 304), and another language gets other texts', async () => {
    const url = '/v1/counties/TW-TTT/bundles/death/zip?lang=zh-Hant-TW';
    const first = await app.inject({ url });
    const second = await app.inject({ url });
    assert.equal(first.headers.etag, second.headers.etag);
    assert.deepEqual(first.rawPayload, second.rawPayload);
    const cached = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(cached.statusCode, 304);
    // zh-TW resolves to the same texts as zh-Hant-TW, so the same ZIP.
    const zhTw = await app.inject({ url: '/v1/counties/TW-TTT/bundles/death/zip?lang=zh-TW' });
    assert.equal(zhTw.headers.etag, first.headers.etag);
    const en = await app.inject({ url: '/v1/counties/TW-TTT/bundles/death/zip?lang=en' });
    assert.notEqual(en.headers.etag, first.headers.etag);
    const zhEntries = Object.keys(unzipSync(new Uint8Array(first.rawPayload)));
    assert.ok(zhEntries.includes('01-死亡登記申請書（範例）.pdf'), zhEntries.join(', '));
    const index = new TextDecoder().decode(unzipSync(new Uint8Array(first.rawPayload))['index.html']);
    assert.match(index, /<html lang="zh-Hant-TW">/);
    assert.ok(index.includes('範例表單 SAMPLE'));
  });
});

describe('the generator', () => {
  test('is deterministic: regenerating a bundle gives byte-identical files and manifest', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const inputs = await loadGeneratorInputs(DATA_DIR);
    await generateBundle(inputs, 'TW-TTT', 'death', tmp.dir);
    const dir = join('TW-TTT', 'death');
    const names = (await readdir(join(tmp.dir, dir))).sort();
    assert.deepEqual(names, (await readdir(join(BUNDLES_DIR, dir))).sort());
    for (const name of names) {
      const fresh = await readFile(join(tmp.dir, dir, name));
      const committed = await readFile(join(BUNDLES_DIR, dir, name));
      assert.ok(fresh.equals(committed), `${name} regenerates byte for byte (run npx tsx scripts/generate-sample-forms.ts if the catalogue changed)`);
    }
  });
});

describe('loadBundles', () => {
  /** A data dir holding the real TW-TTT death bundle, for one edit. */
  async function copyOfOneBundle(dir: string): Promise<string> {
    const target = join(dir, 'bundles', 'TW-TTT', 'death');
    await mkdir(target, { recursive: true });
    await cp(join(BUNDLES_DIR, 'TW-TTT', 'death'), target, { recursive: true });
    return target;
  }

  test('loads a copy untouched', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    await copyOfOneBundle(tmp.dir);
    const loaded = await loadBundles(tmp.dir, catalogue);
    assert.equal(loaded.size, 1);
  });

  test('a tampered file stops it, naming the file', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const target = await copyOfOneBundle(tmp.dir);
    const file = join(target, 'death-registration-application.pdf');
    const bytes = await readFile(file);
    bytes[bytes.length - 100] ^= 0xff;
    await writeFile(file, bytes);
    await assert.rejects(loadBundles(tmp.dir, catalogue), (error: unknown) => {
      assert.ok(error instanceof BundleError);
      assert.ok(error.message.includes(file), error.message);
      assert.match(error.message, /SHA-256/);
      return true;
    });
  });

  test('a missing file, a stray file, or an unknown agency stops it, naming each', async (t) => {
    const tmp = await tempDir();
    t.after(() => tmp.remove());
    const target = await copyOfOneBundle(tmp.dir);
    const { rm } = await import('node:fs/promises');
    await rm(join(target, 'death-registration-authorization.odt'));
    await writeFile(join(target, 'extra.pdf'), '%PDF-1.7');
    const manifest = join(target, 'bundle.yaml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('agency: county-government', 'agency: no-such-agency'));
    await assert.rejects(loadBundles(tmp.dir, catalogue), (error: unknown) => {
      assert.ok(error instanceof BundleError);
      assert.ok(error.message.includes(join(target, 'death-registration-authorization.odt')), error.message);
      assert.ok(error.message.includes(join(target, 'extra.pdf')), error.message);
      assert.match(error.message, /no agency "no-such-agency"/);
      return true;
    });
  });
});
