import { css } from 'lit';

/**
 * Design tokens. A host page sets the public `--onestop-*` properties on any ancestor (or
 * `:root`); each widget reads them through private `--_*` copies with readable defaults, so an
 * unset token never leaves a widget unstyled. Sizes are in rem/em: the citizen's font size wins.
 */
export const tokens = css`
  :host {
    --_font: var(--onestop-font-family, system-ui, -apple-system, 'Segoe UI', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif);
    --_text: var(--onestop-color-text, #1b1b1b);
    --_muted: var(--onestop-color-text-muted, #4a4a4a);
    --_surface: var(--onestop-color-surface, #ffffff);
    --_surface-alt: var(--onestop-color-surface-alt, #f3f5f8);
    --_border: var(--onestop-color-border, #6b6b6b);
    --_primary: var(--onestop-color-primary, #0b57a4);
    --_on-primary: var(--onestop-color-on-primary, #ffffff);
    --_error: var(--onestop-color-error, #b3261e);
    --_warning-surface: var(--onestop-color-warning-surface, #fff4d6);
    --_focus: var(--onestop-focus-ring-color, #f2a900);
    --_radius: var(--onestop-radius, 0.375rem);
    --_space: var(--onestop-space, 1rem);
    --_font-size: var(--onestop-font-size, 1rem);
    --_line-height: var(--onestop-line-height, 1.6);

    display: block;
    box-sizing: border-box;
    max-inline-size: 100%;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 0.1875rem solid var(--_focus);
    outline-offset: 0.125rem;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem; /* 44 px touch target at the default size */
    padding: 0.5em 1em;
    border-radius: var(--_radius);
    border: 0.125rem solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    button {
      display: none;
    }
  }
`;
