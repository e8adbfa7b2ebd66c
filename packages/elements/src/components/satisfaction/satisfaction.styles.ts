import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';

export const styles = [
  baseStyles,
  css`
    h2 {
      font-size: 1.35em;
      margin: 0 0 0.5em;
    }
    .muted {
      color: var(--_muted);
    }
    .error {
      color: var(--_danger);
      font-weight: 700;
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.5em;
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
      margin: 0.75em 0;
    }
    button[disabled] {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .level-very_satisfied {
      color: var(--_success);
    }
    .level-satisfied {
      color: var(--_link);
    }
    .level-not_satisfied {
      color: var(--_warning);
    }

    /* Online form */
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 0.75em;
      min-width: 0;
    }
    legend {
      font-weight: 700;
      padding: 0;
      margin-bottom: 0.5em;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .choice {
      flex: 1 1 160px;
      display: flex;
      align-items: center;
      gap: 0.6em;
      min-height: 56px;
      padding: 8px 12px;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      cursor: pointer;
      font-weight: 700;
    }
    .choice span {
      color: var(--_text);
    }
    .choice:has(input:checked) {
      border-color: currentColor;
      border-width: 4px;
      background: var(--_surface);
    }
    .choice:has(input:focus-visible) {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .choice input {
      width: 22.4px;
      height: 22.4px;
      margin: 0;
      accent-color: var(--_primary);
    }
    .choice svg {
      width: 36px;
      height: 36px;
      flex: none;
    }
    .comment label {
      font-weight: 700;
      display: block;
    }
    .comment p {
      margin: 0.2em 0;
    }
    .owner input,
    .setup input {
      display: block;
      margin-block: 0.25rem 0.75rem;
      padding: 0.5rem;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      font: inherit;
    }
    .setup input {
      width: 100%;
    }
    textarea {
      width: 100%;
      padding: 8px;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .message {
      padding: var(--_space);
      border: 2px solid var(--_border);
      border-inline-start-width: 8px;
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .message.thanks {
      border-color: var(--_success);
    }
    .message.rejected,
    .message.error {
      border-color: var(--_danger);
    }

    /* Kiosk */
    :host([mode='kiosk']) {
      min-height: var(--motcua-kiosk-min-height, 100dvh);
      --_font-size: calc(var(--motcua-kiosk-font-size, clamp(20px, 2.5vw, 32px)) * var(--_text-scale));
      background: var(--_bg);
    }
    :host([mode='kiosk']:fullscreen) {
      min-height: 100vh;
    }
    .kiosk {
      display: flex;
      flex-direction: column;
      min-height: inherit;
      padding: clamp(16px, 3vw, 48px);
      gap: clamp(16px, 3vh, 40px);
    }
    .kiosk-question {
      font-size: 1.5em;
      line-height: 1.3;
      text-align: center;
      margin: 0;
    }
    .kiosk-choices {
      flex: 1;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(224px, 1fr));
      gap: clamp(16px, 2.5vw, 40px);
    }
    .kiosk-choice {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.5em;
      min-height: max(192px, 30vh);
      padding: 24px 16px;
      font-size: 1.4em;
      font-weight: 800;
      background: var(--_bg);
      border: 6px solid currentColor;
      border-radius: calc(var(--_radius) * 3);
      touch-action: manipulation;
      user-select: none;
    }
    .kiosk-choice span {
      color: var(--_text);
    }
    .kiosk-choice svg {
      width: clamp(80px, 12vw, 144px);
      height: clamp(80px, 12vw, 144px);
    }
    .kiosk-choice:active {
      background: var(--_surface);
    }
    .kiosk-thanks {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      text-align: center;
      color: var(--_success);
    }
    .kiosk-thanks h2 {
      font-size: 2em;
      color: var(--_text);
      margin: 0.25em 0;
    }
    .kiosk-thanks p {
      color: var(--_text);
      margin: 0.25em 0;
    }
    .kiosk-thanks svg {
      width: 128px;
      height: 128px;
    }
    .countdown {
      font-size: 1.1em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .done {
      margin-top: 1em;
      min-width: 192px;
      min-height: 80px;
      font-size: 1.2em;
      touch-action: manipulation;
    }
    .staff {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      align-items: center;
      justify-content: flex-end;
      font-size: max(14.4px, 0.5em);
      color: var(--_muted);
    }
    .sync-pending {
      color: var(--_warning);
      font-weight: 700;
    }
    .sync-rejected {
      color: var(--_danger);
      font-weight: 700;
    }
    button.link {
      background: none;
      border: 0;
      color: var(--_link);
      text-decoration: underline;
      font-weight: 400;
      padding: 4px 8px;
    }
  `,
];
