import { css } from 'lit';

/**
 * Styles every component starts from. Host-proof: sizes are px (never rem, which follows the host's
 * `html { font-size }`), and the text, box and control resets are repeated on the shadow root's top-level
 * elements, so a host rule that reaches the element itself (`* { all: unset }`, `* { line-height: 1 }`) stops
 * at it. A host rule naming the element (`motcua-x { display: inline }`) beats `:host` by design (page wins). Design tokens (`--motcua-*`) are read here with defaults,
 * so a host page themes every widget by setting them on `:root`; each component then exposes its own
 * `:host` properties and keeps private `--_x` variables inside.
 */
export const baseStyles = css`
  :host {
    --_font: var(--motcua-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    --_base-font-size: var(--motcua-font-size, 16px);
    --_text-scale: var(--motcua-text-scale, 1);
    --_font-size: calc(var(--_base-font-size) * var(--_text-scale));
    --_text: var(--motcua-color-text, #1b1b1b);
    --_muted: var(--motcua-color-text-muted, #4a4a4a);
    --_bg: var(--motcua-color-background, #ffffff);
    --_surface: var(--motcua-color-surface, #f4f5f7);
    --_border: var(--motcua-color-border, #8a8f98);
    --_primary: var(--motcua-color-primary, #a50e0e);
    --_primary-text: var(--motcua-color-on-primary, #ffffff);
    --_link: var(--motcua-color-link, #0b4fa0);
    --_success: var(--motcua-color-success, #116b2f);
    --_warning: var(--motcua-color-warning, #7a4b00);
    --_danger: var(--motcua-color-danger, #a50e0e);
    --_focus: var(--motcua-color-focus, #ffbf47);
    --_radius: var(--motcua-radius, 6px);
    --_space: var(--motcua-space, 16px);
    --_target: var(--motcua-target-size, 44px);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
    text-align: start;
    visibility: visible;
  }
  :host([hidden]) {
    display: none !important;
  }
  :host > :where(:not(slot)) {
    font: 400 var(--_font-size) / 1.5 var(--_font);
    color: var(--_text);
    background: var(--_bg);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    white-space: normal;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_text);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    line-height: inherit;
    letter-spacing: inherit;
    color: inherit;
    margin: 0;
  }
  input,
  select,
  textarea {
    font-size: max(16px, 1em);
  }
  button {
    min-height: var(--_target);
    min-width: var(--_target);
    cursor: pointer;
  }
  a {
    color: var(--_link);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0, 0, 0, 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.001ms !important;
      transition-duration: 0.001ms !important;
      scroll-behavior: auto !important;
    }
  }
`;
