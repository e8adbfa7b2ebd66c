import { css } from 'lit';

/** Styles of one card; shared with `<motcua-qr-sheet>`, which renders cards itself. */
export const cardStyles = css`
  .card {
    display: flex;
    gap: 4mm;
    align-items: flex-start;
    padding: 4mm;
    border: 0.3mm solid var(--_border);
    border-radius: 2mm;
    background: #fff;
    color: #000;
    font-family: var(--_font);
    font-size: 9.5pt;
    line-height: 1.3;
    break-inside: avoid;
    page-break-inside: avoid;
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
    overflow: hidden;
  }
  .codes {
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2mm;
    width: var(--motcua-qr-size, 30mm);
  }
  .qr {
    display: block;
    width: var(--motcua-qr-size, 30mm);
    height: var(--motcua-qr-size, 30mm);
  }
  .pay {
    text-align: center;
    font-size: 7.5pt;
  }
  .pay .qr {
    width: calc(var(--motcua-qr-size, 30mm) * 0.8);
    height: calc(var(--motcua-qr-size, 30mm) * 0.8);
  }
  .text {
    flex: 1;
    min-width: 0;
  }
  .name {
    margin: 0 0 1.5mm;
    font-size: 10pt;
    font-weight: 700;
    line-height: 1.25;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .facts {
    margin: 0;
    font-size: 8pt;
    display: grid;
    grid-template-columns: auto 1fr;
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
    margin: 1.5mm 0 0;
    font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 7pt;
    overflow-wrap: anywhere;
  }
  .scan {
    margin: 0;
    font-size: 6.5pt;
    line-height: 1.2;
    text-align: center;
    color: #333;
  }
  .problem {
    margin: 1mm 0 0;
    font-size: 8pt;
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
