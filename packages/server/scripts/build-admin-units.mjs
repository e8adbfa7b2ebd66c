#!/usr/bin/env node
// Builds the server's agency directory seed (packages/server/seed/admin-units.json) from the shared reference data
// (../shared/data/admin-units-2025.json): every province and commune/ward after the 2025 reorganisation with its GSO
// code, full name and the pre-merger units it was formed from (parsed from the source's free text into a list of names).
// Run by hand when the reference data changes; the output is committed with the source's attribution (MIT licence).
//   node packages/server/scripts/build-admin-units.mjs [path/to/shared/data]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const source = process.argv[2] ?? join(pkg, '../../../shared/data');
const file = join(source, 'admin-units-2025.json');
if (!existsSync(file)) throw new Error(`reference data not found at ${file}`);
const data = JSON.parse(readFileSync(file, 'utf8'));

const KIND = /^(xã|phường|thị trấn|đặc khu)\s+(.+)$/iu;
const OF_KIND = /(?:^|\s)(?:các|của)\s+(?:các\s+)?(xã|phường|thị trấn)\s+(.+)$/iu;
const BARE = /^[\p{Lu}\d][\p{L}\d'’-]*(?:\s+[\p{Lu}\d][\p{L}\d'’-]*){0,4}$/u;
const title = (kind) => kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();

/** Splits on commas outside parentheses. */
function splitTop(text) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** The pre-merger unit names in the source's free text ("Xã A, Xã B (phần còn lại…), các phường C, D"). */
export function formerNames(text) {
  if (!text || /^giữ nguyên$/iu.test(text.trim())) return [];
  const names = [];
  let kind;
  for (const raw of splitTop(text)) {
    const item = raw
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\s+sau khi s[ắa]p\s*x[ếe]p.*$/iu, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!item) continue;
    let m = KIND.exec(item);
    if (m && !/^(các|của)\b/iu.test(m[2])) {
      kind = title(m[1]);
      const rest = OF_KIND.exec(item);
      if (rest) {
        kind = title(rest[1]);
        names.push(`${kind} ${rest[2]}`);
      } else names.push(`${kind} ${m[2]}`);
      continue;
    }
    m = OF_KIND.exec(item);
    if (m) {
      kind = title(m[1]);
      names.push(`${kind} ${m[2]}`);
      continue;
    }
    if (kind && BARE.test(item)) names.push(`${kind} ${item}`);
  }
  return [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n.split(' ').length <= 7))];
}

const provinces = data.provinces.map((p) => ({ code: p.code, name: p.name, formerly: p.formerly === 'giữ nguyên' ? '' : p.formerly }));
const units = data.units.map((u) => ({
  code: u.code,
  province: u.province,
  name: u.name.charAt(0).toUpperCase() + u.name.slice(1),
  formerly: formerNames(u.formerly),
}));
const out = {
  _source:
    `${data._source} Transformed into motcua's seed format by packages/server/scripts/build-admin-units.mjs ` +
    '(pre-merger names parsed from the free text into lists).',
  _licence: 'MIT, (c) 2021 Thang Le Quoc (vietnamese-provinces-database); keep this attribution wherever the data is shipped.',
  provinces,
  units,
};
writeFileSync(join(pkg, 'seed', 'admin-units.json'), `${JSON.stringify(out)}\n`);
console.log(
  `admin-units.json: ${provinces.length} provinces, ${units.length} units, ${units.reduce((n, u) => n + u.formerly.length, 0)} former names`,
);
