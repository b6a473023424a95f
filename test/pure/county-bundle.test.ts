/** The county bundle's pure decisions (src/county-bundle/bundle-view.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareWithKept,
  formatBytes,
  formatIsoDate,
  normaliseCountyCode,
  normaliseEventId,
  parseBasis,
  progressFraction,
  safeFileName,
  singleFileName,
  type Freshness,
} from '../../src/county-bundle/bundle-view.js';

describe('the county a webmaster typed', () => {
  const table: Array<[string | null, string | null]> = [
    ['TW-TTT', 'TW-TTT'],
    ['ttt', 'TW-TTT'],
    [' tw-nwt ', 'TW-NWT'],
    ['TW-TT', null],
    ['Taitung', null],
    ['臺東縣', null],
    ['', null],
    [null, null],
  ];
  for (const [typed, expected] of table) test(`${JSON.stringify(typed)} → ${expected}`, () => assert.equal(normaliseCountyCode(typed), expected));
});

describe('the life event a webmaster typed', () => {
  const table: Array<[string | null, string | null]> = [
    ['death', 'death'],
    [' Moving-House ', 'moving-house'],
    ['moving house', 'moving-house'],
    ['moving_house', 'moving-house'],
    ['../death', null],
    ['死亡', null],
    ['', null],
    [null, null],
  ];
  for (const [typed, expected] of table) test(`${JSON.stringify(typed)} → ${expected}`, () => assert.equal(normaliseEventId(typed), expected));
});

describe('where the citizen lives or is registered', () => {
  const table: Array<[string | null, 'residence' | 'registration']> = [
    ['registration', 'registration'],
    ['Registration', 'registration'],
    ['household', 'registration'],
    ['戶籍地', 'registration'],
    ['residence', 'residence'],
    ['lives', 'residence'],
    ['', 'residence'],
    [null, 'residence'],
  ];
  for (const [typed, expected] of table) test(`${JSON.stringify(typed)} → ${expected}`, () => assert.equal(parseBasis(typed), expected));
});

describe('sizes through Intl, in SI units', () => {
  const table: Array<[number, string, string]> = [
    [512, 'en', '512 byte'],
    [4975, 'en', '5 kB'],
    [4375, 'en', '4.4 kB'],
    [31082, 'en', '31 kB'],
    [98661, 'zh-Hant-TW', '99 kB'],
    [1_234_567, 'en', '1.2 MB'],
    [12_345_678, 'zh-Hant-TW', '12 MB'],
  ];
  for (const [bytes, locale, expected] of table) test(`${bytes} bytes in ${locale}`, () => assert.equal(formatBytes(bytes, locale), expected));
});

describe('dates', () => {
  const table: Array<[string, string, string]> = [
    ['2026-01-01', 'en', 'January 1, 2026'],
    ['2026-01-01', 'zh-Hant-TW', '2026年1月1日'],
    ['2025-12-31', 'en', 'December 31, 2025'],
    ['not a date', 'en', 'not a date'],
  ];
  for (const [iso, locale, expected] of table) test(`${iso} in ${locale}`, () => assert.equal(formatIsoDate(iso, locale), expected));
});

describe('file names', () => {
  test('unsafe characters become underscores; spaces at the ends go', () => assert.equal(safeFileName(' a/b\\c:d*e?f"g<h>i|j\u0001 '), 'a_b_c_d_e_f_g_h_i_j_'));
  test('a file saved on its own is named in Chinese, as the server names it', () =>
    assert.equal(singleFileName({ county: { code: 'TW-TTT', name: 'Taitung County', nameZh: '臺東縣' } }, { titleZh: '死亡登記申請書（範例）', format: 'pdf' }), '臺東縣-死亡登記申請書（範例）.pdf'));
});

describe('a copy kept on the device against the API now', () => {
  const kept = { version: '2026.1', files: [{ id: 'a', sha256: '1'.repeat(64) }, { id: 'b', sha256: '2'.repeat(64) }] };
  const table: Array<[string, typeof kept | null, Freshness]> = [
    ['the same files and version', { version: '2026.1', files: [...kept.files].reverse() }, { status: 'current' }],
    ['no answer to compare with (offline)', null, { status: 'unknown' }],
    [
      'one file changed',
      { version: '2026.1', files: [kept.files[0]!, { id: 'b', sha256: '3'.repeat(64) }] },
      { status: 'newer', version: '2026.1', changed: 1, added: 0, removed: 0 },
    ],
    [
      'a file added and one removed in a new version',
      { version: '2027.1', files: [kept.files[0]!, { id: 'c', sha256: '4'.repeat(64) }] },
      { status: 'newer', version: '2027.1', changed: 0, added: 1, removed: 1 },
    ],
    ['only the version string moved', { version: '2026.2', files: kept.files }, { status: 'newer', version: '2026.2', changed: 0, added: 0, removed: 0 }],
  ];
  for (const [name, current, expected] of table) test(name, () => assert.deepEqual(compareWithKept(kept, current), expected));
});

describe('progress', () => {
  const table: Array<[number, number, number]> = [
    [0, 100, 0],
    [50, 100, 0.5],
    [150, 100, 1],
    [10, 0, 0],
    [-5, 100, 0],
  ];
  for (const [received, total, expected] of table) test(`${received} of ${total}`, () => assert.equal(progressFraction(received, total), expected));
});
