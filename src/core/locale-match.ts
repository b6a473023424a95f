/**
 * Which of our languages a BCP 47 tag means. Pure (no DOM, no lit-localize), so the widgets
 * (a `lang` attribute) and the API (`?lang=`, `Accept-Language`) decide the same way.
 *
 * The seven are the languages of Taiwan's immigration hotline: Chinese, English, Vietnamese,
 * Indonesian, Thai, Khmer, Japanese.
 */
export const UI_LOCALES = ['en', 'zh-Hant-TW', 'vi', 'id', 'th', 'km', 'ja'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** The language a widget speaks when nothing on the page says otherwise. */
export const DEFAULT_UI_LOCALE: UiLocale = 'zh-Hant-TW';

/** What a language we have no locale for falls back to: more readers of these read English than Chinese. */
export const FALLBACK_UI_LOCALE: UiLocale = 'en';

// Old or three-letter codes people still write (`in` was Indonesian until 1989; Java still
// reports it), mapped to the code we ship.
const ALIASES: Readonly<Record<string, string>> = {
  in: 'id',
  ind: 'id',
  vie: 'vi',
  tha: 'th',
  khm: 'km',
  jpn: 'ja',
  eng: 'en',
  zho: 'zh',
  chi: 'zh',
};

/** The primary language subtag, lower-cased, with old codes mapped (`in-ID` → `id`). */
export function primaryLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return ALIASES[primary] ?? primary;
}

/**
 * Maps a tag to one of `supported`: exact match (case-insensitive, `_` read as `-`); any
 * Chinese (zh, zh-TW, zh-Hant, zh-Hans-CN, cmn, yue…) to zh-Hant-TW, Taiwan's official
 * script; else the first supported locale with the same primary language (vi-VN → vi);
 * else `fallback`. An empty tag means "nothing said": `whenEmpty`.
 */
export function matchLocale<L extends string>(
  tag: string | null | undefined,
  supported: readonly L[],
  { fallback, whenEmpty }: { fallback: L; whenEmpty: L },
): L {
  if (!tag || !tag.trim()) return whenEmpty;
  const wanted = tag.trim().toLowerCase().replace(/_/g, '-');
  const exact = supported.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = primaryLanguage(wanted);
  if (primary === 'zh' || primary === 'cmn' || primary === 'yue' || primary === 'nan' || primary === 'hak') {
    const chinese = supported.find((l) => l.toLowerCase() === 'zh-hant-tw');
    if (chinese) return chinese;
  }
  return supported.find((l) => primaryLanguage(l) === primary) ?? fallback;
}

/** The UI locale for a tag: unknown languages read English, no tag at all reads zh-Hant-TW. */
export function matchUiLocale(tag: string | null | undefined): UiLocale {
  return matchLocale(tag, UI_LOCALES, { fallback: FALLBACK_UI_LOCALE, whenEmpty: DEFAULT_UI_LOCALE });
}

/**
 * The language ranges of an `Accept-Language` header, best first (RFC 9110 §12.5.4):
 * q=0 ranges are dropped, `*` is ignored, equal weights keep their order.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range && r.range !== '*' && r.weight > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(r.range))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((r) => r.range);
}

/**
 * The language to answer an `Accept-Language` header in: the first range (by weight) whose
 * language we have, as the reader wrote it (so `vi-VN` stays `vi-VN` for the fallback chain);
 * else the first range at all (the chain then falls back visibly); undefined without any.
 */
export function preferredFromAcceptLanguage(header: string | null | undefined): string | undefined {
  const ranges = parseAcceptLanguage(header);
  const known = new Set(UI_LOCALES.map((l) => primaryLanguage(l)));
  return ranges.find((r) => known.has(primaryLanguage(r))) ?? ranges[0];
}

/**
 * True when text in language `served` reads as the language `requested` (`zh-Hant-TW` for
 * `zh-TW`, `vi` for `vi-VN`), so no "shown in another language" note is needed.
 */
export function isSameLanguage(served: string, requested: string): boolean {
  return primaryLanguage(served) === primaryLanguage(requested);
}
