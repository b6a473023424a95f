import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { postJson } from '../core/api/client.js';
import { CaseStatusesResponse } from '../core/api/contract/case-statuses.js';
import { ServiceSummary } from '../core/api/contract/services.js';
import { ApiError } from '../core/api/errors.js';
import { CaseView, type CaseEventView, type CaseText } from '../core/api/tracker-contract.js';
import { OnestopErrorEvent } from '../core/events.js';
import { OnestopElement } from '../core/onestop-element.js';
import { SavedState } from '../core/saved-state.js';
import { describeApiError, renderErrorState, renderStaleNotice, statusViewStyles } from '../core/status-views.js';
import { fallbackNoteStyles, renderFallbackNote, type ServedLanguages } from '../core/fallback-note.js';
import { formatCalendarDate, formatInstant } from '../core/format.js';
import { tokens } from '../core/tokens.js';
import { OnestopCaseStatusEvent } from './events.js';
import {
  checkLookupInput,
  SAVED_CASES_KEY,
  SAVED_CASES_VERSION,
  SavedCases,
  withCase,
  withoutCase,
  type FieldProblem,
  type LookupInput,
} from './lookup-input.js';
import { trackerStyles } from './styles.js';
import {
  caseChange,
  currentStep,
  expectedCompletion,
  groupByOffice,
  machineTime,
  nextPollDelay,
  nextStep,
  OFFICE_TIME_ZONE,
  officeDate,
  pickText,
  routeProgress,
  statusInfo,
  telHref,
  type CompletionView,
  type OpenAction,
  type StatusEntry,
  type StopState,
} from './timeline.js';

/** Only the service's name is needed (GET /v1/services/:id answers the same id and name as the list's summary); the rest is not kept. */
const ServiceName = z.pick(ServiceSummary, { id: true, name: true });

type Phase = 'idle' | 'loading' | 'shown' | 'not-found' | 'error';

type Announcement =
  | { kind: 'looking-up' | 'forgot-all' }
  | { kind: 'new-status' | 'new-information' | 'filled-in' | 'forgot'; caseNumber: string };

interface ShownCase {
  view: CaseView;
  /** When the server last confirmed it (ms since epoch). */
  fetchedAt: number;
  /** The last check failed: this is the copy from before. */
  stale: boolean;
}

const LOOKUP_PATH = 'v1/cases/lookup';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', '', String(error)));

/**
 * Where a case is, what happens next and when: a citizen enters the case number and the lookup
 * code from their receipt (no account) and sees the status in plain words, what they must do
 * by when, the expected completion and how sure it is, their contact person, and the history
 * across offices. The page checks for updates while it is open and says when the status changes.
 *
 * @tagname onestop-application-tracker
 * @summary Look up a case by number and code: status, what happens next, history across offices.
 *
 * @attr case-number - A case number to fill in, e.g. from a link in a notice (`SAMPLE-LAND-INHERIT-01`). The lookup code is never taken from the page.
 * @attr api-base - URL of the OneStop API. Default: `<meta name="onestop-api-base">`, else the script's origin.
 * @attr lang - Language of the widget. Default: the nearest ancestor's `lang`, else zh-Hant-TW.
 *
 * @fires onestop-case-status - A case's status was shown, after a look-up or when a check finds it changed. `detail`: `caseNumber`, `status`, `agencyWord`, `at`, `final`, `stale`, `changed`. Never the lookup code.
 * @fires onestop-error - A look-up or the status vocabulary failed. `detail.kind` says why (`not-found` for a wrong pair).
 *
 * @csspart base - The panel around the widget.
 * @csspart heading - The case's title (the service's name).
 * @csspart form - The look-up form.
 * @csspart input - The two text fields.
 * @csspart submit-button - The "Check my case" button.
 * @csspart field-error - A field's error message.
 * @csspart saved - The list of case numbers kept on this device.
 * @csspart loading - The placeholder while a case is looked up.
 * @csspart not-found - The message for a number and code that match no case.
 * @csspart error - The error message box.
 * @csspart stale-notice - The "saved on …" notice shown offline.
 * @csspart retry-button - The buttons that try again.
 * @csspart case - The case.
 * @csspart status - The current status box.
 * @csspart next - "What happens next".
 * @csspart action - "What you need to do", with the due date.
 * @csspart timeline - The history, an ordered list.
 * @csspart print-button - The print button.
 *
 * @cssprop --onestop-application-tracker-min-height - Space reserved for the case while it loads (default 14em).
 * @cssprop --onestop-application-tracker-form-min-height - Height reserved for the form before it is drawn (default 24.5em; 31em on screens under 40em wide).
 * @cssprop --onestop-color-text - Body text (default #1b1b1b; dark #e8eaed).
 * @cssprop --onestop-color-muted - Hints and secondary text (default #4a4a4a; dark #b9c0c8). Old name --onestop-color-text-muted still read.
 * @cssprop --onestop-color-surface - Panel background (default #ffffff; dark #16191d).
 * @cssprop --onestop-color-surface-alt - Boxes, cards and rows (default #f3f5f8; dark #232830).
 * @cssprop --onestop-color-border - Borders (default #6b6b6b; dark #8d96a0).
 * @cssprop --onestop-color-accent - Buttons, links, selection (default #0b57a4; dark #8cc4ff). Old name --onestop-color-primary still read.
 * @cssprop --onestop-color-on-accent - Text on the accent colour (default #ffffff; dark #0b1a2b).
 * @cssprop --onestop-color-danger - Errors and overdue (default #b3261e; dark #ffa198). Old name --onestop-color-error still read.
 * @cssprop --onestop-color-success - Done, waived (default #1d6b34; dark #7ee2a8).
 * @cssprop --onestop-color-warning - Cautions (default #7a4f00; dark #f2c14e).
 * @cssprop --onestop-color-warning-surface - Notices' background (default #fff4d6; dark #3a2f10).
 * @cssprop --onestop-color-focus - Keyboard focus ring (default #b36b00; dark #ffcc4d). Old name --onestop-focus-ring-color still read.
 * @cssprop --onestop-color-scheme - `light`, `dark` or `light dark` (default `light dark`: follows the reader's preference).
 * @cssprop --onestop-focus-ring-width - Width of the focus ring (default 0.1875em).
 * @cssprop --onestop-focus-ring-offset - Gap between the focus ring and the control (default 0.125em).
 * @cssprop --onestop-font-family - Font stack (default: the system UI font, then Noto Sans TC and other CJK fonts).
 * @cssprop --onestop-font-size - Base text size (default: the reader's own size, or the page's 1rem if larger; a 62.5% root cannot shrink it).
 * @cssprop --onestop-font-size-sm - Small text, relative to the base (default 0.9375em).
 * @cssprop --onestop-font-size-md - Minor headings (default 1.0625em).
 * @cssprop --onestop-font-size-lg - Section headings (default 1.25em).
 * @cssprop --onestop-font-size-xl - The widget's title (default 1.375em).
 * @cssprop --onestop-line-height - Line height (default 1.6).
 * @cssprop --onestop-space-sm - Small gaps (default 0.5em).
 * @cssprop --onestop-space - Panel padding (default 1em).
 * @cssprop --onestop-space-lg - Large gaps (default 1.5em).
 * @cssprop --onestop-radius - Corner radius (default 0.375em).
 */
export class OnestopApplicationTracker extends OnestopElement {
  static override styles = [tokens, statusViewStyles, trackerStyles, fallbackNoteStyles];

  /** A case number to fill in (the lookup code never comes from the page). */
  @property({ attribute: 'case-number' })
  caseNumber: string | null = null;

  /**
   * Seconds between checks while the page is open and visible (default 60). Failures double
   * it, up to 15 minutes; a rate limit waits as long as the server says. 0 stops checking.
   */
  @property({ attribute: false })
  refreshSeconds = 60;

  @state() private numberField = '';
  @state() private codeField = '';
  @state() private remember = false;
  @state() private problems: Partial<Record<keyof LookupInput, FieldProblem>> = {};
  @state() private phase: Phase = 'idle';
  @state() private error: ApiError | undefined;
  @state() private shown: ShownCase | undefined;
  @state() private statuses: StatusEntry[] | undefined;
  /** The languages the vocabulary came in (the API's fallback chain), for the "shown in English" note. */
  @state() private statusLangs: ServedLanguages | undefined;
  @state() private serviceName: string | undefined;
  @state() private saved: string[] = [];
  @state() private canSave = false;
  // What the live region says; worded at render time, in the element's language.
  @state() private announcement: Announcement | undefined;

  // The lookup codes of this page's cases: in memory only, never in storage, a URL or an event.
  #codes = new Map<string, string>();
  // The last good view of each case looked up on this page, for when the network goes.
  #lastGood = new Map<string, { view: CaseView; fetchedAt: number }>();
  #savedState: SavedState<SavedCases> | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #retryAfter: number | undefined;
  #lastCheck = 0;
  #request: AbortController | undefined;
  #focusAfterRender: string | undefined;
  // The case number of the last look-up the citizen asked for, for "Try again".
  #lastAsked: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#savedState ??= new SavedState(SAVED_CASES_KEY, SAVED_CASES_VERSION, SavedCases);
    const loaded = this.#savedState.load();
    this.canSave = this.#savedState.available && loaded.status !== 'newer';
    this.saved = loaded.status === 'ok' ? loaded.value.caseNumbers : [];
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('online', this.onOnline);
    if (this.phase === 'loading' && this.#lastAsked) void this.lookUp(this.#lastAsked); // moved while loading
    else if (this.shown) this.schedulePoll();
  }

  override disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
    this.stopPolling();
    this.#request?.abort();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('caseNumber') && this.caseNumber) this.numberField = this.caseNumber;
    // The vocabulary and the service name are in the reader's language: fetch them again.
    if (changed.has('locale') && changed.get('locale') !== undefined && this.shown) void this.loadCatalogue(this.shown.view);
    if (changed.has('refreshSeconds') && this.shown) this.schedulePoll();
  }

  protected override updated(): void {
    if (this.#focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
      this.#focusAfterRender = undefined;
    }
  }

  // ---------- looking up ----------

  private onSubmit = (event: Event) => {
    event.preventDefault();
    if (this.phase === 'loading') return;
    const checked = checkLookupInput({ caseNumber: this.numberField, lookupCode: this.codeField });
    this.problems = checked.problems;
    if (!checked.ok) {
      this.#focusAfterRender = checked.problems.caseNumber ? '#case-number' : '#lookup-code';
      return;
    }
    this.numberField = checked.caseNumber;
    this.codeField = checked.lookupCode;
    this.#codes.set(checked.caseNumber, checked.lookupCode);
    void this.lookUp(checked.caseNumber, this.remember);
  };

  /** A look-up the citizen asked for: shows loading, then the case or what went wrong. */
  private async lookUp(caseNumber: string, remember = false): Promise<void> {
    const lookupCode = this.#codes.get(caseNumber);
    if (!lookupCode) return;
    this.#lastAsked = caseNumber;
    this.stopPolling();
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    this.phase = 'loading';
    this.error = undefined;
    this.announcement = { kind: 'looking-up' };
    try {
      const [view] = await Promise.all([
        postJson(this.api, LOOKUP_PATH, { caseNumber, lookupCode }, CaseView, { signal: request.signal }),
        this.loadStatuses(request.signal),
      ]);
      this.#lastCheck = Date.now();
      await this.loadServiceName(view.serviceId, request.signal);
      if (request.signal.aborted) return;
      if (remember) this.save(withCase(this.saved, view.caseNumber));
      this.announcement = undefined; // the focus moves to the case's heading, which is read out
      this.show(view, Date.now(), false, false);
      this.#focusAfterRender = '#case-title';
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return;
      this.#lastCheck = Date.now();
      this.fail(caseNumber, asApiError(error), true);
    } finally {
      if (this.#request === request) this.#request = undefined;
    }
  }

  private fail(caseNumber: string, error: ApiError, userAsked: boolean): void {
    this.dispatchEvent(new OnestopErrorEvent({ resource: 'case', kind: error.kind, ...(error.status ? { status: error.status } : {}) }));
    const kept = this.#lastGood.get(caseNumber);
    const keepShowing = error.kind !== 'not-found' && error.kind !== 'rate-limited' && error.kind !== 'rejected';
    if (kept && keepShowing && this.statuses) {
      this.announcement = undefined;
      // Offline or the service is down: the last good copy, marked with its time.
      this.show(kept.view, kept.fetchedAt, true, false);
      if (userAsked) this.#focusAfterRender = '#case-title';
      return;
    }
    this.phase = error.kind === 'not-found' ? 'not-found' : 'error';
    this.error = error;
    this.shown = undefined;
    this.announcement = undefined;
    if (userAsked) this.#focusAfterRender = '.result [tabindex="-1"]';
  }

  private show(view: CaseView, fetchedAt: number, stale: boolean, changed: boolean): void {
    if (!stale) this.#lastGood.set(view.caseNumber, { view, fetchedAt });
    this.shown = { view, fetchedAt, stale };
    this.phase = 'shown';
    this.error = undefined;
    const status = statusInfo(this.statuses ?? [], view.status.id);
    this.dispatchEvent(
      new OnestopCaseStatusEvent({
        caseNumber: view.caseNumber,
        status: view.status.id,
        ...(view.status.agencyWord ? { agencyWord: view.status.agencyWord } : {}),
        at: view.status.at,
        final: status.final,
        stale,
        changed,
      }),
    );
    this.schedulePoll();
  }

  private async loadStatuses(signal?: AbortSignal): Promise<void> {
    const result = await this.api.get('v1/case-statuses', CaseStatusesResponse, { query: { lang: this.locale }, signal });
    this.statuses = result.data.statuses;
    this.statusLangs = result.data;
  }

  /** The service's name; the case is still shown without it if it cannot be had. */
  private async loadServiceName(serviceId: string, signal?: AbortSignal): Promise<void> {
    try {
      const result = await this.api.get(`v1/services/${encodeURIComponent(serviceId)}`, ServiceName, { query: { lang: this.locale }, signal });
      this.serviceName = result.data.name;
    } catch (error) {
      if (isAbort(error) || signal?.aborted) throw error;
      this.serviceName = undefined;
    }
  }

  private async loadCatalogue(view: CaseView): Promise<void> {
    try {
      await Promise.all([this.loadStatuses(), this.loadServiceName(view.serviceId)]);
    } catch (error) {
      this.dispatchEvent(new OnestopErrorEvent({ resource: 'case-statuses', kind: asApiError(error).kind }));
    }
  }

  private retry = () => {
    const caseNumber = this.shown?.view.caseNumber ?? this.#lastAsked;
    if (caseNumber) void this.lookUp(caseNumber);
  };

  // ---------- checking for updates while the page is open ----------

  private schedulePoll(): void {
    this.stopPolling();
    const shown = this.shown;
    if (!shown || !this.isConnected || this.refreshSeconds <= 0 || document.visibilityState === 'hidden') return;
    if (!shown.stale && this.statuses && statusInfo(this.statuses, shown.view.status.id).final) return; // nothing more will happen
    const delay = nextPollDelay(this.refreshSeconds * 1000, this.#failures, this.#retryAfter);
    const due = Math.max(0, this.#lastCheck + delay - Date.now());
    this.#pollTimer = setTimeout(() => void this.poll(), due);
  }

  private stopPolling(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  /** A quiet check: the case stays on screen; a change is announced, a failure marks it stale. */
  private async poll(): Promise<void> {
    const shown = this.shown;
    const lookupCode = shown && this.#codes.get(shown.view.caseNumber);
    if (!shown || !lookupCode || this.#request) return;
    const request = (this.#request = new AbortController());
    try {
      const view = await postJson(this.api, LOOKUP_PATH, { caseNumber: shown.view.caseNumber, lookupCode }, CaseView, { signal: request.signal });
      this.#lastCheck = Date.now();
      if (!this.statuses) await this.loadStatuses(request.signal);
      this.#failures = 0;
      this.#retryAfter = undefined;
      const change = caseChange(shown.view, view);
      if (change.changed || shown.stale) {
        if (change.changed) this.announcement = { kind: change.statusChanged ? 'new-status' : 'new-information', caseNumber: view.caseNumber };
        this.show(view, Date.now(), false, change.changed);
      } else {
        this.#lastGood.set(view.caseNumber, { view, fetchedAt: Date.now() });
        this.shown = { view, fetchedAt: Date.now(), stale: false };
      }
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return;
      const apiError = asApiError(error);
      this.#failures++;
      this.#retryAfter = apiError.retryAfterSeconds;
      // A rate limit is ours to wait out; the copy on screen is still the latest we know.
      if (apiError.kind !== 'rate-limited' && this.shown) this.shown = { ...this.shown, stale: true };
    } finally {
      this.#lastCheck = Date.now();
      if (this.#request === request) this.#request = undefined;
      this.schedulePoll();
    }
  }


  private onVisibility = () => {
    if (document.visibilityState === 'hidden') this.stopPolling();
    else this.schedulePoll();
  };

  private onOnline = () => {
    if (this.shown?.stale) {
      this.#failures = 0;
      this.#lastCheck = 0;
      this.schedulePoll();
    } else if (this.phase === 'error' && this.error?.kind === 'offline') this.retry();
  };

  private checkNow = () => {
    this.#failures = 0;
    this.#retryAfter = undefined;
    this.stopPolling();
    void this.poll();
  };

  // ---------- the case numbers kept on this device ----------

  private save(list: string[]): void {
    if (!this.#savedState) return;
    if (list.length === 0) this.#savedState.clear();
    else this.#savedState.save({ caseNumbers: list });
    this.saved = list;
  }

  private pickSaved(caseNumber: string): void {
    this.numberField = caseNumber;
    this.problems = {};
    if (this.#codes.has(caseNumber)) {
      void this.lookUp(caseNumber);
      return;
    }
    this.codeField = '';
    this.#focusAfterRender = '#lookup-code';
    this.announcement = { kind: 'filled-in', caseNumber };
  }

  private forget(caseNumber: string): void {
    this.save(withoutCase(this.saved, caseNumber));
    this.announcement = { kind: 'forgot', caseNumber };
    this.#focusAfterRender = this.saved.length ? '.saved li button' : '#case-number';
  }

  private forgetAll = () => {
    this.save([]);
    this.remember = false;
    this.announcement = { kind: 'forgot-all' };
    this.#focusAfterRender = '#case-number';
  };

  // ---------- rendering ----------

  protected override render(): TemplateResult {
    return html`<div class="panel" part="base">
      ${this.renderForm()} ${this.renderSaved()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcementText()}</div>
      <div class="result" aria-busy=${this.phase === 'loading' ? 'true' : 'false'}>
        ${this.shown && this.statuses ? renderFallbackNote(this.locale, [this.statusLangs]) : nothing}${this.renderResult()}
      </div>
    </div>`;
  }

  private announcementText(): string {
    const said = this.announcement;
    if (!said) return '';
    switch (said.kind) {
      case 'looking-up':
        return msg('Looking up your case…');
      case 'forgot-all':
        return msg('All saved case numbers are forgotten on this device.');
      case 'forgot':
        return msg(str`Case number ${said.caseNumber} forgotten on this device.`);
      case 'filled-in':
        return msg(str`Case number ${said.caseNumber} filled in. Enter its lookup code.`);
      case 'new-information':
        return msg(str`Update: case ${said.caseNumber} has new information.`);
      case 'new-status': {
        const number = said.caseNumber;
        const view = this.shown?.view;
        const name = view ? this.statusName(view.status.id, view.status.agencyWord, this.statuses ?? []) : '';
        return msg(str`Update: case ${number} is now "${name}".`);
      }
    }
  }

  private fieldProblem(field: keyof LookupInput): string | undefined {
    const problem = this.problems[field];
    if (!problem) return undefined;
    if (field === 'caseNumber') {
      return problem === 'empty'
        ? msg('Enter the case number from your receipt.')
        : msg('Enter the case number as it is printed on your receipt: letters and digits joined by hyphens, for example OS-2025-7K3M9QXD.');
    }
    return problem === 'empty'
      ? msg('Enter the lookup code from your receipt.')
      : msg('The lookup code has 8 letters or digits, for example 7K3M-9QXD.');
  }

  private renderField(
    field: keyof LookupInput,
    id: string,
    label: string,
    hint: string,
    value: string,
    onInput: (value: string) => void,
    extra: { enterkeyhint?: string } = {},
  ): TemplateResult {
    const problem = this.fieldProblem(field);
    return html`<div class="field ${problem ? 'field-invalid' : ''}">
      <label for=${id}>${label}</label>
      <p class="hint" id="${id}-hint">${hint}</p>
      ${problem ? html`<p class="field-error" id="${id}-error" part="field-error"><span class="visually-hidden">${msg('Error:')} </span>${problem}</p>` : nothing}
      <input
        id=${id}
        part="input"
        type="text"
        .value=${value}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        inputmode="text"
        enterkeyhint=${extra.enterkeyhint ?? 'next'}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby="${id}-hint${problem ? ` ${id}-error` : ''}"
        @input=${(event: Event) => {
          onInput((event.target as HTMLInputElement).value);
          if (this.problems[field]) this.problems = { ...this.problems, [field]: undefined };
        }}
      />
    </div>`;
  }

  private renderForm(): TemplateResult {
    const loading = this.phase === 'loading';
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-label=${msg('Look up your case')}>
      ${this.renderField(
        'caseNumber',
        'case-number',
        msg('Case number'),
        msg('As printed on your receipt, for example OS-2025-7K3M9QXD.'),
        this.numberField,
        (value) => (this.numberField = value),
      )}
      ${this.renderField(
        'lookupCode',
        'lookup-code',
        msg('Lookup code'),
        msg('8 letters or digits, also on your receipt, for example 7K3M-9QXD. It is never saved on this device.'),
        this.codeField,
        (value) => (this.codeField = value),
        { enterkeyhint: 'go' },
      )}
      ${this.canSave
        ? html`<div class="checkbox">
            <input
              type="checkbox"
              id="remember"
              .checked=${this.remember}
              @change=${(event: Event) => (this.remember = (event.target as HTMLInputElement).checked)}
            />
            <label for="remember">${msg('Remember this case number on this device (never the lookup code)')}</label>
          </div>`
        : nothing}
      <button type="submit" part="submit-button" aria-disabled=${loading ? 'true' : 'false'}>
        ${loading ? msg('Checking…') : msg('Check my case')}
      </button>
    </form>`;
  }

  private renderSaved(): TemplateResult | typeof nothing {
    if (this.saved.length === 0) return nothing;
    return html`<section class="saved" part="saved" aria-labelledby="saved-title">
      <h2 id="saved-title" class="small-heading">${msg('Case numbers saved on this device')}</h2>
      <ul>
        ${this.saved.map(
          (number) => html`<li>
            <span class="case-no">${number}</span>
            <span class="saved-actions">
              <button type="button" class="secondary" @click=${() => this.pickSaved(number)}>
                ${msg('Check')}<span class="visually-hidden"> ${number}</span>
              </button>
              <button type="button" class="link" @click=${() => this.forget(number)}>
                ${msg('Forget')}<span class="visually-hidden"> ${number}</span>
              </button>
            </span>
          </li>`,
        )}
      </ul>
      <button type="button" class="secondary" @click=${this.forgetAll}>${msg('Forget all saved case numbers')}</button>
    </section>`;
  }

  private renderResult(): TemplateResult | typeof nothing {
    switch (this.phase) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div class="loading" part="loading">
          <p class="loading-title">${msg('Looking up your case…')}</p>
          <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
        </div>`;
      case 'not-found':
        return html`<div class="state state-error" role="alert" part="not-found">
          <p class="state-title" tabindex="-1">${msg('We could not find a case with this case number and lookup code.')}</p>
          <p>
            ${msg(
              'Check both against your receipt. The lookup code has 8 letters or digits, for example 7K3M-9QXD. If it still does not work, call the office that gave you the receipt.',
            )}
          </p>
        </div>`;
      case 'error':
        return this.renderError(this.error!);
      case 'shown':
        return this.shown && this.statuses ? this.renderCase(this.shown, this.statuses) : nothing;
    }
  }

  private renderError(error: ApiError): TemplateResult {
    if (error.kind === 'rate-limited') {
      // Trying again at once cannot work: say how long to wait, and who else can help.
      const { title, advice } = describeApiError(error);
      return html`<div class="state state-error" role="alert" part="error">
        <p class="state-title" tabindex="-1">${title}</p>
        <p>${advice}</p>
        <p>${msg('You can also call the office that gave you the receipt.')}</p>
      </div>`;
    }
    return html`<div class="error-wrap" tabindex="-1">${renderErrorState(error, this.retry)}</div>`;
  }

  /** An agency's text, marked with its language when it is not the reader's. */
  private caseText(text: CaseText, withNote = false): TemplateResult {
    const picked = pickText(text, this.locale);
    return html`<span lang=${picked.lang}>${picked.text}</span>${withNote && picked.fallback
        ? html` <span class="fallback-note">${msg('(written by the office in Chinese)')}</span>`
        : nothing}`;
  }

  private statusName(id: string, agencyWord: string | undefined, statuses: readonly StatusEntry[]): string {
    return statusInfo(statuses, id).name ?? agencyWord ?? id;
  }

  private renderCase(shown: ShownCase, statuses: readonly StatusEntry[]): TemplateResult {
    const { view } = shown;
    const today = officeDate(new Date());
    const step = currentStep(view, statuses);
    const next = nextStep(view, statuses, today);
    const completion = expectedCompletion(view, statuses, today);
    const number = view.caseNumber;
    return html`${shown.stale ? renderStaleNotice(shown.fetchedAt, this.locale, this.checkNow) : nothing}
      <section class="case" part="case" aria-labelledby="case-title">
        <h2 id="case-title" tabindex="-1" part="heading">${this.serviceName ?? msg('Your case')}</h2>
        <p class="case-no-line">${msg('Case number')} <span class="case-no">${number}</span></p>

        <div class="status ${next.final ? 'status-final' : ''} ${next.action ? 'status-action' : ''}" part="status">
          <p class="status-label">${msg('Status now')}</p>
          <p class="status-name">${this.statusName(step.status.id, step.agencyWord, statuses)}</p>
          ${step.agencyWord
            ? html`<p class="agency-word">${msg('The office\'s own word:')} <span lang="zh-Hant-TW">${step.agencyWord}</span></p>`
            : nothing}
          <p class="status-since">
            ${msg(str`Since ${this.dateTime(step.at, this.locale)}`)}<br />
            ${msg('At:')} ${this.caseText(step.office)}
          </p>
        </div>

        ${next.action ? this.renderAction(next.action, view) : nothing}
        ${next.askContact
          ? html`<div class="action" part="action">
              <h3>${msg('What you need to do')}</h3>
              <p>${msg('The office needs something more from you but has not said what here. Please call your contact person below.')}</p>
            </div>`
          : nothing}

        <div class="next" part="next">
          <h3>${msg('What happens next')}</h3>
          <p>${next.whatNext ?? msg('Ask your contact person what happens next.')}</p>
        </div>

        <dl class="facts">
          ${completion ? this.renderCompletion(completion) : nothing}
          <div>
            <dt>${msg('Received by')}</dt>
            <dd>
              ${this.caseText(view.receivingOffice.office)},
              <time datetime=${machineTime(view.receivedAt)}>${this.dateTime(view.receivedAt, this.locale)}</time>
            </dd>
          </div>
          ${view.route.length ? this.renderRoute(view) : nothing} ${view.contact ? this.renderContact(view.contact) : nothing}
        </dl>

        <h3 id="history-title">${msg('History')}</h3>
        ${this.renderTimeline(view.events, statuses)}

        <div class="case-footer">
          <p class="checked">
            ${msg(str`Last checked ${new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' }).format(shown.fetchedAt)}.`)}
            ${this.refreshSeconds > 0 && !next.final ? msg('This page checks for updates while it is open.') : nothing}
          </p>
          <button type="button" class="secondary" part="print-button" @click=${() => window.print()}>${msg('Print this case')}</button>
        </div>
      </section>`;
  }

  private renderAction(action: OpenAction, view: CaseView): TemplateResult {
    return html`<div class="action ${action.urgency ? `urgency-${action.urgency}` : ''}" part="action">
      <h3>${msg('What you need to do')}</h3>
      <p class="action-text">${this.caseText(action.text, true)}</p>
      ${action.dueDate
        ? html`<p class="due">
            <strong>${msg(str`By ${this.date(action.dueDate, this.locale, true)}.`)}</strong>
            ${this.daysLeftText(action.daysLeft!)}
          </p>`
        : nothing}
      <p>${msg('Where:')} ${this.caseText(action.office)}</p>
      ${view.contact ? html`<p>${msg(str`Ask ${view.contact.name} if anything is unclear.`)}</p>` : nothing}
    </div>`;
  }

  // Due dates and event times in the ROC year (民國) when calendar="roc" and we speak Chinese.
  private date(isoDate: string, locale: string, weekday = false): string {
    return formatCalendarDate(isoDate, locale, { calendar: this.calendarChoice, style: weekday ? 'weekday' : 'long' });
  }

  private dateTime(instant: string, locale: string): string {
    return formatInstant(instant, locale, { calendar: this.calendarChoice, timeZone: OFFICE_TIME_ZONE });
  }

  private daysLeftText(days: number): string {
    if (days === 0) return msg('That is today.');
    if (days === 1) return msg('That is tomorrow.');
    if (days > 1) return msg(str`${days} days from today.`);
    if (days === -1) return msg('That was yesterday: call your contact person now.');
    const ago = -days;
    return msg(str`That was ${ago} days ago: call your contact person now.`);
  }

  private renderCompletion(completion: CompletionView): TemplateResult {
    const l = this.locale;
    const when =
      completion.kind === 'date'
        ? completion.confidence === 'estimate'
          ? msg(str`Around ${this.date(completion.date!, l)}`)
          : msg(str`By ${this.date(completion.date!, l)}`)
        : msg(str`Between ${this.date(completion.earliest!, l)} and ${this.date(completion.latest!, l)}`);
    const sure =
      completion.confidence === 'statutory'
        ? msg('A time limit set by law.')
        : completion.confidence === 'target'
          ? msg('The office\'s own target for cases like this, not a promise.')
          : msg('An estimate from similar cases. It may take longer.');
    return html`<div>
      <dt>${msg('Expected to be finished')}</dt>
      <dd>
        <strong>${when}</strong>
        <span class="sure">${sure}</span>
        ${completion.onHold
          ? html`<span class="on-hold">${msg('While the office waits for what you send, its time stops; it will count again, and may give a new date, once you have sent it.')}</span>`
          : completion.state === 'passed'
            ? html`<span class="passed">${msg('That date has passed. If you have not heard from the office, call your contact person.')}</span>`
            : nothing}
      </dd>
    </div>`;
  }

  private stopLabel(state: StopState, final: boolean): string {
    if (state === 'done') return msg('done');
    if (state === 'current') return final ? msg('finished here') : msg('your case is here now');
    return msg('next');
  }

  private renderRoute(view: CaseView): TemplateResult {
    const final = statusInfo(this.statuses ?? [], view.status.id).final;
    return html`<div>
      <dt>${msg('Offices handling it')}</dt>
      <dd>
        <ol class="route">
          ${routeProgress(view).map(
            (stop) => html`<li class="stop-${stop.state}">
              ${this.caseText(stop.office)} <span class="stop-state">(${this.stopLabel(stop.state, final)})</span>
            </li>`,
          )}
        </ol>
      </dd>
    </div>`;
  }

  private renderContact(contact: NonNullable<CaseView['contact']>): TemplateResult {
    return html`<div>
      <dt>${msg('Your contact person')}</dt>
      <dd>
        <span lang="zh-Hant-TW">${contact.name}</span>
        ${contact.phone
          ? html`<br /><a href=${telHref(contact.phone)}>${msg('Phone:')} ${contact.phone}</a>`
          : nothing}
        ${contact.email ? html`<br /><a href="mailto:${contact.email}">${msg('E-mail:')} ${contact.email}</a>` : nothing}
      </dd>
    </div>`;
  }

  private renderTimeline(events: readonly CaseEventView[], statuses: readonly StatusEntry[]): TemplateResult {
    return html`<ol class="timeline" part="timeline" aria-labelledby="history-title">
      ${groupByOffice(events).map(
        (group) => html`<li class="office-group">
          <p class="office-name">
            ${this.caseText(group.office)}
            ${group.from ? html`<span class="handoff">${msg('Passed on from:')} ${this.caseText(group.from.office)}</span>` : nothing}
          </p>
          <ol class="events">
            ${group.events.map(
              (event) => html`<li class="event">
                <time datetime=${machineTime(event.at)}>${this.dateTime(event.at, this.locale)}</time>
                <span class="event-status">${this.statusName(event.status, event.agencyWord, statuses)}</span>
                ${event.agencyWord ? html`<span class="event-word">(<span lang="zh-Hant-TW">${event.agencyWord}</span>)</span>` : nothing}
                ${event.note ? html`<p class="event-note">${this.caseText(event.note, true)}</p>` : nothing}
                ${event.action
                  ? html`<p class="event-note">
                      ${msg('Asked of you:')} ${this.caseText(event.action.text, true)}
                      ${event.action.dueDate ? msg(str`(by ${this.date(event.action.dueDate, this.locale)})`) : nothing}
                    </p>`
                  : nothing}
              </li>`,
            )}
          </ol>
        </li>`,
      )}
    </ol>`;
  }
}
