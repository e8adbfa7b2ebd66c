// Bad data to the widgets: every widget, fed through <motcua-portal>'s client by a hostile API (the real reference
// server's answers, rewritten): HTML and <script>/<img onerror> in free-text fields, script in every string field,
// wrong shapes, wrong types, huge arrays, an HTML maintenance page. Nothing from the data ever runs (a global canary
// stays unset, no <script>/<img onerror> appears in any shadow root), there is no uncaught exception, valid-but-nasty
// text is shown as text, and invalid data ends in a visible error state.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '@motcua/elements/all.js';
import { AGENCY, collectErrors, deep, deepAll, mount, unmountAll, until, WIDGETS } from '../a11y/widgets.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PAYLOAD = `<img src=x onerror="globalThis.__pwned = 'img'"><script>globalThis.__pwned = 'script'</script>"'&amp;<b>`;
const FREE_TEXT = new Set(['name', 'title', 'description', 'note', 'reason', 'centreName', 'address', 'requirements', 'text', 'detail']);
const HUGE = 2_000;

const mapJson = (value: Json, fn: (v: Json, key: string) => Json, key = ''): Json => {
  if (Array.isArray(value)) return value.map((v) => mapJson(v, fn, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapJson(fn(v, k), fn, k)]));
  return value;
};

/** Every list (outside an already enlarged one) repeated to HUGE items; procedure codes kept unique. */
function enlarge(value: Json, key = '', inside = false): Json {
  if (Array.isArray(value)) {
    const skip = inside || !value.length || ['days', 'levels', 'highlights'].includes(key);
    const list = skip
      ? value
      : Array.from({ length: HUGE }, (_, i) => {
          const item = value[i % value.length] as Json;
          if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.code === 'string' && /^\d\.\d{6}$/.test(item.code))
            return { ...item, code: `9.${String(i).padStart(6, '0')}`, name: `${String(item.name)} ${i}` };
          return item;
        });
    return list.map((v) => enlarge(v, key, true));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, enlarge(v, k, inside)]));
  return value;
}

const SCENARIOS: Record<string, { valid: boolean; rewrite: (json: Json) => string; type?: string }> = {
  'HTML and script appended to every free-text field': {
    valid: true,
    rewrite: (json) => JSON.stringify(mapJson(json, (v, k) => (typeof v === 'string' && FREE_TEXT.has(k) ? `${v} ${PAYLOAD}` : v))),
  },
  'script in every string field': {
    valid: false,
    rewrite: (json) => JSON.stringify(mapJson(json, (v) => (typeof v === 'string' ? PAYLOAD : v))),
  },
  'wrong shapes': { valid: false, rewrite: (json) => (Array.isArray(json) ? '{}' : '[{"unexpected": true}]') },
  'wrong types': {
    valid: false,
    rewrite: (json) =>
      JSON.stringify(
        mapJson(json, (v) =>
          typeof v === 'number'
            ? `${v}`
            : typeof v === 'string'
              ? v.length
              : typeof v === 'boolean'
                ? 'yes'
                : Array.isArray(v)
                  ? { length: v.length }
                  : v,
        ),
      ),
  },
  [`huge arrays (every list × ${HUGE.toLocaleString('en')})`]: { valid: true, rewrite: (json) => JSON.stringify(enlarge(json)) },
  'an HTML maintenance page with status 200': {
    valid: false,
    type: 'text/html; charset=utf-8',
    rewrite: () => `<!doctype html><title>Bảo trì</title><script>globalThis.__pwned = 'page'</script><h1>Hệ thống đang bảo trì</h1>`,
  },
};

/** A client whose fetch gets the real server's answer and rewrites every successful JSON body. */
function hostileClient(scenario: (typeof SCENARIOS)[string]): MotcuaClient {
  return createClient({
    baseUrl: new URL('/api/v1', location.origin).href,
    retry: { limit: 0, backoffMs: 1 },
    timeout: 20_000,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return res;
      const json = (await res.json()) as Json;
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      headers.delete('etag');
      if (scenario.type) headers.set('content-type', scenario.type);
      return new Response(scenario.rewrite(json), { status: res.status, headers });
    },
  });
}

const canary = () => (globalThis as { __pwned?: string }).__pwned;

describe('hostile data from the API', () => {
  afterEach(() => unmountAll());

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    describe(name, () => {
      for (const widget of WIDGETS) {
        it(`${widget.tag}: nothing runs, no uncaught error, ${scenario.valid ? 'the task works' : 'a visible error state'}`, async function () {
          this.timeout(90_000);
          const errors = collectErrors();
          const client = hostileClient(scenario);
          const portal = await mount(
            html`<motcua-portal agency=${AGENCY} .client=${client}>${widget.template({ api: '' })}</motcua-portal>`,
            'motcua-portal',
          );
          const el = await until(() => portal.querySelector<HTMLElement>(widget.tag), widget.tag);
          if (scenario.valid) {
            await widget.ready(el);
            await widget.task(el);
          } else {
            // Kick the widget into loading (the tracker and the kiosk load on user action).
            if (widget.tag === 'motcua-dossier-tracker' || widget.tag === 'motcua-satisfaction')
              await widget
                .ready(el)
                .then(() => widget.task(el))
                .catch(() => undefined);
            await until(
              () =>
                deepAll(el.shadowRoot, '[role="alert"], [part~="error"], [part~="message"], [part~="thanks"]').find((e) =>
                  (e.textContent ?? '').trim(),
                ),
              `${widget.tag}: an error state after ${name}`,
              30_000,
            );
          }
          await new Promise((r) => setTimeout(r, 200));
          errors.stop();
          expect(canary(), 'the canary the payload would set').to.equal(undefined);
          expect(deepAll(el.shadowRoot, 'script, [onerror], img[src="x"]').length, 'script or onerror elements from data').to.equal(0);
          expect(errors.errors).to.deep.equal([]);
          if (
            name.startsWith('HTML and script') &&
            !['motcua-qr-card', 'motcua-satisfaction', 'motcua-service-stats'].includes(widget.tag)
          ) {
            const text = deepAll(el.shadowRoot, '*')
              .map((e) => e.textContent ?? '')
              .join(' ');
            expect(text, 'the markup is shown as text').to.include('<img src=x');
          }
          expect(deep(el.shadowRoot, '*'), 'the widget still renders').to.not.equal(undefined);
        });
      }
    });
  }
});
