import { css } from 'lit';

export const countyBundleStyles = css`
  :host {
    /* Reserve the loaded height while loading, so nothing below jumps (no layout shift). */
    min-block-size: var(--onestop-county-bundle-min-height, 19.75em);
  }
  /* The form wraps onto more lines on a phone (demo/demo.css reserves the same before the script runs). */
  @media (max-width: 40em) {
    :host {
      min-block-size: var(--onestop-county-bundle-min-height, 28.5em);
    }
  }
  .panel {
    background: var(--_surface);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }
  label[for='county'] {
    display: block;
    font-weight: 700;
    font-size: var(--_text-md);
  }
  .hint {
    color: var(--_muted);
    margin: 0.25em 0 0.5em;
  }
  select {
    font: inherit;
    inline-size: 100%;
    max-inline-size: 30em;
    min-block-size: 2.75em;
    padding: 0.375em 0.5em;
    border: 0.125em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  select:disabled {
    background: var(--_surface-alt);
  }
  .chosen {
    margin: 0.75em 0 0;
  }
  fieldset {
    border: none;
    margin: 1em 0 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-block-end: 0.25em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2.75em; /* a 44 px target at the default size */
  }
  .choice input {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .county-fixed {
    font-weight: 700;
    font-size: var(--_text-md);
    margin: 0;
  }
  .skeleton {
    color: var(--_muted);
  }
  .bundle {
    margin-block-start: 1.25em;
    border-block-start: 0.0625em solid var(--_border);
    padding-block-start: 1em;
  }
  .heading {
    font-size: var(--_text-lg);
    line-height: 1.3;
    margin: 0 0 0.25em;
  }
  .meta {
    margin: 0 0 0.75em;
  }
  .sample {
    /* Inline, so its border does not make the line taller than the loading placeholder's. */
    display: inline;
    border: 0.125em solid var(--_error);
    color: var(--_error);
    border-radius: var(--_radius);
    padding: 0 0.375em;
    margin-inline-end: 0.5em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  button[aria-disabled='true'],
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  a {
    color: var(--_primary);
  }
  .actions a,
  .card-actions a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75em;
    gap: 0.25em;
  }
  .job {
    margin-block: 0.75em;
  }
  .job label {
    display: block;
    font-weight: 700;
  }
  progress {
    inline-size: 100%;
    max-inline-size: 30em;
    block-size: 1.25em;
    accent-color: var(--_primary);
  }
  .done {
    margin-block: 0.75em;
    padding: 0.5em 0.75em;
    border-inline-start: 0.375em solid var(--_primary);
    background: var(--_surface-alt);
  }
  .problems {
    margin: 0 0 0.5em;
    padding-inline-start: 1.25em;
  }
  .files {
    list-style: none;
    margin: 1em 0 0;
    padding: 0;
    display: grid;
    gap: 0.75em;
  }
  .card {
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.75em;
    container-type: inline-size;
  }
  .card.skeleton {
    background: var(--_surface-alt);
  }
  .card-title {
    font-size: var(--_text-md);
    line-height: 1.3;
    margin: 0;
  }
  .title-zh {
    margin: 0.125em 0 0;
    color: var(--_muted);
  }
  /* A label column beside the values, as narrow as the labels allow (up to 9em). */
  dl {
    margin: 0.5em 0 0;
    display: grid;
    grid-template-columns: fit-content(var(--onestop-county-bundle-label-width, 9em)) minmax(0, 1fr);
    gap: 0 0.75em;
  }
  dl > div {
    display: contents;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  /* A narrow card (a phone; Vietnamese labels such as "Ngày có hiệu lực"): each label above its
     value, else the value column is a few letters wide and office names break mid-word. */
  @container (max-width: 20em) {
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd {
      margin-block-end: 0.25em;
    }
  }
  .card-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25em;
    margin: 0.25em 0 0;
    min-block-size: 2.75em;
  }
  .note {
    margin: 0.25em 0 0;
  }
  .card-actions .hint,
  .choice .hint {
    margin: 0;
  }
  .offline {
    margin-block-start: 1.25em;
  }
  .offline h3 {
    font-size: var(--_text-md);
    margin: 0 0 0.25em;
  }
  .offline p {
    margin: 0 0 0.5em;
  }
  #offline-status:focus {
    outline: none;
  }
  #offline-status:focus-visible {
    outline: 0.1875em solid var(--_focus);
  }
  .print-only {
    display: none;
  }
  @media (forced-colors: active) {
    .sample {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
  @media print {
    .panel {
      border: none;
      padding: 0;
    }
    select,
    .basis,
    .events .choice,
    .events legend,
    .actions,
    .job,
    .offline,
    .note,
    .card-actions,
    .hint,
    .chosen,
    .state-stale {
      display: none;
    }
    .print-only {
      display: block;
    }
    .files {
      display: block;
    }
    .card {
      border: none;
      border-block-end: 0.0625em solid #000;
      border-radius: 0;
      padding: 0.5em 0;
      break-inside: avoid;
    }
    .sample {
      color: #000;
      border-color: #000;
    }
  }
`;
