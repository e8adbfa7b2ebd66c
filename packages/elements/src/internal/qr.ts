/**
 * QR codes as SVG, drawn by Lit (no innerHTML): error correction M, a 4-module quiet zone, one `<path>`.
 * Encoding by `uqr` (MIT, 3.9 KB gz, ESM).
 * @module
 */
import { encode } from 'uqr';

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  size: number;
  version: number;
  /** SVG path data drawing every dark module (1 unit = 1 module). */
  path: string;
  /** Dark modules, row by row, quiet zone included (for tests). */
  dark: boolean[][];
}

/** Encodes `text` (EC level M, quiet zone of 4 modules) and returns a path for an SVG with `viewBox="0 0 size size"`. */
export function qrMatrix(text: string): QrMatrix {
  const result = encode(text, { ecc: 'M', border: 4, boostEcc: false });
  const parts: string[] = [];
  result.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  });
  return { size: result.size, version: result.version, path: parts.join(''), dark: result.data };
}
