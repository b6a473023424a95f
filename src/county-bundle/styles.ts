import { css } from 'lit';

export const countyBundleStyles = css`
  :host {
    /* Reserve the loaded height while loading, so nothing below jumps (no layout shift). */
    min-block-size: var(--onestop-county-bundle-min-height, 9.5rem);
  }
  .panel {
    background: var(--_surface);
    border: 0.0625rem solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  label {
    display: block;
    font-weight: 700;
    font-size: 1.125em;
  }
  .hint {
    color: var(--_muted);
    margin: 0.25em 0 0.5em;
  }
  select {
    font: inherit;
    inline-size: 100%;
    max-inline-size: 30em;
    min-block-size: 2.75rem;
    padding: 0.375em 0.5em;
    border: 0.125rem solid var(--_border);
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
  .print-only {
    display: none;
  }
  @media print {
    .panel {
      border: none;
      padding: 0;
    }
    select {
      display: none;
    }
    .print-only {
      display: block;
    }
  }
`;
