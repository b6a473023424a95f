/**
 * Localization: @lit/localize in runtime mode, with one twist. Its stock runtime has one
 * active locale per page, but each OneStop element follows its *own* language (its `lang`,
 * else the nearest ancestor's), and two widgets on one page may differ. So we install our
 * own `msg()` implementation that reads the locale of the element currently rendering
 * (set by `withLocale` around Lit's synchronous `update()`), and look templates up with
 * lit-localize's own `runtimeMsg`. Extraction and the XLIFF round trip stay stock.
 */
import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { MsgFn, TemplateMap } from '@lit/localize/internal/types.js';
import { allLocales, sourceLocale, targetLocales } from '../generated/locale-codes.js';
import { DEFAULT_UI_LOCALE, matchLocale } from './locale-match.js';

export type Locale = (typeof allLocales)[number];
type TargetLocale = (typeof targetLocales)[number];

/** The language a widget speaks when nothing on the page says otherwise. */
export const DEFAULT_LOCALE: Locale = DEFAULT_UI_LOCALE;
export const SUPPORTED_LOCALES: readonly Locale[] = allLocales;

// A static map of import() calls so that bundlers see every locale module.
const loaders: Record<TargetLocale, () => Promise<{ templates: TemplateMap }>> = {
  'zh-Hant-TW': () => import('../generated/locales/zh-Hant-TW.js'),
  vi: () => import('../generated/locales/vi.js'),
  id: () => import('../generated/locales/id.js'),
  th: () => import('../generated/locales/th.js'),
  km: () => import('../generated/locales/km.js'),
  ja: () => import('../generated/locales/ja.js'),
};

const loaded = new Map<Locale, TemplateMap | undefined>([[sourceLocale, undefined]]);
const loading = new Map<Locale, Promise<void>>();
let renderingLocale: Locale = sourceLocale;

try {
  _installMsgImplementation(((template, options) =>
    runtimeMsg(loaded.get(renderingLocale), template, options)) as MsgFn);
} catch {
  // Another copy of @lit/localize in the same module graph was configured first (a host app
  // bundling us). Its msg() then answers; ours would have been identical for one locale.
  console.warn('[onestop] @lit/localize was already configured; widgets may not follow their own lang.');
}

/**
 * Maps any BCP 47 tag (from a `lang` attribute) to a locale we ship (see locale-match.ts):
 * exact match; any Chinese (zh-TW, zh-Hant) to zh-Hant-TW; the primary language (vi-VN → vi,
 * the old `in` → id); anything else to English. No tag at all: zh-Hant-TW.
 */
export function pickLocale(tag: string | null | undefined): Locale {
  return matchLocale(tag, allLocales, { fallback: sourceLocale, whenEmpty: DEFAULT_LOCALE });
}

/** True when `msg()` can answer in `locale` right now. */
export function isLocaleReady(locale: Locale): boolean {
  return loaded.has(locale);
}

/**
 * Loads a locale's templates once. Never rejects: if a locale chunk cannot load (offline,
 * blocked), the widget falls back to the source locale rather than staying blank.
 */
export function ensureLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    const load = loaders[locale as TargetLocale];
    pending = load()
      .then((module) => void loaded.set(locale, module.templates))
      .catch((error: unknown) => {
        console.warn(`[onestop] could not load locale ${locale}; showing ${sourceLocale}`, error);
        loaded.set(locale, undefined);
      })
      .finally(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

/** The locale `msg()` answers in right now (for counts and dates worded beside it). */
export function currentLocale(): Locale {
  return renderingLocale;
}

/** Runs `render` with `msg()` answering in `locale` (Lit renders synchronously). */
export function withLocale<T>(locale: Locale, render: () => T): T {
  const previous = renderingLocale;
  renderingLocale = locale;
  try {
    return render();
  } finally {
    renderingLocale = previous;
  }
}

/**
 * The `lang` that applies to an element: its own, else the closest ancestor's, crossing
 * shadow roots to their hosts (so a widget inside another component still follows the page).
 */
export function closestLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}
