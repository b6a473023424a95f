import { msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ZodMiniType } from 'zod/mini';
import { BundleResponse, CountyBundlesResponse, type BundleFileView, type BundleFormat } from '../core/api/bundle-contract.js';
import type { ApiResult } from '../core/api/client.js';
import { CountiesResponse, type CountyKind } from '../core/api/contract/counties.js';
import { ApiError } from '../core/api/errors.js';
import { OnestopErrorEvent, OnestopLoadEvent } from '../core/events.js';
import { currentLocale, withLocale } from '../core/i18n.js';
import { OnestopElement } from '../core/onestop-element.js';
import { describeApiError, renderErrorState, renderStaleNotice, statusViewStyles } from '../core/status-views.js';
import { fallbackNoteStyles, renderFallbackNote, type ServedLanguages } from '../core/fallback-note.js';
import { plural } from '../core/format.js';
import { tokens } from '../core/tokens.js';
import {
  compareWithKept,
  formatBytes,
  formatIsoDate,
  formatMoment,
  normaliseCountyCode,
  normaliseEventId,
  parseBasis,
  progressFraction,
  singleFileName,
  type CountyBasis,
  type LeftReason,
} from './bundle-view.js';
import { canCheckFiles, matchesManifest } from './checksum.js';
import { countyLabel, findCounty, groupCounties } from './county-options.js';
import { OnestopCountyChangeEvent, OnestopDownloadCompleteEvent, OnestopDownloadStartEvent, type DownloadKind } from './events.js';
import { fetchBytes, saveBytes } from './files.js';
import { fileUrl, keep, keptFileBytes, loadKept, offlineSupported, removeKept, type KeptBundle } from './offline.js';
import { countyBundleStyles } from './styles.js';
import type { ZipTexts } from './zip.js';

function kindLabel(kind: CountyKind): string {
  switch (kind) {
    case 'special-municipality':
      return msg('Special municipalities');
    case 'city':
      return msg('Cities');
    case 'county':
      return msg('Counties');
  }
}

function formatLabel(format: BundleFormat): string {
  return format === 'pdf' ? msg('PDF to print') : msg('ODF to edit');
}

/** "1 file", "5 files". */
function fileCount(n: number): string {
  return plural(n, currentLocale(), () => msg('1 file'), (n) => msg(str`${n} files`));
}

const asApiError = (error: unknown, url = '') => (error instanceof ApiError ? error : new ApiError('network', url, String(error)));

/** What the bundle view shows: the API's answer, or (offline) the copy kept on this device. */
type BundleSource = { from: 'api'; result: ApiResult<BundleResponse> } | { from: 'device'; kept: KeptBundle; error: ApiError };

type Purpose = 'zip' | 'keep';

interface Problem {
  file: BundleFileView;
  reason: LeftReason;
  error?: ApiError;
}

/** "Download all" and "Keep on this device": fetching the files, then zipping or keeping them. */
type Job =
  | { status: 'idle' }
  | { status: 'working'; purpose: Purpose; done: number; total: number; received: number; totalBytes: number }
  | { status: 'problems'; purpose: Purpose; problems: Problem[]; ready: number; total: number }
  | { status: 'saved'; fileName: string; files: number; bytes: number; left: Problem[] }
  | { status: 'failed'; purpose: Purpose; title: string; advice: string };

type FileNote = { status: 'busy' } | { status: 'saved' } | { status: 'mismatch' } | { status: 'failed'; error: ApiError };

const SKELETON_FILES = 4;

/**
 * A county's forms and information for a life event, in one click: the citizen chooses a county
 * (where they live or where their household is registered) and a life event, sees each form with
 * its issuing office, format, size, version and effective date, opens or downloads any one, or
 * downloads all as one ZIP built in the browser (every file checked against its SHA-256), and
 * can keep the bundle on the device for use without internet.
 *
 * @tagname onestop-county-bundle
 * @summary A county's forms for a life event: listed, checked, and downloadable in one ZIP.
 *
 * @attr county - ISO 3166-2:TW code of the county, e.g. `TW-TTT` (`ttt` is accepted and normalised). Reflects the citizen's choice.
 * @attr event - The life event whose forms to show: `death`, `birth` or `moving-house` (what the county has). Reflects the citizen's choice.
 * @attr basis - Whether the county is where the citizen lives (`residence`, default) or where their household is registered (`registration`). Reflects the citizen's choice.
 * @attr hide-county-picker - For a county's own site: show only the county in `county`, without the picker.
 * @attr api-base - URL of the OneStop API. Default: `<meta name="onestop-api-base">`, else the script's origin.
 * @attr lang - Language of the widget. Default: the nearest ancestor's `lang`, else zh-Hant-TW.
 *
 * @fires onestop-county-change - The citizen chose a county or said whether it is where they live or are registered. `detail`: `{ county, basis }`.
 * @fires onestop-download-start - A download began (count these). `detail`: `{ county, event, basis, kind: 'zip' | 'file' | 'server-zip', file?, files }`.
 * @fires onestop-download-complete - A ZIP or a file checked by the widget was handed to the browser. `detail`: `{ county, event, basis, kind, file?, files, left, bytes }`.
 * @fires onestop-load - Data was drawn (`resource`: `counties`, `bundles` or `bundle`). `detail.stale` is true when it is an offline copy.
 * @fires onestop-error - Data could not be loaded. `detail.kind` says why.
 *
 * @csspart base - The panel around the widget.
 * @csspart label - The county picker's label.
 * @csspart select - The county picker.
 * @csspart basis - The "where I live / where I am registered" choice.
 * @csspart county - The county's name when the picker is hidden.
 * @csspart events - The life event choice.
 * @csspart bundle - The bundle: title, actions, files, offline copy.
 * @csspart heading - The bundle's title.
 * @csspart sample-badge - The "SAMPLE" label on generated sample forms.
 * @csspart download-all - The "Download all" button.
 * @csspart server-zip - The link to the ZIP built by the server.
 * @csspart progress - The download progress.
 * @csspart download-problems - The list of files that could not be added, with what to do.
 * @csspart files - The list of files.
 * @csspart file - Each file's summary card.
 * @csspart file-link - The links to open or download one file.
 * @csspart offline - The "keep on this device" section.
 * @csspart error - The error message box.
 * @csspart stale-notice - The "saved on …" notice shown offline.
 * @csspart retry-button - The buttons that try again.
 *
 * @cssprop --onestop-county-bundle-min-height - Height reserved while the first answer loads (default 19.75em; 28.5em on screens under 40em wide).
 * @cssprop --onestop-county-bundle-label-width - Widest the label column of a file's card (Issuing office, Format, …) gets (default 9em).
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
export class OnestopCountyBundle extends OnestopElement {
  static override styles = [tokens, statusViewStyles, countyBundleStyles, fallbackNoteStyles];

  /** ISO 3166-2:TW code of the chosen county. */
  @property({ reflect: true })
  county: string | null = null;

  /** The life event whose forms to show. */
  @property({ reflect: true })
  event: string | null = null;

  /** Whether the county is where the citizen lives or where their household is registered. */
  @property({ reflect: true, converter: { fromAttribute: parseBasis } })
  basis: CountyBasis = 'residence';

  /** Show only the county in `county`, without the picker (a county's own site). */
  @property({ type: Boolean, reflect: true, attribute: 'hide-county-picker' })
  hideCountyPicker = false;

  @state() private job: Job = { status: 'idle' };
  @state() private notes: Record<string, FileNote> = {};
  /** What the live region says (downloads, keeping); empty when nothing new. */
  @state() private announcement = '';

  /** Files already checked against their SHA-256 in this visit, by SHA-256. */
  private readonly verified = new Map<string, Uint8Array>();
  private jobAbort: AbortController | undefined;
  /** Counts bundle changes, so a single-file download finishing late does not mark another bundle's card. */
  private generation = 0;
  private focusAfterUpdate: string | undefined;

  private get countyCode(): string | null {
    return normaliseCountyCode(this.county);
  }

  private get eventId(): string | null {
    return normaliseEventId(this.event);
  }

  /** GETs one resource and tells the page (onestop-load / onestop-error). */
  private load<T>(resource: string, path: string, schema: ZodMiniType<T>, signal: AbortSignal): Promise<ApiResult<T>> {
    return this.api.get(path, schema, { query: { lang: this.locale }, signal }).then(
      (result) => {
        this.dispatchEvent(new OnestopLoadEvent({ resource, stale: result.stale }));
        return result;
      },
      (error: unknown) => {
        if (error instanceof ApiError) this.dispatchEvent(new OnestopErrorEvent({ resource, kind: error.kind, status: error.status }));
        throw error;
      },
    );
  }

  private readonly counties = new Task(this, {
    // The API base and language are arguments too, so that changing either reloads.
    task: ([, , hidden], { signal }) => (hidden ? initialState : this.load('counties', 'v1/counties', CountiesResponse, signal)),
    args: () => [this.resolvedApiBase, this.locale, this.hideCountyPicker] as const,
  });

  private readonly bundles = new Task(this, {
    task: ([, , county], { signal }) =>
      county ? this.load('bundles', `v1/counties/${county}/bundles`, CountyBundlesResponse, signal) : initialState,
    args: () => [this.resolvedApiBase, this.locale, this.countyCode] as const,
  });

  private readonly bundle = new Task(this, {
    task: async ([base, , county, event], { signal }): Promise<BundleSource | typeof initialState> => {
      if (!county || !event) return initialState;
      try {
        return { from: 'api', result: await this.load('bundle', `v1/counties/${county}/bundles/${event}`, BundleResponse, signal) };
      } catch (error) {
        // No answer and no last good one: the copy kept on this device, if there is one.
        const apiError = asApiError(error);
        const kept = apiError.kind !== 'not-found' && apiError.kind !== 'rejected' ? await loadKept(base, county, event) : null;
        if (kept) return { from: 'device', kept, error: apiError };
        throw error;
      }
    },
    args: () => [this.resolvedApiBase, this.locale, this.countyCode, this.eventId] as const,
  });

  private readonly kept = new Task(this, {
    task: ([base, county, event]) => (county && event ? loadKept(base, county, event) : initialState),
    args: () => [this.resolvedApiBase, this.countyCode, this.eventId] as const,
  });

  private readonly onOnline = () => {
    for (const task of [this.counties, this.bundles, this.bundle]) {
      const value = task.value as { stale?: boolean; from?: string; result?: { stale: boolean } } | undefined;
      const stale = value?.stale || value?.from === 'device' || value?.result?.stale;
      if (task.status === TaskStatus.ERROR || (task.status === TaskStatus.COMPLETE && stale)) void task.run();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    // A download cut short by leaving the page: start afresh if the element comes back.
    if (this.jobAbort && !this.jobAbort.signal.aborted) {
      this.jobAbort.abort();
      this.job = { status: 'idle' };
    }
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Normalise what a webmaster typed (`ttt`, `Moving-House`), so the attribute shows the real value.
    const code = this.countyCode;
    if (code && code !== this.county) this.county = code;
    const event = this.eventId;
    if (event && event !== this.event) this.event = event;
    if (changed.has('county') || changed.has('event') || changed.has('apiBase')) {
      // Another bundle: what was being fetched or said about the last one no longer applies.
      this.jobAbort?.abort();
      this.generation++;
      this.focusAfterUpdate = undefined;
      this.job = { status: 'idle' };
      this.notes = {};
      this.announcement = '';
    }
  }

  /** Moves focus to `selector` as soon as a render draws it (the button that was pressed is gone). */
  private focusWhenDrawn(selector: string) {
    this.focusAfterUpdate = selector;
  }

  protected override updated(): void {
    const target = this.focusAfterUpdate && this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate);
    if (target) {
      target.focus();
      this.focusAfterUpdate = undefined;
    }
  }

  // ---------- choices ----------

  private onPickCounty(event: Event) {
    const value = (event.target as HTMLSelectElement).value || null;
    this.county = value;
    this.dispatchEvent(new OnestopCountyChangeEvent(value, this.basis));
  }

  private onPickBasis(event: Event) {
    this.basis = parseBasis((event.target as HTMLInputElement).value);
    this.dispatchEvent(new OnestopCountyChangeEvent(this.countyCode, this.basis));
  }

  private onPickEvent(event: Event) {
    this.event = (event.target as HTMLInputElement).value;
  }

  // ---------- downloads ----------

  private detail(kind: DownloadKind, bundle: BundleResponse) {
    return { county: bundle.county.code, event: bundle.event.id, basis: this.basis, kind };
  }

  /**
   * The bytes of each file, checked against the manifest: from this visit, else from the copy
   * kept on the device, else from the network. Progress goes to `job` as the bytes arrive.
   */
  private async gather(bundle: BundleResponse, purpose: Purpose, signal: AbortSignal) {
    const base = this.resolvedApiBase;
    const bytes = new Map<string, Uint8Array>();
    const problems: Problem[] = [];
    const total = bundle.files.length;
    let received = 0;
    let done = 0;
    const progress = () => {
      if (!signal.aborted) this.job = { status: 'working', purpose, done, total, received, totalBytes: bundle.totalBytes };
    };
    progress();
    for (const file of bundle.files) {
      let got = this.verified.get(file.sha256);
      if (!got) {
        const kept = await keptFileBytes(base, file);
        if (kept && (await matchesManifest(file, kept))) got = kept;
      }
      if (got) {
        received += file.bytes;
      } else {
        try {
          const fetched = await fetchBytes(fileUrl(base, file), (n) => ((received += n), progress()), signal);
          if (await matchesManifest(file, fetched)) got = fetched;
          else problems.push({ file, reason: 'mismatch' });
        } catch (error) {
          if (signal.aborted) throw error;
          problems.push({ file, reason: 'unavailable', error: asApiError(error, fileUrl(base, file)) });
        }
      }
      if (signal.aborted) throw new DOMException('Aborted', 'AbortError');
      if (got) {
        this.verified.set(file.sha256, got);
        bytes.set(file.id, got);
      }
      done++;
      progress();
      this.announcement = withLocale(this.locale, () => msg(str`Downloaded ${done} of ${fileCount(total)}.`));
    }
    return { bytes, problems };
  }

  private startJob(): AbortSignal {
    this.jobAbort?.abort();
    this.jobAbort = new AbortController();
    return this.jobAbort.signal;
  }

  private get busy(): boolean {
    return this.job.status === 'working';
  }

  /** "Download all": fetch and check every file, then build the ZIP (or say what is missing). */
  private async downloadAll(bundle: BundleResponse, again = false) {
    if (this.busy) return;
    if (!again) this.dispatchEvent(new OnestopDownloadStartEvent({ ...this.detail('zip', bundle), files: bundle.files.length }));
    const signal = this.startJob();
    // Load the ZIP code while the files download (its own chunk: only now is it needed).
    const zipModule = import('./zip.js');
    zipModule.catch(() => {});
    this.announcement = withLocale(this.locale, () => msg(str`Downloading ${fileCount(bundle.files.length)}…`));
    try {
      const { problems } = await this.gather(bundle, 'zip', signal);
      if (problems.length) {
        this.job = { status: 'problems', purpose: 'zip', problems, ready: bundle.files.length - problems.length, total: bundle.files.length };
        this.announcement = '';
        return;
      }
      await this.saveZip(bundle, zipModule, signal);
    } catch (error) {
      if (!signal.aborted) this.failJob('zip', error);
    }
  }

  /** Builds and saves the ZIP from what was checked, leaving out (and naming) the rest. */
  private async saveZip(bundle: BundleResponse, zipModule = import('./zip.js'), signal = this.startJob()) {
    const left = this.job.status === 'problems' ? this.job.problems : [];
    try {
      const { assembleBundleZip } = await zipModule;
      const sources = bundle.files.map((file) => ({ file, bytes: this.verified.get(file.sha256) }));
      const texts = withLocale(this.locale, () => this.zipTexts());
      const zip = await assembleBundleZip(bundle, sources, { texts, locale: this.locale, fileUrl: (file) => fileUrl(this.resolvedApiBase, file) });
      if (signal.aborted) return;
      saveBytes(zip.bytes, zip.fileName, 'application/zip', this.renderRoot);
      this.job = { status: 'saved', fileName: zip.fileName, files: zip.included.length, bytes: zip.bytes.length, left };
      this.announcement = withLocale(this.locale, () => this.savedMessage(zip.fileName, zip.included.length));
      this.dispatchEvent(
        new OnestopDownloadCompleteEvent({
          ...this.detail('zip', bundle),
          kind: 'zip',
          files: zip.included.length,
          left: zip.left.map((l) => l.file.id),
          bytes: zip.bytes.length,
        }),
      );
    } catch (error) {
      if (!signal.aborted) this.failJob('zip', error);
    }
  }

  private failJob(purpose: Purpose, error: unknown) {
    const { title, advice } = withLocale(this.locale, () =>
      error instanceof ApiError
        ? describeApiError(error)
        : purpose === 'zip'
          ? { title: msg('The ZIP could not be made on this device.'), advice: msg('Check your connection and try again, or use the ZIP prepared by the server.') }
          : { title: msg('This device could not keep the forms.'), advice: msg('It may be out of space, or the browser may not allow it (private browsing).') },
    );
    this.job = { status: 'failed', purpose, title, advice };
    this.announcement = '';
  }

  /** "Keep on this device" (or update the kept copy): every file, checked, into Cache Storage. */
  private async keepOffline(bundle: BundleResponse) {
    if (this.busy) return;
    const signal = this.startJob();
    // So that "Download all" can build a ZIP later without a connection.
    import('./zip.js').catch(() => {});
    try {
      const { bytes, problems } = await this.gather(bundle, 'keep', signal);
      if (problems.length) {
        this.job = { status: 'problems', purpose: 'keep', problems, ready: bytes.size, total: bundle.files.length };
        this.announcement = '';
        return;
      }
      await keep(this.resolvedApiBase, bundle, bytes);
      if (signal.aborted) return;
      this.job = { status: 'idle' };
      this.announcement = withLocale(this.locale, () => msg('The forms are kept on this device.'));
      this.focusWhenDrawn('#offline-status');
      await this.kept.run();
    } catch (error) {
      if (!signal.aborted) this.failJob('keep', error);
    }
  }

  private async removeOffline(bundle: BundleResponse) {
    if (this.busy) return;
    await removeKept(this.resolvedApiBase, bundle.county.code, bundle.event.id);
    this.announcement = withLocale(this.locale, () => msg('The forms were removed from this device.'));
    this.focusWhenDrawn('#keep-button');
    await this.kept.run();
  }

  /** One file: a plain link, but a plain left click fetches it, checks its SHA-256 and saves it. */
  private async onFileLink(event: MouseEvent, bundle: BundleResponse, file: BundleFileView) {
    const plainClick = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    this.dispatchEvent(new OnestopDownloadStartEvent({ ...this.detail('file', bundle), file: file.id, files: 1 }));
    // Modified clicks (new tab, save link as) and browsers that cannot check: the browser's own download.
    if (!plainClick || !canCheckFiles()) return;
    event.preventDefault();
    await this.downloadOne(bundle, file);
  }

  private async downloadOne(bundle: BundleResponse, file: BundleFileView) {
    if (this.notes[file.id]?.status === 'busy') return;
    const generation = this.generation;
    const setNote = (note: FileNote) => {
      if (generation === this.generation) this.notes = { ...this.notes, [file.id]: note };
    };
    setNote({ status: 'busy' });
    const base = this.resolvedApiBase;
    try {
      let bytes = this.verified.get(file.sha256) ?? (await keptFileBytes(base, file)) ?? undefined;
      if (!bytes || !(await matchesManifest(file, bytes))) bytes = await fetchBytes(fileUrl(base, file));
      if (!(await matchesManifest(file, bytes))) {
        setNote({ status: 'mismatch' });
        return;
      }
      this.verified.set(file.sha256, bytes);
      saveBytes(bytes, singleFileName(bundle, file), file.mediaType, this.renderRoot);
      setNote({ status: 'saved' });
      this.announcement = withLocale(this.locale, () => msg(str`Saved ${file.title}.`));
      this.dispatchEvent(new OnestopDownloadCompleteEvent({ ...this.detail('file', bundle), kind: 'file', file: file.id, files: 1, left: [], bytes: bytes.length }));
    } catch (error) {
      setNote({ status: 'failed', error: asApiError(error, fileUrl(base, file)) });
    }
  }

  // ---------- words ----------

  private zipTexts(): ZipTexts {
    return {
      sample: msg('SAMPLE: these are generated samples, not official forms. Ask each office for its current forms and rules.'),
      version: msg('Version'),
      effective: msg('Effective'),
      files: msg('Files'),
      file: msg('File'),
      office: msg('Issuing office'),
      format: msg('Format'),
      size: msg('Size'),
      formats: { pdf: formatLabel('pdf'), odt: formatLabel('odt') },
      check: msg('Each file can be checked with its SHA-256 (for example with sha256sum): if it matches manifest.json, it has not been altered.'),
      source: msg('Source'),
      leftOut: msg('Not in this ZIP'),
      reasons: { mismatch: this.reasonText('mismatch'), unavailable: msg('It could not be downloaded.') },
      getItFrom: msg('Download it from'),
    };
  }

  private reasonText(reason: LeftReason, error?: ApiError): string {
    if (reason === 'mismatch') return msg('It did not match its published checksum (SHA-256), so it was left out: it may have been changed or damaged on the way.');
    return error ? describeApiError(error).title : msg('It could not be downloaded.');
  }

  private savedMessage(fileName: string, files: number): string {
    return msg(str`Saved “${fileName}”: ${fileCount(files)}, with a list to open (index.html) and their checksums (manifest.json).`);
  }

  private basisHint(): string {
    return this.basis === 'registration' ? msg('Where your household is registered (戶籍地).') : msg('Where you live now.');
  }

  // ---------- rendering ----------

  protected override render(): TemplateResult {
    const pending = [this.counties, this.bundles, this.bundle].some((t) => t.status === TaskStatus.PENDING);
    return html`<div class="panel" part="base" aria-busy=${pending ? 'true' : 'false'}>
      ${renderFallbackNote(this.locale, this.servedLanguages())}
      ${this.hideCountyPicker ? this.renderFixedCounty() : this.renderWhere()}
      ${this.countyCode ? this.renderEvents() : nothing}
      ${this.countyCode && this.eventId && this.eventOffered() ? this.renderBundleSection() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** What the loaded answers say about their languages, for the "shown in English" note. */
  private servedLanguages(): Array<ServedLanguages | undefined> {
    const counties = this.counties.status === TaskStatus.COMPLETE ? this.counties.value : undefined;
    const bundle = this.bundle.status === TaskStatus.COMPLETE ? this.bundle.value : undefined;
    return [counties?.data, bundle ? (bundle.from === 'api' ? bundle.result.data : bundle.kept.bundle) : undefined];
  }

  /** False only when the county's list is known and lacks the event. */
  private eventOffered(): boolean {
    if (this.bundles.status !== TaskStatus.COMPLETE) return true;
    return !!this.bundles.value?.data.bundles.some((b) => b.event === this.eventId);
  }

  private renderLabel(): TemplateResult {
    return html`<label for="county" part="label">${msg('Your county or city')}</label>
      <p class="hint" id="county-hint">${this.basisHint()}</p>`;
  }

  private renderWhere(): TemplateResult {
    return html`<div class="where">
      ${this.counties.render({
        initial: () => this.renderPickerLoading(),
        pending: () => this.renderPickerLoading(),
        error: (error) => renderErrorState(asApiError(error), () => void this.counties.run()),
        complete: (result) => this.renderPicker(result),
      })}
      ${this.renderBasis()}
    </div>`;
  }

  private renderBasis(): TemplateResult {
    return html`<fieldset class="basis" part="basis">
      <legend>${msg('Is this where you live, or where your household is registered?')}</legend>
      <label class="choice"
        ><input type="radio" name="basis" value="residence" .checked=${this.basis === 'residence'} @change=${this.onPickBasis} />
        ${msg('Where I live')}</label
      >
      <label class="choice"
        ><input type="radio" name="basis" value="registration" .checked=${this.basis === 'registration'} @change=${this.onPickBasis} />
        ${msg('Where my household is registered (戶籍地)')}</label
      >
      <p class="hint">${msg('Registrations (a death, a birth, a move) are usually made where the household is registered.')}</p>
    </fieldset>`;
  }

  // Same shape as the loaded picker, so the page does not move when the list arrives.
  private renderPickerLoading(): TemplateResult {
    return html`${this.renderLabel()}
      <select id="county" part="select" disabled aria-describedby="county-hint">
        <option>${msg('Loading counties and cities…')}</option>
      </select>`;
  }

  private renderPicker(result: ApiResult<CountiesResponse>): TemplateResult {
    const counties = result.data.counties;
    if (counties.length === 0) {
      return html`<div class="state" role="status">
        <p class="state-title">${msg('No counties or cities are available right now.')}</p>
        <button type="button" part="retry-button" @click=${() => void this.counties.run()}>${msg('Try again')}</button>
      </div>`;
    }
    const chosen = findCounty(counties, this.county);
    return html`${result.stale ? renderStaleNotice(result.fetchedAt, this.locale, () => void this.counties.run()) : nothing}
      ${this.renderLabel()}
      <select id="county" part="select" aria-describedby="county-hint" @change=${this.onPickCounty}>
        <option value="" ?selected=${!chosen}>${msg('Choose a county or city')}</option>
        ${groupCounties(counties).map(
          (group) => html`<optgroup label=${kindLabel(group.kind)}>
            ${group.counties.map(
              (county) => html`<option value=${county.code} ?selected=${county.code === chosen?.code}>${countyLabel(county)}</option>`,
            )}
          </optgroup>`,
        )}
      </select>
      ${chosen
        ? html`<p class="chosen">
            ${this.basis === 'registration'
              ? msg(str`You chose ${countyLabel(chosen)}, where your household is registered.`)
              : msg(str`You chose ${countyLabel(chosen)}, where you live.`)}
          </p>`
        : nothing}
      <p class="print-only">${chosen ? countyLabel(chosen) : msg('No county or city chosen.')}</p>`;
  }

  /** A county's own site: the county by name, no picker. */
  private renderFixedCounty(): TemplateResult {
    if (!this.countyCode) {
      return html`<div class="state state-error" role="alert" part="error">
        <p class="state-title">${msg('This page does not say which county’s forms to show.')}</p>
        <p>${msg('The page may be set up wrongly. Please tell the site owner.')}</p>
      </div>`;
    }
    const fromBundle = this.bundle.value;
    const county =
      this.bundles.value?.data.county ?? (fromBundle?.from === 'api' ? fromBundle.result.data.county : fromBundle?.kept.bundle.county);
    const failed = this.bundles.status === TaskStatus.ERROR && this.bundle.status !== TaskStatus.PENDING;
    return html`<p class="county-fixed" part="county">
      ${county
        ? county.name === county.nameZh
          ? county.name
          : `${county.name} (${county.nameZh})`
        : failed
          ? this.countyCode
          : html`<span class="skeleton">${msg('Loading…')}</span>`}
    </p>`;
  }

  private renderEvents(): TemplateResult {
    return this.bundles.render({
      initial: () => this.renderEventsLoading(),
      pending: () => this.renderEventsLoading(),
      error: (error) => html`<section class="events" part="events">
        ${renderErrorState(asApiError(error), () => void this.bundles.run())}
      </section>`,
      complete: (result) => this.renderEventChoice(result),
    });
  }

  private renderEventsLoading(): TemplateResult {
    return html`<fieldset class="events" part="events" disabled>
      <legend>${msg('Forms for which life event?')}</legend>
      ${[0, 1, 2].map(() => html`<label class="choice skeleton"><input type="radio" name="event" disabled />${msg('Loading…')}</label>`)}
    </fieldset>`;
  }

  private renderEventChoice(result: ApiResult<CountyBundlesResponse>): TemplateResult {
    const { bundles, county } = result.data;
    const countyName = county.name;
    const stale = result.stale ? renderStaleNotice(result.fetchedAt, this.locale, () => void this.bundles.run()) : nothing;
    if (bundles.length === 0) {
      return html`<section class="events" part="events">
        ${stale}
        <div class="state" role="status">
          <p class="state-title">${msg(str`${countyName} has no forms to download yet.`)}</p>
          <p>${msg('Ask the county or city government, or choose another county.')}</p>
          <button type="button" part="retry-button" @click=${() => void this.bundles.run()}>${msg('Try again')}</button>
        </div>
      </section>`;
    }
    const wanted = this.eventId;
    const chosen = bundles.find((b) => b.event === wanted);
    return html`${stale}
      <fieldset class="events" part="events">
        <legend>${msg('Forms for which life event?')}</legend>
        ${wanted && !chosen
          ? html`<p class="state" role="status">${msg(str`${countyName} has no forms for “${this.event}”. Please choose one of these.`)}</p>`
          : nothing}
        ${bundles.map(
          (b) => html`<label class="choice"
            ><input type="radio" name="event" value=${b.event} .checked=${b.event === chosen?.event} @change=${this.onPickEvent} />
            <span>${b.name} <span class="hint">${msg(str`(${fileCount(b.fileCount)}, ${formatBytes(b.bytes, this.locale)})`)}</span></span></label
          >`,
        )}
        <p class="print-only">${chosen?.name ?? ''}</p>
      </fieldset>`;
  }

  private renderBundleSection(): TemplateResult {
    return html`${this.bundle.render({
      initial: () => this.renderBundleLoading(),
      pending: () => this.renderBundleLoading(),
      error: (error) => html`<section class="bundle" part="bundle">${renderErrorState(asApiError(error), () => void this.bundle.run())}</section>`,
      complete: (source) => this.renderBundle(source),
    })}`;
  }

  /**
   * The bundle's shape while it loads: its title and as many cards as the county's list
   * announced, so the page hardly moves when the files arrive (only a title that wraps adds a line).
   */
  private renderBundleLoading(): TemplateResult {
    const summary = this.bundles.value?.data.bundles.find((b) => b.event === this.eventId);
    const count = summary?.fileCount ?? SKELETON_FILES;
    return html`<section class="bundle loading" part="bundle" aria-label=${msg('Loading the forms…')}>
      <h2 class="heading skeleton" part="heading">${summary?.title ?? msg('Loading the forms…')}</h2>
      <p class="meta skeleton">&nbsp;</p>
      <div class="actions" part="actions">
        <button type="button" part="download-all" aria-disabled="true" disabled>${msg('Download all as one ZIP')}</button>
      </div>
      <ul class="files" part="files">
        ${Array.from({ length: count }, () => this.renderSkeletonCard())}
      </ul>
      ${this.renderOffline(null, null)}
    </section>`;
  }

  private renderSkeletonCard(): TemplateResult {
    return html`<li class="card skeleton" part="file">
      <p class="card-title">&nbsp;</p>
      ${this.locale === 'zh-Hant-TW' ? nothing : html`<p class="title-zh">&nbsp;</p>`}
      <dl>
        ${[0, 1, 2, 3, 4].map(() => html`<div><dt>&nbsp;</dt><dd>&nbsp;</dd></div>`)}
      </dl>
      <p class="card-actions">&nbsp;</p>
    </li>`;
  }

  private renderBundle(source: BundleSource): TemplateResult {
    const bundle = source.from === 'api' ? source.result.data : source.kept.bundle;
    const base = this.resolvedApiBase;
    const fromDevice = source.from === 'device';
    const canBuild = canCheckFiles();
    const busy = this.busy;
    const notice = fromDevice
      ? html`<div class="state state-stale" role="status" part="stale-notice">
          <p>${msg(str`You are offline. These are the forms kept on this device on ${formatMoment(source.kept.savedAt, this.locale)}.`)}</p>
          <button type="button" class="secondary" part="retry-button" @click=${() => void this.bundle.run()}>${msg('Check for updates')}</button>
        </div>`
      : source.result.stale
        ? renderStaleNotice(source.result.fetchedAt, this.locale, () => void this.bundle.run())
        : nothing;
    return html`<section class="bundle" part="bundle" aria-labelledby="bundle-title">
      ${notice}
      <h2 class="heading" id="bundle-title" part="heading">${bundle.title}</h2>
      <p class="meta">
        ${bundle.sample ? html`<strong class="sample" part="sample-badge">${msg('SAMPLE – not official forms')}</strong>` : nothing}
        ${msg(str`Version ${bundle.version} · effective ${formatIsoDate(bundle.effective, this.locale)} · ${fileCount(bundle.files.length)}, ${formatBytes(bundle.totalBytes, this.locale)}`)}
      </p>
      <div class="actions" part="actions">
        ${canBuild
          ? html`<button
              type="button"
              part="download-all"
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => void this.downloadAll(bundle)}
            >
              ${msg('Download all as one ZIP')}
            </button>`
          : nothing}
        <a
          class="server-zip"
          part="server-zip"
          href=${new URL(bundle.zip.url, base).href}
          download=${bundle.zip.fileName}
          @click=${() => this.dispatchEvent(new OnestopDownloadStartEvent({ ...this.detail('server-zip', bundle), files: bundle.files.length }))}
          >${canBuild ? msg('Or the same ZIP prepared by the server') : msg('Download all as one ZIP')}</a
        >
      </div>
      ${this.renderJob(bundle)}
      <ul class="files" part="files">
        ${bundle.files.map((file) => this.renderCard(bundle, file, fromDevice))}
      </ul>
      ${this.renderOffline(bundle, source)}
    </section>`;
  }

  private renderJob(bundle: BundleResponse): TemplateResult | typeof nothing {
    const job = this.job;
    switch (job.status) {
      case 'idle':
        return nothing;
      case 'working': {
        const percent = Math.round(progressFraction(job.received, job.totalBytes) * 100);
        return html`<div class="job" part="progress">
          <label for="progress">${job.purpose === 'zip' ? msg('Preparing your ZIP') : msg('Keeping the forms on this device')}</label>
          <progress id="progress" max="100" .value=${percent} aria-describedby="progress-text">${percent}%</progress>
          <p id="progress-text" class="hint">
            ${msg(
              str`File ${Math.min(job.done + 1, job.total)} of ${job.total} · ${formatBytes(job.received, this.locale)} of ${formatBytes(job.totalBytes, this.locale)}`,
            )}
          </p>
        </div>`;
      }
      case 'problems': {
        const firstError = job.problems.find((p) => p.error)?.error;
        return html`<div class="state state-error" role="alert" part="download-problems">
          <p class="state-title">
            ${job.ready === 0
              ? msg('None of the files could be downloaded.')
              : job.purpose === 'zip'
                ? msg(str`${job.ready} of ${fileCount(job.total)} are ready. These could not be added:`)
                : msg('The forms could not be kept on this device. These files could not be downloaded:')}
          </p>
          <ul class="problems">
            ${job.problems.map((p) => html`<li>${msg(html`<strong>${p.file.title}</strong>: ${this.reasonText(p.reason, p.error)}`)}</li>`)}
          </ul>
          ${firstError ? html`<p>${describeApiError(firstError).advice}</p>` : nothing}
          <div class="actions">
            <button
              type="button"
              part="retry-button"
              @click=${() => void (job.purpose === 'zip' ? this.downloadAll(bundle, true) : this.keepOffline(bundle))}
            >
              ${job.ready === 0 || job.purpose === 'keep' ? msg('Try again') : msg('Try the missing files again')}
            </button>
            ${job.purpose === 'zip' && job.ready > 0
              ? html`<button type="button" class="secondary" @click=${() => void this.saveZip(bundle)}>${msg('Save the ZIP without them')}</button>`
              : nothing}
          </div>
        </div>`;
      }
      case 'saved':
        return html`<p class="done" part="progress">
          ${this.savedMessage(job.fileName, job.files)}
          ${job.left.length ? msg(str`Not in it: ${job.left.map((l) => l.file.title).join(', ')}.`) : nothing}
        </p>`;
      case 'failed':
        return html`<div class="state state-error" role="alert" part="error">
          <p class="state-title">${job.title}</p>
          <p>${job.advice}</p>
          <button type="button" part="retry-button" @click=${() => void (job.purpose === 'zip' ? this.downloadAll(bundle, true) : this.keepOffline(bundle))}>
            ${msg('Try again')}
          </button>
        </div>`;
    }
  }

  private renderCard(bundle: BundleResponse, file: BundleFileView, fromDevice: boolean): TemplateResult {
    const showZh = this.locale !== 'zh-Hant-TW' && file.titleZh !== file.title;
    const url = fileUrl(this.resolvedApiBase, file);
    const note = this.notes[file.id];
    return html`<li class="card" part="file">
      <h3 class="card-title">${file.title}</h3>
      ${showZh ? html`<p class="title-zh" lang="zh-Hant-TW">${file.titleZh}</p>` : nothing}
      <dl>
        <div><dt>${msg('Issuing office')}</dt><dd>${file.office}</dd></div>
        <div><dt>${msg('Format')}</dt><dd>${formatLabel(file.format)}</dd></div>
        <div><dt>${msg('Size')}</dt><dd>${formatBytes(file.bytes, this.locale)}</dd></div>
        <div><dt>${msg('Version')}</dt><dd>${file.version}</dd></div>
        <div><dt>${msg('Effective')}</dt><dd>${formatIsoDate(file.effective, this.locale)}</dd></div>
      </dl>
      <p class="card-actions">
        ${file.format === 'pdf' && !fromDevice
          ? html`<a part="file-link" href=${url} target="_blank" rel="noopener"
              >${msg('Open')}<span class="visually-hidden"> ${file.title}</span> <span class="hint">${msg('(new tab)')}</span></a
            >`
          : nothing}
        <a part="file-link" href=${url} download=${singleFileName(bundle, file)} @click=${(e: MouseEvent) => void this.onFileLink(e, bundle, file)}
          >${msg('Download')}<span class="visually-hidden"> ${file.title}</span></a
        >
      </p>
      ${this.renderNote(bundle, file, note)}
      <p class="print-only">${msg(str`Get it from: ${file.office}, or ${url}`)}</p>
    </li>`;
  }

  private renderNote(bundle: BundleResponse, file: BundleFileView, note: FileNote | undefined): TemplateResult | typeof nothing {
    if (!note) return nothing;
    switch (note.status) {
      case 'busy':
        return html`<p class="note hint">${msg('Downloading…')}</p>`;
      case 'saved':
        return html`<p class="note">${msg('Saved.')}</p>`;
      case 'mismatch':
      case 'failed':
        return html`<div class="note state state-error" role="alert">
          <p>
            ${note.status === 'mismatch'
              ? msg('This file did not match its published checksum (SHA-256), so it was not saved. It may have been changed or damaged on the way.')
              : describeApiError(note.error).title}
          </p>
          <button type="button" class="secondary" part="retry-button" @click=${() => void this.downloadOne(bundle, file)}>
            ${msg('Try again')}<span class="visually-hidden"> ${file.title}</span>
          </button>
        </div>`;
    }
  }

  /**
   * "Use without internet": keep the bundle on the device, or see when the kept copy was last
   * refreshed and whether a newer version exists. With no bundle yet (loading), the same shape
   * with its buttons inactive.
   */
  private renderOffline(bundle: BundleResponse | null, source: BundleSource | null): TemplateResult | typeof nothing {
    if (!offlineSupported() || !canCheckFiles()) return nothing;
    const kept = this.kept.status === TaskStatus.COMPLETE ? this.kept.value : undefined;
    const inactive = this.busy || !bundle ? 'true' : 'false';
    const act = (run: (b: BundleResponse) => Promise<void>) => () => void (bundle && !this.busy && run.call(this, bundle));
    if (!kept) {
      return html`<section class="offline" part="offline" aria-labelledby="offline-title">
        <h3 id="offline-title">${msg('Use without internet')}</h3>
        <p class="hint">${msg('Keep these forms in this browser, to open them without internet. They stay until you remove them.')}</p>
        <button type="button" class="secondary" id="keep-button" aria-disabled=${inactive} @click=${act(this.keepOffline)}>
          ${msg('Keep on this device')}
        </button>
      </section>`;
    }
    const fresh = source?.from === 'api' && !source.result.stale ? source.result.data : null;
    const freshness = compareWithKept(kept.bundle, fresh);
    return html`<section class="offline" part="offline" aria-labelledby="offline-title">
      <h3 id="offline-title">${msg('Use without internet')}</h3>
      <p id="offline-status" tabindex="-1">${msg(str`Kept on this device. Last refreshed on ${formatMoment(kept.savedAt, this.locale)}.`)}</p>
      <p>
        ${!bundle
          ? html`&nbsp;`
          : freshness.status === 'current'
            ? msg('This is the newest version.')
            : freshness.status === 'newer'
              ? freshness.changed + freshness.added + freshness.removed === 0
                ? msg(str`A newer version exists (version ${freshness.version}).`)
                : msg(
                    str`A newer version exists (version ${freshness.version}): ${freshness.changed} changed, ${freshness.added} new, ${freshness.removed} removed.`,
                  )
              : msg('We cannot check for a newer version without a connection.')}
      </p>
      <div class="actions">
        ${freshness.status === 'newer'
          ? html`<button type="button" aria-disabled=${inactive} @click=${act(this.keepOffline)}>${msg('Update the copy on this device')}</button>`
          : nothing}
        <button type="button" class="secondary" aria-disabled=${inactive} @click=${act(this.removeOffline)}>${msg('Remove from this device')}</button>
      </div>
    </section>`;
  }
}
