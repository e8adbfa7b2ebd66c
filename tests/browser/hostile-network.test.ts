// Network faults seen by the widgets: while the network fails (connection errors and 500s, alternately), each widget
// shows an error state a user can read and act on; when the network comes back, its retry control (or simply
// trying again) brings the real data and the main task works. No uncaught exception throughout.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createClient } from '@motcua/sdk';
import '@motcua/elements/all.js';
import { AGENCY, collectErrors, deepAll, mount, unmountAll, until, WIDGETS } from '../a11y/widgets.js';

/** A client whose network is down (alternating connection errors and 500 problem answers) until `up()`. */
function flakyClient() {
  let down = true;
  let n = 0;
  const client = createClient({
    baseUrl: new URL('/api/v1', location.origin).href,
    retry: { limit: 0, backoffMs: 1 },
    timeout: 10_000,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) {
        if (n++ % 2 === 0) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }), {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      return fetch(input, init);
    },
  });
  return { client, up: () => (down = false) };
}

const errorState = (el: HTMLElement) =>
  deepAll(el.shadowRoot, '[role="alert"], [part~="error"], [part~="message"]').find((e) => (e.textContent ?? '').trim());

describe('widgets on a failing network, then recovering', () => {
  afterEach(() => unmountAll());

  // The kiosk queues votes through network failures (tests/browser/kiosk-queue.test.ts proves delivery).
  for (const widget of WIDGETS.filter((w) => w.tag !== 'motcua-satisfaction')) {
    it(`${widget.tag}: a readable error state, then the real data after the network returns`, async function () {
      this.timeout(60_000);
      const errors = collectErrors();
      const { client, up } = flakyClient();
      const portal = await mount(
        html`<motcua-portal agency=${AGENCY} .client=${client}>${widget.template({ api: '' })}</motcua-portal>`,
        'motcua-portal',
      );
      const el = await until(() => portal.querySelector<HTMLElement>(widget.tag), widget.tag);
      // The tracker loads on user action: ask for a dossier while the network is down.
      if (widget.tag === 'motcua-dossier-tracker')
        await widget
          .ready(el)
          .then(() => widget.task(el))
          .catch(() => undefined);
      const shown = await until(() => errorState(el), `${widget.tag}: error state while the network is down`, 20_000);
      expect((shown.textContent ?? '').trim().length, 'the error says something').to.be.greaterThan(10);

      up();
      const retry = deepAll<HTMLButtonElement>(el.shadowRoot, 'button').find((b) => /thử lại|retry|tải lại/i.test(b.textContent ?? ''));
      retry?.click();
      await widget.ready(el);
      await widget.task(el);
      errors.stop();
      expect(errors.errors).to.deep.equal([]);
    });
  }
});
