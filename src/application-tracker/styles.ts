import { css } from 'lit';

export const trackerStyles = css`
  :host {
    /* The form's height, reserved before its strings load (demo/demo.css reserves the same
       before the script runs), so what follows does not jump when it is drawn. */
    min-block-size: var(--onestop-application-tracker-form-min-height, 24.5em);
  }
  @media (max-width: 40em) {
    :host {
      min-block-size: var(--onestop-application-tracker-form-min-height, 31em);
    }
  }
  .panel {
    background: var(--_surface);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    /* An office's note may hold a long unbroken word (a URL, a reference): it wraps, never pushes the page sideways. */
    overflow-wrap: anywhere;
  }
  h2,
  h3 {
    line-height: 1.3;
    margin: 0 0 0.5em;
  }
  h2 {
    font-size: var(--_text-xl);
  }
  h3 {
    font-size: var(--_text-md);
  }
  .small-heading {
    font-size: var(--_text-md);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 0.1875em solid var(--_focus);
  }

  /* ---------- the form ---------- */
  .field {
    margin-block-end: 1em;
  }
  .field-invalid {
    border-inline-start: 0.3125em solid var(--_error);
    padding-inline-start: 0.75em;
  }
  label {
    display: block;
    font-weight: 700;
  }
  .hint {
    color: var(--_muted);
    margin: 0.125em 0 0.375em;
  }
  .field-error {
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 0.375em;
  }
  input[type='text'] {
    font: inherit;
    font-size: var(--_text-md);
    letter-spacing: 0.04em;
    inline-size: 100%;
    max-inline-size: 22em;
    min-block-size: 2.75em;
    padding: 0.375em 0.5em;
    border: 0.125em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .field-invalid input {
    border-color: var(--_error);
  }
  .checkbox {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    margin-block-end: 1em;
  }
  .checkbox input {
    inline-size: 1.5em;
    block-size: 1.5em;
    margin: 0.0625em 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .checkbox label {
    font-weight: 400;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  button.link {
    background: none;
    border-color: transparent;
    color: var(--_primary);
    text-decoration: underline;
    padding-inline: 0.5em;
  }

  /* ---------- saved case numbers ---------- */
  .saved {
    margin-block-start: 1.25em;
    padding-block-start: 1em;
    border-block-start: 0.0625em solid var(--_border);
  }
  .saved ul {
    list-style: none;
    padding: 0;
    margin: 0 0 0.75em;
  }
  .saved li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25em 0.75em;
    padding-block: 0.25em;
    border-block-end: 0.0625em solid var(--_surface-alt);
  }
  .case-no {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }
  .saved-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
  }

  /* ---------- results ---------- */
  .result {
    margin-block-start: 1.25em;
  }
  .result:empty {
    margin: 0;
  }
  .loading {
    /* About the height of a case's heading and status box: the result grows from here, and the
       form above never moves. */
    min-block-size: var(--onestop-application-tracker-min-height, 14em);
  }
  .loading-title {
    font-weight: 700;
    margin: 0 0 0.75em;
  }
  .skeleton span {
    display: block;
    block-size: 1.25em;
    margin-block-end: 0.75em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .skeleton span:first-child {
    inline-size: 60%;
    block-size: 1.75em;
  }
  .skeleton span:last-child {
    block-size: 5em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton span {
      animation: pulse 1.6s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }

  /* ---------- the case ---------- */
  .case-no-line {
    margin: -0.25em 0 1em;
    color: var(--_muted);
  }
  .status,
  .next,
  .action {
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    margin-block-end: 1em;
  }
  .status {
    background: var(--_surface-alt);
    border-inline-start: 0.375em solid var(--_primary);
  }
  .status p,
  .next p,
  .action p {
    margin: 0 0 0.375em;
  }
  .status-label {
    color: var(--_muted);
  }
  .status-name {
    font-size: var(--_text-xl);
    font-weight: 700;
  }
  .status-action {
    border-inline-start-color: var(--_error);
  }
  .status-final {
    border-inline-start-color: var(--_text);
  }
  .action {
    background: var(--_warning-surface);
    border: 0.1875em solid var(--_text);
  }
  .action-text {
    font-size: var(--_text-md);
  }
  .due strong {
    font-size: var(--_text-md);
  }
  .urgency-overdue .due,
  .urgency-today .due {
    color: var(--_error);
    font-weight: 700;
  }
  .next {
    border: 0.125em solid var(--_primary);
  }
  .fallback-note,
  .stop-state,
  .handoff {
    color: var(--_muted);
    font-size: var(--_text-sm);
  }
  .facts {
    margin: 0 0 1em;
  }
  .facts > div {
    padding-block: 0.5em;
    border-block-end: 0.0625em solid var(--_surface-alt);
  }
  .facts dt {
    font-weight: 700;
  }
  .facts dd {
    margin: 0;
  }
  .sure,
  .passed,
  .on-hold {
    display: block;
  }
  .passed {
    color: var(--_error);
  }
  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
  .route {
    margin: 0.25em 0 0;
    padding-inline-start: 1.5em;
  }
  .stop-current {
    font-weight: 700;
  }

  /* ---------- the history ---------- */
  .timeline,
  .events {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .office-group {
    margin-block-end: 1em;
  }
  .office-name {
    font-weight: 700;
    margin: 0 0 0.375em;
  }
  .handoff {
    display: block;
    font-weight: 400;
  }
  .event {
    position: relative;
    padding: 0 0 0.75em 1.5em;
    border-inline-start: 0.1875em solid var(--_border);
    margin-inline-start: 0.4375em;
  }
  .event:last-child {
    border-inline-start-color: transparent;
  }
  .event::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.5625em;
    inset-block-start: 0.3em;
    inline-size: 0.9375em;
    block-size: 0.9375em;
    border-radius: 50%;
    background: var(--_surface);
    border: 0.1875em solid var(--_primary);
  }
  .event time {
    display: block;
    color: var(--_muted);
  }
  .event-status {
    font-weight: 700;
  }
  .event-note {
    margin: 0.25em 0 0;
  }
  .case-footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    justify-content: space-between;
    margin-block-start: 1em;
  }
  .checked {
    color: var(--_muted);
    margin: 0;
  }

  @media (forced-colors: active) {
    .event::before {
      background: Canvas;
      border-color: CanvasText;
    }
  }

  @media print {
    .panel {
      border: none;
      padding: 0;
    }
    form,
    .saved,
    .state-stale button,
    .loading {
      display: none;
    }
    .result {
      margin: 0;
    }
    .status,
    .next,
    .action {
      break-inside: avoid;
      border: 0.0625em solid #000;
      background: none;
    }
    .office-group {
      break-inside: avoid;
    }
    a {
      color: inherit;
    }
  }
`;
