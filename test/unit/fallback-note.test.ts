import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { fallbackLangs, languageNames, renderFallbackNote } from '../../src/core/fallback-note.js';
import { ensureLocale, withLocale, type Locale } from '../../src/core/i18n.js';

describe('fallbackLangs: which served languages are not the reader’s', () => {
  const table: Array<[string, Parameters<typeof fallbackLangs>[1], string[]]> = [
    ['vi', [{ textLangs: ['en'] }], ['en']],
    ['vi', [{ textLangs: ['vi'] }], []],
    ['vi', [{ textLangs: ['en', 'vi'] }, { textLangs: ['EN'] }], ['en']],
    ['zh-Hant-TW', [{ textLangs: ['zh-Hant-TW'] }], []],
    ['en', [{ textLangs: ['en'] }, undefined, null], []],
    ['th', [{ textLang: 'en' }], ['en']], // an answer without textLangs: its record's textLang
    ['km', [{ nameLang: 'en' }, { textLangs: ['zh-Hant-TW'] }], ['en', 'zh-Hant-TW']],
    ['ja', [], []],
  ];
  for (const [locale, answers, expected] of table) {
    it(`${locale} ← ${JSON.stringify(answers)} → ${JSON.stringify(expected)}`, () => {
      expect(fallbackLangs(locale, answers)).to.deep.equal(expected);
    });
  }

  it('names languages in the reader’s language, Chinese without its script and region', () => {
    expect(languageNames(['en'], 'zh-Hant-TW')).to.equal('英文');
    expect(languageNames(['en'], 'ja')).to.equal('英語');
    // Chromium's Intl has no Khmer language names: the catalogue's two come from a table.
    expect(languageNames(['en'], 'km')).to.equal('អង់គ្លេស');
    expect(languageNames(['en'], 'th')).to.equal('อังกฤษ');
    expect(languageNames(['en', 'zh-Hant-TW'], 'en')).to.equal('English and Chinese');
  });
});

describe('renderFallbackNote', () => {
  afterEach(() => document.body.replaceChildren());

  const draw = async (locale: Locale, answers: Parameters<typeof renderFallbackNote>[1]) => {
    await ensureLocale(locale);
    const host = document.createElement('div');
    document.body.append(host);
    withLocale(locale, () => render(renderFallbackNote(locale, answers), host));
    return host;
  };

  it('is nothing when every text is in the reader’s language', async () => {
    const host = await draw('en', [{ textLangs: ['en'] }]);
    expect(host.querySelector('[part="fallback-note"]')).to.equal(null);
  });

  it('says, in Japanese, that some information is in English', async () => {
    const host = await draw('ja', [{ textLangs: ['en'] }]);
    const note = host.querySelector('[part="fallback-note"]')!;
    expect(note.getAttribute('role')).to.equal('note');
    expect(note.getAttribute('data-langs')).to.equal('en');
    expect(note.textContent!.trim()).to.equal('一部の情報は英語で表示されています。');
  });

  it('says it in English when the locale has no translation yet: never blank', async () => {
    const host = await draw('en', [{ textLangs: ['zh-Hant-TW'] }]);
    expect(host.querySelector('[part="fallback-note"]')!.textContent!.trim()).to.equal('Some information is shown in Chinese.');
  });
});
