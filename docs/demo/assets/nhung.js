// Snippet configurator (/nhung): province → commune from the server's agency list, widgets and their options, a live
// preview (the real widgets, found by the embed loader this page includes) and the snippet to copy. The preview and the
// snippet are made from one model, so the copied text is exactly what is previewed. External module, DOM APIs only:
// no inline script, no HTML strings (strict CSP).
import { WIDGETS } from './nhung-widgets.js';

/** The loader URL a webmaster's page uses: the versioned build (scripts/sync-version.mjs keeps this path current). */
const LOADER_PATH = '/embed/0.1.0/motcua.js';
const API_PATH = '/api/v1';

const root = document.documentElement;
const lang = () => (root.lang === 'en' ? 1 : 0);
/** @param {[string, string]} pair */
const t = (pair) => pair[lang()];
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The agencies the snippet can name, grouped by province. The one place the configurator reads agency data: today the
 * server's agency list (GET /api/v1/agencies, each agency with its province); a province/commune directory can replace
 * this function without touching the rest of the page.
 * @returns {Promise<Array<{ code: string, name: string, communes: Array<{ code: string, name: string }> }>>}
 */
export async function loadDirectory() {
  const response = await fetch(`${API_PATH}/agencies`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  const items = Array.isArray(body?.items) ? body.items : [];
  /** @type {Map<string, { code: string, name: string, communes: Array<{ code: string, name: string }> }>} */
  const provinces = new Map();
  for (const a of items) {
    if (typeof a?.code !== 'string' || typeof a?.name !== 'string') continue;
    const code = typeof a.province?.code === 'string' ? a.province.code : '';
    const name = typeof a.province?.name === 'string' ? a.province.name : '—';
    if (!provinces.has(code)) provinces.set(code, { code, name, communes: [] });
    provinces.get(code)?.communes.push({ code: a.code, name: a.name });
  }
  const collator = new Intl.Collator('vi');
  const list = [...provinces.values()].sort((x, y) => collator.compare(x.name, y.name));
  for (const p of list) p.communes.sort((x, y) => collator.compare(x.name, y.name));
  return list;
}

const TEXT = {
  chooseProvince: ['— Chọn tỉnh, thành phố —', '— Choose a province —'],
  chooseCommune: ['— Chọn xã, phường —', '— Choose a commune —'],
  loading: ['Đang tải danh sách đơn vị…', 'Loading the list of agencies…'],
  code: ['Mã định danh của đơn vị: ', 'Agency e-ID: '],
  loadFailed: [
    'Không tải được danh sách đơn vị từ máy chủ. Kiểm tra kết nối mạng rồi bấm "Tải lại danh sách".',
    'The list of agencies could not be loaded from the server. Check the network, then press "Load the list again".',
  ],
  langPage: ['Theo ngôn ngữ của trang (thẻ <html lang>)', "The page's language (<html lang>)"],
  langVi: ['Tiếng Việt', 'Vietnamese'],
  langEn: ['Tiếng Anh', 'English'],
  needAgency: ['Chọn đơn vị ở bước 1 để xem trước.', 'Choose your agency in step 1 to see the preview.'],
  needWidget: ['Chọn ít nhất một tiện ích ở bước 2.', 'Choose at least one widget in step 2.'],
  invalid: [
    'Có tùy chọn chưa hợp lệ (đánh dấu ở bước 2): sửa lại trước khi sao chép.',
    'An option is not valid (marked in step 2): correct it before copying.',
  ],
  copied: ['Đã sao chép đoạn mã. Dán vào trang của bạn.', 'Snippet copied. Paste it into your page.'],
  copyFallback: [
    'Trình duyệt không cho sao chép tự động. Đoạn mã đã được chọn sẵn: nhấn Ctrl+C (trên Mac: ⌘+C) để sao chép.',
    'The browser does not allow copying automatically. The snippet is selected: press Ctrl+C (on a Mac: ⌘+C) to copy it.',
  ],
  number: ['Nhập số nguyên từ {min} đến {max}.', 'Enter a whole number from {min} to {max}.'],
  pattern: ['Giá trị chưa đúng dạng (xem gợi ý).', 'This value is not in the expected form (see the hint).'],
  required: ['Bắt buộc nhập.', 'Required.'],
  title: ['Tạo đoạn mã nhúng — motcua', 'Snippet configurator — motcua'],
};

/** @type {Awaited<ReturnType<typeof loadDirectory>>} */
let directory = [];
const provinceSelect = /** @type {HTMLSelectElement} */ ($('province'));
const agencySelect = /** @type {HTMLSelectElement} */ ($('agency'));
const langSelect = /** @type {HTMLSelectElement} */ ($('widget-lang'));
const snippetBox = /** @type {HTMLTextAreaElement} */ ($('snippet'));
const copyButton = /** @type {HTMLButtonElement} */ ($('copy'));
const copyStatus = $('copy-status');
const preview = $('preview');

// ------------------------------------------------------------------------------------------------------------ form

/** @param {HTMLSelectElement} select @param {Array<[string, string]>} options value, text @param {string} keep */
function fillSelect(select, options, keep) {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      return o;
    }),
  );
  if (options.some(([v]) => v === keep)) select.value = keep;
}

function renderProvinces() {
  fillSelect(
    provinceSelect,
    [['', t(TEXT.chooseProvince)], ...directory.map((p) => /** @type {[string, string]} */ ([p.code, p.name]))],
    provinceSelect.value,
  );
  renderCommunes();
}

function renderCommunes() {
  const province = directory.find((p) => p.code === provinceSelect.value);
  const keep = agencySelect.value;
  fillSelect(
    agencySelect,
    [['', t(TEXT.chooseCommune)], ...(province?.communes ?? []).map((c) => /** @type {[string, string]} */ ([c.code, c.name]))],
    keep,
  );
  agencySelect.disabled = !province;
  const code = agencySelect.value;
  $('agency-code').textContent = code ? `${t(TEXT.code)}${code}` : '';
}

function renderLangs() {
  fillSelect(
    langSelect,
    [
      ['', t(TEXT.langPage)],
      ['vi', t(TEXT.langVi)],
      ['en', t(TEXT.langEn)],
    ],
    langSelect.value,
  );
}

/** @param {HTMLElement} el @param {[string, string]} pair */
function bilingual(el, pair) {
  const vi = document.createElement('span');
  vi.className = 'vi';
  vi.textContent = pair[0];
  const en = document.createElement('span');
  en.className = 'en';
  en.lang = 'en';
  en.textContent = pair[1];
  el.append(vi, en);
  return el;
}

/** Builds step 2 once: a checkbox per widget, and its options in a fieldset shown while it is checked. */
function buildWidgets() {
  const box = $('widgets');
  for (const spec of WIDGETS) {
    const id = spec.tag.slice('motcua-'.length);
    const wrap = document.createElement('div');
    wrap.className = 'widget';
    const check = document.createElement('input');
    check.type = 'checkbox';
    check.id = `w-${id}`;
    check.name = 'widget';
    check.value = spec.tag;
    check.checked = Boolean(spec.checked);
    const label = bilingual(document.createElement('label'), spec.label);
    label.htmlFor = check.id;
    const summary = bilingual(document.createElement('p'), spec.summary);
    summary.className = 'hint';
    summary.id = `w-${id}-summary`;
    check.setAttribute('aria-describedby', summary.id);
    const head = document.createElement('div');
    head.className = 'check';
    head.append(check, label);
    const options = document.createElement('fieldset');
    options.className = 'options';
    options.id = `o-${id}`;
    options.append(bilingual(document.createElement('legend'), [`Tùy chọn: ${spec.label[0]}`, `Options: ${spec.label[1]}`]));
    for (const option of spec.options) options.append(optionField(id, option));
    options.hidden = !check.checked;
    check.addEventListener('change', () => {
      options.hidden = !check.checked;
      update();
    });
    wrap.append(head, summary, options);
    box.append(wrap);
  }
}

/** @param {string} id @param {import('./nhung-widgets.js').WidgetOption} option */
function optionField(id, option) {
  const field = document.createElement('div');
  field.className = option.type === 'checkbox' ? 'field check' : 'field';
  const inputId = `o-${id}-${option.name}`;
  /** @type {HTMLInputElement | HTMLSelectElement} */
  let input;
  if (option.type === 'select') {
    const select = document.createElement('select');
    for (const [value, text] of option.choices ?? []) {
      const o = document.createElement('option');
      o.value = value;
      o.dataset.vi = text[0];
      o.dataset.en = text[1];
      o.textContent = t(text);
      select.append(o);
    }
    input = select;
  } else {
    const el = document.createElement('input');
    el.type = option.type === 'number' ? 'number' : option.type === 'checkbox' ? 'checkbox' : 'text';
    if (option.type === 'number') {
      el.inputMode = 'numeric';
      el.min = String(option.min);
      el.max = String(option.max);
      el.step = '1';
    }
    if (option.maxLength) el.maxLength = option.maxLength;
    if (option.value) el.value = option.value;
    if (option.type === 'text') {
      el.autocomplete = 'off';
      el.spellcheck = false;
    }
    input = el;
  }
  input.id = inputId;
  input.dataset.attr = option.name;
  input.dataset.widget = id;
  if (option.required) input.setAttribute('aria-required', 'true');
  const label = bilingual(document.createElement('label'), option.label);
  label.htmlFor = inputId;
  const error = document.createElement('p');
  error.className = 'error';
  error.id = `${inputId}-error`;
  error.hidden = true;
  const described = [error.id];
  /** @type {HTMLElement[]} */
  const parts = option.type === 'checkbox' ? [input, label] : [label, input];
  if (option.hint) {
    const hint = bilingual(document.createElement('p'), option.hint);
    hint.className = 'hint';
    hint.id = `${inputId}-hint`;
    described.unshift(hint.id);
    parts.push(hint);
  }
  input.setAttribute('aria-describedby', described.join(' '));
  parts.push(error);
  field.append(...parts);
  input.addEventListener(option.type === 'text' || option.type === 'number' ? 'input' : 'change', () => update());
  return field;
}

// ------------------------------------------------------------------------------------------------------------ model

/**
 * The snippet as data: the portal's attributes and each chosen widget's, in order. Options that are not valid are left
 * out and reported (the field says why).
 * @returns {{ agency: string, lang: string, widgets: Array<{ tag: string, attrs: Array<[string, string | true]> }>, invalid: number }}
 */
function model() {
  let invalid = 0;
  /** @type {Array<{ tag: string, attrs: Array<[string, string | true]> }>} */
  const widgets = [];
  for (const spec of WIDGETS) {
    const id = spec.tag.slice('motcua-'.length);
    const check = /** @type {HTMLInputElement} */ ($(`w-${id}`));
    /** @type {Array<[string, string | true]>} */
    const attrs = [];
    for (const option of spec.options) {
      const input = /** @type {HTMLInputElement} */ ($(`o-${id}-${option.name}`));
      const error = $(`${input.id}-error`);
      const problem = check.checked ? validate(option, input) : undefined;
      error.hidden = !problem;
      error.textContent = problem ?? '';
      if (problem) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (!check.checked) continue;
      if (problem) {
        invalid++;
        continue;
      }
      if (option.type === 'checkbox') {
        if (input.checked) attrs.push([option.name, true]);
      } else if (input.value.trim()) attrs.push([option.name, input.value.trim()]);
    }
    if (check.checked) widgets.push({ tag: spec.tag, attrs });
  }
  return { agency: agencySelect.value, lang: langSelect.value, widgets, invalid };
}

/** @param {import('./nhung-widgets.js').WidgetOption} option @param {HTMLInputElement} input */
function validate(option, input) {
  const value = option.type === 'checkbox' ? '' : input.value.trim();
  if (option.type === 'number' && (input.validity.badInput || value)) {
    const n = Number(value);
    if (input.validity.badInput || !/^\d+$/.test(value) || n < (option.min ?? 0) || n > (option.max ?? Infinity))
      return t(TEXT.number).replace('{min}', String(option.min)).replace('{max}', String(option.max));
  }
  if (option.required && !value) return t(TEXT.required);
  if (option.pattern && value && !new RegExp(option.pattern).test(value)) return t(TEXT.pattern);
  return undefined;
}

/** HTML attribute value, escaped so that any text the webmaster typed stays one attribute. */
const escapeAttr = (/** @type {string} */ s) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** @param {Array<[string, string | true]>} attrs */
const attrText = (attrs) => attrs.map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join('');

/** @param {ReturnType<typeof model>} m */
function portalAttrs(m) {
  /** @type {Array<[string, string]>} */
  const attrs = [
    ['api', `${location.origin}${API_PATH}`],
    ['agency', m.agency],
  ];
  if (m.lang) attrs.push(['lang', m.lang]);
  return attrs;
}

/** The snippet text of a model. */
function snippetText(/** @type {ReturnType<typeof model>} */ m) {
  const lines = [`<script type="module" src="${location.origin}${LOADER_PATH}"></script>`, `<motcua-portal${attrText(portalAttrs(m))}>`];
  for (const w of m.widgets) lines.push(`  <${w.tag}${attrText(w.attrs)}></${w.tag}>`);
  lines.push('</motcua-portal>');
  return `${lines.join('\n')}\n`;
}

/** The preview's elements of a model: the same portal and widgets, built with DOM calls. */
function previewNodes(/** @type {ReturnType<typeof model>} */ m) {
  const portal = document.createElement('motcua-portal');
  for (const [k, v] of portalAttrs(m)) portal.setAttribute(k, v);
  for (const w of m.widgets) {
    const el = document.createElement(w.tag);
    for (const [k, v] of w.attrs) el.setAttribute(k, v === true ? '' : v);
    // The preview must not rewrite this page's address when a procedure is opened.
    if (w.tag === 'motcua-procedure-lookup') el.setAttribute('no-history', '');
    portal.append(el);
  }
  return portal;
}

let shown = '';
let timer = 0;

/** Re-validates, rewrites the snippet at once, and re-mounts the preview shortly after typing stops. */
function update() {
  const m = model();
  const empty = $('preview-empty');
  const ready = Boolean(m.agency) && m.widgets.length > 0;
  empty.replaceChildren();
  if (!m.agency) bilingual(empty, TEXT.needAgency);
  else if (!m.widgets.length) bilingual(empty, TEXT.needWidget);
  empty.hidden = ready;
  const text = ready ? snippetText(m) : '';
  snippetBox.value = text;
  copyButton.disabled = !ready || m.invalid > 0;
  const invalid = $('snippet-invalid');
  invalid.hidden = m.invalid === 0;
  invalid.replaceChildren();
  if (m.invalid) bilingual(invalid, TEXT.invalid);
  copyStatus.textContent = '';
  window.clearTimeout(timer);
  if (text === shown) return;
  timer = window.setTimeout(() => {
    shown = text;
    preview.replaceChildren(...(ready ? [previewNodes(m)] : []));
    preview.dataset.snippet = text;
  }, 250);
}

// ------------------------------------------------------------------------------------------------------------ copy

async function copy() {
  const text = snippetBox.value;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    copyStatus.textContent = t(TEXT.copied);
    copyStatus.dataset.state = 'copied';
  } catch {
    // Not allowed (insecure page, permissions, old browser): select the text so Ctrl+C copies it, and say so.
    snippetBox.focus();
    snippetBox.select();
    copyStatus.textContent = t(TEXT.copyFallback);
    copyStatus.dataset.state = 'select';
  }
}

// ------------------------------------------------------------------------------------------------------------ language

/** Texts set by this script follow <html lang> (the page's spans switch by CSS). */
function relabel() {
  document.title = t(TEXT.title);
  renderProvinces();
  renderLangs();
  for (const o of document.querySelectorAll('#widgets option')) {
    const option = /** @type {HTMLOptionElement} */ (o);
    option.textContent = (lang() ? option.dataset.en : option.dataset.vi) ?? option.textContent;
  }
  if (!$('agency-error').hidden) $('agency-error').textContent = t(TEXT.loadFailed);
  update();
}

async function start() {
  provinceSelect.disabled = true;
  fillSelect(provinceSelect, [['', t(TEXT.loading)]], '');
  $('agency-error').hidden = true;
  $('agency-retry').hidden = true;
  try {
    directory = await loadDirectory();
    provinceSelect.disabled = false;
    // One province (a provincial portal's server): chosen already.
    if (directory.length === 1) provinceSelect.value = directory[0]?.code ?? '';
    renderProvinces();
    if (directory.length === 1 && directory[0]?.communes.length === 1) agencySelect.value = directory[0].communes[0]?.code ?? '';
    renderCommunes();
  } catch {
    fillSelect(provinceSelect, [['', t(TEXT.chooseProvince)]], '');
    $('agency-error').textContent = t(TEXT.loadFailed);
    $('agency-error').hidden = false;
    $('agency-retry').hidden = false;
  }
  update();
}

buildWidgets();
renderLangs();
provinceSelect.addEventListener('change', () => {
  agencySelect.value = '';
  renderCommunes();
  update();
});
agencySelect.addEventListener('change', () => {
  renderCommunes();
  update();
});
langSelect.addEventListener('change', () => update());
copyButton.addEventListener('click', () => void copy());
$('agency-retry').addEventListener('click', () => void start());
$('nhung-form').addEventListener('submit', (e) => e.preventDefault());
new MutationObserver(relabel).observe(root, { attributes: true, attributeFilter: ['lang'] });
document.title = t(TEXT.title);
void start();
