// Browser-side helpers for the evidence suites (hostile pages, bad data, accessibility sweep): each widget as a
// webmaster embeds it, how to tell it is ready, and its main task done the way a user would do it.
import { html, nothing, render, type TemplateResult } from 'lit';
import { demoDossiers, DEMO_AGENCY } from '../../packages/server/src/demo-dossiers.js';

export const API = new URL('/api/v1', location.origin).href;
export const AGENCY = DEMO_AGENCY;
/** The demo kiosk's device credential (kiosk votes need an enrolled device; the demo server serves this one). */
export const DEVICE: string = await fetch(`/demo/demo-device.json?agency=${DEMO_AGENCY}`)
  .then(async (r) => ((await r.json()) as { credential: string }).credential)
  .catch(() => `MCD${'7'.repeat(25)}`);
export const DOSSIER = demoDossiers().find((d) => d.status === 'processing') ?? demoDossiers()[0]!;

/** Every element matching `selector` in `root` and in all shadow roots below it. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode | null | undefined, selector: string): T[] {
  if (!root) return [];
  const out = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll<T>(el.shadowRoot, selector));
  return out;
}

export const deep = <T extends Element = HTMLElement>(root: ParentNode | null | undefined, selector: string): T | undefined =>
  deepAll<T>(root, selector)[0];

/** Waits until `fn` returns a truthy value (polling every 25 ms), or throws with `message` after `timeout` ms. */
export async function until<T>(fn: () => T | undefined | null | false, message: string, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens `src` (a test page of its own, e.g. under a strict CSP) in an iframe of the given size; resolves once loaded. */
export async function openFrame(src: string, width: number, height: number): Promise<{ frame: HTMLIFrameElement; win: Window }> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  frame.src = src;
  document.body.append(frame);
  const name = new URL(src).pathname.split('/').pop() ?? src;
  const win = await until(
    () =>
      frame.contentWindow?.location.pathname.endsWith(`/${name}`) &&
      frame.contentWindow.document.readyState === 'complete' &&
      frame.contentWindow,
    `${name} loaded`,
    30_000,
  );
  return { frame, win };
}

/** Whether an element is really visible: has a box, not hidden, not transparent. */
export function visible(el: Element | undefined): boolean {
  if (!el) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return false;
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
  }
  return true;
}

export function setInput(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value, inputType: 'insertText' }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export interface WidgetCase {
  tag: string;
  /** The element as a webmaster writes it (own `api` and `agency` attributes). */
  template: (options?: { api?: string; queue?: string }) => TemplateResult;
  /** Resolves when the widget has loaded its data (or throws). */
  ready: (el: HTMLElement) => Promise<unknown>;
  /** The widget's main task done with the mouse/DOM, resolving when the user sees the outcome. */
  task: (el: HTMLElement) => Promise<unknown>;
}

const uniqueQueue = () => `evidence-${Math.random().toString(36).slice(2)}`;

export const WIDGETS: WidgetCase[] = [
  {
    tag: 'motcua-procedure-lookup',
    template: (o = {}) =>
      html`<motcua-procedure-lookup
        api=${o.api !== undefined ? o.api || nothing : API}
        agency=${AGENCY}
        no-history
      ></motcua-procedure-lookup>`,
    ready: (el) => until(() => deepAll<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]').find((i) => !i.disabled), 'lookup input'),
    task: async (el) => {
      const input = deep<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]');
      if (!input) throw new Error('no input');
      setInput(input, 'khai sinh');
      const option = await until(() => deep<HTMLElement>(el.shadowRoot, '[role="option"]'), 'lookup results for "khai sinh"');
      option.click();
      return until(() => deep(el.shadowRoot, '[part~="detail"] h2, [part~="detail"] h3'), 'procedure detail');
    },
  },
  {
    tag: 'motcua-dossier-tracker',
    template: (o = {}) => html`<motcua-dossier-tracker api=${o.api !== undefined ? o.api || nothing : API}></motcua-dossier-tracker>`,
    ready: (el) => until(() => deep<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]'), 'tracker input'),
    task: async (el) => {
      const input = deep<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]');
      if (!input) throw new Error('no input');
      setInput(input, DOSSIER.code);
      deep<HTMLButtonElement>(el.shadowRoot, 'form button[type="submit"]')?.click();
      return until(() => deep(el.shadowRoot, '[part~="result"][data-status]'), 'dossier status shown');
    },
  },
  {
    tag: 'motcua-satisfaction',
    template: (o = {}) =>
      html`<motcua-satisfaction
        mode="kiosk"
        api=${o.api !== undefined ? o.api || nothing : API}
        agency=${AGENCY}
        counter="1"
        lock-ms="0"
        queue=${o.queue ?? uniqueQueue()}
        .device=${DEVICE}
      ></motcua-satisfaction>`,
    ready: (el) =>
      until(
        () => deepAll<HTMLButtonElement>(el.shadowRoot, 'button[part~="choice"]').filter((b) => !b.disabled).length >= 3,
        'kiosk answers',
      ),
    task: async (el) => {
      deepAll<HTMLButtonElement>(el.shadowRoot, 'button[part~="choice"]')[0]?.click();
      return until(() => deep(el.shadowRoot, '[part~="thanks"]'), 'kiosk thank-you screen');
    },
  },
  {
    tag: 'motcua-service-stats',
    template: (o = {}) =>
      html`<motcua-service-stats api=${o.api !== undefined ? o.api || nothing : API} agency=${AGENCY}></motcua-service-stats>`,
    ready: (el) => until(() => deepAll(el.shadowRoot, '[part~="tile"]').length >= 3, 'stats tiles'),
    task: (el) =>
      until(() => deep(el.shadowRoot, 'table') && /\d/.test(deep(el.shadowRoot, '[part~="value"]')?.textContent ?? ''), 'stats figures'),
  },
  {
    tag: 'motcua-qr-card',
    template: (o = {}) =>
      html`<motcua-qr-card api=${o.api !== undefined ? o.api || nothing : API} agency=${AGENCY} procedure="1.001193"></motcua-qr-card>`,
    ready: (el) => until(() => deep(el.shadowRoot, 'svg[part~="qr"]'), 'QR drawn'),
    task: (el) => until(() => deep(el.shadowRoot, '[part~="url"]')?.textContent?.includes('1.001193'), 'QR card URL text'),
  },
  {
    tag: 'motcua-qr-sheet',
    template: (o = {}) => html`<motcua-qr-sheet api=${o.api !== undefined ? o.api || nothing : API} agency=${AGENCY}></motcua-qr-sheet>`,
    ready: (el) => until(() => deep(el.shadowRoot, '[part~="page"]'), 'QR sheet pages', 30_000),
    task: (el) => until(() => deep<HTMLButtonElement>(el.shadowRoot, 'button[part~="print"]'), 'print button'),
  },
];

/** Renders `template` into a fresh container in the document and returns the first element of `tag`. */
export async function mount(template: TemplateResult, tag: string, container: HTMLElement = document.body): Promise<HTMLElement> {
  // An unknown element as the wrapper, so host stylesheets that hide divs and sections do not hide it.
  const host = document.createElement('evidence-host');
  host.style.display = 'block';
  container.append(host);
  render(template, host);
  const el = await until(() => host.querySelector<HTMLElement>(tag) ?? deep<HTMLElement>(host, tag), `${tag} in the page`);
  await customElements.whenDefined(tag);
  return el;
}

/** Removes everything `mount` added. */
export function unmountAll(container: HTMLElement = document.body): void {
  for (const child of [...container.children]) if (child.localName === 'evidence-host') child.remove();
}

/** Collects uncaught errors and unhandled rejections while a test runs. */
export function collectErrors(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String(e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
