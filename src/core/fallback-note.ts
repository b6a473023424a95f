/**
 * "Some information is shown in English": the catalogue has every text in zh-Hant-TW and en,
 * and the API falls back along its chain for other languages (server/localized-text.ts). It
 * says which languages an answer's texts are really in (`textLangs`, or a record's
 * `textLang`/`nameLang` in older answers); a widget shows this note when any differs from
 * the language it asked for, so a Thai reader knows why the tasks are in English, and never
 * sees a blank.
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { isSameLanguage, primaryLanguage } from './locale-match.js';

/** What an answer says about its languages (any of these fields; all optional). */
export interface ServedLanguages {
  readonly textLangs?: readonly string[] | undefined;
  readonly textLang?: string | undefined;
  readonly nameLang?: string | undefined;
}

/**
 * The languages, among those the answers were served in, that are not the reader's: the
 * ones the note names. Order of first appearance; answers not loaded (undefined) are skipped.
 */
export function fallbackLangs(locale: string, answers: ReadonlyArray<ServedLanguages | null | undefined>): string[] {
  const found: string[] = [];
  for (const answer of answers) {
    if (!answer) continue;
    const langs = answer.textLangs?.length ? answer.textLangs : [answer.textLang, answer.nameLang].filter((l): l is string => !!l);
    for (const lang of langs) {
      if (!isSameLanguage(lang, locale) && !found.some((f) => f.toLowerCase() === lang.toLowerCase())) found.push(lang);
    }
  }
  return found;
}

/**
 * The catalogue's two languages named in each UI language. Chromium's Intl has no Khmer
 * language names (the note read "ភាសាEnglish"), so these two are not left to Intl.
 */
const CATALOGUE_LANGUAGE_NAMES: Readonly<Record<string, Readonly<Record<'en' | 'zh', string>>>> = {
  en: { en: 'English', zh: 'Chinese' },
  'zh-Hant-TW': { en: '英文', zh: '中文' },
  vi: { en: 'Tiếng Anh', zh: 'Tiếng Trung' },
  id: { en: 'Inggris', zh: 'Tionghoa' },
  th: { en: 'อังกฤษ', zh: 'จีน' },
  km: { en: 'អង់គ្លេស', zh: 'ចិន' },
  ja: { en: '英語', zh: '中国語' },
};

/** "English", "English and Chinese": language names in the reader's language (the catalogue's from a table, others through Intl). */
export function languageNames(langs: readonly string[], locale: string): string {
  // The language alone ("Chinese", not "Chinese (Traditional, Taiwan)"): short, and enough.
  const names = [...new Set(langs.map((lang) => primaryLanguage(lang)))].map((lang) => {
    const known = CATALOGUE_LANGUAGE_NAMES[locale]?.[lang as 'en' | 'zh'];
    if (known) return known;
    try {
      return new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
    } catch {
      return lang;
    }
  });
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/**
 * The note, or nothing when every text is in the reader's language. Call inside render (msg()
 * answers in the rendering element's language). `role="note"`: read in place, not announced.
 */
export function renderFallbackNote(locale: string, answers: ReadonlyArray<ServedLanguages | null | undefined>): TemplateResult | typeof nothing {
  const langs = fallbackLangs(locale, answers);
  if (!langs.length) return nothing;
  const names = languageNames(langs, locale);
  return html`<p class="lang-fallback" part="fallback-note" role="note" data-langs=${langs.join(' ')}>
    ${msg(str`Some information is shown in ${names}.`)}
  </p>`;
}

/** Add to a widget's `static styles`. Quiet on purpose: it explains, it does not warn. */
export const fallbackNoteStyles = css`
  .lang-fallback {
    margin: 0 0 0.75em;
    padding: 0.25em 0.75em;
    border-inline-start: 0.25em solid var(--onestop-color-border, #6b6b6b);
    color: var(--onestop-color-text-muted, #4a4a4a);
    font-size: 0.9375em;
    overflow-wrap: anywhere;
  }
  @media print {
    .lang-fallback {
      color: inherit;
    }
  }
`;
