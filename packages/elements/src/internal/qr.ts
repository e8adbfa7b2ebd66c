/**
 * QR codes as SVG, drawn by Lit (no innerHTML): error correction M, a 4-module quiet zone, one `<path>`.
 *
 * The encoder is our own (about 1.2 KB gz, where `uqr` cost 3.9 KB gz on every QR page): numeric, alphanumeric and
 * byte (UTF-8) modes, versions 1–40, level M, and the standard's automatic mask choice by penalty score. It follows
 * Project Nayuki's reference encoder step by step, as `uqr` does, so both draw exactly the same modules (a test
 * compares them over many texts and every version).
 * @module
 */

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  size: number;
  version: number;
  /** SVG path data drawing every dark module (1 unit = 1 module). */
  path: string;
  /** Dark modules, row by row, quiet zone included (for tests). */
  dark: boolean[][];
}

/** Error-correction codewords per block and number of blocks at level M, versions 1–40 (ISO/IEC 18004, table 9). */
const ECC = [
  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 28,
];
const BLOCKS = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45,
  47, 49,
];
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Whether mask pattern `m` (0–7) inverts the data module at (x, y). */
function inverts(m: number, x: number, y: number): boolean {
  switch (m) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (((x / 3) | 0) + (y >> 1)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

/** Bits of the codeword area of a version (everything but function patterns). */
function rawModules(version: number): number {
  const align = ((version / 7) | 0) + 2;
  return (16 * version + 128) * version + 64 - (version > 1 ? (25 * align - 10) * align - 55 + (version > 6 ? 36 : 0) : 0);
}

/** Powers of 2 and their logarithms in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1 (products by table, not bit by bit). */
const EXP = new Uint8Array(255);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++, x = (x << 1) ^ ((x >>> 7) * 0x11d)) {
  EXP[i] = x;
  LOG[x] = i;
}

/** Product in GF(2⁸). */
function multiply(x: number, y: number): number {
  return x && y ? EXP[(LOG[x]! + LOG[y]!) % 255]! : 0;
}

/** The last seven run lengths of a row or column, newest first (reused: encoding is synchronous). */
const runs = new Int32Array(7);

/** Records a finished run; the light border before the first run counts as part of it. */
function pushRun(length: number, size: number): void {
  for (let k = 6; k > 0; k--) runs[k] = runs[k - 1]!;
  runs[0] = length + (runs[1] ? 0 : size);
}

/** How many finder-like patterns (1:1:3:1:1 with 4 light modules on one side) end at the newest runs (0–2). */
function finderLike(): number {
  const n = runs[1]!;
  const core = n > 0 && runs[2] === n && runs[3] === n * 3 && runs[4] === n && runs[5] === n;
  return (core && runs[0]! >= n * 4 && runs[6]! >= n ? 1 : 0) + (core && runs[6]! >= n * 4 && runs[0]! >= n ? 1 : 0);
}

/** Penalty of one row (`step` 1) or column (`step` size) starting at module `start`: long runs and finder-like patterns. */
function linePenalty(dark: Uint8Array, size: number, start: number, step: number): number {
  let score = 0;
  let color = 0;
  let run = 0;
  runs.fill(0);
  for (let i = 0, at = start; i < size; i++, at += step) {
    const on = dark[at]!;
    if (on === color) {
      run++;
      score += run === 5 ? 3 : run > 5 ? 1 : 0;
    } else {
      pushRun(run, size);
      if (!color) score += finderLike() * 40;
      color = on;
      run = 1;
    }
  }
  if (color) {
    pushRun(run, size);
    run = 0;
  }
  pushRun(run + size, size);
  return score + finderLike() * 40;
}

/** Encodes `text` (EC level M, quiet zone of 4 modules) and returns a path for an SVG with `viewBox="0 0 size size"`. */
export function qrMatrix(text: string): QrMatrix {
  // The segment: one mode for the whole text, as the reference encoder chooses it.
  const bytes = new TextEncoder().encode(text);
  const mode = /^\d*$/.test(text) ? 0 : /^[A-Z\d $%*+./:-]*$/.test(text) ? 1 : 2;
  const chars = mode < 2 ? text.length : bytes.length;
  let bits: number[] = [];
  const put = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  if (mode === 0) for (let i = 0; i < chars; i += 3) put(Number(text.slice(i, i + 3)), Math.min(3, chars - i) * 3 + 1);
  else if (mode === 1)
    for (let i = 0; i < chars; i += 2) {
      const first = ALPHANUMERIC.indexOf(text[i]!);
      if (i + 1 < chars) put(first * 45 + ALPHANUMERIC.indexOf(text[i + 1]!), 11);
      else put(first, 6);
    }
  else for (const byte of bytes) put(byte, 8);
  const data = bits;
  bits = [];

  // The smallest version that holds it.
  let version = 0;
  let countBits = 0;
  let capacity = 0;
  do {
    if (++version > 40) throw new RangeError('Data too long');
    countBits = [
      [10, 12, 14],
      [9, 11, 13],
      [8, 16, 16],
    ][mode]![version < 10 ? 0 : version < 27 ? 1 : 2]!;
    capacity = ((rawModules(version) >> 3) - ECC[version - 1]! * BLOCKS[version - 1]!) * 8;
  } while (chars >= 1 << countBits || (chars ? 4 + countBits : 0) + data.length > capacity);

  // Data codewords: mode, count, data, terminator, padding.
  if (chars) {
    put([1, 2, 4][mode]!, 4);
    put(chars, countBits);
    bits.push(...data);
  }
  put(0, Math.min(4, capacity - bits.length));
  put(0, -bits.length & 7);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
  const codewords: number[] = [];
  bits.forEach((bit, i) => (codewords[i >> 3] = ((codewords[i >> 3] ?? 0) << 1) | bit));

  // Reed–Solomon error correction per block, then the blocks interleaved.
  const blockCount = BLOCKS[version - 1]!;
  const eccLength = ECC[version - 1]!;
  const raw = rawModules(version) >> 3;
  const shortBlocks = blockCount - (raw % blockCount);
  const shortLength = (raw / blockCount) | 0;
  const divisor: number[] = Array(eccLength - 1).fill(0);
  divisor.push(1);
  for (let i = 0, root = 1; i < eccLength; i++, root = multiply(root, 2))
    divisor.forEach((c, j) => (divisor[j] = multiply(c, root) ^ (divisor[j + 1] ?? 0)));
  const blocks: number[][] = [];
  for (let i = 0, k = 0; i < blockCount; i++) {
    const block = codewords.slice(k, (k += shortLength - eccLength + (i < shortBlocks ? 0 : 1)));
    const ecc = new Uint8Array(eccLength);
    for (const byte of block) {
      const factor = byte ^ ecc[0]!;
      ecc.copyWithin(0, 1);
      ecc[eccLength - 1] = 0;
      if (factor) for (let j = 0; j < eccLength; j++) ecc[j]! ^= multiply(divisor[j]!, factor);
    }
    if (i < shortBlocks) block.push(0);
    blocks.push(block.concat(Array.from(ecc)));
  }
  const all: number[] = [];
  for (let i = 0; i <= shortLength; i++)
    blocks.forEach((block, j) => {
      if (i !== shortLength - eccLength || j >= shortBlocks) all.push(block[i]!);
    });

  // The matrix: function patterns first (they are marked fixed), then the codewords in the zigzag order.
  const size = version * 4 + 17;
  const dark = new Uint8Array(size * size);
  const fixed = new Uint8Array(size * size);
  const set = (x: number, y: number, on: boolean | number): void => {
    dark[y * size + x] = on ? 1 : 0;
    fixed[y * size + x] = 1;
  };
  const square = (cx: number, cy: number, r: number, on: (d: number) => boolean): void => {
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, on(Math.max(Math.abs(dx), Math.abs(dy))));
      }
  };
  const format = (mask: number): void => {
    let rem = mask;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const f = ((mask << 10) | rem) ^ 0x5412;
    const bit = (i: number): number => (f >>> i) & 1;
    for (let i = 0; i < 6; i++) set(8, i, bit(i));
    set(8, 7, bit(6));
    set(8, 8, bit(7));
    set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
    set(8, size - 8, true);
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [x, y] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const)
    square(x, y, 4, (d) => d !== 2 && d !== 4);
  if (version > 1) {
    const count = ((version / 7) | 0) + 2;
    const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
    const at = [6];
    for (let p = size - 7; at.length < count; p -= step) at.splice(1, 0, p);
    at.forEach((x, i) =>
      at.forEach((y, j) => {
        if (!((i === 0 && (j === 0 || j === count - 1)) || (i === count - 1 && j === 0))) square(x, y, 2, (d) => d !== 1);
      }),
    );
  }
  format(0);
  if (version > 6) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const v = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3);
      const b = (i / 3) | 0;
      set(a, b, (v >>> i) & 1);
      set(b, a, (v >>> i) & 1);
    }
  }
  let next = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++)
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = (right + 1) & 2 ? vert : size - 1 - vert;
        if (!fixed[y * size + x] && next < all.length * 8) {
          dark[y * size + x] = (all[next >>> 3]! >>> (7 - (next & 7))) & 1;
          next++;
        }
      }
  }

  // The mask with the lowest penalty (runs, 2×2 blocks, finder-like patterns, dark/light balance).
  const applyMask = (mask: number): void => {
    for (let y = 0, i = 0; y < size; y++) for (let x = 0; x < size; x++, i++) if (!fixed[i] && inverts(mask, x, y)) dark[i]! ^= 1;
  };
  const penalty = (): number => {
    let score = 0;
    let darkCount = 0;
    for (let a = 0; a < size; a++) {
      score += linePenalty(dark, size, a * size, 1) + linePenalty(dark, size, a, size);
      for (let b = 0, i = a * size; b < size; b++, i++) {
        const on = dark[i]!;
        darkCount += on;
        if (a < size - 1 && b < size - 1 && on === dark[i + 1] && on === dark[i + size] && on === dark[i + size + 1]) score += 3;
      }
    }
    return score + (Math.ceil(Math.abs(darkCount * 20 - size * size * 10) / (size * size)) - 1) * 10;
  };
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    applyMask(mask);
    format(mask);
    const score = penalty();
    if (score < lowest) {
      best = mask;
      lowest = score;
    }
    applyMask(mask);
  }
  applyMask(best);
  format(best);

  // Quiet zone, rows for tests, and one path with a horizontal run per stretch of dark modules.
  const side = size + 8;
  const rows: boolean[][] = [];
  const parts: string[] = [];
  for (let y = 0; y < side; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < side; x++) row.push(y >= 4 && y < size + 4 && x >= 4 && x < size + 4 && dark[(y - 4) * size + x - 4] === 1);
    rows.push(row);
    for (let x = 0; x < side; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  }
  return { size: side, version, path: parts.join(''), dark: rows };
}
