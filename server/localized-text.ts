/**
 * The fallback chain for catalogue texts, documented in the README: the language asked for,
 * else our locale for that language (any Chinese reads zh-Hant-TW; `in` is Indonesian), else
 * the primary language, else English, else Traditional Chinese (every record has it). The
 * caller learns which one it got, and so does the answer as a whole (`servedLangs`), so a
 * widget can say "shown in English".
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { matchUiLocale, primaryLanguage } from '../src/core/locale-match.js';

export type LocalizedTexts = Readonly<Record<string, string>>;

export const CATALOGUE_BASE_LANG = 'zh-Hant-TW';

export function fallbackChain(requested: string): string[] {
  const wanted = requested.toLowerCase();
  const primary = primaryLanguage(wanted);
  const chain = [wanted];
  // Our locale for the language (zh-TW → zh-Hant-TW, in → id), when we have one for it.
  const locale = matchUiLocale(wanted).toLowerCase();
  if (primaryLanguage(locale) === primary || primary === 'zh') chain.push(locale);
  chain.push(primary, 'en', CATALOGUE_BASE_LANG.toLowerCase());
  return [...new Set(chain)];
}

/**
 * The languages one answer's texts were served in, per request. `readLang` starts it for the
 * request it parses; every `pickText` for that request's language adds to it (texts asked
 * in another language on purpose, like the Chinese name beside the English one, do not).
 * AsyncLocalStorage because the texts are picked deep in views that know no request.
 */
interface ServedLangs {
  readonly owner: object;
  readonly requested: string;
  readonly langs: Set<string>;
}
const served = new AsyncLocalStorage<ServedLangs>();

export function trackServedLangs(owner: object, requested: string): void {
  served.enterWith({ owner, requested, langs: new Set() });
}

/** The languages texts were served in for `owner`'s request, sorted; undefined when not tracked. */
export function servedLangs(owner: object): string[] | undefined {
  const store = served.getStore();
  return store?.owner === owner ? [...store.langs].sort() : undefined;
}

export function pickText(texts: LocalizedTexts, requested: string): { text: string; lang: string } {
  const byLower = new Map(Object.entries(texts).map(([lang, text]) => [lang.toLowerCase(), { text, lang }]));
  for (const candidate of fallbackChain(requested)) {
    const hit = byLower.get(candidate);
    if (hit) {
      const store = served.getStore();
      if (store && store.requested === requested) store.langs.add(hit.lang);
      return hit;
    }
  }
  throw new Error(`No text in any language of the fallback chain for ${requested}`);
}

