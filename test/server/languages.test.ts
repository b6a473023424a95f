/**
 * Issue 8, languages: the API answers the seven UI languages (?lang= or Accept-Language),
 * through the fallback chain, and says which languages the texts really came out in
 * (`textLangs` and Content-Language), so a widget can say "shown in English".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as z from 'zod/mini';
import { routes } from '../../src/core/api/contract.js';
import { UI_LOCALES, isSameLanguage, matchUiLocale, parseAcceptLanguage, preferredFromAcceptLanguage } from '../../src/core/locale-match.js';
import { fallbackChain, pickText } from '../../server/localized-text.js';
import { startApp, type Harness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startApp();
});
after(() => h.close());

const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });
const pathOf = (name: string, path: string) =>
  path.replace('{id}', name === 'service' ? 'death-registration' : name === 'document' ? 'household-transcript' : 'death');

describe('every catalogue route in each of the seven languages', () => {
  for (const [name, route] of Object.entries(routes)) {
    if (route.method !== 'GET' || name === 'health' || name === 'document') continue;
    for (const lang of UI_LOCALES) {
      test(`${name} in ${lang}: the contract, and the languages served`, async () => {
        const res = await get(`${pathOf(name, route.path)}?lang=${lang}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = z.parse(route.response as z.ZodMiniType, res.json()) as { lang: string; textLangs?: string[] };
        assert.equal(body.lang, lang);
        assert.ok(body.textLangs?.length, 'textLangs is sent');
        assert.equal(res.headers['content-language'], body.textLangs!.join(', '));
        // The catalogue is complete in zh-Hant-TW and en: those two never fall back, and the
        // other five read English (never Chinese, never blank).
        if (lang === 'en' || lang === 'zh-Hant-TW') assert.deepEqual(body.textLangs, [lang]);
        else for (const served of body.textLangs!) assert.ok(served === 'en' || isSameLanguage(served, lang), `${lang} served ${served}`);
        assert.doesNotMatch(String(res.headers.vary ?? ''), /accept-language/i, 'an explicit ?lang= does not vary by header');
      });
    }
  }

  test('Chinese names sent beside the asked language (nameZh) do not count as a fallback', async () => {
    const body = (await get('/v1/services?lang=en')).json() as { textLangs: string[]; services: Array<{ nameZh: string }> };
    assert.match(body.services[0]!.nameZh, /\p{Script=Han}/u);
    assert.deepEqual(body.textLangs, ['en']);
  });

  test('a bundle in Thai says in Content-Language that its texts are English', async () => {
    const res = await get('/v1/counties/TW-TTT/bundles/death?lang=th');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-language'], 'en');
    assert.equal((res.json() as { textLang: string }).textLang, 'en');
  });

  test('the OpenAPI document describes textLangs', async () => {
    const doc = (await get('/v1/openapi.json')).json() as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, { description?: string }> } }> }> } }> };
    const described = Object.entries(doc.paths)
      .filter(([, item]) => item.get?.responses['200']?.content?.['application/json']?.schema.properties?.textLangs?.description?.startsWith('The languages the texts of this answer are in'))
      .map(([path]) => path);
    for (const path of ['/v1/counties', '/v1/life-events', '/v1/life-events/{id}', '/v1/services', '/v1/services/{id}', '/v1/case-statuses']) assert.ok(described.includes(path), path);
  });
});

describe('Accept-Language when there is no ?lang=', () => {
  const table: Array<[string | undefined, string, string[]]> = [
    [undefined, 'zh-Hant-TW', ['zh-Hant-TW']],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi-VN', ['en']],
    ['fr-FR, zh-TW;q=0.5', 'zh-TW', ['zh-Hant-TW']],
    ['de;q=0.9, ja;q=0.1, en;q=0.5', 'en', ['en']],
    ['fr', 'fr', ['en']],
    ['*', 'zh-Hant-TW', ['zh-Hant-TW']],
    ['in-ID', 'in-ID', ['en']],
  ];
  for (const [header, lang, textLangs] of table) {
    test(`${header ?? '(none)'} → answers as ${lang}, texts in ${textLangs.join(', ')}`, async () => {
      const res = await get('/v1/life-events', header ? { 'accept-language': header } : {});
      assert.equal(res.statusCode, 200);
      const body = res.json() as { lang: string; textLangs: string[] };
      assert.equal(body.lang, lang);
      assert.deepEqual(body.textLangs, textLangs);
      assert.match(String(res.headers.vary), /(^|, )Accept-Language$/, 'a shared cache must keep one copy per language');
      assert.match(String(res.headers.vary), /Origin/, 'and CORS still varies by Origin');
    });
  }

  test('?lang= wins over the header', async () => {
    const body = (await get('/v1/life-events?lang=en', { 'accept-language': 'zh-TW' })).json() as { lang: string };
    assert.equal(body.lang, 'en');
  });
});

describe('the language rules the widgets and the API share (locale-match.ts)', () => {
  test('matchUiLocale', () => {
    const table: Array<[string | null, string]> = [
      [null, 'zh-Hant-TW'], ['', 'zh-Hant-TW'], ['zh-TW', 'zh-Hant-TW'], ['zh-Hant', 'zh-Hant-TW'], ['zh-Hans-CN', 'zh-Hant-TW'],
      ['cmn-Hant-TW', 'zh-Hant-TW'], ['vi-VN', 'vi'], ['VI', 'vi'], ['in', 'id'], ['id-ID', 'id'], ['ind', 'id'], ['th-TH', 'th'],
      ['km-KH', 'km'], ['ja_JP', 'ja'], ['en-GB', 'en'], ['fr', 'en'], ['tl-PH', 'en'],
    ];
    for (const [tag, expected] of table) assert.equal(matchUiLocale(tag), expected, String(tag));
  });

  test('parseAcceptLanguage orders by weight, keeps ties in order, drops q=0 and *', () => {
    assert.deepEqual(parseAcceptLanguage('en;q=0.5, vi, th;q=0.9, *;q=0.1, ja;q=0'), ['vi', 'th', 'en']);
    assert.deepEqual(parseAcceptLanguage(''), []);
    assert.deepEqual(parseAcceptLanguage('not a tag!, km'), ['km']);
    assert.equal(preferredFromAcceptLanguage('de, km-KH;q=0.3'), 'km-KH');
    assert.equal(preferredFromAcceptLanguage('de'), 'de');
    assert.equal(preferredFromAcceptLanguage(undefined), undefined);
  });

  test('fallback chains for the new languages', () => {
    assert.deepEqual(fallbackChain('in'), ['in', 'id', 'en', 'zh-hant-tw']);
    assert.deepEqual(fallbackChain('vi-VN'), ['vi-vn', 'vi', 'en', 'zh-hant-tw']);
    assert.deepEqual(fallbackChain('zh-Hant'), ['zh-hant', 'zh-hant-tw', 'zh', 'en']);
    assert.deepEqual(pickText({ 'zh-Hant-TW': '臺東縣', en: 'Taitung County', id: 'Kabupaten Taitung' }, 'in'), { text: 'Kabupaten Taitung', lang: 'id' });
    assert.deepEqual(pickText({ 'zh-Hant-TW': '臺東縣', en: 'Taitung County' }, 'km-KH'), { text: 'Taitung County', lang: 'en' });
  });
});
