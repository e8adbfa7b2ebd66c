import { css } from 'lit';

/** Styles of one card; shared with `<motcua-qr-sheet>`, which renders cards itself. */
export const cardStyles = css`
  /* Name across the card, then the QR (and its hint) beside the facts and the link. Every text is at least 9 pt
     (12 px on screen), and the name is never cut. */
  .card {
    --_qr: var(--motcua-qr-size, 30mm);
    display: grid;
    grid-template-columns: var(--_qr) minmax(0, 1fr);
    grid-template-rows: auto 1fr;
    align-content: start;
    gap: 1.5mm 4mm;
    padding: 4mm;
    border: 0.3mm solid var(--_border);
    border-radius: 2mm;
    background: #fff;
    color: #000;
    font-family: var(--_font);
    font-size: 9pt;
    line-height: 1.3;
    break-inside: avoid;
    page-break-inside: avoid;
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
    overflow: hidden;
  }
  .name {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 10pt;
    font-weight: 700;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .codes {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 1mm;
    min-width: 0;
  }
  .qr {
    display: block;
    width: var(--_qr);
    height: var(--_qr);
  }
  .pay {
    text-align: center;
  }
  .pay .qr {
    width: calc(var(--_qr) * 0.8);
    height: calc(var(--_qr) * 0.8);
  }
  .text {
    min-width: 0;
  }
  .facts {
    margin: 0;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.3mm 2mm;
  }
  .facts dt {
    color: #333;
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .url {
    margin: 1mm 0 0;
    font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }
  .scan {
    margin: 0;
    line-height: 1.2;
    text-align: center;
    color: #333;
  }
  .problem {
    margin: 1mm 0 0;
    color: var(--_danger);
  }
`;

export const styles = css`
  .state {
    padding: 1em;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .button {
    min-height: var(--_target);
    padding: 0.5em 1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    font-weight: 600;
  }
`;
