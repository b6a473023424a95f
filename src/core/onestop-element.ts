import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiClientFor, type ApiClient } from './api/client.js';
import { closestLang, DEFAULT_LOCALE, ensureLocale, isLocaleReady, pickLocale, withLocale, type Locale } from './i18n.js';
import { parseCalendar, type CalendarChoice } from './format.js';
import { followLang, unfollowLang } from './lang-watcher.js';
import { VERSION } from './version.js';

// Captured at load time: in the classic build, rollup turns this into document.currentScript,
// which only points at our script while it first runs.
const SCRIPT_URL: string = import.meta.url;

/** The page-wide API base a webmaster can set once: `<meta name="onestop-api-base" content="…">`. */
export const API_BASE_META = 'onestop-api-base';

/**
 * Where the API is for an element: its `api-base` attribute, else the page's
 * `<meta name="onestop-api-base">`, else the origin the script was loaded from.
 */
export function resolveApiBase(attribute: string | null | undefined, doc: Document = document): string {
  const chosen = attribute || doc.querySelector(`meta[name="${API_BASE_META}"]`)?.getAttribute('content');
  if (chosen) return new URL(chosen, doc.baseURI).href;
  try {
    return `${new URL(SCRIPT_URL).origin}/`;
  } catch {
    return `${doc.location?.origin ?? ''}/`;
  }
}

/**
 * The base class of every OneStop element: resolves its language and API base, and renders
 * in its own language.
 *
 * @attr api-base - URL of the OneStop API. Default: the page's `<meta name="onestop-api-base">`, else the script's own origin.
 * @attr calendar - `roc` shows dates with the Republic of China year (民國115年) when the widget speaks zh-Hant-TW, as government forms do. Other languages keep their own calendar.
 * @attr lang - The language to show. Default: the closest ancestor's `lang` (across shadow roots), else `<html lang>`, else zh-Hant-TW.
 */
export class OnestopElement extends LitElement {
  static readonly onestopVersion = VERSION;

  /** URL of the OneStop API (see class docs for the default). */
  @property({ attribute: 'api-base', reflect: true })
  apiBase: string | null = null;

  /** `roc` for ROC-year dates (民國) in zh-Hant-TW; anything else is the Gregorian calendar. */
  @property({ reflect: true })
  calendar: string | null = null;

  /** The calendar dates are shown in (see `calendar`). */
  protected get calendarChoice(): CalendarChoice {
    return parseCalendar(this.calendar);
  }

  /** The locale this element renders in, resolved from `lang` (read-only). */
  @state()
  protected locale: Locale = DEFAULT_LOCALE;

  /** The locale this element currently renders in. */
  get resolvedLocale(): Locale {
    return this.locale;
  }

  /** The API base this element currently uses. */
  get resolvedApiBase(): string {
    return resolveApiBase(this.apiBase, this.ownerDocument);
  }

  protected get api(): ApiClient {
    return apiClientFor(this.resolvedApiBase);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    followLang(this);
    this.refreshLocale();
  }

  override disconnectedCallback(): void {
    unfollowLang(this);
    super.disconnectedCallback();
  }

  /** Re-reads the applicable `lang`; called whenever a `lang` attribute changes around us. */
  refreshLocale(): void {
    const next = pickLocale(closestLang(this));
    if (next !== this.locale) this.locale = next;
  }

  // Hold the render until the locale's strings are here, so no one sees a flash of English.
  protected override async scheduleUpdate(): Promise<void> {
    if (!isLocaleReady(this.locale)) await ensureLocale(this.locale);
    super.scheduleUpdate();
  }

  protected override update(changed: PropertyValues): void {
    withLocale(this.locale, () => super.update(changed));
  }
}
