import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: var(--motcua-picker-max-width, 36em);
  }
  .field {
    position: relative;
  }
  .label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0 0 0.5em;
  }
  .input {
    width: 100%;
    font: inherit;
    padding: 0.6em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
  }
  .input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .listbox {
    list-style: none;
    margin: 0.25em 0 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-height: 20em;
    overflow-y: auto;
    background: var(--_bg);
  }
  .listbox[hidden] {
    display: none;
  }
  .option {
    padding: 0.5em 0.75em;
    cursor: pointer;
    border-top: 1px solid var(--_border);
  }
  .option:first-child {
    border-top: 0;
  }
  .option[aria-selected='true'] {
    background: var(--_primary);
    color: var(--_primary-text);
    outline: 2px solid transparent;
  }
  .via,
  .note {
    display: block;
    font-size: 0.85em;
  }
  .status {
    margin: 0.5em 0 0;
  }
  .error {
    color: var(--_danger);
  }
  .button {
    font: inherit;
    margin-top: 0.25em;
    padding: 0.4em 0.9em;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    cursor: pointer;
  }
`;
