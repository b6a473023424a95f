/**
 * The ZIP the county bundle builds in the browser (src/county-bundle/zip.ts), from the real
 * API's manifests and the real committed files (data/bundles, SAMPLE forms): readable with
 * fflate's unzipSync, exactly the files + manifest.json + index.html, every checksum checked, a
 * file that does not match refused and named, and the same entries and manifest as the ZIP the
 * server builds.
 */
import { unzipSync } from 'fflate';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { BundleResponse, BundleZipManifest, type BundleFileView } from '../../src/core/api/bundle-contract.js';
import { assembleBundleZip, entryName, INDEX_ENTRY, MANIFEST_ENTRY, type ZipOptions, type ZipTexts } from '../../src/county-bundle/zip.js';
import { sha256Hex, matchesManifest } from '../../src/county-bundle/checksum.js';
import { startApp, type Harness } from '../server/helpers.js';

const TEXTS: ZipTexts = {
  sample: 'SAMPLE: not official forms.',
  version: 'Version',
  effective: 'Effective',
  files: 'Files',
  file: 'File',
  office: 'Office',
  format: 'Format',
  size: 'Size',
  formats: { pdf: 'PDF to print', odt: 'ODF to edit' },
  check: 'Check each file with its SHA-256.',
  source: 'Source',
  leftOut: 'Not in this ZIP',
  reasons: { mismatch: 'Its bytes did not match the published SHA-256, so it was refused.', unavailable: 'It could not be downloaded.' },
  getItFrom: 'Download it from',
};

const API = 'https://api.example.test/';
const options = (locale = 'en'): ZipOptions => ({ texts: TEXTS, locale, fileUrl: (file) => new URL(file.url, API).href });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let harness: Harness;
const bundleOf = async (county: string, event: string, lang: string) =>
  z.parse(BundleResponse, (await harness.app.inject({ url: `/v1/counties/${county}/bundles/${event}?lang=${lang}` })).json());
const bytesOf = async (file: BundleFileView) => new Uint8Array((await harness.app.inject({ url: `/${file.url}` })).rawPayload);
const sourcesOf = async (bundle: BundleResponse) => Promise.all(bundle.files.map(async (file) => ({ file, bytes: await bytesOf(file) })));

before(async () => {
  harness = await startApp();
});
after(() => harness.close());

describe('checksums (WebCrypto)', () => {
  test('sha256Hex agrees with node:crypto on the empty input, text and a real file', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('臺東縣'), await bytesOf(bundle.files[0]!)]) {
      assert.equal(await sha256Hex(bytes), sha256(bytes));
    }
  });

  test('a file matches its manifest entry only with the same length and the same SHA-256', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    const file = bundle.files[0]!;
    const bytes = await bytesOf(file);
    const flipped = bytes.slice();
    flipped[100] = flipped[100]! ^ 0xff;
    assert.equal(await matchesManifest(file, bytes), true);
    assert.equal(await matchesManifest(file, flipped), false);
    assert.equal(await matchesManifest(file, bytes.slice(0, -1)), false);
    assert.equal(await matchesManifest({ ...file, bytes: file.bytes + 1 }, bytes), false);
  });
});

describe('entry names', () => {
  const table: Array<[string, number, number, { title: string; format: 'pdf' | 'odt' }, string]> = [
    ['first of five', 0, 5, { title: 'Application for death registration (sample)', format: 'pdf' }, '01-Application for death registration (sample).pdf'],
    ['Chinese title, ODF', 4, 5, { title: '喪葬補助申請書（範例）', format: 'odt' }, '05-喪葬補助申請書（範例）.odt'],
    ['slashes and colons made safe', 1, 9, { title: 'Form A/B: part 1?', format: 'pdf' }, '02-Form A_B_ part 1_.pdf'],
    ['three digits from 100 files', 6, 120, { title: 'x', format: 'pdf' }, '007-x.pdf'],
  ];
  for (const [name, position, count, file, expected] of table) test(name, () => assert.equal(entryName(position, count, file), expected));
});

describe('the ZIP built from every file of a real bundle', () => {
  for (const [county, event, lang] of [
    ['TW-TTT', 'death', 'en'],
    ['TW-TTT', 'birth', 'zh-Hant-TW'],
    ['TW-NWT', 'death', 'en'],
    ['TW-KIN', 'moving-house', 'zh-Hant-TW'],
  ] as const) {
    test(`${county} ${event} (${lang}): exactly the files + manifest.json + index.html, all intact`, async () => {
      const bundle = await bundleOf(county, event, lang);
      const zip = await assembleBundleZip(bundle, await sourcesOf(bundle), options(lang));
      assert.deepEqual(zip.left, []);
      const entries = unzipSync(zip.bytes);
      const names = bundle.files.map((file, i) => entryName(i, bundle.files.length, file));
      assert.deepEqual(Object.keys(entries).sort(), [...names, MANIFEST_ENTRY, INDEX_ENTRY].sort());
      const manifest = z.parse(BundleZipManifest, JSON.parse(new TextDecoder().decode(entries[MANIFEST_ENTRY])));
      assert.deepEqual(
        manifest.files.map((f) => [f.id, f.file, f.sha256]),
        bundle.files.map((f, i) => [f.id, names[i], f.sha256]),
      );
      for (const entry of manifest.files) {
        assert.equal(sha256(entries[entry.file]!), entry.sha256, `${entry.file} in the ZIP has the manifest's SHA-256`);
        assert.equal(entries[entry.file]!.length, entry.bytes);
      }
      assert.equal(zip.fileName, bundle.zip.fileName);
    });
  }

  test('the same entries and the same manifest.json as the ZIP the server builds', async () => {
    for (const lang of ['en', 'zh-Hant-TW']) {
      const bundle = await bundleOf('TW-TTT', 'death', lang);
      const ours = unzipSync((await assembleBundleZip(bundle, await sourcesOf(bundle), options(lang))).bytes);
      const server = unzipSync(new Uint8Array((await harness.app.inject({ url: `/${bundle.zip.url}` })).rawPayload));
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(server).sort());
      assert.deepEqual(JSON.parse(new TextDecoder().decode(ours[MANIFEST_ENTRY])), JSON.parse(new TextDecoder().decode(server[MANIFEST_ENTRY])));
      for (const name of Object.keys(server).filter((n) => n !== INDEX_ENTRY && n !== MANIFEST_ENTRY)) assert.deepEqual(ours[name], server[name], name);
    }
  });

  test('the same files give the same bytes (fixed entry times)', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    const sources = await sourcesOf(bundle);
    const a = await assembleBundleZip(bundle, sources, options());
    const b = await assembleBundleZip(bundle, [...sources].reverse(), options());
    assert.equal(sha256(a.bytes), sha256(b.bytes));
  });

  test('index.html lists each file in the citizen language, with its office, format, size and SHA-256, and links to it', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    const zip = await assembleBundleZip(bundle, await sourcesOf(bundle), options('en'));
    const index = new TextDecoder().decode(unzipSync(zip.bytes)[INDEX_ENTRY]);
    assert.match(index, /^<!doctype html>\n<html lang="en">/);
    assert.match(index, /<p class="sample">SAMPLE: not official forms\.<\/p>/);
    assert.match(index, /Version 2026\.1 · Effective January 1, 2026/);
    for (const { file, name } of zip.included) {
      assert.ok(index.includes(`<a href="${encodeURI(name)}">${file.title.replace(/&/g, '&amp;')}</a>`), file.title);
      assert.ok(index.includes(file.sha256));
      assert.ok(index.includes(file.office));
    }
    assert.ok(index.includes('<td>PDF to print</td>') && index.includes('<td>ODF to edit</td>'));
    assert.ok(index.includes('<td>31 kB</td>'), 'sizes through Intl');
    assert.doesNotMatch(index, /Not in this ZIP/);
  });
});

describe('files left out', () => {
  interface Case {
    name: string;
    /** What to do to each file's bytes, by position: keep, drop (not fetched) or corrupt. */
    plan: Array<'keep' | 'drop' | 'flip' | 'truncate' | 'swap'>;
    left: Array<[number, 'mismatch' | 'unavailable']>;
  }
  const table: Case[] = [
    { name: 'one file altered by one bit is refused as a mismatch', plan: ['keep', 'flip', 'keep', 'keep', 'keep'], left: [[1, 'mismatch']] },
    { name: 'a truncated file is refused', plan: ['keep', 'keep', 'keep', 'truncate', 'keep'], left: [[3, 'mismatch']] },
    { name: "another file's bytes in its place are refused", plan: ['swap', 'keep', 'keep', 'keep', 'keep'], left: [[0, 'mismatch']] },
    { name: 'a file that could not be fetched is named as unavailable', plan: ['keep', 'keep', 'drop', 'keep', 'keep'], left: [[2, 'unavailable']] },
    {
      name: 'both kinds at once; the rest still go in',
      plan: ['drop', 'keep', 'flip', 'keep', 'drop'],
      left: [
        [0, 'unavailable'],
        [2, 'mismatch'],
        [4, 'unavailable'],
      ],
    },
    {
      name: 'nothing usable: an empty list of files, still with manifest and index',
      plan: ['drop', 'drop', 'flip', 'drop', 'drop'],
      left: [
        [0, 'unavailable'],
        [1, 'unavailable'],
        [2, 'mismatch'],
        [3, 'unavailable'],
        [4, 'unavailable'],
      ],
    },
  ];
  for (const { name, plan, left } of table) {
    test(name, async () => {
      const bundle = await bundleOf('TW-TTT', 'death', 'en');
      assert.equal(bundle.files.length, plan.length);
      const real = await sourcesOf(bundle);
      const sources = real.flatMap(({ file, bytes }, i) => {
        switch (plan[i]) {
          case 'drop':
            return [];
          case 'flip': {
            const copy = bytes.slice();
            copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0x01;
            return [{ file, bytes: copy }];
          }
          case 'truncate':
            return [{ file, bytes: bytes.slice(0, bytes.length - 10) }];
          case 'swap':
            return [{ file, bytes: real[(i + 1) % real.length]!.bytes }];
          default:
            return [{ file, bytes }];
        }
      });
      const zip = await assembleBundleZip(bundle, sources, options());
      assert.deepEqual(
        zip.left.map(({ file, reason }) => [file.id, reason]),
        left.map(([i, reason]) => [bundle.files[i]!.id, reason]),
      );
      const leftIds = new Set(left.map(([i]) => bundle.files[i]!.id));
      const kept = bundle.files.map((file, i) => ({ file, name: entryName(i, bundle.files.length, file) })).filter(({ file }) => !leftIds.has(file.id));
      const entries = unzipSync(zip.bytes);
      assert.deepEqual(Object.keys(entries).sort(), [...kept.map((k) => k.name), MANIFEST_ENTRY, INDEX_ENTRY].sort());
      const manifest = z.parse(BundleZipManifest, JSON.parse(new TextDecoder().decode(entries[MANIFEST_ENTRY])));
      assert.deepEqual(
        manifest.files.map((f) => f.id),
        kept.map((k) => k.file.id),
      );
      for (const entry of manifest.files) assert.equal(sha256(entries[entry.file]!), entry.sha256);
      const index = new TextDecoder().decode(entries[INDEX_ENTRY]);
      for (const [i, reason] of left) {
        const file = bundle.files[i]!;
        assert.ok(index.includes(`<strong>${file.title}</strong>`), `index.html names ${file.id}`);
        assert.ok(index.includes(TEXTS.reasons[reason]));
        assert.ok(index.includes(`href="${new URL(file.url, API).href}"`), 'and says where to get it');
      }
    });
  }

  test('bytes for a file the manifest does not list are ignored', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    const sources = await sourcesOf(bundle);
    const stranger = { ...bundle.files[0]!, id: 'not-in-the-manifest', title: 'Stranger' };
    const zip = await assembleBundleZip(bundle, [...sources, { file: stranger, bytes: new Uint8Array([1, 2, 3]) }], options());
    assert.equal(zip.included.length, bundle.files.length);
    assert.ok(!Object.keys(unzipSync(zip.bytes)).some((n) => n.includes('Stranger')));
  });

  test('titles with markup are escaped in index.html', async () => {
    const bundle = await bundleOf('TW-TTT', 'death', 'en');
    const evil = { ...bundle, title: '<script>alert(1)</script>', files: bundle.files.map((f) => ({ ...f, office: 'A & B "office"' })) };
    const zip = await assembleBundleZip(evil, await sourcesOf(bundle), options());
    assert.ok(!zip.index.includes('<script>alert'));
    assert.ok(zip.index.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(zip.index.includes('A &amp; B &quot;office&quot;'));
  });
});
