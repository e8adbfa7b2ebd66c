// Helpers for the browser tests of the procedure widgets (not part of any build).
import { waitUntil } from '@open-wc/testing';
import { createClient, type MotcuaClient } from '@motcua/sdk';

/** The reference server's API on the test origin (web-test-runner proxies /api to it). */
export const API = new URL('/api/v1', location.origin).href;
/** The first demo commune of the reference server's seed (UBND xã Hòa Vang). */
export const AGENCY = '000.30.01.H17';

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A client with its own `fetch`, no retries and no persistent cache: for error, offline and hostile-data tests. */
export function clientWith(fetchImpl: FetchLike): MotcuaClient {
  return createClient({ baseUrl: API, fetch: fetchImpl, retry: { limit: 0, backoffMs: 1 }, timeout: 5000 });
}

export function urlOf(input: RequestInfo | URL): URL {
  return new URL(input instanceof Request ? input.url : String(input), location.origin);
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** Waits until `query` finds an element in `root`'s shadow root and returns it. */
export async function shadowQuery<T extends Element = HTMLElement>(host: Element, selector: string, message?: string): Promise<T> {
  await waitUntil(() => host.shadowRoot?.querySelector(selector), message ?? `${selector} did not appear`, { timeout: 10_000 });
  return host.shadowRoot!.querySelector(selector) as T;
}

/** Text of an element with whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input the way a user does: sets the value and fires `input`. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Presses a key on an element (keydown), as keyboard users do. */
export function press(target: Element, key: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}

/** A procedure summary for stub catalogs. */
export function summary(code: string, name: string, extra: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    code,
    name,
    sector: { code: 'G15-TP07', name: 'Hộ tịch' },
    levels: ['commune'],
    onlineService: 'full',
    processingTime: { value: 1, unit: 'working_day' },
    feeSummary: { minVnd: 8000, maxVnd: 8000 },
    kind: 'national',
    ...extra,
  };
}
