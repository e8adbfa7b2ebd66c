import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';

export const styles = [
  baseStyles,
  css`
    h2 {
      font-size: 1.3em;
      margin: 0 0 0.25em;
    }
    h3 {
      font-size: 1.1em;
      margin: 1.25em 0 0.5em;
    }
    .muted {
      color: var(--_muted);
      margin: 0 0 0.75em;
    }
    .tiles {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(192px, 1fr));
      gap: 12px;
    }
    .tile {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-top: 6px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .label {
      font-weight: 700;
    }
    .value {
      font-size: 2em;
      font-weight: 800;
      line-height: 1.1;
      font-variant-numeric: tabular-nums;
    }
    .detail {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .chart {
      display: block;
      max-width: 100%;
      height: auto;
    }
    .chart rect {
      fill: var(--motcua-stats-bar, var(--_primary));
    }
    .chart .axis {
      stroke: var(--_border);
      stroke-width: 1;
    }
    .chart text {
      fill: var(--_text);
      font-size: 12px;
      font-family: var(--_font);
    }
    .table-wrap {
      overflow-x: auto;
      margin-top: 0.75em;
    }
    table {
      border-collapse: collapse;
      min-width: 100%;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: 700;
      padding-bottom: 0.25em;
    }
    th,
    td {
      border-bottom: 1px solid var(--_border);
      padding: 0.35em 0.6em;
      text-align: end;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: start;
    }
    .message {
      padding: 0.75em var(--_space);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .message.error {
      border-inline-start: 6px solid var(--_danger);
    }
    button {
      padding: 6.4px 16px;
      border: 2px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_primary);
      font-weight: 700;
    }
    .bars {
      list-style: none;
      margin: 0 0 1em;
      padding: 0;
      display: grid;
      gap: 0.35em;
    }
    .bar-row {
      display: grid;
      grid-template-columns: minmax(8em, 1.2fr) 2fr 4.5em;
      gap: 0.5em;
      align-items: center;
    }
    .bar-track {
      inline-size: 100%;
      block-size: 1em;
    }
    .bar-value {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    button.sort {
      font: inherit;
      font-weight: 600;
      background: none;
      border: 0;
      padding: 0.25em 0;
      color: inherit;
      cursor: pointer;
      text-align: start;
      min-block-size: 24px;
    }
    button.sort:focus-visible {
      outline: 3px solid var(--_focus);
    }
  `,
];
