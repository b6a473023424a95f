import { css } from 'lit';

export const docFreeCheckStyles = css`
  :host {
    /* Reserve the first screen's height while loading, so nothing below jumps (no layout shift). */
    min-block-size: var(--onestop-doc-free-check-min-height, 18em);
    --_waived: var(--onestop-doc-free-check-waived-color, var(--_success));
    --_substitute: var(--onestop-doc-free-check-substitute-color, var(--_warning));
    --_required: var(--onestop-doc-free-check-required-color, var(--_primary));
  }
  /* The form wraps onto more lines on a phone: reserve its height there too (demo/demo.css
     reserves the same before the script runs). */
  @media (max-width: 40em) {
    :host {
      min-block-size: var(--onestop-doc-free-check-min-height, 29.5em);
    }
  }
  .panel {
    background: var(--_surface);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }
  h2,
  h3,
  h4 {
    line-height: 1.3;
    margin: 0 0 0.5em;
  }
  h2 {
    font-size: var(--_text-xl);
  }
  h3 {
    font-size: var(--_text-lg);
    margin-block-start: 1em;
  }
  h4 {
    font-size: var(--_text-md);
    margin-block-start: 1.25em;
  }
  p {
    margin: 0 0 0.5em;
  }
  .hint,
  .meta {
    color: var(--_muted);
  }
  label,
  legend {
    font-weight: 700;
    display: block;
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 0.125em solid var(--_border);
    border-radius: var(--_radius);
    min-block-size: 2.75em;
    padding: 0.375em 0.5em;
    max-inline-size: 100%;
  }
  input[type='text'],
  select,
  .copy-field {
    inline-size: 100%;
    max-inline-size: 34em;
  }
  input:disabled,
  select:disabled {
    background: var(--_surface-alt);
  }
  .listbox {
    list-style: none;
    margin: 0.25em 0 0;
    padding: 0;
    max-inline-size: 34em;
    max-block-size: 20em;
    overflow-y: auto;
    border: 0.125em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .listbox[hidden] {
    display: none;
  }
  [role='option'] {
    padding: 0.5em 0.75em;
    cursor: pointer;
    border-block-end: 0.0625em solid var(--_surface-alt);
  }
  [role='option'] .meta {
    display: block;
    font-size: var(--_text-sm);
  }
  [role='option'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    outline: 0.1875em solid var(--_focus);
    outline-offset: -0.1875em;
  }
  [role='option'][aria-selected='true'] .meta {
    color: inherit;
  }
  .no-match {
    margin-block-start: 0.5em;
  }
  fieldset {
    border: none;
    margin: 0 0 1em;
    padding: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2.75em;
    font-weight: 400;
  }
  .choice input {
    inline-size: 1.5em;
    block-size: 1.5em;
    min-block-size: 0;
    margin: 0;
    flex: none;
  }
  .question {
    margin-block-end: 1em;
  }
  .summary {
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    margin-block: 1em;
  }
  .summary ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }
  .group {
    border-inline-start: 0.375em solid var(--_group);
    padding-inline-start: 0.75em;
    margin-block: 1.25em;
  }
  .group h4 {
    margin-block-start: 0;
    color: var(--_group);
  }
  .group-waived {
    --_group: var(--_waived);
  }
  .group-substitute {
    --_group: var(--_substitute);
  }
  .group-required {
    --_group: var(--_required);
  }
  .documents {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .document {
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em;
    margin-block-end: 0.75em;
  }
  .document-name {
    font-weight: 700;
    font-size: var(--_text-md);
  }
  dl {
    margin: 0.5em 0;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0 0 0.5em;
  }
  .may-change {
    background: var(--_warning-surface);
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
  }
  button.link {
    background: none;
    border: none;
    color: var(--_primary);
    text-decoration: underline;
    padding: 0.25em 0;
    min-block-size: 2.75em;
    text-align: start;
  }
  a {
    color: var(--_primary);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    margin-block: 1.25em 0.5em;
  }
  .loading {
    min-block-size: 10em;
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    padding: 1em;
  }
  details {
    margin-block: 0.5em;
  }
  summary {
    cursor: pointer;
    min-block-size: 2.75em;
    display: flex;
    align-items: center;
    color: var(--_primary);
  }
  .print-only {
    display: none;
  }
  @media (forced-colors: active) {
    [role='option'][aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .group {
      border-inline-start-color: CanvasText;
    }
  }
  @media print {
    .panel {
      border: none;
      padding: 0;
    }
    .search,
    .questions,
    .actions,
    .may-change button,
    .intro {
      display: none;
    }
    .print-only {
      display: block;
    }
    .group-substitute .document-name::before,
    .group-required .document-name::before {
      content: '\\2610\\00a0';
    }
    .document {
      break-inside: avoid;
    }
    a[href]::after {
      content: ' (' attr(href) ')';
      font-size: var(--_text-sm);
    }
  }
`;
