/**
 * Links that come from API answers (a law's page, an online channel, a form file) are data, not
 * code. Lit binds `href` as given and does not filter schemes, so a `javascript:` or `data:` URL
 * in the catalogue would become a live link that runs in the host page. Widgets pass every such
 * URL through `safeHref` and draw plain text when it answers undefined.
 */

/** Schemes a link from the API may use: web pages, e-mail and phone numbers. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * `url` unchanged when it is a web, e-mail or phone link (relative URLs resolve against `base`,
 * or the page), else undefined. Parsed the way the browser will parse the `href`, so tricks such
 * as ` java\tscript:` or `JAVASCRIPT:` are caught too.
 */
export function safeHref(url: string | null | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, base ?? globalThis.document?.baseURI);
    return LINK_SCHEMES.has(parsed.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** True for a URL the API may hand to the browser to fetch or open: http(s) only, after resolving against `base`. */
export function isWebUrl(url: string, base = 'https://api.invalid/'): boolean {
  try {
    const { protocol } = new URL(url, base);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
