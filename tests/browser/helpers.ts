// Shared helpers of the browser tests that check the demo pages the reference server serves.
import { expect } from '@open-wc/testing';

/** Fetches `path` from the test origin (bypassing the cache) and parses it, without running anything in it. */
export async function page(path: string): Promise<{ response: Response; doc: Document }> {
  const response = await fetch(path, { cache: 'no-store' });
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { response, doc };
}

/** The CSP source expression allowing an inline `<style>` with this text (`'sha256-…'`). */
async function styleHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/**
 * Asserts `doc` has nothing a strict CSP would block: no inline scripts, `style=` or `on…` handlers, and no `<style>`
 * unless `csp` (the page's Content-Security-Policy) allows it by its hash (the demo server inlines small stylesheets so
 * they do not block rendering).
 */
export async function expectNoInlineCode(doc: Document, csp = ''): Promise<void> {
  expect([...doc.querySelectorAll('script')].filter((s) => !s.src).length, 'inline <script>').to.equal(0);
  const styleSrc = /(?:^|;)\s*style-src ([^;]*)/.exec(csp)?.[1]?.split(/\s+/) ?? [];
  for (const style of doc.querySelectorAll('style')) {
    expect(styleSrc, '<style> not allowed by a hash in the CSP').to.include(await styleHash(style.textContent ?? ''));
  }
  expect(doc.querySelectorAll('[style]').length, 'style= attributes').to.equal(0);
  const handlers = [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')));
  expect(handlers.length, 'on… handler attributes').to.equal(0);
}
