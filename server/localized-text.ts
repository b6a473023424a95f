/**
 * The fallback chain for catalogue texts, documented in the README: the language asked for,
 * else another variant of the same language (any Chinese reads zh-Hant-TW), else English,
 * else Traditional Chinese (every record has it). The caller learns which one it got, so a
 * widget can say "shown in English".
 */
export type LocalizedTexts = Readonly<Record<string, string>>;

export const CATALOGUE_BASE_LANG = 'zh-Hant-TW';

export function fallbackChain(requested: string): string[] {
  const wanted = requested.toLowerCase();
  const primary = wanted.split('-')[0];
  const chain = [wanted];
  if (primary === 'zh') chain.push(CATALOGUE_BASE_LANG.toLowerCase());
  chain.push(primary, 'en', CATALOGUE_BASE_LANG.toLowerCase());
  return [...new Set(chain)];
}

export function pickText(texts: LocalizedTexts, requested: string): { text: string; lang: string } {
  const byLower = new Map(Object.entries(texts).map(([lang, text]) => [lang.toLowerCase(), { text, lang }]));
  for (const candidate of fallbackChain(requested)) {
    const hit = byLower.get(candidate);
    if (hit) return hit;
  }
  throw new Error(`No text in any language of the fallback chain for ${requested}`);
}
