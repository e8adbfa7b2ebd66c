#!/usr/bin/env node
// Screenshots for the webmaster guide: each widget in each hostile host theme of tests/hosts/ (the same CSS the host
// fixture tests mount the widgets in), and the snippet configurator (/nhung), as PNGs in docs/screenshots/.
//
//   npm run build && node scripts/screenshots.mjs [--only=bootstrap3,…]
//
// Starts the reference server (demo mode, seeded), opens Chromium (scripts/chromium.mjs) with puppeteer-core, and loads
// each widget with the real embed loader (/embed/latest/motcua.js) on a page made of the theme's stylesheet and its
// content container. Each image is at most 100 KB: a taller one is cut to a shorter top part until it fits. To keep the
// repository small, every widget is shot in the two themes most commune sites use (Bootstrap 3, the provincial portal
// template) and the two citizen-facing input widgets (lookup, tracker) in every theme.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ensureChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { startReferenceServer } from './reference-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'docs/screenshots');
const MAX_BYTES = 100 * 1024;
const AGENCY = '000.30.01.H17';

/** The host themes of tests/hosts/hosts.test.ts: stylesheet, <html> attributes, the content container. */
export const THEMES = [
  { id: 'bootstrap3', all: true, css: 'bootstrap3.css', open: '<div class="container">', close: '</div>' },
  { id: 'bootstrap5', css: 'bootstrap5.css', open: '<div class="container">', close: '</div>' },
  { id: 'wordpress', css: 'wordpress.css', open: '<div class="wp-site-blocks is-layout-constrained">', close: '</div>' },
  { id: 'joomla', css: 'joomla.css', open: '<div class="site-grid"><div class="container-component">', close: '</div></div>' },
  {
    id: 'vn-portal',
    all: true,
    css: 'vn-portal.css',
    open: '<table class="tbl-main"><tr><td class="col-main">',
    close: '</td></tr></table>',
  },
  { id: 'all-unset', css: 'all-unset.css', open: '<div class="container">', close: '</div>' },
  { id: 'rtl', css: 'rtl.css', html: 'dir="rtl" lang="ar"', open: '<div>', close: '</div>' },
  { id: 'dark', css: 'dark.css', open: '<div>', close: '</div>' },
];

/** Widgets shot in every theme; the themes with `all: true` get every widget. */
const EVERY_THEME = ['procedure-lookup', 'dossier-tracker'];

/** Each widget as a webmaster writes it, and what shows it is ready (in its shadow root). */
const widgets = (code) => [
  {
    id: 'procedure-lookup',
    html: `<motcua-procedure-lookup query="khai sinh" no-history></motcua-procedure-lookup>`,
    ready: '[role="option"]',
  },
  {
    id: 'dossier-tracker',
    html: `<motcua-dossier-tracker code="${code}"></motcua-dossier-tracker>`,
    ready: '[part~="result"][data-status]',
  },
  { id: 'satisfaction', html: `<motcua-satisfaction></motcua-satisfaction>`, ready: 'button' },
  { id: 'service-stats', html: `<motcua-service-stats></motcua-service-stats>`, ready: 'table' },
  { id: 'qr-card', html: `<motcua-qr-card procedure="1.001193"></motcua-qr-card>`, ready: 'svg[part~="qr"]' },
  { id: 'qr-sheet', html: `<motcua-qr-sheet sector="G15-TP07"></motcua-qr-sheet>`, ready: '[part~="page"] svg' },
];

const page = (theme, widget) => `<!doctype html>
<html ${theme.html ?? 'lang="vi"'}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${theme.id} · ${widget.id}</title>
<link rel="stylesheet" href="/__hosts/${theme.css}">
<script type="module" src="/embed/latest/motcua.js"></script></head>
<body>${theme.open}<h2>Trang của xã · ${theme.id}</h2>
<motcua-portal api="/api/v1" agency="${AGENCY}">${widget.html}</motcua-portal>${theme.close}</body></html>`;

/** A PNG of `clip` no larger than MAX_BYTES: the top part of it when the whole is larger. */
async function shoot(tab, clip, file) {
  let height = clip.height;
  for (;;) {
    const png = await tab.screenshot({ type: 'png', clip: { ...clip, height }, captureBeyondViewport: true });
    if (png.length <= MAX_BYTES || height < 200) {
      writeFileSync(file, png);
      return png.length;
    }
    height = Math.floor(height * 0.75);
  }
}

async function main() {
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  if (!existsSync(join(root, 'packages/embed/dist'))) throw new Error('Run `npm run build` first (the embed build is loaded).');
  mkdirSync(OUT, { recursive: true });
  const server = await startReferenceServer();
  const browser = await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  const written = [];
  try {
    const { items } = await (await fetch(`${server.url}/demo-dossiers.json`)).json();
    const code = (items.find((d) => d.status === 'processing') ?? items[0]).code;
    let tab = await browser.newPage();
    await tab.setViewport({ width: 640, height: 900, deviceScaleFactor: 1 });
    await tab.setRequestInterception(true);
    let current = '';
    tab.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/__shot') return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: current });
      if (url.pathname.startsWith('/__hosts/')) {
        const name = url.pathname.slice('/__hosts/'.length);
        if (!/^[a-z0-9-]+\.css$/.test(name)) return void request.respond({ status: 404, body: '' });
        return void request.respond({ status: 200, contentType: 'text/css', body: readFileSync(join(root, 'tests/hosts', name)) });
      }
      return void request.continue();
    });
    for (const theme of THEMES.filter((t) => !only || only.includes(t.id))) {
      for (const widget of widgets(code).filter((w) => theme.all || EVERY_THEME.includes(w.id))) {
        current = page(theme, widget);
        await tab.goto(`${server.url}/__shot`, { waitUntil: 'networkidle0' });
        const tag = `motcua-${widget.id}`;
        await tab.waitForFunction(
          (t, sel) => document.querySelector(t)?.shadowRoot?.querySelector(sel),
          { timeout: 30_000 },
          tag,
          widget.ready,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        const box = await tab.evaluate((t) => {
          const r = document.querySelector(t).getBoundingClientRect();
          return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
        }, tag);
        const clip = {
          x: Math.max(0, Math.floor(box.x - 8)),
          y: Math.max(0, Math.floor(box.y - 8)),
          width: Math.min(640, Math.ceil(box.width + 16)),
          height: Math.min(900, Math.ceil(box.height + 16)),
        };
        const file = join(OUT, `${theme.id}-${widget.id}.png`);
        written.push([file, await shoot(tab, clip, file)]);
      }
    }
    if (!only || only.includes('nhung')) {
      // The configurator on a phone: the agency chosen (steps 1 and 2); then the snippet to copy (step 5).
      await tab.close();
      tab = await browser.newPage();
      await tab.setViewport({ width: 360, height: 800, deviceScaleFactor: 1 });
      await tab.goto(`${server.url}/nhung?lang=vi`, { waitUntil: 'networkidle0' });
      await tab.waitForFunction(() => document.querySelectorAll('#province option').length > 1);
      await tab.select('#province', '48');
      await tab.select('#agency', AGENCY);
      await tab.waitForFunction(() => document.querySelector('#preview motcua-procedure-lookup')?.shadowRoot?.querySelector('input'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const at = (sel) =>
        tab.evaluate((s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return { x: 0, y: Math.floor(r.top + window.scrollY), width: 360, height: Math.ceil(r.height) };
        }, sel);
      const form = await at('#nhung-form');
      const file1 = join(OUT, 'nhung-chon.png');
      written.push([file1, await shoot(tab, { ...form, height: Math.min(form.height, 900) }, file1)]);
      const snippet = await at('#h-snippet');
      const end = await at('#copy');
      const file2 = join(OUT, 'nhung-doan-ma.png');
      written.push([file2, await shoot(tab, { ...snippet, y: snippet.y - 16, height: end.y + end.height - snippet.y + 32 }, file2)]);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  let total = 0;
  for (const [file, bytes] of written) {
    total += bytes;
    console.log(`${file.slice(root.length + 1)}  ${(bytes / 1024).toFixed(1)} KB`);
  }
  console.log(`${written.length} screenshots, ${(total / 1024).toFixed(0)} KB`);
}

await main();
