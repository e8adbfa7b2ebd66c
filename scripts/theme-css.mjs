#!/usr/bin/env node
// Writes packages/elements/dist/theme.css (`@motcua/elements/theme.css`): every `--motcua-*` custom property the
// components read, on `:root`, with the default the components fall back to, so a site can copy the file and change
// the values it wants. The values come from the components' styles (`var(--motcua-x, default)`), so they cannot drift.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'packages/elements/src');

function styleFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? styleFiles(join(dir, d.name)) : d.name.endsWith('.styles.ts') ? [join(dir, d.name)] : [],
  );
}

/** `var(--motcua-name, default)` → [name, default], with the default's own parentheses balanced. */
export function themeTokens(files = styleFiles(src)) {
  const tokens = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/var\((--motcua-[a-z0-9-]+)\s*,/g)) {
      let depth = 1;
      let i = match.index + match[0].length;
      const start = i;
      for (; i < text.length && depth > 0; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')') depth--;
      }
      const value = text.slice(start, i - 1).trim();
      // A default that is another property (`var(--_primary)`) has no single value to write down.
      if (value.includes('var(')) continue;
      const seen = tokens.get(match[1]);
      if (seen !== undefined && seen !== value) throw new Error(`${match[1]} has two defaults: ${seen} and ${value}`);
      tokens.set(match[1], value);
    }
  }
  return new Map([...tokens].sort(([a], [b]) => a.localeCompare(b)));
}

export function themeCss(tokens = themeTokens()) {
  const lines = [...tokens].map(([name, value]) => `  ${name}: ${value};`);
  return `/* @motcua/elements theme: the default of every --motcua-* custom property. Change the ones you need. */\n:root {\n${lines.join('\n')}\n}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = join(root, 'packages/elements/dist/theme.css');
  mkdirSync(dirname(target), { recursive: true });
  const css = themeCss();
  writeFileSync(target, css);
  console.log(`wrote ${target.slice(root.length)} (${css.split('\n').length - 4} tokens)`);
}
