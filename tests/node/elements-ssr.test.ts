// Server-side rendering: every component renders with @lit-labs/ssr in plain Node (no DOM, no window, no document)
// into declarative shadow DOM with its text, so a site can send the widgets' first paint in its HTML and hydrate them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResult, collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { registerDefaults } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/components/portal/portal.js';
import '../../packages/elements/src/components/procedure-lookup/procedure-lookup.js';
import '../../packages/elements/src/components/dossier-tracker/dossier-tracker.js';
import '../../packages/elements/src/components/satisfaction/satisfaction.js';
import '../../packages/elements/src/components/qr-card/qr-card.js';
import '../../packages/elements/src/components/qr-sheet/qr-sheet.js';
import '../../packages/elements/src/components/service-stats/service-stats.js';

const API = 'https://motcua.example/api/v1';
const AGENCY = '000.30.01.H17';
const DSD = '<template shadowroot="open" shadowrootmode="open">';

/** Visible text of SSR output: styles, comments and tags removed, whitespace collapsed. */
function visibleText(markup: string): string {
  return markup
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function ssr(tag: string, attrs = ''): string {
  const name = unsafeStatic(tag);
  const attributes = unsafeStatic(attrs);
  return collectResultSync(render(staticHtml`<${name} api=${API} agency=${AGENCY} ${attributes}></${name}>`));
}

// Each component with the Vietnamese text its first paint shows before any data arrives.
const cases: Array<[tag: string, attrs: string, text: string]> = [
  ['motcua-procedure-lookup', '', 'Tìm thủ tục'],
  ['motcua-dossier-tracker', '', 'Tra cứu hồ sơ'],
  ['motcua-satisfaction', '', 'Ông/Bà có hài lòng với việc hướng dẫn, tiếp nhận và giải quyết hồ sơ không?'],
  ['motcua-qr-card', 'procedure="1.001193"', 'Đang tải thủ tục…'],
  ['motcua-qr-sheet', '', 'Đang tải danh mục thủ tục…'],
  ['motcua-service-stats', '', 'Kết quả giải quyết thủ tục hành chính'],
];

test('plain Node has no browser globals, so the renders below prove the components need none', () => {
  assert.equal(typeof (globalThis as Record<string, unknown>).document, 'undefined');
  assert.equal(typeof (globalThis as Record<string, unknown>).window, 'undefined');
  assert.equal(typeof (globalThis as Record<string, unknown>).ShadowRoot, 'undefined');
});

for (const [tag, attrs, text] of cases) {
  test(`<${tag}> renders on the server into declarative shadow DOM with its Vietnamese text`, () => {
    const markup = ssr(tag, attrs);
    assert.ok(markup.includes(`<${tag} `), `the host element is in the output: ${markup.slice(0, 200)}`);
    assert.ok(markup.includes(DSD), 'a declarative shadow root');
    assert.ok(visibleText(markup).includes(text), `"${text}" in: ${visibleText(markup).slice(0, 300)}`);
  });
}

test('<motcua-portal> renders its slot and the widgets inside it on the server', async () => {
  const markup = await collectResult(
    render(staticHtml`<motcua-portal api=${API} agency=${AGENCY}><motcua-dossier-tracker></motcua-dossier-tracker></motcua-portal>`),
  );
  assert.ok(markup.includes(`<motcua-portal`));
  assert.ok(markup.includes('<slot>'), 'the portal shadow root has its slot');
  assert.equal(markup.split(DSD).length - 1, 2, 'both the portal and the tracker have a declarative shadow root');
  assert.ok(visibleText(markup).includes('Tra cứu hồ sơ'));
});

test('a component with lang="en" renders English on the server (its English terms registered, as the browser loads them)', async () => {
  const { en } = await import('../../packages/elements/src/components/satisfaction/satisfaction.strings.en.js');
  registerDefaults({ en });
  const markup = ssr('motcua-satisfaction', 'lang="en"');
  assert.ok(visibleText(markup).includes('Rate our service'), visibleText(markup).slice(0, 200));
  assert.ok(!visibleText(markup).includes('Rất hài lòng'), 'no Vietnamese left in the English render');
});

test('the lookup and tracker, which load English lazily in the browser, render English once the terms are registered', async () => {
  const { en: lookupEn } = await import('../../packages/elements/src/components/procedure-lookup/procedure-lookup.strings.en.js');
  const { en: trackerEn } = await import('../../packages/elements/src/components/dossier-tracker/dossier-tracker.strings.en.js');
  registerDefaults({ en: { ...lookupEn, ...trackerEn } });
  assert.ok(visibleText(ssr('motcua-procedure-lookup', 'lang="en"')).includes('Search procedures'));
  assert.ok(visibleText(ssr('motcua-dossier-tracker', 'lang="en"')).includes('Track a dossier'));
});

test('a QR card with a fee account draws its VietQR on the server too (the encoder is a lazy chunk in the browser)', async () => {
  const { loadVietQr } = await import('../../packages/elements/src/components/qr-card/qr-card.component.js');
  await loadVietQr();
  const data = {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    sector: { code: 'G15-TP07', name: 'Hộ tịch' },
    levels: ['commune'],
    onlineService: 'full',
    processingTime: null,
    feeSummary: null,
    kind: 'national',
  };
  const markup = await collectResult(
    render(
      staticHtml`<motcua-qr-card .data=${data} url-template="https://xa.gov.vn/thu-tuc/{code}" bank-bin="970403" account="0011012345678" amount="8000"></motcua-qr-card>`,
    ),
  );
  assert.equal(markup.split('part="qr"').length - 1, 2, `the procedure's QR and the VietQR: ${visibleText(markup).slice(0, 300)}`);
  assert.ok(visibleText(markup).includes('Số tiền: 8.000 ₫'), visibleText(markup).slice(0, 300));
  assert.ok(!visibleText(markup).includes('Chưa tải được mã VietQR'));
});
