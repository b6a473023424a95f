import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOGUE_BASE_LANG, fallbackChain, pickText } from '../../server/localized-text.js';

describe('fallbackChain', () => {
  const table: [string, string[]][] = [
    ['zh-Hant-TW', ['zh-hant-tw', 'zh', 'en']],
    ['zh-TW', ['zh-tw', 'zh-hant-tw', 'zh', 'en']],
    ['zh-Hans-CN', ['zh-hans-cn', 'zh-hant-tw', 'zh', 'en']],
    ['zh', ['zh', 'zh-hant-tw', 'en']],
    ['en', ['en', 'zh-hant-tw']],
    ['EN-gb', ['en-gb', 'en', 'zh-hant-tw']],
    ['vi', ['vi', 'en', 'zh-hant-tw']],
    ['ja-JP', ['ja-jp', 'ja', 'en', 'zh-hant-tw']],
  ];
  for (const [requested, chain] of table) {
    test(`${requested} -> ${chain.join(', ')}`, () => {
      assert.deepEqual(fallbackChain(requested), chain);
    });
  }

  test('every chain ends with English then Traditional Chinese as the last resorts', () => {
    for (const [requested] of table) {
      const chain = fallbackChain(requested);
      assert.ok(chain.includes('en'));
      assert.ok(chain.includes(CATALOGUE_BASE_LANG.toLowerCase()));
      assert.equal(new Set(chain).size, chain.length, 'no duplicates');
    }
  });
});

describe('pickText', () => {
  const catalogue = { 'zh-Hant-TW': '臺東縣', en: 'Taitung County' };
  const withJapanese = { ...catalogue, ja: '台東県' };
  const table: [string, Record<string, string>, string, { text: string; lang: string }][] = [
    ['exact English', catalogue, 'en', { text: 'Taitung County', lang: 'en' }],
    ['exact Chinese', catalogue, 'zh-Hant-TW', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['case-insensitive, reports the stored tag', catalogue, 'ZH-hant-tw', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['zh-TW reads zh-Hant-TW', catalogue, 'zh-TW', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['Simplified asks still get zh-Hant-TW', catalogue, 'zh-Hans', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['en-GB falls back to en', catalogue, 'en-GB', { text: 'Taitung County', lang: 'en' }],
    ['a missing language falls back to en', catalogue, 'vi', { text: 'Taitung County', lang: 'en' }],
    ['a region variant finds its primary language', withJapanese, 'ja-JP', { text: '台東県', lang: 'ja' }],
    ['zh-TW prefers zh-Hant-TW over plain zh', { ...catalogue, zh: '台东县' }, 'zh-TW', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['no English: Traditional Chinese is the last resort', { 'zh-Hant-TW': '臺東縣' }, 'fr', { text: '臺東縣', lang: 'zh-Hant-TW' }],
    ['stored tags in other cases are found', { 'ZH-HANT-TW': '臺東縣', EN: 'Taitung County' }, 'en', { text: 'Taitung County', lang: 'EN' }],
  ];
  for (const [label, texts, requested, expected] of table) {
    test(`${label}: ${requested}`, () => {
      assert.deepEqual(pickText(texts, requested), expected);
    });
  }

  test('throws when no language of the chain is present', () => {
    assert.throws(() => pickText({}, 'en'), /fallback chain for en/);
    assert.throws(() => pickText({ fr: 'Taitung' }, 'de'), /fallback chain for de/);
  });
});
