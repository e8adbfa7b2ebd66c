// Shared helpers of the browser tests that check the demo pages the reference server serves.
import { expect } from '@open-wc/testing';

/** Fetches `path` from the test origin (bypassing the cache) and parses it, without running anything in it. */
export async function page(path: string): Promise<{ response: Response; doc: Document }> {
  const response = await fetch(path, { cache: 'no-store' });
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { response, doc };
}

/** Asserts `doc` has nothing a strict CSP would block: no inline scripts, `<style>`, `style=` or `on…` handlers. */
export function expectNoInlineCode(doc: Document): void {
  expect([...doc.querySelectorAll('script')].filter((s) => !s.src).length, 'inline <script>').to.equal(0);
  expect(doc.querySelectorAll('style').length, '<style>').to.equal(0);
  expect(doc.querySelectorAll('[style]').length, 'style= attributes').to.equal(0);
  const handlers = [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')));
  expect(handlers.length, 'on… handler attributes').to.equal(0);
}
