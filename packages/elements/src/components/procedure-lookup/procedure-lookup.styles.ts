import { css } from 'lit';

export const styles = css`
  :host {
    max-width: var(--motcua-lookup-max-width, none);
  }
  .base {
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_bg);
  }
  .label {
    display: block;
    font-weight: 700;
    font-size: 1.125em;
  }
  .hint {
    margin: 0.25em 0 0.5em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .input {
    display: block;
    width: 100%;
    min-height: var(--_target);
    padding: 0.5em 0.75em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    font-size: 1.125em;
  }
  .input:focus-visible {
    border-color: var(--_text);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    margin: 0.75em 0 0;
    padding: 0;
    border: 0;
  }
  .filter {
    display: flex;
    flex-direction: column;
    font-size: 0.9em;
    flex: 1 1 14em;
    min-width: 0;
  }
  select {
    min-height: var(--_target);
    padding: 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    width: 100%;
  }
  .status,
  .count {
    margin: 0.75em 0 0.25em;
    color: var(--_muted);
  }
  .notice {
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--_warning);
    background: var(--_surface);
    color: var(--_text);
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 2px solid var(--_border);
    border-top-color: transparent;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .error,
  .empty {
    margin: 0.75em 0;
    padding: 0.75em 1em;
    background: var(--_surface);
  }
  .error {
    border-inline-start: 4px solid var(--_danger);
  }
  .empty {
    border-radius: var(--_radius);
  }
  .error p,
  .empty p {
    margin: 0 0 0.5em;
  }
  .listbox {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
    list-style: none;
    margin: 0.25em 0 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .option {
    display: block;
    padding: 0.6em 0.75em;
    min-height: var(--_target);
    border-bottom: 1px solid var(--_surface);
    cursor: pointer;
  }
  .option:not(.common) {
    grid-column: 1 / -1;
  }
  .common {
    margin: 0.4em;
    border: 1px solid var(--_border);
    font-size: 1.1em;
  }
  .option:last-child {
    border-bottom: 0;
  }
  .option[aria-selected='true'] {
    background: var(--_surface);
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
    box-shadow: inset 6px 0 0 var(--_primary);
  }
  .name {
    display: block;
    font-weight: 600;
    color: var(--_link);
    overflow-wrap: anywhere;
  }
  mark {
    background: var(--motcua-color-mark, #fff3b0);
    color: inherit;
    font-weight: 800;
    text-decoration: underline 1px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: var(--_target);
    padding: 0.5em 1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    font-weight: 600;
    text-decoration: none;
  }
  .button.secondary {
    background: var(--_bg);
    color: var(--_primary);
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .more {
    margin-top: 0.75em;
    width: 100%;
  }
  .title {
    margin: 0.75em 0 0.5em;
    font-size: 1.5em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .title:focus:not(:focus-visible) {
    outline: none;
  }
  @media (forced-colors: active) {
    .option[aria-selected='true'] {
      outline: 3px solid Highlight;
    }
    mark {
      forced-color-adjust: none;
      background: Mark;
      color: MarkText;
    }
  }
`;
