import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CountiesResponse, type CountyKind } from '../core/api/contract/counties.js';
import type { ApiResult } from '../core/api/client.js';
import { ApiError } from '../core/api/errors.js';
import { OnestopErrorEvent, OnestopLoadEvent } from '../core/events.js';
import { OnestopElement } from '../core/onestop-element.js';
import { renderErrorState, renderStaleNotice, statusViewStyles } from '../core/status-views.js';
import { tokens } from '../core/tokens.js';
import { countyLabel, findCounty, groupCounties } from './county-options.js';
import { OnestopCountyChangeEvent } from './events.js';
import { countyBundleStyles } from './styles.js';

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

/**
 * A county's forms and information for a life event, in one download. This first version
 * lets the citizen pick their county from the API's list; the bundle itself comes next.
 *
 * @tagname onestop-county-bundle
 * @summary Pick a county to get its forms for a life event.
 *
 * @attr county - ISO 3166-2:TW code of the preselected county, e.g. `TW-TTT`. Reflects the citizen's choice.
 * @attr event - The life event whose forms to offer, e.g. `death` (used once bundles land).
 * @attr api-base - URL of the OneStop API. Default: `<meta name="onestop-api-base">`, else the script's origin.
 * @attr lang - Language of the widget. Default: the nearest ancestor's `lang`, else zh-Hant-TW.
 *
 * @fires onestop-county-change - The citizen chose a county. `detail.county` is its code, or null.
 * @fires onestop-load - The county list was drawn. `detail.stale` is true when it is the offline copy.
 * @fires onestop-error - The county list could not be loaded. `detail.kind` says why.
 *
 * @csspart base - The panel around the widget.
 * @csspart label - The picker's label.
 * @csspart select - The county picker.
 * @csspart error - The error message box.
 * @csspart stale-notice - The "saved on …" notice shown offline.
 * @csspart retry-button - The buttons that try again.
 *
 * @cssprop --onestop-county-bundle-min-height - Height reserved while loading (default 9.5rem).
 * @cssprop --onestop-color-primary - Buttons and links (default #0b57a4).
 * @cssprop --onestop-color-text - Body text (default #1b1b1b).
 * @cssprop --onestop-color-surface - Panel background (default #fff).
 * @cssprop --onestop-color-border - Borders (default #6b6b6b).
 * @cssprop --onestop-color-error - Error accents (default #b3261e).
 * @cssprop --onestop-focus-ring-color - Keyboard focus ring (default #f2a900).
 * @cssprop --onestop-font-family - Font stack (default: the system UI font).
 * @cssprop --onestop-radius - Corner radius (default 0.375rem).
 */
export class OnestopCountyBundle extends OnestopElement {
  static override styles = [tokens, statusViewStyles, countyBundleStyles];

  /** ISO 3166-2:TW code of the chosen county. */
  @property({ reflect: true })
  county: string | null = null;

  /** The life event whose forms to offer. */
  @property({ reflect: true })
  event: string | null = null;

  private readonly counties = new Task(this, {
    // The API base is an argument too, so that changing `api-base` reloads.
    task: ([, lang], { signal }) =>
      this.api.get('v1/counties', CountiesResponse, { query: { lang }, signal }).then(
        (result) => result,
        (error: unknown) => {
          if (error instanceof ApiError) {
            this.dispatchEvent(new OnestopErrorEvent({ resource: 'counties', kind: error.kind, status: error.status }));
          }
          throw error;
        },
      ),
    args: () => [this.resolvedApiBase, this.locale] as const,
    onComplete: (result: ApiResult<CountiesResponse>) =>
      this.dispatchEvent(new OnestopLoadEvent({ resource: 'counties', stale: result.stale })),
  });

  private readonly retry = () => void this.counties.run();

  private readonly onOnline = () => {
    const stale = this.counties.status === TaskStatus.COMPLETE && this.counties.value?.stale;
    if (this.counties.status === TaskStatus.ERROR || stale) this.retry();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    // Normalise a hand-typed preset (`ttt`, `tw-ttt`) once the list is known.
    if (this.counties.status === TaskStatus.COMPLETE && this.county) {
      const match = findCounty(this.counties.value?.data.counties ?? [], this.county);
      if (match && match.code !== this.county) this.county = match.code;
    }
  }

  private onPick(event: Event) {
    const value = (event.target as HTMLSelectElement).value || null;
    this.county = value;
    this.dispatchEvent(new OnestopCountyChangeEvent(value));
  }

  protected override render(): TemplateResult {
    return html`<div class="panel" part="base" aria-busy=${this.counties.status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${this.counties.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        error: (error) =>
          renderErrorState(error instanceof ApiError ? error : new ApiError('network', '', String(error)), this.retry),
        complete: (result) => this.renderPicker(result),
      })}
    </div>`;
  }

  private renderLabel(): TemplateResult {
    return html`<label for="county" part="label">${msg('Your county or city')}</label>
      <p class="hint" id="county-hint">${msg('Where you live, or where your household is registered.')}</p>`;
  }

  // Same shape as the loaded picker, so the page does not move when the list arrives.
  private renderLoading(): TemplateResult {
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
        <button type="button" part="retry-button" @click=${this.retry}>${msg('Try again')}</button>
      </div>`;
    }
    const chosen = findCounty(counties, this.county);
    return html`${result.stale ? renderStaleNotice(result.fetchedAt, this.locale, this.retry) : nothing}
      ${this.renderLabel()}
      <select id="county" part="select" aria-describedby="county-hint" @change=${this.onPick}>
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
        ? html`<p class="chosen" role="status">${msg(str`You chose ${countyLabel(chosen)}.`)}</p>`
        : nothing}
      <p class="print-only">${chosen ? countyLabel(chosen) : msg('No county or city chosen.')}</p>`;
  }
}
