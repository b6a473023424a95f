import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ApiResult } from '../core/api/client.js';
import type { QuestionView } from '../core/api/contract/common.js';
import { CountiesResponse, type County } from '../core/api/contract/counties.js';
import { ServiceResponse, ServicesResponse, type ServiceSummary } from '../core/api/contract/services.js';
import { ApiError } from '../core/api/errors.js';
import { safeHref } from '../core/api/safe-link.js';
import { OnestopErrorEvent, OnestopLoadEvent } from '../core/events.js';
import { OnestopElement } from '../core/onestop-element.js';
import type { Fact } from '../core/rules/logic.js';
import { renderErrorState, renderStaleNotice, statusViewStyles } from '../core/status-views.js';
import { fallbackNoteStyles, renderFallbackNote } from '../core/fallback-note.js';
import { plural } from '../core/format.js';
import { tokens } from '../core/tokens.js';
import { checkService, ruleProblems, visibleQuestions, type CheckResult, type DocumentCheck, type Outcome } from './check.js';
import { OnestopCheckCompleteEvent, OnestopServiceSelectEvent } from './events.js';
import { answersFromLink, linkFor, readLink, type LinkedCheck } from './link.js';
import { indexServices, type ServiceIndex } from './search.js';
import { docFreeCheckStyles } from './styles.js';

/** At most this many options in the list; the rest are counted ("type more"). */
const MAX_OPTIONS = 50;
/** How long typing must pause before the number of matches is announced. */
const ANNOUNCE_DELAY_MS = 600;

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', '', String(error)));

/** `ttt`, `tw-ttt`, `TW-TTT` → `TW-TTT`; anything else → null. */
function normalizeCounty(value: string | null | undefined): string | null {
  const match = /^(?:TW-)?([A-Z]{3})$/i.exec(value?.trim() ?? '');
  return match ? `TW-${match[1].toUpperCase()}` : null;
}

const countyLabel = (county: County) => (county.name === county.nameZh ? county.name : `${county.name} (${county.nameZh})`);

/**
 * Which documents a citizen no longer needs to bring for a service (免附書證謄本), and why: the
 * office looks some up in government registries itself, accepts a lighter document for others,
 * and still needs the rest. The citizen finds the service by part of its name, answers the few
 * questions that change the answer (any can be skipped), and sees every document in three
 * groups with its reason, the answer that decided it, and what leaving it at home saves.
 * Decisions are made on the device (the same rules as the API's POST /v1/doc-free/check), so
 * the check still works offline with the last service data it saw.
 *
 * @tagname onestop-doc-free-check
 * @summary Which documents you no longer need to bring for a service, and why.
 *
 * @attr service - Catalogue id of the service to check, e.g. `low-income-household-status`. Reflects the citizen's choice. Without it the widget starts with the search.
 * @attr county - ISO 3166-2:TW code answering the "which county" question, e.g. `TW-TTT` (`ttt` is accepted). Reflects the citizen's answer.
 * @attr api-base - URL of the OneStop API. Default: `<meta name="onestop-api-base">`, else the script's origin.
 * @attr lang - Language of the widget. Default: the nearest ancestor's `lang`, else zh-Hant-TW.
 *
 * @fires onestop-service-select - The citizen picked a service from the search. `detail`: `{ service, name }`.
 * @fires onestop-check-complete - A result is shown (on load and after every answer that changes it). `detail`: `{ service, counts: { waived, substitute, required }, mayChange, savedFeeNtd, documents, stale }`.
 * @fires onestop-load - Data was drawn. `detail.resource` is `services`, `service` or `counties`; `detail.stale` is true for the offline copy.
 * @fires onestop-error - Data could not be loaded or used. `detail.kind` says why (`contract` also for rules that cannot be evaluated).
 *
 * @csspart base - The panel around the widget.
 * @csspart heading - The widget's title.
 * @csspart search - The service search field.
 * @csspart listbox - The list of matching services.
 * @csspart question - Each question.
 * @csspart summary - The box summing up what to bring and what is saved.
 * @csspart group - Each of the three groups of documents.
 * @csspart document - Each document in a group.
 * @csspart no-match - The message shown when no service matches the search.
 * @csspart empty - The message shown before a service is chosen, or for a service without documents.
 * @csspart loading - The space held while a service loads.
 * @csspart error - Error messages.
 * @csspart stale-notice - The "saved on …" notice shown offline.
 * @csspart retry-button - The buttons that try again.
 * @csspart print-button - The "Print what to bring" button.
 * @csspart link-button - The "Copy a link to this check" button.
 *
 * @cssprop --onestop-doc-free-check-min-height - Height reserved while loading (default 18em; 29.5em on screens under 40em wide).
 * @cssprop --onestop-doc-free-check-waived-color - Accent of "the office looks this up" (default: the success colour).
 * @cssprop --onestop-doc-free-check-substitute-color - Accent of "a lighter document is enough" (default: the warning colour).
 * @cssprop --onestop-doc-free-check-required-color - Accent of "you still need to bring" (default: the accent colour).
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
export class OnestopDocFreeCheck extends OnestopElement {
  static override styles = [tokens, statusViewStyles, docFreeCheckStyles, fallbackNoteStyles];

  /** Catalogue id of the service being checked. */
  @property({ reflect: true })
  service: string | null = null;

  /** ISO 3166-2:TW code of the county the citizen answered (or the page preset). */
  @property({ reflect: true })
  county: string | null = null;

  /** Answers to the service's questions other than the county, by question id. */
  @state() private answers: Record<string, unknown> = {};
  /** What the citizen typed; null shows the chosen service's name. */
  @state() private query: string | null = null;
  @state() private listOpen = false;
  @state() private activeIndex = -1;
  /** Polite announcements (number of matches, result updates). */
  @state() private announcement = '';
  @state() private copyState: 'copied' | 'manual' | null = null;
  @state() private shareLink = '';

  private pendingLink: LinkedCheck | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastCheckSignature = '';
  private index: { source: ServicesResponse; index: ServiceIndex<ServiceSummary> } | undefined;

  private readonly reportError = (resource: string) => (error: unknown) => {
    if (error instanceof ApiError) this.dispatchEvent(new OnestopErrorEvent({ resource, kind: error.kind, status: error.status }));
    throw error;
  };

  private readonly servicesTask = new Task(this, {
    task: ([, lang], { signal }) =>
      this.api.get('v1/services', ServicesResponse, { query: { lang }, signal }).catch(this.reportError('services')),
    args: () => [this.resolvedApiBase, this.locale] as const,
    onComplete: (result: ApiResult<ServicesResponse>) => this.dispatchEvent(new OnestopLoadEvent({ resource: 'services', stale: result.stale })),
  });

  private readonly serviceTask = new Task(this, {
    task: async ([, lang, id], { signal }) => {
      if (!id) return null;
      const result = await this.api
        .get(`v1/services/${encodeURIComponent(id)}`, ServiceResponse, { query: { lang }, signal })
        .catch(this.reportError('service'));
      const problems = ruleProblems(result.data);
      if (problems.length) {
        console.warn(`[onestop] the rules of service "${id}" cannot be evaluated:\n${problems.join('\n')}`);
        this.dispatchEvent(new OnestopErrorEvent({ resource: 'service', kind: 'contract' }));
      }
      return { ...result, problems };
    },
    args: () => [this.resolvedApiBase, this.locale, this.service] as const,
    onComplete: (result) => {
      if (!result) return;
      this.applyPendingLink(result.data);
      if (!result.problems.length) this.dispatchEvent(new OnestopLoadEvent({ resource: 'service', stale: result.stale }));
    },
  });

  private readonly countiesTask = new Task(this, {
    task: ([, lang, needed], { signal }) =>
      needed ? this.api.get('v1/counties', CountiesResponse, { query: { lang }, signal }).catch(this.reportError('counties')) : Promise.resolve(null),
    args: () => [this.resolvedApiBase, this.locale, this.needsCounties] as const,
    onComplete: (result) => result && this.dispatchEvent(new OnestopLoadEvent({ resource: 'counties', stale: result.stale })),
  });

  private get loadedService(): ServiceResponse | undefined {
    return this.serviceTask.status === TaskStatus.COMPLETE ? (this.serviceTask.value?.data ?? undefined) : undefined;
  }

  private get needsCounties(): boolean {
    return !!this.loadedService?.questions.some((q) => q.kind === 'county');
  }

  /** All answers as the rules read them: the county answers every county question. */
  private get allAnswers(): Record<string, unknown> {
    const answers = { ...this.answers };
    const county = normalizeCounty(this.county);
    for (const question of this.loadedService?.questions ?? []) {
      if (question.kind === 'county') {
        if (county) answers[question.id] = county;
        else delete answers[question.id];
      }
    }
    return answers;
  }

  private readonly onOnline = () => {
    for (const task of [this.servicesTask, this.serviceTask, this.countiesTask] as Task[]) {
      const value = task.value as { stale?: boolean } | null | undefined;
      if (task.status === TaskStatus.ERROR || (task.status === TaskStatus.COMPLETE && value?.stale)) void task.run();
    }
  };

  /** A link to a check (#dfc-service=…) wins over the page's preset: the citizen opened it. */
  private readonly onHashChange = () => {
    const linked = readLink(this.ownerDocument.location?.hash ?? '');
    if (!linked) return;
    this.pendingLink = linked;
    this.service = linked.service;
    // The same service already on screen: its task will not run again, so apply the answers now.
    if (this.loadedService) this.applyPendingLink(this.loadedService);
  };

  private applyPendingLink(service: ServiceResponse) {
    if (!this.pendingLink || this.pendingLink.service !== service.id) return;
    const linked = answersFromLink(this.pendingLink.raw, service.questions);
    const countyQuestion = service.questions.find((q) => q.kind === 'county');
    if (countyQuestion && typeof linked[countyQuestion.id] === 'string') this.county = linked[countyQuestion.id] as string;
    this.answers = { ...this.answers, ...linked };
    this.pendingLink = null;
  }

  private linkRead = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('hashchange', this.onHashChange);
    // Once: an element moved around the page must not go back to the link's answers.
    if (!this.linkRead) {
      this.linkRead = true;
      this.onHashChange();
    }
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('hashchange', this.onHashChange);
    clearTimeout(this.announceTimer);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('county') && this.county) {
      const normal = normalizeCounty(this.county);
      if (normal && normal !== this.county) this.county = normal;
    }
  }

  protected override updated(): void {
    const detail = this.currentCheck();
    if (!detail) return;
    const { result, stale, id } = detail;
    const event = {
      service: id,
      counts: result.counts,
      mayChange: result.mayChange,
      savedFeeNtd: result.savings.feeNtd,
      documents: result.documents.map((d) => ({ id: d.document.id, outcome: d.outcome, outcomeCertain: d.outcomeCertain })),
      stale,
    };
    const signature = JSON.stringify(event);
    if (signature === this.lastCheckSignature) return;
    this.lastCheckSignature = signature;
    this.dispatchEvent(new OnestopCheckCompleteEvent(event));
    this.announce(this.summaryLine(result), 0);
  }

  private currentCheck(): { result: CheckResult; stale: boolean; id: string } | undefined {
    const value = this.serviceTask.status === TaskStatus.COMPLETE ? this.serviceTask.value : undefined;
    if (!value || value.problems.length) return undefined;
    return { result: checkService(value.data, this.allAnswers), stale: value.stale, id: value.data.id };
  }

  private announce(text: string, delay = ANNOUNCE_DELAY_MS) {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => (this.announcement = text), delay);
  }

  // ---------- search ----------

  private get serviceIndex(): ServiceIndex<ServiceSummary> | undefined {
    const list = this.servicesTask.status === TaskStatus.COMPLETE ? this.servicesTask.value?.data : undefined;
    if (!list) return undefined;
    if (this.index?.source !== list) this.index = { source: list, index: indexServices(list.services) };
    return this.index.index;
  }

  private get searchText(): string {
    if (this.query !== null) return this.query;
    return this.loadedService?.name ?? this.serviceIndex?.search('').matches.find((s) => s.id === this.service)?.name ?? '';
  }

  private get searchResult() {
    return this.serviceIndex?.search(this.query ?? '', MAX_OPTIONS) ?? { matches: [], total: 0 };
  }

  private onSearchInput(event: InputEvent) {
    // Chinese and other IMEs: wait for the composed characters, not each keystroke of the reading.
    if (event.isComposing) return;
    this.setQuery((event.target as HTMLInputElement).value);
  }

  private setQuery(value: string) {
    this.query = value;
    this.listOpen = true;
    this.activeIndex = -1;
    const { total } = this.searchResult;
    const q = value.trim();
    this.announce(
      !q ? '' : total === 0 ? msg(str`No service matches “${q}”.`) : total === 1 ? msg('1 service matches.') : msg(str`${total} services match.`),
    );
  }

  private onSearchKeydown(event: KeyboardEvent) {
    const { matches } = this.searchResult;
    const count = matches.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.listOpen) {
          this.listOpen = true;
          if (event.altKey) return;
        }
        if (!count) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.activeIndex = this.activeIndex < 0 ? (step > 0 ? 0 : count - 1) : (this.activeIndex + step + count) % count;
        this.shadowRoot?.getElementById(`option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
        return;
      }
      case 'Enter':
        if (this.listOpen && this.activeIndex >= 0 && matches[this.activeIndex]) {
          event.preventDefault();
          this.choose(matches[this.activeIndex]);
        }
        return;
      case 'Escape':
        event.preventDefault();
        if (this.listOpen) this.listOpen = false;
        else this.query = '';
        this.activeIndex = -1;
        return;
    }
  }

  private choose(summary: ServiceSummary) {
    this.query = null;
    this.listOpen = false;
    this.activeIndex = -1;
    this.announce('', 0);
    if (summary.id !== this.service) {
      this.service = summary.id;
      this.copyState = null;
    }
    this.dispatchEvent(new OnestopServiceSelectEvent({ service: summary.id, name: summary.name }));
  }

  private onSearchFocusOut(event: FocusEvent) {
    const to = event.relatedTarget as Node | null;
    if (!to || !this.shadowRoot?.querySelector('.search')?.contains(to)) this.listOpen = false;
  }

  // ---------- answers ----------

  private setAnswer(question: QuestionView, value: unknown) {
    if (question.kind === 'county') {
      this.county = typeof value === 'string' && value ? value : null;
    } else {
      const next = { ...this.answers };
      if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete next[question.id];
      else next[question.id] = value;
      this.answers = next;
    }
    this.copyState = null;
  }

  private focusQuestion(id: string) {
    const target = this.shadowRoot?.querySelector<HTMLElement>(`[data-question="${CSS.escape(id)}"] input, [data-question="${CSS.escape(id)}"] select`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  private async copyLink(service: string, answers: Record<string, unknown>) {
    this.shareLink = linkFor(this.ownerDocument.location.href, service, answers);
    try {
      await navigator.clipboard.writeText(this.shareLink);
      this.copyState = 'copied';
    } catch {
      // No clipboard (permissions, old browser): show the link to copy by hand.
      this.copyState = 'manual';
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLInputElement>('#share-link')?.select();
    }
  }

  // ---------- rendering ----------

  private docCount(n: number): string {
    return plural(n, this.locale, () => msg('1 document'), (n) => msg(str`${n} documents`));
  }

  private money(ntd: number): string {
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: 'TWD', maximumFractionDigits: 0 }).format(ntd);
  }

  private summaryLine(result: CheckResult): string {
    const { waived, substitute, required } = result.counts;
    return msg(str`Leave at home: ${waived}. A lighter document: ${substitute}. Still bring: ${required}.`);
  }

  protected override render(): TemplateResult {
    const busy = this.servicesTask.status === TaskStatus.PENDING || this.serviceTask.status === TaskStatus.PENDING;
    return html`<div class="panel" part="base" aria-busy=${busy ? 'true' : 'false'}>
      <h2 part="heading">${msg('Which documents do you still need to bring?')}</h2>
      <p class="intro">
        ${msg('Many offices now look documents up in government registries themselves, so you need not fetch a paper transcript. Find your service to see what you can leave at home.')}
      </p>
      ${renderFallbackNote(this.locale, [
        this.servicesTask.status === TaskStatus.COMPLETE ? this.servicesTask.value?.data : undefined,
        this.loadedService,
        this.countiesTask.status === TaskStatus.COMPLETE ? this.countiesTask.value?.data : undefined,
      ])}
      ${this.renderSearch()} ${this.renderService()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderSearch(): TemplateResult {
    const task = this.servicesTask;
    const ready = task.status === TaskStatus.COMPLETE;
    const { matches, total } = this.searchResult;
    const q = (this.query ?? '').trim();
    const open = ready && this.listOpen && matches.length > 0;
    const noMatch = ready && this.listOpen && q !== '' && total === 0;
    return html`<div class="search">
      ${ready && task.value?.stale && !this.serviceTask.value?.stale ? renderStaleNotice(task.value.fetchedAt, this.locale, () => void task.run()) : nothing}
      <label for="search">${msg('The service you are applying for')}</label>
      <p class="hint" id="search-hint">${msg('Type part of its name, in your language or in Chinese, then choose it from the list.')}</p>
      <input
        id="search"
        part="search"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls="services"
        aria-expanded=${open ? 'true' : 'false'}
        aria-activedescendant=${open && this.activeIndex >= 0 ? `option-${this.activeIndex}` : nothing}
        aria-describedby="search-hint"
        ?disabled=${!ready}
        placeholder=${ready ? msg('For example: low-income, 低收入') : task.status === TaskStatus.ERROR ? '' : msg('Loading the list of services…')}
        .value=${live(this.searchText)}
        @input=${this.onSearchInput}
        @compositionend=${(e: CompositionEvent) => this.setQuery((e.target as HTMLInputElement).value)}
        @keydown=${this.onSearchKeydown}
        @focusout=${this.onSearchFocusOut}
        @click=${() => (this.listOpen = true)}
      />
      <ul id="services" class="listbox" role="listbox" part="listbox" aria-label=${msg('Matching services')} ?hidden=${!open}>
        ${open
          ? matches.map(
              (s, i) => html`<li
                id="option-${i}"
                role="option"
                aria-selected=${i === this.activeIndex ? 'true' : 'false'}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.choose(s)}
              >
                <span class="name">${s.name}</span><span class="meta">${s.nameZh !== s.name ? `${s.nameZh} · ` : ''}${s.agency.name}</span>
              </li>`,
            )
          : nothing}
      </ul>
      ${open && total > matches.length ? html`<p class="hint">${msg(str`Showing ${matches.length} of ${total}. Type more of the name to narrow the list.`)}</p>` : nothing}
      ${noMatch
        ? html`<div class="state no-match" part="no-match">
            <p class="state-title">${msg(str`No service matches “${q}”.`)}</p>
            <p>${msg('Check the spelling, type fewer characters, or try the Chinese name.')}</p>
          </div>`
        : nothing}
      ${task.status === TaskStatus.ERROR ? renderErrorState(asApiError(task.error), () => void task.run()) : nothing}
    </div>`;
  }

  private renderService(): TemplateResult | typeof nothing {
    if (!this.service) {
      return html`<p class="state empty" part="empty">${msg('Choose a service above to see which documents you need, which ones the office looks up for you, and why.')}</p>`;
    }
    return this.serviceTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => {
        const e = asApiError(error);
        if (e.kind === 'not-found') {
          return html`<div class="state state-error" role="alert" part="error">
            <p class="state-title">${msg(str`We could not find the service “${this.service}”.`)}</p>
            <p>${msg('The link or the page setting may be out of date. Search for the service above.')}</p>
          </div>`;
        }
        return renderErrorState(e, () => void this.serviceTask.run());
      },
      complete: (value) => {
        if (!value) return nothing;
        if (value.problems.length) {
          return html`<div class="state state-error" role="alert" part="error">
            <p class="state-title">${msg('We cannot work out the documents for this service.')}</p>
            <p>${msg('Its rules could not be read. Ask the office which documents to bring, and please tell the site owner.')}</p>
          </div>`;
        }
        return this.renderCheck(value.data, value.stale, value.fetchedAt);
      },
    });
  }

  private renderLoading(): TemplateResult {
    return html`<div class="loading" part="loading"><p>${msg('Loading the documents for this service…')}</p></div>`;
  }

  private renderCheck(service: ServiceResponse, stale: boolean, fetchedAt: number): TemplateResult {
    const answers = this.allAnswers;
    const result = checkService(service, answers);
    const questions = visibleQuestions(service.questions, answers);
    const none = service.documents.length === 0;
    return html`<section class="service" aria-labelledby="service-name">
      ${stale ? renderStaleNotice(fetchedAt, this.locale, () => void this.serviceTask.run()) : nothing}
      <h3 id="service-name">${service.name}${service.nameZh !== service.name ? html` <span lang="zh-Hant-TW">(${service.nameZh})</span>` : nothing}</h3>
      <p class="meta">${service.agency.name}</p>
      ${service.summary ? html`<p>${service.summary}</p>` : nothing}
      ${questions.length ? this.renderQuestions(questions, answers) : nothing}
      ${none
        ? html`<p class="state" part="empty">${msg('The catalogue lists no documents for this service. Ask the office if you are unsure.')}</p>`
        : html`${this.renderSummary(result)} ${(['waived', 'substitute', 'required'] as Outcome[]).map((o) => this.renderGroup(o, result))}`}
      ${this.renderAnswersForPrint(questions, answers)} ${this.renderSources(service)}
      <div class="actions">
        ${none ? nothing : html`<button type="button" part="print-button" @click=${() => window.print()}>${msg('Print what to bring')}</button>`}
        <button type="button" class="secondary" part="link-button" @click=${() => this.copyLink(service.id, result.answers)}>
          ${msg('Copy a link to this check')}
        </button>
      </div>
      <div role="status">
        ${this.copyState === 'copied' ? html`<p>${msg('Link copied. It holds the service and your answers, nothing else about you.')}</p>` : nothing}
        ${this.copyState === 'manual'
          ? html`<label for="share-link">${msg('Copy this link:')}</label>
              <input id="share-link" class="copy-field" type="text" readonly .value=${this.shareLink} />`
          : nothing}
      </div>
    </section>`;
  }

  private renderQuestions(questions: QuestionView[], answers: Record<string, unknown>): TemplateResult {
    return html`<div class="questions">
      <h4>${msg('Questions that change the answer')}</h4>
      <p class="hint">${msg('Answer what you know. You can skip any question: the result then says what could change.')}</p>
      ${questions.map((q) => this.renderQuestion(q, answers[q.id]))}
    </div>`;
  }

  private renderQuestion(question: QuestionView, value: unknown): TemplateResult {
    const hintId = `help-${question.id}`;
    const help = question.help ? html`<p class="hint" id=${hintId}>${question.help}</p>` : nothing;
    const described = question.help ? hintId : nothing;
    if (question.kind === 'county') {
      const task = this.countiesTask;
      const counties = task.status === TaskStatus.COMPLETE ? (task.value?.data.counties ?? []) : [];
      return html`<div class="question" part="question" data-question=${question.id}>
        <label for="q-${question.id}">${question.text}</label>
        ${help}
        <select id="q-${question.id}" aria-describedby=${described} ?disabled=${!counties.length} @change=${(e: Event) => this.setAnswer(question, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!value}>${counties.length ? msg('Not sure / skip') : msg('Loading counties and cities…')}</option>
          ${counties.map((c) => html`<option value=${c.code} ?selected=${c.code === value}>${countyLabel(c)}</option>`)}
        </select>
        ${task.status === TaskStatus.ERROR ? renderErrorState(asApiError(task.error), () => void task.run()) : nothing}
      </div>`;
    }
    if (question.kind === 'date') {
      return html`<div class="question" part="question" data-question=${question.id}>
        <label for="q-${question.id}">${question.text}</label>
        ${help}
        <input id="q-${question.id}" type="date" aria-describedby=${described} .value=${live(typeof value === 'string' ? value : '')} @change=${(e: Event) => this.setAnswer(question, (e.target as HTMLInputElement).value)} />
      </div>`;
    }
    if (question.kind === 'multi-choice') {
      const picked = Array.isArray(value) ? (value as string[]) : [];
      const toggle = (id: string, on: boolean) => this.setAnswer(question, on ? [...picked, id] : picked.filter((p) => p !== id));
      return html`<fieldset class="question" part="question" data-question=${question.id} aria-describedby=${described}>
        <legend>${question.text}</legend>
        ${help}
        ${(question.options ?? []).map(
          (o) => html`<label class="choice"
            ><input type="checkbox" .checked=${live(picked.includes(o.id))} @change=${(e: Event) => toggle(o.id, (e.target as HTMLInputElement).checked)} />${o.text}</label
          >`,
        )}
      </fieldset>`;
    }
    // yes-no and choice: radios, with "not sure" as an answer that counts as skipped.
    const options =
      question.kind === 'yes-no'
        ? [
            { value: true, text: msg('Yes') },
            { value: false, text: msg('No') },
          ]
        : (question.options ?? []).map((o) => ({ value: o.id as unknown, text: o.text }));
    const radio = (optionValue: unknown, text: string) =>
      html`<label class="choice"
        ><input type="radio" name="q-${question.id}" .checked=${live(value === optionValue)} @change=${() => this.setAnswer(question, optionValue)} />${text}</label
      >`;
    return html`<fieldset class="question" part="question" data-question=${question.id} aria-describedby=${described}>
      <legend>${question.text}</legend>
      ${help} ${options.map((o) => radio(o.value, o.text))} ${radio(undefined, msg('Not sure / skip'))}
    </fieldset>`;
  }

  private renderSummary(result: CheckResult): TemplateResult {
    const { counts, savings } = result;
    return html`<div class="summary" part="summary">
      <p><strong>${msg('Based on your answers:')}</strong></p>
      <ul>
        <li>
          ${counts.waived
            ? msg(str`Leave at home: ${this.docCount(counts.waived)}. The office looks them up for you.`)
            : msg('The office looks up none of these documents for you.')}
        </li>
        ${counts.substitute ? html`<li>${msg(str`Bring a lighter document instead: ${this.docCount(counts.substitute)}.`)}</li>` : nothing}
        ${counts.required ? html`<li>${msg(str`Still bring: ${this.docCount(counts.required)}.`)}</li>` : nothing}
      </ul>
      ${savings.feeNtd > 0
        ? html`<p>${msg(str`This saves you ${this.money(savings.feeNtd)} in fees, and the trips to fetch these documents.`)}</p>`
        : counts.waived
          ? html`<p>${msg('This saves you the trips to fetch these documents.')}</p>`
          : nothing}
      ${result.mayChange ? html`<p>${msg(str`Answering the questions above could change ${this.docCount(result.mayChange)}.`)}</p>` : nothing}
    </div>`;
  }

  private groupTitle(outcome: Outcome): string {
    switch (outcome) {
      case 'waived':
        return msg('The office looks these up for you');
      case 'substitute':
        return msg('A lighter document is enough');
      case 'required':
        return msg('You still need to bring');
    }
  }

  private renderGroup(outcome: Outcome, result: CheckResult): TemplateResult | typeof nothing {
    const checks = result.groups[outcome];
    if (!checks.length) return nothing;
    // The office still needs to know who you are: name the ID card when it is among what to bring.
    const id = result.groups.required.find((c) => c.document.id === 'national-id-card');
    return html`<section class="group group-${outcome}" part="group" aria-labelledby="group-${outcome}">
      <h4 id="group-${outcome}">${this.groupTitle(outcome)}</h4>
      ${outcome === 'waived'
        ? html`<p>
            ${msg('Leave these at home: the office checks the registry itself.')}
            ${id ? msg(str`You still show your ${id.document.name}, so it can find your records.`) : nothing}
          </p>`
        : nothing}
      <ul class="documents">
        ${checks.map((c) => this.renderDocument(c))}
      </ul>
    </section>`;
  }

  private renderDocument(check: DocumentCheck): TemplateResult {
    const { document, branch } = check;
    const decided = check.facts.filter((f) => f.answered);
    return html`<li class="document" part="document">
      <p class="document-name">${document.name}</p>
      <dl>
        ${check.outcome === 'waived' && branch.registry
          ? html`<dt>${msg('Who looks it up')}</dt>
              <dd>${msg(str`The office queries the ${branch.registry.name} itself.`)}</dd>`
          : nothing}
        ${check.outcome === 'substitute'
          ? html`<dt>${msg('Bring one of these instead')}</dt>
              <dd>
                <ul>
                  ${branch.substitutes?.map((s) => html`<li>${s.name}</li>`)}
                </ul>
              </dd>`
          : nothing}
        ${check.outcome === 'required' ? this.renderWhereToGet(check) : nothing}
        ${check.outcome === 'waived' ? this.renderSaved(check) : nothing}
        <dt>${msg('Why')}</dt>
        <dd>${branch.because}</dd>
        ${decided.length
          ? html`<dt>${msg('Decided by your answer')}</dt>
              ${decided.map((f) => html`<dd>${this.describeFact(f)}</dd>`)}`
          : nothing}
      </dl>
      ${check.openQuestions.length
        ? html`<p class="may-change">
            ${msg('This may change if you answer:')}
            ${check.openQuestions.map(
              (q) => html`<button type="button" class="link" @click=${() => this.focusQuestion(q.id)}>${q.text}</button>`,
            )}
          </p>`
        : nothing}
    </li>`;
  }

  private renderWhereToGet({ document }: DocumentCheck): TemplateResult {
    return html`<dt>${msg('Where to get it')}</dt>
      <dd>${document.issuer.name}${document.issuer.finder ? html`<br /><span class="meta">${document.issuer.finder}</span>` : nothing}</dd>
      ${document.feeNtd !== undefined ? html`<dt>${msg('Fee')}</dt><dd>${this.money(document.feeNtd)}</dd>` : nothing}
      ${document.timeToObtain ? html`<dt>${msg('What it takes')}</dt><dd>${document.timeToObtain}</dd>` : nothing}
      ${document.onlineAlternative
        ? html`<dt>${msg('Online instead')}</dt>
            <dd>
              ${safeHref(document.onlineAlternative.url)
                ? html`<a href=${document.onlineAlternative.url} target="_blank" rel="noopener">${document.onlineAlternative.name}</a>`
                : document.onlineAlternative.name}
            </dd>`
        : nothing}`;
  }

  private renderSaved({ document }: DocumentCheck): TemplateResult | typeof nothing {
    if (document.feeNtd === undefined && !document.timeToObtain) return nothing;
    return html`<dt>${msg('What you save')}</dt>
      <dd>
        ${document.feeNtd !== undefined ? html`${msg(str`The fee: ${this.money(document.feeNtd)}.`)} ` : nothing}
        ${document.timeToObtain ? msg(str`The trip to get it: ${document.timeToObtain}`) : nothing}
      </dd>`;
  }

  private describeAnswer(question: QuestionView | undefined, value: unknown): string {
    if (value === undefined || value === null || value === '') return msg('Not answered');
    if (value === true) return msg('Yes');
    if (value === false) return msg('No');
    if (question?.kind === 'county') {
      const county = this.countiesTask.value?.data.counties.find((c) => c.code === value);
      return county ? countyLabel(county) : String(value);
    }
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => question?.options?.find((o) => o.id === v)?.text ?? String(v)).join(', ');
  }

  private describeFact(fact: Fact): TemplateResult {
    const question = this.loadedService?.questions.find((q) => q.id === fact.variable);
    return html`${question?.text ?? fact.variable} <strong>${this.describeAnswer(question, fact.value)}</strong>`;
  }

  /** GOV.UK "check answers" on paper: every question, "Not answered" where skipped. */
  private renderAnswersForPrint(questions: QuestionView[], answers: Record<string, unknown>): TemplateResult | typeof nothing {
    if (!questions.length) return nothing;
    return html`<div class="print-only">
      <h4>${msg('Your answers')}</h4>
      <dl>${questions.map((q) => html`<dt>${q.text}</dt><dd>${this.describeAnswer(q, answers[q.id])}</dd>`)}</dl>
    </div>`;
  }

  private renderSources(service: ServiceResponse): TemplateResult {
    const asOf = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(new Date(`${service.source.asOf}T00:00:00`));
    return html`${service.legalBasis.length
        ? html`<h4>${msg('Legal basis')}</h4>
            <ul>
              ${service.legalBasis.map((b) => {
                const text = b.article ? `${b.law} ${b.article}` : b.law;
                return html`<li>${safeHref(b.url) ? html`<a href=${b.url} target="_blank" rel="noopener">${text}</a>` : text}</li>`;
              })}
            </ul>`
        : nothing}
      <details>
        <summary>${msg('Where this information comes from')}</summary>
        <p>${msg(str`Facts as of ${asOf}. Offices can change what they accept: if in doubt, ask before you go.`)}</p>
        <p class="meta">${safeHref(service.source.url) ? html`<a href=${service.source.url} target="_blank" rel="noopener">${service.source.cite}</a>` : service.source.cite}</p>
      </details>
      <p class="print-only">${msg(str`Facts as of ${asOf}.`)}</p>`;
  }
}
