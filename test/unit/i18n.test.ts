import { expect } from '@open-wc/testing';
import { closestLang, pickLocale } from '../../src/core/i18n.js';

describe('pickLocale', () => {
  const table: Array<[string | null, string]> = [
    [null, 'zh-Hant-TW'],
    ['', 'zh-Hant-TW'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['zh-TW', 'zh-Hant-TW'],
    ['zh', 'zh-Hant-TW'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN-us', 'en'],
    ['zh-Hant', 'zh-Hant-TW'],
    ['zh-Hans-CN', 'zh-Hant-TW'],
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['id', 'id'],
    ['in', 'id'],
    ['id-ID', 'id'],
    ['th-TH', 'th'],
    ['km-KH', 'km'],
    ['ja-JP', 'ja'],
    ['ja_JP', 'ja'],
    // Not shipped: English is the closer bet than Chinese for these readers.
    ['fr', 'en'],
    ['tl-PH', 'en'],
  ];
  for (const [tag, expected] of table) {
    it(`maps ${JSON.stringify(tag)} to ${expected}`, () => {
      expect(pickLocale(tag)).to.equal(expected);
    });
  }
});

describe('closestLang', () => {
  afterEach(() => document.body.replaceChildren());

  it('uses the element’s own lang first', () => {
    const outer = document.createElement('div');
    outer.lang = 'en';
    const inner = document.createElement('span');
    inner.lang = 'zh-Hant-TW';
    outer.append(inner);
    document.body.append(outer);
    expect(closestLang(inner)).to.equal('zh-Hant-TW');
  });

  it('walks up to the nearest ancestor with a lang', () => {
    const outer = document.createElement('div');
    outer.lang = 'en';
    const inner = document.createElement('span');
    outer.append(document.createElement('p'));
    outer.firstElementChild!.append(inner);
    document.body.append(outer);
    expect(closestLang(inner)).to.equal('en');
  });

  it('crosses shadow roots to the host’s ancestors', () => {
    const host = document.createElement('div');
    host.lang = 'en';
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    root.append(inner);
    document.body.append(host);
    expect(closestLang(inner)).to.equal('en');
  });

  it('falls back to <html lang>', () => {
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.lang = 'en-GB';
    const inner = document.createElement('span');
    document.body.append(inner);
    try {
      expect(closestLang(inner)).to.equal('en-GB');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.lang = before;
    }
  });
});
