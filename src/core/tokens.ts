import { css } from 'lit';

/**
 * Design tokens, one set for every widget. A host page sets the public `--onestop-*`
 * properties on any ancestor (or `:root`); each widget reads them through private `--_*`
 * copies with readable defaults, so an unset token never leaves a widget unstyled.
 *
 * Colours come in a light and a dark value (`light-dark()`), picked by the widget's
 * `color-scheme`: by default the reader's preference (`prefers-color-scheme`); a host forces one
 * with `--onestop-color-scheme: dark` (or `light`) on any ancestor. Browsers without
 * `light-dark()` (before 2024) get the light values. Every pair passes WCAG AA on its surface.
 *
 * Sizes are in `em` from a base that no host rule can shrink: the host element takes the
 * reader's own default size (`medium`, what they chose in the browser), and the widget's
 * top-level boxes take the larger of that and the page's `rem`, so a page that enlarges its
 * root enlarges the widget too, while `html { font-size: 62.5% }` does not shrink it.
 * `--onestop-font-size` replaces that base outright.
 *
 * The inherited text properties are set with `!important` on the host: in the shadow cascade
 * an important `:host` rule beats the page's own, so `* { color: red; line-height: 1;
 * text-transform: uppercase }` on a host page cannot leak in. Hosts restyle through the
 * tokens and the documented `::part`s instead.
 *
 * Old names from the first release still work as fallbacks: `--onestop-color-primary`,
 * `-on-primary`, `-error`, `-text-muted` and `--onestop-focus-ring-color`.
 */
export const tokens = css`
  :host {
    --_font: var(--onestop-font-family, system-ui, -apple-system, 'Segoe UI', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif);
    --_text: var(--onestop-color-text, #1b1b1b);
    --_muted: var(--onestop-color-muted, var(--onestop-color-text-muted, #4a4a4a));
    --_surface: var(--onestop-color-surface, #ffffff);
    --_surface-alt: var(--onestop-color-surface-alt, #f3f5f8);
    --_border: var(--onestop-color-border, #6b6b6b);
    --_primary: var(--onestop-color-accent, var(--onestop-color-primary, #0b57a4));
    --_on-primary: var(--onestop-color-on-accent, var(--onestop-color-on-primary, #ffffff));
    --_error: var(--onestop-color-danger, var(--onestop-color-error, #b3261e));
    --_success: var(--onestop-color-success, #1d6b34);
    --_warning: var(--onestop-color-warning, #7a4f00);
    --_warning-surface: var(--onestop-color-warning-surface, #fff4d6);
    --_focus: var(--onestop-color-focus, var(--onestop-focus-ring-color, #b36b00));
    --_focus-width: var(--onestop-focus-ring-width, 0.1875em);
    --_focus-offset: var(--onestop-focus-ring-offset, 0.125em);
    --_radius: var(--onestop-radius, 0.375em);
    --_space-sm: var(--onestop-space-sm, 0.5em);
    --_space: var(--onestop-space, 1em);
    --_space-lg: var(--onestop-space-lg, 1.5em);
    --_line-height: var(--onestop-line-height, 1.6);
    /* Type scale, relative to the widget's base size. */
    --_text-sm: var(--onestop-font-size-sm, 0.9375em);
    --_text-md: var(--onestop-font-size-md, 1.0625em);
    --_text-lg: var(--onestop-font-size-lg, 1.25em);
    --_text-xl: var(--onestop-font-size-xl, 1.375em);
    --_base-size: var(--onestop-font-size, max(1em, 1rem));

    display: block;
    box-sizing: border-box;
    max-inline-size: 100%;
    color-scheme: var(--onestop-color-scheme, light dark) !important;
    font-family: var(--_font) !important;
    font-size: medium !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-variant: normal !important;
    line-height: var(--_line-height) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    white-space: normal !important;
    color: var(--_text) !important;
  }
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_text: var(--onestop-color-text, light-dark(#1b1b1b, #e8eaed));
      --_muted: var(--onestop-color-muted, var(--onestop-color-text-muted, light-dark(#4a4a4a, #b9c0c8)));
      --_surface: var(--onestop-color-surface, light-dark(#ffffff, #16191d));
      --_surface-alt: var(--onestop-color-surface-alt, light-dark(#f3f5f8, #232830));
      --_border: var(--onestop-color-border, light-dark(#6b6b6b, #8d96a0));
      --_primary: var(--onestop-color-accent, var(--onestop-color-primary, light-dark(#0b57a4, #8cc4ff)));
      --_on-primary: var(--onestop-color-on-accent, var(--onestop-color-on-primary, light-dark(#ffffff, #0b1a2b)));
      --_error: var(--onestop-color-danger, var(--onestop-color-error, light-dark(#b3261e, #ffa198)));
      --_success: var(--onestop-color-success, light-dark(#1d6b34, #7ee2a8));
      --_warning: var(--onestop-color-warning, light-dark(#7a4f00, #f2c14e));
      --_warning-surface: var(--onestop-color-warning-surface, light-dark(#fff4d6, #3a2f10));
      --_focus: var(--onestop-color-focus, var(--onestop-focus-ring-color, light-dark(#b36b00, #ffcc4d)));
    }
  }
  /* The widget's top-level boxes: the base size (see above). */
  :host > * {
    font-size: var(--_base-size);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Not inherited from the host: a page's \`* { box-sizing: content-box }\` reaches the host element. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: var(--_focus-offset);
  }
  button {
    font: inherit;
    min-block-size: 2.75em; /* 44 px touch target at the default size */
    padding: 0.5em 1em;
    border-radius: var(--_radius);
    border: 0.125em solid var(--_primary);
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
  /* Windows High Contrast and other forced palettes: the browser swaps in system colours;
     what only a background told apart gets a border, and focus uses the system highlight. */
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    [part~='badge'],
    [part~='sample-badge'],
    [part~='status'] {
      border: 0.0625em solid CanvasText;
    }
  }
  @media print {
    :host {
      color: #000 !important;
      background: #fff;
    }
    button {
      display: none;
    }
  }
`;
