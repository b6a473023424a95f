import { css } from 'lit';

export const checklistStyles = css`
  :host {
    /* Reserve room while loading, so what follows on the page does not jump up and down. */
    min-block-size: var(--onestop-life-event-checklist-min-height, 24em);
  }
  /* A given event's plan is longer than a screen: reserve a screen, so what follows the widget
     is below the fold, not pushed down before the reader's eyes, when the plan is drawn. */
  :host([event]) {
    min-block-size: var(--onestop-life-event-checklist-min-height, max(24em, 100svh));
  }
  .panel {
    background: var(--_surface);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: var(--_text-xl);
    margin: 0 0 0.5em;
  }
  h3 {
    font-size: var(--_text-lg);
    margin: 1.5em 0 0.5em;
    padding-block-start: 0.75em;
    border-block-start: 0.125em solid var(--_border);
  }
  h4 {
    font-size: var(--_text-md);
    margin: 1.25em 0 0.25em;
  }
  h5,
  h6 {
    font-size: 1em;
    margin: 0;
  }
  h6 {
    margin-block-start: 0.75em;
  }
  p {
    margin: 0.25em 0 0.5em;
  }
  a {
    color: var(--_primary);
  }
  .hint,
  .meta {
    color: var(--_muted);
  }
  .loading-title {
    font-weight: 700;
  }
  .placeholder {
    block-size: 16em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .events {
    list-style: none;
    padding: 0;
  }
  .events li {
    margin-block-end: 1em;
  }
  .device,
  .note,
  .next {
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  .warn,
  .note {
    background: var(--_warning-surface);
  }
  .question {
    margin: 0 0 1em;
    padding: 0;
    border: 0;
  }
  legend,
  .question > label {
    font-weight: 700;
    padding: 0;
  }
  .question > label {
    display: block;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5em;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: center;
    min-block-size: 2.75em;
  }
  input[type='radio'],
  input[type='checkbox'] {
    inline-size: 1.5em;
    block-size: 1.5em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  input[type='date'],
  input[type='text'],
  select,
  textarea {
    font: inherit;
    min-block-size: 2.75em;
    max-inline-size: 100%;
    padding: 0.25em 0.5em;
    border: 0.125em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  select,
  textarea,
  input[type='text'] {
    inline-size: 100%;
    max-inline-size: 30em;
  }
  .summary {
    font-weight: 700;
    font-size: var(--_text-md);
  }
  .toolbar,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: end;
    margin-block: 0.75em;
  }
  .grouping {
    border: 0;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }
  .grouping legend {
    inline-size: 100%;
  }
  .tasks {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .task {
    border-inline-start: 0.375em solid var(--_border);
    padding: 0.5em 0 0.5em 0.75em;
    margin-block-end: 0.75em;
  }
  .state-overdue {
    border-inline-start-color: var(--_error);
  }
  .state-due-soon {
    border-inline-start-color: var(--_focus);
  }
  .state-done,
  .state-nothing-to-do {
    border-inline-start-color: var(--_surface-alt);
  }
  .task-head {
    display: flex;
    gap: 0.75em;
    align-items: flex-start;
  }
  .done {
    display: flex;
    flex-direction: column;
    align-items: center;
    font-size: var(--_text-sm);
    min-inline-size: 2.75em;
    /* Its word ("Đã xong", "เสร็จแล้ว") on one line: a long task title must not squeeze it. */
    flex: none;
    white-space: nowrap;
  }
  .tick-none {
    min-inline-size: 2.75em;
    text-align: center;
    font-size: var(--_text-lg);
  }
  button.toggle {
    all: unset;
    cursor: pointer;
    color: var(--_primary);
    text-decoration: underline;
    font-weight: 700;
    min-block-size: 2.75em;
    display: flex;
    align-items: center;
  }
  button.toggle::after {
    content: '＋';
    margin-inline-start: 0.5em;
    text-decoration: none;
  }
  button.toggle[aria-expanded='true']::after {
    content: '－';
  }
  button.toggle:focus-visible,
  button.link:focus-visible {
    outline: 0.1875em solid var(--_focus);
  }
  button.link {
    all: unset;
    cursor: pointer;
    color: var(--_primary);
    text-decoration: underline;
  }
  .state-done button.toggle {
    color: var(--_muted);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin-inline-start: 3.5em;
    font-size: var(--_text-sm);
  }
  .badge {
    font-weight: 700;
    padding: 0 0.4em;
    border: 0.0625em solid currentColor;
    border-radius: var(--_radius);
    color: var(--_text);
  }
  .badge-overdue {
    color: var(--_on-primary);
    background: var(--_error);
    border-color: var(--_error);
  }
  .badge-due-soon,
  .badge-maybe {
    background: var(--_warning-surface);
  }
  .body {
    margin: 0.5em 0 0 3.5em;
  }
  .body ul {
    padding-inline-start: 1.25em;
    margin: 0.25em 0;
  }
  .waived s {
    color: var(--_muted);
  }
  .good {
    font-weight: 700;
  }
  .own {
    margin-block-start: 0.75em;
    display: grid;
    gap: 0.25em;
  }
  .excluded {
    margin-block: 1em;
  }
  .excluded summary {
    cursor: pointer;
    color: var(--_primary);
    min-block-size: 2.75em;
  }
  .danger {
    border-color: var(--_error);
    color: var(--_error);
  }
  .confirm {
    border: 0.1875em solid var(--_error);
    border-radius: var(--_radius);
    padding: 0.75em;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .confirm p {
    inline-size: 100%;
    font-weight: 700;
  }
  .field-error {
    color: var(--_error);
    font-weight: 700;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .notice:empty {
    display: none;
  }
  .notice {
    font-weight: 700;
  }
  .notice.error {
    color: var(--_error);
  }
  .plain {
    white-space: pre-wrap;
    font: inherit;
    background: var(--_surface-alt);
    padding: 0.75em;
    border-radius: var(--_radius);
  }
  .print-only {
    display: none;
  }
  @media (max-width: 30rem) {
    .meta,
    .body {
      margin-inline-start: 0;
    }
  }
  @media print {
    .panel {
      border: none;
      padding: 0;
    }
    .questions,
    .toolbar,
    .tools,
    .next,
    .excluded,
    .own,
    .device,
    .intro {
      display: none;
    }
    .body,
    .body[hidden],
    .print-only {
      display: block;
    }
    .task {
      break-inside: avoid;
    }
    button.toggle {
      display: inline;
      color: #000;
      text-decoration: none;
    }
    button.toggle::after {
      content: none;
    }
    button.link {
      display: inline;
      color: #000;
      text-decoration: none;
    }
    .done span:first-of-type {
      display: none;
    }
    a {
      color: #000;
    }
  }
`;
