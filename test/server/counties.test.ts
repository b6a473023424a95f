import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { CountiesResponse, Problem } from '../../src/core/api/contract.js';
import { mediaType, startApp, type Harness } from './helpers.js';

/** ISO 3166-2:TW: the 22 subdivision codes in use. */
const ISO_CODES = [
  'TW-CHA', 'TW-CYI', 'TW-CYQ', 'TW-HSQ', 'TW-HSZ', 'TW-HUA', 'TW-ILA', 'TW-KEE', 'TW-KHH', 'TW-KIN', 'TW-LIE',
  'TW-MIA', 'TW-NAN', 'TW-NWT', 'TW-PEN', 'TW-PIF', 'TW-TAO', 'TW-TNN', 'TW-TPE', 'TW-TTT', 'TW-TXG', 'TW-YUN',
];
const SPECIAL_MUNICIPALITIES = ['TW-KHH', 'TW-NWT', 'TW-TAO', 'TW-TNN', 'TW-TPE', 'TW-TXG'];
const CITIES = ['TW-CYI', 'TW-HSZ', 'TW-KEE'];
/** Only Han characters, ending in 市 (city) or 縣 (county), in Traditional script (臺, not 台). */
const CHINESE_NAME = /^[\u4e00-\u9fff]+[市縣]$/u;

describe('GET /v1/counties', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  async function counties(query: string) {
    const res = await h.app.inject({ method: 'GET', url: `/v1/counties${query}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(mediaType(res.headers['content-type']), 'application/json');
    return z.parse(CountiesResponse, res.json());
  }
  const byCode = (body: CountiesResponse, code: string) => {
    const county = body.counties.find((c) => c.code === code);
    assert.ok(county, `${code} is in the list`);
    return county;
  };

  test('lists exactly the 22 ISO 3166-2:TW codes, each once', async () => {
    const body = await counties('?lang=en');
    assert.equal(body.counties.length, 22);
    const codes = body.counties.map((c) => c.code);
    assert.equal(new Set(codes).size, 22, 'codes are unique');
    for (const code of codes) assert.match(code, /^TW-[A-Z]{3}$/);
    assert.deepEqual([...codes].sort(), ISO_CODES);
  });

  test('has 6 special municipalities, 3 cities and 13 counties', async () => {
    const body = await counties('?lang=en');
    const ofKind = (kind: string) => body.counties.filter((c) => c.kind === kind).map((c) => c.code).sort();
    assert.deepEqual(ofKind('special-municipality'), SPECIAL_MUNICIPALITIES);
    assert.deepEqual(ofKind('city'), CITIES);
    assert.equal(ofKind('county').length, 13);
  });

  test('carries its source', async () => {
    const body = await counties('');
    assert.match(body.source.cite, /ISO 3166-2:TW/);
    assert.match(body.source.asOf, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('lang=en gives the English names', async () => {
    const body = await counties('?lang=en');
    assert.equal(body.lang, 'en');
    assert.deepEqual(byCode(body, 'TW-TTT'), {
      code: 'TW-TTT',
      kind: 'county',
      name: 'Taitung County',
      nameLang: 'en',
      nameZh: '臺東縣',
    });
    assert.equal(byCode(body, 'TW-TPE').name, 'Taipei City');
    assert.equal(byCode(body, 'TW-LIE').name, 'Lienchiang County');
    for (const c of body.counties) {
      assert.equal(c.nameLang, 'en');
      assert.match(c.name, /^[A-Z][A-Za-z ]+ (City|County)$/);
    }
  });

  test('lang=zh-Hant-TW gives the official Chinese names', async () => {
    const body = await counties('?lang=zh-Hant-TW');
    assert.equal(body.lang, 'zh-Hant-TW');
    const taitung = byCode(body, 'TW-TTT');
    assert.equal(taitung.name, '臺東縣');
    assert.equal(taitung.nameLang, 'zh-Hant-TW');
    assert.equal(byCode(body, 'TW-TPE').name, '臺北市');
    for (const c of body.counties) {
      assert.equal(c.nameLang, 'zh-Hant-TW');
      assert.match(c.name, CHINESE_NAME);
      assert.equal(c.name, c.nameZh);
    }
  });

  test('without lang the default is zh-Hant-TW', async () => {
    const body = await counties('');
    assert.equal(body.lang, 'zh-Hant-TW');
    assert.deepEqual(body, await counties('?lang=zh-Hant-TW'));
  });

  test('nameZh is the Chinese name whatever the language asked for', async () => {
    const zh = await counties('?lang=zh-Hant-TW');
    const official = new Map(zh.counties.map((c) => [c.code, c.name]));
    for (const lang of ['en', 'vi', 'zh-TW', 'ja', 'EN-gb']) {
      const body = await counties(`?lang=${lang}`);
      for (const c of body.counties) {
        assert.match(c.nameZh, CHINESE_NAME, `${lang} ${c.code}`);
        assert.equal(c.nameZh, official.get(c.code), `${lang} ${c.code}`);
      }
    }
  });

  test('a language the catalogue lacks (vi) falls back to English and says so', async () => {
    const [vi, en] = [await counties('?lang=vi'), await counties('?lang=en')];
    assert.equal(vi.lang, 'vi', 'the response echoes the language asked for');
    assert.equal(byCode(vi, 'TW-TTT').name, 'Taitung County');
    for (const c of vi.counties) assert.equal(c.nameLang, 'en');
    assert.deepEqual(vi.counties, en.counties);
  });

  test('another Chinese variant (zh-TW) reads zh-Hant-TW', async () => {
    const body = await counties('?lang=zh-TW');
    assert.equal(body.lang, 'zh-TW');
    assert.equal(byCode(body, 'TW-TTT').name, '臺東縣');
    for (const c of body.counties) assert.equal(c.nameLang, 'zh-Hant-TW');
  });

  test('language tags are matched case-insensitively', async () => {
    const body = await counties('?lang=EN');
    assert.equal(byCode(body, 'TW-TTT').name, 'Taitung County');
    assert.equal(byCode(body, 'TW-TTT').nameLang, 'en');
  });

  for (const [label, query] of [
    ['x!', `?lang=${encodeURIComponent('x!')}`],
    ['an empty lang', '?lang='],
    ['a one-letter tag', '?lang=e'],
    ['lang given twice', '?lang=en&lang=vi'],
  ] as const) {
    test(`an invalid lang (${label}) is a 400 problem+json`, async () => {
      const res = await h.app.inject({ method: 'GET', url: `/v1/counties${query}` });
      assert.equal(res.statusCode, 400);
      assert.equal(mediaType(res.headers['content-type']), 'application/problem+json');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers.etag, undefined);
      const body = z.parse(Problem, res.json());
      assert.equal(body.status, 400);
      assert.equal(body.type, '/v1/problems/invalid-lang');
      assert.ok(body.title.length > 0);
    });
  }
});
