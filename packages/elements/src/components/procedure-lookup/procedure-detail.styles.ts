import { css } from 'lit';

/** Styles of the detail view; adopted by the lookup when the view loads. */
export const detailStyles = css`
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: 0.5em 1em;
    margin: 0 0 1em;
  }
  .facts div {
    padding: 0.5em 0.75em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
  .actions {
    margin: 0 0 1em;
  }
  .section h3 {
    margin: 1.25em 0 0.5em;
    font-size: 1.15em;
    border-bottom: 1px solid var(--_border);
  }
  .section h4 {
    margin: 0.75em 0 0.25em;
    font-size: 1em;
  }
  .pre {
    white-space: pre-line;
    margin: 0.25em 0;
    overflow-wrap: anywhere;
  }
  .steps li,
  .components li,
  .channels > li {
    margin-bottom: 0.5em;
  }
  .counts {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .form {
    display: inline-block;
    margin-inline-end: 1em;
  }
  .qr {
    max-width: 24em;
  }
  /* Until its code has loaded (when it comes near the screen), the card keeps its place. */
  .qr:not(:defined) {
    display: block;
    min-height: 48mm;
  }
  .time-note {
    display: block;
    font-weight: normal;
    font-size: 0.9em;
  }
  .centre-facts {
    margin: 0.25em 0;
  }
  .centre-facts div {
    margin-bottom: 0.25em;
  }
  .centre-facts dt {
    font-weight: 600;
  }
  .centre-facts dd,
  .hours {
    margin: 0;
    padding-inline-start: 0;
    list-style: none;
  }
  .legal summary {
    cursor: pointer;
  }
  .legal summary h3 {
    display: inline;
    border: 0;
  }
`;
