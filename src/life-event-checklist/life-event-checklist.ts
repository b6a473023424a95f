import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiResult } from '../core/api/client.js';
import type { QuestionView } from '../core/api/contract/common.js';
import { CountiesResponse, type County } from '../core/api/contract/counties.js';
import { CalendarResponse, LifeEventResponse, LifeEventsResponse, type TaskView } from '../core/api/contract/life-events.js';
import { ServiceResponse } from '../core/api/contract/services.js';
import { ApiError } from '../core/api/errors.js';
import { safeHref } from '../core/api/safe-link.js';
import { OnestopErrorEvent, OnestopLoadEvent } from '../core/events.js';
import { OnestopElement } from '../core/onestop-element.js';
import { SavedState } from '../core/saved-state.js';
import { renderErrorState, renderStaleNotice, statusViewStyles } from '../core/status-views.js';
import { fallbackNoteStyles, renderFallbackNote } from '../core/fallback-note.js';
import { formatCalendarDate, plural } from '../core/format.js';
import { tokens } from '../core/tokens.js';
import { decideDocument } from '../doc-free-check/rules.js';
import { OnestopPlanChangeEvent, OnestopTaskToggleEvent } from './events.js';
import { buildCalendar } from './ics.js';
import {
  answeredFacts,
  effectiveAnswers,
  groupTasks,
  isIsoDate,
  normaliseCounty,
  officeCalendarFrom,
  parseGroupings,
  plan,
  questionsToSettle,
  skippedRestDays,
  toggleOption,
  unpublishedYears,
  upcomingDeadlines,
  type Grouping,
  type NamedOfficeCalendar,
  type Plan,
  type PlannedTask,
  type TaskGroup,
  type TaskProgress,
} from './plan.js';
import { emptyPlan, exportFile, parseImportFile, PROGRESS_VERSION, SavedPlanSchema, storageKey, type ImportResult, type SavedPlan } from './progress.js';
import { checklistStyles } from './styles.js';

type Loaded =
  | { kind: 'list'; list: ApiResult<LifeEventsResponse> }
  | {
      kind: 'event';
      event: ApiResult<LifeEventResponse>;
      calendar: ApiResult<CalendarResponse> | null;
      counties: ApiResult<CountiesResponse> | null;
    };

type StorageStatus = 'ok' | 'empty' | 'newer' | 'corrupt' | 'unavailable' | 'off' | 'failed';

interface View {
  data: Extract<Loaded, { kind: 'event' }>;
  calendar: NamedOfficeCalendar;
  counties: readonly County[];
  plan: Plan;
  answers: Record<string, unknown>;
}

const MAX_IMPORT_BYTES = 1_000_000;

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A personal plan for a life event: a few plain, skippable questions, then only the tasks that
 * apply, in an order that respects what must come first, with real last days, where to go,
 * what to bring (and what is now waived), and progress kept on the device only.
 *
 * @tagname onestop-life-event-checklist
 * @summary What to do after a life event, filtered to the citizen, with dates and progress.
 *
 * @attr event - The life event, e.g. `death`, `birth`, `moving-house`, `disaster`, `new-resident`, `job-loss`. Without it the citizen picks one from the API's list.
 * @attr county - ISO 3166-2:TW code (`TW-TPE`; `tpe` accepted) to answer the county question in advance. The citizen can change it.
 * @attr event-date - The event's date, `YYYY-MM-DD`, in advance. The citizen can change it.
 * @attr groupings - Which groupings to offer, in order, from `deadline office category` (default: all three; the first is the default one).
 * @attr persist - Keep answers and progress on this device (default). `persist="false"` keeps them for this visit only.
 * @attr today - The day the plan counts from, `YYYY-MM-DD`, for previews and tests. Default: the device's date.
 * @attr api-base - URL of the OneStop API. Default: `<meta name="onestop-api-base">`, else the script's origin.
 * @attr lang - Language of the widget. Default: the nearest ancestor's `lang`, else zh-Hant-TW.
 *
 * @fires onestop-plan-change - The plan was drawn or changed. `detail`: `{ event, tasks: [{ id, applies, state }], counts, next }`; no answers, dates, names or notes.
 * @fires onestop-task-toggle - A task was ticked done or unticked. `detail`: `{ event, task, done }`.
 * @fires onestop-load - Data was drawn. `detail.stale` is true when it is the offline copy.
 * @fires onestop-error - Data could not be loaded. `detail.kind` says why.
 *
 * @csspart base - The panel around the widget.
 * @csspart heading - The life event's name.
 * @csspart questions - The questions section.
 * @csspart plan - The plan section.
 * @csspart summary - The line counting tasks, done and overdue.
 * @csspart next - The "what to do next" box.
 * @csspart task - Each task.
 * @csspart task-toggle - The button that opens a task's details.
 * @csspart badge - A task's state label (overdue, due soon, may apply, …).
 * @csspart hidden-tasks - The list of tasks that do not apply, and why.
 * @csspart tools - Print, calendar, save, load and clear.
 * @csspart confirm - The box asking to confirm clearing or replacing progress.
 * @csspart error - The error message box.
 * @csspart stale-notice - The "saved on …" notice shown offline.
 * @csspart retry-button - The buttons that try again.
 *
 * @cssprop --onestop-life-event-checklist-min-height - Height reserved while loading (default 24em; with an `event`, at least the screen's height).
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
export class OnestopLifeEventChecklist extends OnestopElement {
  static override styles = [tokens, statusViewStyles, checklistStyles, fallbackNoteStyles];

  /** The life event's id; null lets the citizen pick one. */
  @property({ reflect: true })
  event: string | null = null;

  /** County code answered in advance. */
  @property()
  county: string | null = null;

  /** The event's date answered in advance, `YYYY-MM-DD`. */
  @property({ attribute: 'event-date' })
  eventDate: string | null = null;

  /** Groupings offered, e.g. `"deadline office category"`. */
  @property()
  groupings: string | null = null;

  /** Keep progress on the device. */
  @property({ converter: { fromAttribute: (value: string | null) => value === null || !/^(false|off|no|0)$/i.test(value) } })
  persist = true;

  /** The day the plan counts from (default: today on this device). */
  @property()
  today: string | null = null;

  @state() private saved: SavedPlan = emptyPlan();
  @state() private storage: StorageStatus = 'empty';
  @state() private expanded: ReadonlySet<string> = new Set();
  @state() private notice: { text: string; alert: boolean } | null = null;
  @state() private confirming: 'clear' | 'import' | null = null;
  @state() private showText = false;
  /** The id of a date field holding a half-typed date (its last good value is kept). */
  @state() private badDate: string | null = null;
  @state() private chosenHere = false;

  private store: SavedState<SavedPlan> | undefined;
  private restoredFor: string | null = null;
  private pendingImport: Extract<ImportResult, { ok: true }> | null = null;
  private view: View | undefined;
  private viewInputs: { data: Loaded; saved: SavedPlan; today: string } | undefined;
  private lastSignature = '';
  private focusAfterUpdate: string | null = null;
  private readonly services = new Map<string, ServiceResponse | null>();
  private readonly servicesLoading = new Set<string>();
  private servicesAbort = new AbortController();
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly data = new Task(this, {
    task: async ([, lang, event], { signal }): Promise<Loaded> => {
      try {
        if (!event) return { kind: 'list', list: await this.api.get('v1/life-events', LifeEventsResponse, { query: { lang }, signal }) };
        const optional = <T>(request: Promise<ApiResult<T>>) => request.catch(() => null);
        const [result, calendar, counties] = await Promise.all([
          this.api.get(`v1/life-events/${encodeURIComponent(event)}`, LifeEventResponse, { query: { lang }, signal }),
          optional(this.api.get('v1/calendar', CalendarResponse, { query: { lang }, signal })),
          optional(this.api.get('v1/counties', CountiesResponse, { query: { lang }, signal })),
        ]);
        return { kind: 'event', event: result, calendar, counties };
      } catch (error) {
        if (error instanceof ApiError) {
          this.dispatchEvent(new OnestopErrorEvent({ resource: event ? 'life-event' : 'life-events', kind: error.kind, status: error.status }));
        }
        throw error;
      }
    },
    args: () => [this.resolvedApiBase, this.locale, this.event] as const,
    onComplete: (loaded: Loaded) =>
      this.dispatchEvent(
        new OnestopLoadEvent({ resource: loaded.kind === 'list' ? 'life-events' : 'life-event', stale: loaded.kind === 'list' ? loaded.list.stale : loaded.event.stale }),
      ),
  });

  private readonly retry = () => void this.data.run();

  private readonly onOnline = () => {
    const value = this.data.value;
    const stale = value && (value.kind === 'list' ? value.list.stale : value.event.stale);
    if (this.data.status === TaskStatus.ERROR || stale) this.retry();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    this.servicesAbort.abort();
    this.servicesAbort = new AbortController();
    this.servicesLoading.clear();
    super.disconnectedCallback();
  }

  // ---------------------------------------------------------------- state on the device

  private initialPlan(): SavedPlan {
    const county = normaliseCounty(this.county);
    return { eventDate: isIsoDate(this.eventDate) ? this.eventDate : null, answers: county ? { county } : {}, progress: {} };
  }

  private restore(event: string): void {
    this.restoredFor = event;
    this.store = this.persist ? new SavedState(storageKey(event), PROGRESS_VERSION, SavedPlanSchema) : undefined;
    const loaded = this.store?.load();
    this.saved = loaded?.status === 'ok' ? loaded.value : this.initialPlan();
    this.storage = loaded ? loaded.status : 'off';
    this.expanded = new Set();
    this.confirming = null;
    this.notice = null;
  }

  private change(next: SavedPlan): void {
    this.saved = next;
    if (this.store && this.storage !== 'newer') {
      const ok = this.store.save(next);
      if (!ok && this.storage !== 'unavailable') this.storage = this.store.available ? 'failed' : 'unavailable';
      else if (ok && this.storage !== 'ok') this.storage = 'ok';
    }
  }

  private setAnswer(id: string, value: unknown): void {
    const answers = { ...this.saved.answers };
    if (value === undefined || value === null || value === '') delete answers[id];
    else answers[id] = value as SavedPlan['answers'][string];
    this.change({ ...this.saved, answers });
  }

  private setProgress(id: string, patch: Partial<TaskProgress>): void {
    const merged: TaskProgress = { ...this.saved.progress[id], ...patch };
    const clean = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== '' && v !== false));
    const progress = { ...this.saved.progress };
    if (Object.keys(clean).length) progress[id] = clean;
    else delete progress[id];
    this.change({ ...this.saved, progress });
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.event && this.event !== this.restoredFor) this.restore(this.event);
    else if (this.event && changed.has('persist')) {
      // Turning keeping off (or on) changes where later changes go, not what is on screen.
      this.store = this.persist ? new SavedState(storageKey(this.event), PROGRESS_VERSION, SavedPlanSchema) : undefined;
      this.storage = this.persist ? 'empty' : 'off';
    }
    if (!this.event) this.restoredFor = null;
    if (changed.has('county') && this.restoredFor && this.saved.answers.county === undefined) {
      const county = normaliseCounty(this.county);
      if (county) this.saved = { ...this.saved, answers: { ...this.saved.answers, county } };
    }
    if (changed.has('eventDate') && this.restoredFor && !this.saved.eventDate && isIsoDate(this.eventDate)) {
      this.saved = { ...this.saved, eventDate: this.eventDate };
    }
    this.serviceScope = `${this.resolvedApiBase} ${this.locale}`;
    this.view = this.computeView();
  }

  private computeView(): View | undefined {
    const data = this.data.value;
    if (this.data.status !== TaskStatus.COMPLETE || data?.kind !== 'event' || data.event.data.id !== this.event) return undefined;
    const today = isIsoDate(this.today) ? this.today : localToday();
    // The plan depends on these three only; most updates (a service's waiver rules arriving, a
    // task opened) keep them, and re-planning a long event on each took tens of ms on a slow phone.
    const inputs = this.viewInputs;
    if (this.view && inputs && inputs.data === data && inputs.saved === this.saved && inputs.today === today) return this.view;
    this.viewInputs = { data, saved: this.saved, today };
    const event = data.event.data;
    const calendar = officeCalendarFrom(data.calendar?.data);
    const result = plan({ event, answers: this.saved.answers, eventDate: this.saved.eventDate, today, calendar, progress: this.saved.progress });
    return { data, calendar, counties: data.counties?.data.counties ?? [], plan: result, answers: effectiveAnswers(event.questions, this.saved.answers) };
  }

  protected override updated(): void {
    const view = this.view;
    if (view && this.event) {
      const detail = {
        event: this.event,
        tasks: view.plan.tasks.map((p) => ({ id: p.task.id, applies: p.applies, state: p.state })),
        counts: view.plan.counts,
        next: view.plan.next?.task.id ?? null,
      };
      const signature = JSON.stringify(detail);
      if (signature !== this.lastSignature) {
        this.lastSignature = signature;
        this.dispatchEvent(new OnestopPlanChangeEvent(detail));
      }
      this.loadServices(view.plan.tasks);
    }
    // A focus move waits until its target is drawn (after choosing an event, once it has loaded).
    const target = this.focusAfterUpdate ? this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate) : null;
    if (target) {
      this.focusAfterUpdate = null;
      target.focus();
      target.scrollIntoView?.({ block: 'nearest' });
    }
  }

  // Resolved once per update (resolvedApiBase reads the page's <meta> and parses a URL): this
  // runs twice for each task on every render.
  private serviceScope = '';
  private serviceKey = (id: string) => `${this.serviceScope} ${id}`;

  /** The linked services' waiver rules, a few at a time; a task without them still lists its documents. */
  private loadServices(tasks: readonly PlannedTask[]): void {
    const scope = this.serviceScope;
    const keyOf = (id: string) => `${scope} ${id}`;
    const queue = [...new Set(tasks.map((p) => p.task.service).filter((id): id is string => !!id))].filter((id) => {
      const key = keyOf(id);
      return !this.services.has(key) && !this.servicesLoading.has(key);
    });
    if (!queue.length) return;
    const lang = this.locale;
    const signal = this.servicesAbort.signal;
    for (const id of queue) this.servicesLoading.add(keyOf(id));
    const next = async (): Promise<void> => {
      const id = queue.shift();
      if (!id || signal.aborted) return;
      const key = keyOf(id);
      try {
        this.services.set(key, (await this.api.get(`v1/services/${encodeURIComponent(id)}`, ServiceResponse, { query: { lang }, signal })).data);
      } catch {
        if (signal.aborted) return;
        this.services.set(key, null);
      }
      this.servicesLoading.delete(key);
      this.redrawSoon();
      return next();
    };
    for (let i = 0; i < 4; i++) void next();
  }

  /**
   * One redraw for the services that arrive close together, not one each: a long plan's redraw
   * is a long task on a slow phone, and an event links dozens of services.
   */
  private redrawSoon(): void {
    if (this.redrawTimer !== undefined) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.requestUpdate();
    }, 200);
  }

  // ---------------------------------------------------------------- formatting

  // Last days in the ROC year (民國) when the page asks for calendar="roc" and we speak Chinese.
  private formatDate(iso: string): string {
    return formatCalendarDate(iso, this.locale, { calendar: this.calendarChoice, style: 'short-weekday' });
  }

  private countyName(code: unknown): string | null {
    return this.view?.counties.find((c) => c.code === code)?.name ?? null;
  }

  private answerText(question: QuestionView, value: unknown): string {
    if (typeof value === 'boolean') return value ? msg('Yes') : msg('No');
    if (question.kind === 'county') return this.countyName(value) ?? String(value);
    if (question.kind === 'date' && isIsoDate(value)) return this.formatDate(value);
    const option = (id: unknown) => question.options?.find((o) => o.id === id)?.text ?? String(id);
    return Array.isArray(value) ? value.map(option).join(msg(', ')) : option(value);
  }

  private daysText(days: number): string {
    // Intl.PluralRules: only languages with a singular use the "1 day" strings.
    if (days < 0) return plural(-days, this.locale, () => msg('1 day overdue'), (count) => msg(str`${count} days overdue`));
    if (days === 0) return msg('the last day is today');
    return plural(days, this.locale, () => msg('1 day left'), (count) => msg(str`${count} days left`));
  }

  private tasksText(count: number): string {
    return plural(count, this.locale, () => msg('1 task'), (count) => msg(str`${count} tasks`));
  }

  private stateText(p: PlannedTask): string {
    switch (p.state) {
      case 'nothing-to-do':
        return msg('Nothing to do');
      case 'done':
        return msg('Done');
      case 'overdue':
        return msg('Overdue');
      case 'due-soon':
        return msg('Due soon');
      case 'waiting':
        return msg('Do another task first');
      case 'to-do':
        return msg('To do');
    }
  }

  private groupTitle(group: TaskGroup, by: Grouping, event: LifeEventResponse): string {
    if (by === 'office') return group.tasks[0].task.agency.name;
    if (by === 'category') return event.categories.find((c) => c.id === group.key)?.name ?? group.key;
    switch (group.key) {
      case 'overdue':
        return msg('Overdue');
      case 'this-week':
        return msg('Last day within 7 days');
      case 'this-month':
        return msg('Last day within a month');
      case 'later':
        return msg('Last day later');
      case 'no-deadline':
        return msg('No legal last day, or the date is not known yet');
      default:
        return msg('Done, or nothing for you to do');
    }
  }

  private groupingLabel(by: Grouping): string {
    if (by === 'office') return msg('Office to visit');
    if (by === 'category') return msg('Topic');
    return msg('Last day');
  }

  private channelText(kind: TaskView['channels'][number]['kind']): string {
    switch (kind) {
      case 'online':
        return msg('Online');
      case 'counter':
        return msg('In person at the office');
      case 'proxy':
        return msg('Someone else can do it for you, with your written authorisation');
      case 'mail':
        return msg('By post');
      case 'phone':
        return msg('By phone');
      case 'home-visit':
        return msg('A home visit');
      case 'automatic':
        return msg('Done automatically');
    }
  }

  private lawText(basis: { law: string; article?: string | undefined; url?: string | undefined }): TemplateResult {
    const label = basis.article ? msg(str`${basis.law}, article ${basis.article}`) : basis.law;
    return safeHref(basis.url) ? html`<a href=${basis.url} target="_blank" rel="noopener">${label}</a>` : html`${label}`;
  }

  // ---------------------------------------------------------------- actions

  private get groupingsOffered(): Grouping[] {
    return parseGroupings(this.groupings);
  }

  private get grouping(): Grouping {
    const offered = this.groupingsOffered;
    return this.saved.grouping && offered.includes(this.saved.grouping) ? this.saved.grouping : offered[0];
  }

  private choose(id: string | null): void {
    this.chosenHere = id !== null;
    this.event = id;
    this.focusAfterUpdate = id ? '[part="heading"]' : '.events button';
  }

  private toggleDone(p: PlannedTask, done: boolean): void {
    this.setProgress(p.task.id, { done });
    this.dispatchEvent(new OnestopTaskToggleEvent({ event: this.event!, task: p.task.id, done }));
  }

  private toggleOpen(id: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(id)) next.add(id);
    this.expanded = next;
  }

  private showTask(id: string): void {
    this.expanded = new Set([...this.expanded, id]);
    this.focusAfterUpdate = `#toggle-${id}`;
  }

  private goToQuestion(id: string): void {
    this.focusAfterUpdate = id === 'event' ? '#event-date' : `#q-${id} input, #q-${id} select, select#q-${id}, input#q-${id}`;
    this.requestUpdate();
  }

  private say(text: string, alert = false): void {
    this.notice = { text, alert };
  }

  private exportProgress(): void {
    const today = isIsoDate(this.today) ? this.today : localToday();
    download(`onestop-${this.event}-${today}.json`, 'application/json', exportFile(this.event!, this.saved, new Date()));
    this.say(msg('Your progress was saved to a file. Open it with “Load progress from a file” on another device.'));
  }

  private async onImportFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      this.say(msg('That file is too large to be a saved plan. Nothing was changed.'), true);
      return;
    }
    const result = parseImportFile(await file.text(), this.event!);
    if (!result.ok) {
      this.say(this.importError(result), true);
      return;
    }
    this.pendingImport = result;
    this.notice = null;
    this.confirming = 'import';
    this.focusAfterUpdate = '.confirm button';
  }

  private importError(result: Extract<ImportResult, { ok: false }>): string {
    const kept = msg('Your current progress is kept.');
    switch (result.reason) {
      case 'not-json':
      case 'not-ours':
        return `${msg('That file is not a plan saved by this service.')} ${kept}`;
      case 'newer':
        return `${msg('That file was saved by a newer version of this service. Update this page, then try again.')} ${kept}`;
      case 'other-event':
        return `${msg(str`That file is a plan for another life event (${result.event}).`)} ${kept}`;
      case 'invalid':
        return `${msg('That file is damaged or was changed, so it cannot be read.')} ${kept}`;
    }
  }

  private confirmImport(): void {
    const pending = this.pendingImport;
    this.pendingImport = null;
    this.confirming = null;
    if (!pending) return;
    this.change(pending.plan);
    this.say(msg('Progress loaded from the file.'));
    this.focusAfterUpdate = '[part="summary"]';
  }

  private confirmClear(): void {
    this.confirming = null;
    this.store?.clear();
    this.saved = this.initialPlan();
    if (this.storage !== 'off' && this.storage !== 'unavailable') this.storage = 'empty';
    this.expanded = new Set();
    this.say(msg('Your answers and progress were cleared from this device.'));
    this.focusAfterUpdate = '[part="heading"]';
  }

  private cancelConfirm(): void {
    const what = this.confirming;
    this.confirming = null;
    this.pendingImport = null;
    this.say(what === 'import' ? msg('Nothing was loaded. Your current progress is kept.') : msg('Nothing was cleared.'));
    this.focusAfterUpdate = what === 'import' ? '#import-button' : '#clear-button';
  }

  /** Lines of the deadlines as plain text (the alternative to the calendar file). */
  private deadlinesText(view: View): string {
    const upcoming = upcomingDeadlines(view.plan.tasks);
    const lines = [view.data.event.data.name, ''];
    if (!upcoming.length) lines.push(msg('No last days to show yet.'));
    for (const { planned, lastDay } of upcoming) {
      lines.push(`${this.formatDate(lastDay)}: ${planned.task.title}`, `  ${this.whereText(planned.task)}`);
      if (planned.task.deadline) lines.push(`  ${planned.task.deadline.text}`);
      lines.push('');
    }
    return lines.join('\n');
  }

  private downloadCalendar(view: View): void {
    const event = view.data.event.data;
    const entries = upcomingDeadlines(view.plan.tasks).map(({ planned, lastDay }) => ({
      uid: `${event.id}-${planned.task.id}@onestop-widgets`,
      date: lastDay,
      summary: msg(str`Last day: ${planned.task.title}`),
      description: [this.whereText(planned.task), planned.task.deadline?.text ?? ''].filter(Boolean).join('\n'),
    }));
    const file = buildCalendar(entries, { now: new Date(), name: event.name, remindDaysBefore: 3 });
    download(`onestop-${event.id}-deadlines.ics`, 'text/calendar', file);
    this.say(msg(str`A calendar file with ${this.tasksText(entries.length)} was downloaded. Open it to add the last days to your calendar.`));
  }

  private whereText(task: TaskView): string {
    const county = task.agency.kind === 'office-type' ? this.countyName(this.view?.answers.county) : null;
    return county ? msg(str`${task.agency.name} in ${county}`) : task.agency.name;
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    const pending = this.data.status === TaskStatus.PENDING || this.data.status === TaskStatus.INITIAL;
    return html`<div class="panel" part="base" aria-busy=${pending ? 'true' : 'false'}>
      ${this.data.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        error: (error) => html`${renderErrorState(error instanceof ApiError ? error : new ApiError('network', '', String(error)), this.retry)}
          ${this.chosenHere ? html`<button type="button" class="secondary" @click=${() => this.choose(null)}>${msg('Choose another life event')}</button>` : nothing}`,
        complete: (loaded) => (loaded.kind === 'list' ? this.renderList(loaded.list) : this.view ? this.renderEvent(this.view) : this.renderLoading()),
      })}
    </div>`;
  }

  private renderLoading(): TemplateResult {
    return html`<div class="loading" role="status">
      <p class="loading-title">${msg('Loading your plan…')}</p>
      <div class="placeholder" aria-hidden="true"></div>
    </div>`;
  }

  private renderList(result: ApiResult<LifeEventsResponse>): TemplateResult {
    const events = result.data.lifeEvents;
    return html`${result.stale ? renderStaleNotice(result.fetchedAt, this.locale, this.retry) : nothing}
      <h2 part="heading" tabindex="-1">${msg('What has happened?')}</h2>
      ${renderFallbackNote(this.locale, [result.data])}
      ${events.length
        ? html`<p>${msg('Choose one to see what to do, step by step, with only what applies to you.')}</p>
            <ul class="events">
              ${events.map(
                (e) => html`<li>
                  <button type="button" aria-describedby="about-${e.id}" @click=${() => this.choose(e.id)}>${e.name}</button>
                  <p id="about-${e.id}">${e.summary}</p>
                </li>`,
              )}
            </ul>`
        : html`<div class="state" role="status">
            <p class="state-title">${msg('No life events are available right now.')}</p>
            <button type="button" part="retry-button" @click=${this.retry}>${msg('Try again')}</button>
          </div>`}`;
  }

  private renderEvent(view: View): TemplateResult {
    const { data } = view;
    const event = data.event.data;
    const stale = [data.event, data.calendar, data.counties].flatMap((r) => (r?.stale ? [r.fetchedAt] : []));
    return html`${stale.length ? renderStaleNotice(Math.min(...stale), this.locale, this.retry) : nothing}
      <h2 part="heading" tabindex="-1">${event.name}</h2>
      ${renderFallbackNote(this.locale, [event, data.calendar?.data, data.counties?.data])}
      <p class="intro">${event.summary}</p>
      ${this.chosenHere ? html`<button type="button" class="secondary" @click=${() => this.choose(null)}>${msg('Choose another life event')}</button>` : nothing}
      ${event.tasks.length ? this.renderEventBody(view) : html`<p class="state" role="status">${msg('This life event has no tasks yet.')}</p>`}`;
  }

  private renderEventBody(view: View): TemplateResult {
    const event = view.data.event.data;
    const result = view.plan;
    return html`${this.renderStorageNotice()}
      <section class="questions" part="questions" aria-labelledby="questions-heading">
        <h3 id="questions-heading">${msg('About your situation')}</h3>
        <p class="hint">${msg('Answer what you know and skip the rest; you can change any answer later. The plan below changes as you answer.')}</p>
        <p><button type="button" class="link" @click=${() => (this.focusAfterUpdate = '[part="summary"]', this.requestUpdate())}>${msg('Go to your plan')}</button></p>
        ${this.renderDateField(event)} ${result.questions.map((q) => this.renderQuestion(q))}
      </section>
      <section class="plan" part="plan" aria-labelledby="plan-heading">
        <h3 id="plan-heading">${msg('Your plan')}</h3>
        ${this.renderPlan(view)}
      </section>
      ${this.renderTools(view)} ${this.renderPrintAnswers(view)}`;
  }

  private renderStorageNotice(): TemplateResult | typeof nothing {
    const text = {
      ok: msg('Your answers and progress are kept on this device only. They are never sent anywhere.'),
      empty: msg('Your answers and progress will be kept on this device only. They are never sent anywhere.'),
      off: msg('Your answers and progress are not kept after you leave this page. Save them to a file to keep them.'),
      unavailable: msg('This browser does not let the page keep your progress. Save it to a file to keep it.'),
      failed: msg('Your latest changes could not be kept on this device (its storage may be full). Save them to a file.'),
      newer: msg('Progress saved here by a newer version of this service is kept as it was. Changes you make now are not kept.'),
      corrupt: msg('The progress kept on this device could not be read, so it was set aside and you start afresh.'),
    }[this.storage];
    const warn = this.storage !== 'ok' && this.storage !== 'empty';
    return html`<p class="device ${warn ? 'warn' : ''}">${text}</p>`;
  }

  private renderDateField(event: LifeEventResponse): TemplateResult {
    return html`<div class="question date-question">
      <label for="event-date">${event.eventDate}</label>
      <p class="hint" id="event-date-hint">${msg('Last days are counted from this date.')}</p>
      <input
        type="date"
        id="event-date"
        aria-describedby=${this.badDate === 'event-date' ? 'event-date-hint event-date-error' : 'event-date-hint'}
        aria-invalid=${this.badDate === 'event-date' ? 'true' : 'false'}
        .value=${live(this.saved.eventDate ?? '')}
        @change=${(e: Event) => this.onDate(e, (value) => this.change({ ...this.saved, eventDate: value }))}
      />
      ${this.renderDateError('event-date')}
    </div>`;
  }

  private renderDateError(id: string): TemplateResult | typeof nothing {
    return this.badDate === id
      ? html`<p class="field-error" id="${id}-error" role="alert">${msg('That date is not complete. Enter the day, month and year; until then the last full date is used.')}</p>`
      : nothing;
  }

  /** A date input's value; a half-typed date keeps the last good one, and the field says so. */
  private onDate(e: Event, set: (value: string | null) => void): void {
    const input = e.target as HTMLInputElement;
    if (!input.value && input.validity.badInput) {
      this.badDate = input.id;
      return;
    }
    this.badDate = null;
    set(isIsoDate(input.value) ? input.value : null);
  }

  private renderQuestion(q: QuestionView): TemplateResult {
    const value = this.saved.answers[q.id];
    const id = `q-${q.id}`;
    const help = q.help ? html`<p class="hint" id="${id}-hint">${q.help}</p>` : nothing;
    const described = q.help ? `${id}-hint` : nothing;
    if (q.kind === 'county' || q.kind === 'date') {
      return html`<div class="question">
        <label for=${id}>${q.text}</label>
        ${help}
        ${q.kind === 'date'
          ? html`<input
                type="date"
                id=${id}
                aria-describedby=${this.badDate === id ? `${q.help ? `${id}-hint ` : ''}${id}-error` : described}
                aria-invalid=${this.badDate === id ? 'true' : 'false'}
                .value=${live(typeof value === 'string' ? value : '')}
                @change=${(e: Event) => this.onDate(e, (v) => this.setAnswer(q.id, v))}
              />
              ${this.renderDateError(id)}`
          : html`<select
              id=${id}
              aria-describedby=${described}
              .value=${live(typeof value === 'string' ? value : '')}
              @change=${(e: Event) => this.setAnswer(q.id, (e.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!value}>${msg('Not sure (skip)')}</option>
              ${this.view?.counties.map((c) => html`<option value=${c.code} ?selected=${c.code === value}>${c.name}</option>`)}
            </select>`}
      </div>`;
    }
    if (q.kind === 'multi-choice') {
      const chosen = Array.isArray(value) ? value : [];
      return html`<fieldset class="question" id=${id} aria-describedby=${described}>
        <legend>${q.text}</legend>
        ${help}
        <p class="hint">${msg('Tick all that apply, or none to skip.')}</p>
        <div class="options">${(q.options ?? []).map(
          (o) => html`<label class="choice"
            ><input
              type="checkbox"
              .checked=${live(chosen.includes(o.id))}
              @change=${(e: Event) => this.setAnswer(q.id, toggleOption(value, o.id, (e.target as HTMLInputElement).checked))}
            />
            ${o.text}</label
          >`,
        )}</div>
      </fieldset>`;
    }
    const options: Array<{ key: string; text: string; value: unknown }> =
      q.kind === 'yes-no'
        ? [
            { key: 'yes', text: msg('Yes'), value: true },
            { key: 'no', text: msg('No'), value: false },
          ]
        : (q.options ?? []).map((o) => ({ key: o.id, text: o.text, value: o.id }));
    return html`<fieldset class="question" id=${id} aria-describedby=${described}>
      <legend>${q.text}</legend>
      ${help}
      <div class="options">${options.map(
        (o) => html`<label class="choice"
          ><input type="radio" name=${id} .checked=${live(value === o.value)} @change=${() => this.setAnswer(q.id, o.value)} /> ${o.text}</label
        >`,
      )}
      ${options.some((o) => o.key === 'not-sure')
        ? nothing
        : html`<label class="choice skip"
            ><input type="radio" name=${id} .checked=${live(value === undefined)} @change=${() => this.setAnswer(q.id, undefined)} />
            ${msg('Not sure (skip)')}</label
          >`}</div>
    </fieldset>`;
  }

  private renderPlan(view: View): TemplateResult {
    const { plan: result, calendar } = view;
    const maybe = result.tasks.filter((p) => p.applies === 'maybe').length;
    const counts = result.counts;
    const parts = [
      maybe ? msg(str`${this.tasksText(counts.applicable)} for you, ${maybe} of them may apply.`) : msg(str`${this.tasksText(counts.applicable)} for you.`),
      msg(str`${counts.done} done.`),
      counts.overdue ? msg(str`${counts.overdue} overdue.`) : '',
    ];
    const years = unpublishedYears(result.tasks, calendar);
    const by = this.grouping;
    const offered = this.groupingsOffered;
    const allOpen = result.tasks.length > 0 && result.tasks.every((p) => this.expanded.has(p.task.id));
    return html`<p class="summary" part="summary" role="status" tabindex="-1">${parts.filter(Boolean).join(' ')}</p>
      ${result.next ? this.renderNext(result.next) : nothing}
      ${!this.saved.eventDate
        ? html`<p class="note">${msg('Enter the date above to see the last day of each task.')}
            <button type="button" class="link" @click=${() => this.goToQuestion('event')}>${msg('Go to the date')}</button></p>`
        : nothing}
      ${view.calendar.years.size === 0
        ? html`<p class="note">${msg('The office calendar could not be loaded, so holidays are not counted. A last day may be later than shown.')}</p>`
        : years.length
          ? html`<p class="note">
              ${msg(str`The government's office calendar for ${years.join(', ')} is not published yet. Dates then count weekends only as days off, so a last day may still move if it falls on a holiday.`)}
            </p>`
          : nothing}
      <div class="toolbar">
        ${offered.length > 1
          ? html`<fieldset class="grouping">
              <legend>${msg('Group the tasks by')}</legend>
              ${offered.map(
                (g) => html`<label class="choice"
                  ><input type="radio" name="grouping" .checked=${live(g === by)} @change=${() => this.change({ ...this.saved, grouping: g })} />
                  ${this.groupingLabel(g)}</label
                >`,
              )}
            </fieldset>`
          : nothing}
        <button
          type="button"
          class="secondary"
          aria-expanded=${allOpen ? 'true' : 'false'}
          @click=${() => (this.expanded = allOpen ? new Set() : new Set(result.tasks.map((p) => p.task.id)))}
        >
          ${allOpen ? msg('Hide all task details') : msg('Show all task details')}
        </button>
      </div>
      ${groupTasks(result.tasks, by).map(
        (group) => html`<section class="group" aria-labelledby="group-${group.key}">
          <h4 id="group-${group.key}">${this.groupTitle(group, by, view.data.event.data)}</h4>
          ${by === 'office' && group.tasks.length > 1
            ? html`<p class="hint">${msg(str`One trip can cover these ${group.tasks.length} tasks.`)}</p>`
            : nothing}
          <ol class="tasks">
            ${repeat(group.tasks, (p) => p.task.id, (p) => this.renderTask(p, view))}
          </ol>
        </section>`,
      )}
      <datalist id="people">
        ${[...new Set(Object.values(this.saved.progress).map((p) => p.assignee).filter(Boolean))].map((name) => html`<option value=${name!}></option>`)}
      </datalist>
      ${this.renderExcluded(view)}`;
  }

  private renderNext(next: PlannedTask): TemplateResult {
    return html`<div class="next" part="next">
      <p>
        <strong>${msg('Next:')}</strong> ${next.task.title}${next.deadline?.kind === 'date'
          ? html` — ${msg(str`last day ${this.formatDate(next.deadline.lastDay)}`)} (${this.daysText(next.daysLeft!)})`
          : nothing}
      </p>
      <button type="button" class="secondary" @click=${() => this.showTask(next.task.id)}>${msg('Show this task')}</button>
    </div>`;
  }

  private renderTask(p: PlannedTask, view: View): TemplateResult {
    const t = p.task;
    const open = this.expanded.has(t.id);
    const lastDay = p.deadline?.kind === 'date' ? p.deadline.lastDay : null;
    return html`<li class="task state-${p.state}" part="task" id="task-${t.id}">
      <div class="task-head">
        ${t.doneForYou
          ? html`<span class="tick-none" aria-hidden="true">✓</span>`
          : html`<label class="done"
              ><input type="checkbox" .checked=${live(!!p.progress.done)} @change=${(e: Event) => this.toggleDone(p, (e.target as HTMLInputElement).checked)} />
              <span>${msg('Done')}</span><span class="visually-hidden">: ${t.title}</span></label
            >`}
        <h5>
          <button type="button" class="toggle" part="task-toggle" id="toggle-${t.id}" aria-expanded=${open ? 'true' : 'false'} aria-controls="body-${t.id}" @click=${() => this.toggleOpen(t.id)}>
            ${t.title}
          </button>
        </h5>
      </div>
      <p class="meta">
        <span class="badge badge-${p.state}" part="badge">${this.stateText(p)}</span>
        ${p.applies === 'maybe' ? html`<span class="badge badge-maybe" part="badge">${msg('May apply')}</span>` : nothing}
        ${lastDay ? html`<span>${msg(str`Last day ${this.formatDate(lastDay)}`)}${p.state !== 'done' ? html` (${this.daysText(p.daysLeft!)})` : nothing}</span>` : nothing}
        <span>${this.whereText(t)}</span>
        ${p.progress.assignee ? html`<span>${msg(str`Who: ${p.progress.assignee}`)}</span>` : nothing}
      </p>
      <div class="body" id="body-${t.id}" ?hidden=${!open}>${this.renderTaskBody(p, view)}</div>
    </li>`;
  }

  private renderTaskBody(p: PlannedTask, view: View): TemplateResult {
    const t = p.task;
    const shown = view.plan.questions;
    const facts = answeredFacts(p.because, view.data.event.data.questions);
    const open = questionsToSettle(p.because, shown);
    const first = t.dependsOn.filter((d) => p.waitingFor.includes(d.task));
    const titleOf = (id: string) => view.plan.tasks.find((x) => x.task.id === id)?.task.title ?? id;
    return html`${t.summary ? html`<p>${t.summary}</p>` : nothing}
      ${t.officialName ? html`<p class="hint">${msg(str`Official name: ${t.officialName}`)}</p>` : nothing}
      ${t.doneForYou ? html`<p class="good">${msg('Nothing to do: the government does this without being asked.')}</p>` : nothing}
      <h6>${msg('Why this is shown')}</h6>
      ${p.applies === 'maybe'
        ? html`<p>${msg('This may apply to you. Answer these questions to know:')}</p>
            <ul>
              ${open.map((q) => html`<li><button type="button" class="link" @click=${() => this.goToQuestion(q.id)}>${q.text}</button></li>`)}
            </ul>`
        : facts.length
          ? html`<p>${msg('Because you answered:')}</p>
              <ul>
                ${facts.map((f) => html`<li>${f.question.text} <strong>${this.answerText(f.question, f.value)}</strong></li>`)}
              </ul>`
          : html`<p>${msg('Everyone in this situation needs to do this.')}</p>`}
      ${first.length
        ? html`<h6>${msg('Do first')}</h6>
            <ul>
              ${first.map(
                (d) => html`<li>
                  <button type="button" class="link" @click=${() => this.showTask(d.task)}>${titleOf(d.task)}</button>: ${d.why}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this.renderDeadline(p, view)}
      <h6>${msg('Where to go')}</h6>
      <p>${this.whereText(t)}</p>
      ${t.agency.finder ? html`<p class="hint">${t.agency.finder}</p>` : nothing}
      ${this.renderDocuments(t, view)}
      ${t.channels.length
        ? html`<h6>${msg('How')}</h6>
            <ul>
              ${t.channels.map(
                (c) => html`<li>
                  ${safeHref(c.url) ? html`<a href=${c.url} target="_blank" rel="noopener">${this.channelText(c.kind)}</a>` : this.channelText(c.kind)}${c.note
                    ? html`: ${c.note}`
                    : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${t.fees ? html`<h6>${msg('Fees')}</h6><p>${t.fees}</p>` : nothing}
      ${t.notes ? html`<h6>${msg('Good to know')}</h6><p>${t.notes}</p>` : nothing}
      ${t.legalBasis.length
        ? html`<h6>${msg('Legal basis')}</h6>
            <ul>
              ${t.legalBasis.map((b) => html`<li>${this.lawText(b)}</li>`)}
            </ul>`
        : nothing}
      <div class="own">
        <label for="who-${t.id}">${msg('Who in the family does this? (a name)')}</label>
        <input
          id="who-${t.id}"
          type="text"
          list="people"
          maxlength="100"
          autocomplete="off"
          .value=${live(p.progress.assignee ?? '')}
          @input=${(e: Event) => this.setProgress(t.id, { assignee: (e.target as HTMLInputElement).value })}
        />
        <label for="note-${t.id}">${msg('Your note')}</label>
        <textarea id="note-${t.id}" rows="2" maxlength="2000" .value=${live(p.progress.note ?? '')} @input=${(e: Event) => this.setProgress(t.id, { note: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      <p class="print-only">${p.progress.note ? msg(str`Note: ${p.progress.note}`) : nothing}</p>`;
  }

  private renderDeadline(p: PlannedTask, view: View): TemplateResult | typeof nothing {
    const rule = p.task.deadline;
    if (!rule || !p.deadline) return nothing;
    const d = p.deadline;
    let when: TemplateResult;
    if (d.kind === 'date') {
      const skipped = skippedRestDays(d, view.calendar);
      const names = [...new Set(skipped.map((s) => s.name).filter(Boolean))].join(msg(', '));
      when = html`<p><strong>${this.formatDate(d.lastDay)}</strong> (${this.daysText(p.daysLeft!)})</p>
        ${d.movedFrom
          ? html`<p class="hint">
              ${names
                ? msg(str`Moved from ${this.formatDate(d.movedFrom)} because the offices are closed then (${names}).`)
                : msg(str`Moved from ${this.formatDate(d.movedFrom)} because that is a weekend.`)}
            </p>`
          : nothing}
        ${d.calendarComplete ? nothing : html`<p class="hint">${msg('The office calendar for that year is not published yet: this date may still move.')}</p>`}`;
    } else if (d.kind === 'needs-date') {
      const question = d.question === 'event' ? null : view.plan.questions.find((q) => q.id === d.question);
      when =
        d.question === 'event'
          ? html`<p>${msg('Enter the date above to see the last day.')}</p>`
          : question
            ? html`<p>
                ${msg('The clock starts on a day only you know. Answer this to see the last day:')}
                <button type="button" class="link" @click=${() => this.goToQuestion(question.id)}>${question.text}</button>
              </p>`
            : html``;
    } else {
      when = html``;
    }
    return html`<h6>${msg('Last day')}</h6>
      ${when}
      <p>${rule.text}${rule.legalBasis ? html` (${this.lawText(rule.legalBasis)})` : nothing}</p>
      ${rule.consequence ? html`<p class="hint">${rule.consequence}</p>` : nothing}`;
  }

  private renderDocuments(t: TaskView, view: View): TemplateResult | typeof nothing {
    if (!t.documents.length) return nothing;
    const service = t.service ? this.services.get(this.serviceKey(t.service)) : null;
    const loading = t.service ? this.services.get(this.serviceKey(t.service)) === undefined : false;
    const askable = [...view.data.event.data.questions, ...(service?.questions ?? [])];
    return html`<h6>${msg('What to bring')}</h6>
      <ul class="documents">
        ${t.documents.map((doc) => {
          const waiver = service?.documents.find((d) => d.document.id === doc.id)?.waiver;
          if (!waiver?.length) return html`<li>${doc.name}</li>`;
          const decision = decideDocument(waiver, view.answers);
          const branch = decision.branch;
          const open = decision.facts
            .filter((f) => !f.answered)
            .map((f) => askable.find((q) => q.id === f.variable)?.text ?? f.variable)
            .join(' / ');
          const depends = decision.certain ? nothing : html`<br /><span class="hint">${msg(str`This may change with the answer to: ${open}`)}</span>`;
          if (branch.outcome === 'waived') {
            return html`<li class="waived"><s>${doc.name}</s> <strong>${msg('Not needed')}</strong>: ${branch.because}${depends}</li>`;
          }
          if (branch.outcome === 'substitute') {
            const instead = (branch.substitutes ?? []).map((s) => s.name).join(msg(', '));
            return html`<li>${doc.name} <strong>${msg(str`or instead: ${instead}`)}</strong>. ${branch.because}${depends}</li>`;
          }
          return html`<li>${doc.name}${depends}</li>`;
        })}
      </ul>
      ${loading ? html`<p class="hint">${msg('Checking which documents are waived…')}</p>` : nothing}
      ${t.service && service === null ? html`<p class="hint">${msg('We could not check whether any of these documents is waived.')}</p>` : nothing}`;
  }

  private renderExcluded(view: View): TemplateResult | typeof nothing {
    const excluded = view.plan.excluded;
    if (!excluded.length) return nothing;
    const questions = view.data.event.data.questions;
    return html`<details class="excluded" part="hidden-tasks">
      <summary>${msg(str`Not shown: ${this.tasksText(excluded.length)} that do not apply to you, and why`)}</summary>
      <ul>
        ${excluded.map(
          (e) => html`<li>
            <strong>${e.task.title}</strong>.
            ${msg('Not shown because you answered:')}
            ${answeredFacts(e.because, questions).map((f, i) => html`${i ? '; ' : ''}${f.question.text} <em>${this.answerText(f.question, f.value)}</em>`)}
          </li>`,
        )}
      </ul>
    </details>`;
  }

  private renderTools(view: View): TemplateResult {
    const confirm =
      this.confirming === 'clear'
        ? {
            text: msg('Clear your answers, ticks, notes and names from this device? This cannot be undone.'),
            yes: msg('Yes, clear everything'),
            action: () => this.confirmClear(),
          }
        : this.confirming === 'import'
          ? {
              text: this.pendingImport?.exportedAt
                ? msg(str`Replace the progress on this device with the file saved on ${this.formatDate(this.pendingImport.exportedAt.slice(0, 10))}?`)
                : msg('Replace the progress on this device with the file?'),
              yes: msg('Yes, replace it'),
              action: () => this.confirmImport(),
            }
          : null;
    return html`<section class="tools" part="tools" aria-labelledby="tools-heading">
      <h3 id="tools-heading">${msg('Print, save or share your plan')}</h3>
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => window.print()}>${msg('Print the plan')}</button>
        <button type="button" class="secondary" @click=${() => this.downloadCalendar(view)}>${msg('Add the last days to a calendar (.ics)')}</button>
        <button type="button" class="secondary" @click=${() => download(`onestop-${this.event}-deadlines.txt`, 'text/plain;charset=utf-8', this.deadlinesText(view))}>
          ${msg('Download the last days as text')}
        </button>
        <button type="button" class="secondary" aria-expanded=${this.showText ? 'true' : 'false'} aria-controls="deadlines-text" @click=${() => (this.showText = !this.showText)}>
          ${this.showText ? msg('Hide the last days as text') : msg('Show the last days as text')}
        </button>
      </div>
      <pre id="deadlines-text" class="plain" tabindex="0" ?hidden=${!this.showText}>${this.showText ? this.deadlinesText(view) : ''}</pre>
      <p class="hint">${msg('To continue on another device, or to hand the plan to a family member, save your progress to a file and load it there.')}</p>
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => this.exportProgress()}>${msg('Save progress to a file')}</button>
        <button type="button" class="secondary" id="import-button" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#import-file')?.click()}>
          ${msg('Load progress from a file')}
        </button>
        <input type="file" id="import-file" accept=".json,application/json" hidden tabindex="-1" @change=${(e: Event) => void this.onImportFile(e)} />
        <button type="button" class="secondary danger" id="clear-button" @click=${() => ((this.confirming = 'clear'), (this.focusAfterUpdate = '.confirm button'))}>
          ${msg('Clear my answers and progress')}
        </button>
      </div>
      <p class="notice" role="status">${this.notice && !this.notice.alert ? this.notice.text : nothing}</p>
      <p class="notice error" role="alert">${this.notice?.alert ? this.notice.text : nothing}</p>
      ${confirm
        ? html`<div class="confirm" part="confirm" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">${confirm.text}</p>
            <button type="button" @click=${confirm.action}>${confirm.yes}</button>
            <button type="button" class="secondary" @click=${() => this.cancelConfirm()}>${msg('Cancel')}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private renderPrintAnswers(view: View): TemplateResult {
    const today = isIsoDate(this.today) ? this.today : localToday();
    const answered = view.plan.questions.filter((q) => view.answers[q.id] !== undefined);
    return html`<section class="print-only print-answers">
      <h3>${msg('Your answers')}</h3>
      <p>${msg(str`Plan made on ${this.formatDate(today)}.`)}</p>
      <dl>
        ${this.saved.eventDate
          ? html`<dt>${view.data.event.data.eventDate}</dt>
              <dd>${this.formatDate(this.saved.eventDate)}</dd>`
          : nothing}
        ${answered.map((q) => html`<dt>${q.text}</dt><dd>${this.answerText(q, view.answers[q.id])}</dd>`)}
      </dl>
    </section>`;
  }
}
