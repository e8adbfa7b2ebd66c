import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';

export const styles = [
  baseStyles,
  css`
    :host {
      max-width: var(--motcua-tracker-max-width, 768px);
    }
    .heading {
      font-size: 1.4em;
      margin: 0 0 0.5em;
    }
    label {
      display: block;
    }
    label,
    dt,
    .applicant,
    .help {
      margin: 0.25em 0 0.5em;
      color: var(--_muted);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: stretch;
    }
    input {
      min-height: var(--_target);
      padding: 8px 12px;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      flex: 1 1 256px;
      min-width: 0;
      font-variant-numeric: tabular-nums;
    }
    #phone {
      flex: 0 0 112px;
      letter-spacing: 0.2em;
    }
    input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 3px;
    }
    button {
      padding: 8px 20px;
      border: 2px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_primary);
      color: var(--_primary-text);
      font-weight: 700;
    }
    button.secondary {
      background: var(--_bg);
      color: var(--_primary);
    }
    button[disabled] {
      opacity: 0.65;
      cursor: progress;
    }
    .error {
      color: var(--_danger);
      font-weight: 700;
      margin: 0.5em 0 0;
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.5em;
    }
    .message {
      margin-top: var(--_space);
      padding: var(--_space);
      border: 2px solid var(--_border);
      border-inline-start-width: 8px;
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .message h3 {
      margin: 0 0 0.25em;
      font-size: 1.1em;
    }
    .message p {
      margin: 0 0 0.5em;
    }
    .message--not_found,
    .message--rate_limited {
      border-color: var(--_warning);
    }
    .message--server,
    .message--offline {
      border-color: var(--_danger);
    }
    .result {
      margin-top: var(--_space);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .result h3 {
      margin: 0 0 0.5em;
      font-size: 1.2em;
      word-break: break-word;
    }
    h4 {
      margin: 1em 0 0.4em;
      font-size: 1.05em;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      margin: 0 0 0.75em;
      padding: 0.35em 0.8em;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-weight: 700;
    }
    .status svg,
    .verified svg {
      width: 1.4em;
      height: 1.4em;
      flex: none;
    }
    .tone-info,
    .tone-progress {
      color: var(--_link);
    }
    .tone-action {
      color: var(--_warning);
    }
    .tone-success {
      color: var(--_success);
    }
    .tone-stopped {
      color: var(--_danger);
    }
    .details {
      display: grid;
      gap: 0.4em;
      margin: 0;
    }
    .details > div {
      display: grid;
      grid-template-columns: minmax(144px, 224px) 1fr;
      gap: 0.75em;
    }
    @media (max-width: 480px) {
      .details > div {
        grid-template-columns: 1fr;
        gap: 0;
      }
    }
    dd {
      margin: 0;
    }
    .due strong {
      font-size: 1.1em;
    }
    .muted {
      color: var(--_muted);
    }
    .small {
      font-size: 0.9em;
    }
    .todo {
      margin-top: var(--_space);
      padding: 0.75em var(--_space);
      border-inline-start: 6px solid currentColor;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    .todo h4 {
      margin-top: 0;
    }
    .todo p,
    .todo h4,
    .todo figure {
      color: var(--_text);
    }
    .todo p {
      margin: 0.25em 0;
    }
    .note {
      margin: 0.5em 0 0;
    }
    .note blockquote {
      margin: 0.25em 0 0;
      padding: 0.5em 0.75em;
      background: var(--_bg);
      border: 1px solid var(--_border);
      white-space: pre-line;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .step {
      position: relative;
      display: grid;
      grid-template-columns: 32px 1fr;
      column-gap: 0.5em;
      padding-bottom: 0.75em;
    }
    .step > :not(.marker) {
      grid-column: 2;
    }
    .marker {
      grid-row: 1 / span 3;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 28px;
      height: 28px;
      border: 2px solid var(--_border);
      border-radius: 50%;
      background: var(--_bg);
      font-weight: 700;
    }
    .step--done .marker {
      border-color: var(--_success);
      color: var(--_success);
    }
    .step--current .marker {
      border-color: var(--_link);
      color: var(--_link);
      border-width: 3px;
    }
    .step--current .step-name {
      font-weight: 700;
    }
    .step-unit,
    .step-dates {
      color: var(--_muted);
      font-size: 0.95em;
    }
    .verify {
      margin-top: var(--_space);
    }
    .verify-form {
      margin-top: 0.75em;
    }
    .verified {
      display: flex;
      align-items: center;
      gap: 0.5em;
      color: var(--_success);
      font-weight: 700;
    }
    .loading {
      color: var(--_muted);
    }
  `,
];
