// Nothing lost, nothing counted twice: 300 kiosk votes over a network that drops ~30% of rating requests (half before
// they reach the server, half after the server stored them, so only the answer is lost) and delays the others, with
// a second "tab" syncing the same queue, and a page reload in the middle. Then the network comes back and the REAL
// reference server must count exactly 300 new ratings for the agency: 100 of each level.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '../../packages/elements/src/components/satisfaction/satisfaction.js';
import type { MotcuaSatisfaction, RatingSyncDetail } from '../../packages/elements/src/components/satisfaction/satisfaction.js';
import { calendarDate } from '../../packages/elements/src/internal/working-days.js';

const api = new URL('/api/v1', location.origin).href;
// Not the agency of the demo dossiers, so no other browser test rates it.
const AGENCY = '000.21.30.H56';
const LEVELS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Network {
  up: boolean;
  dropsBefore: number;
  dropsAfter: number;
  delivered: number;
}

/** A fetch that, while `net.up` is false, drops 15% of rating POSTs before sending, 15% after the server answered, and delays the rest. */
function flakyFetch(net: Network, random: () => number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (net.up || request.method !== 'POST') return fetch(request);
    const r = random();
    if (r < 0.15) {
      net.dropsBefore++;
      throw new TypeError('Failed to fetch (dropped before sending)');
    }
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 120)));
    const response = await fetch(request);
    if (r < 0.3) {
      net.dropsAfter++;
      await response.body?.cancel();
      throw new TypeError('Failed to fetch (connection lost after the server answered)');
    }
    net.delivered++;
    return response;
  };
}

/**
 * The days (Vietnam time) the test's votes can fall on: today and tomorrow, fixed when the test starts. Counted before
 * and after over this same window, so a run across the Vietnamese midnight (17:00 UTC) neither drops yesterday's
 * ratings from the second count nor misses the votes given after midnight.
 */
function voteDays(start: Date): { from: string; to: string } {
  return { from: calendarDate(start), to: calendarDate(new Date(start.getTime() + 86_400_000)) };
}

async function satisfactionCounts(
  client: MotcuaClient,
  days: { from: string; to: string },
): Promise<{ total: number; verySatisfied: number; satisfied: number; notSatisfied: number }> {
  const stats = await client.getStats(AGENCY, days);
  return stats.satisfaction;
}

const root = (el: Element): ShadowRoot => el.shadowRoot!;

describe('kiosk rating queue against the reference server', () => {
  it('delivers exactly 300 votes through drops, delays, two tabs and a reload', async function () {
    this.timeout(240_000);
    const id = crypto.randomUUID().slice(0, 8);
    const queue = `motcua-ratings-test-${id}`;
    const counter = `Q-${id}`;
    // The stats answer is cacheable for 60 s: bypass the browser's HTTP cache to see the new count.
    const plain = createClient({ baseUrl: api, fetch: (input, init) => fetch(new Request(input, { ...init, cache: 'no-store' })) });
    const days = voteDays(new Date());
    const before = await satisfactionCounts(plain, days);
    // Kiosk votes need an enrolled device: the demo site's demo kiosk of this agency.
    const { credential } = (await (await fetch(`/demo/demo-device.json?agency=${AGENCY}`)).json()) as { credential: string };

    const net: Network = { up: false, dropsBefore: 0, dropsAfter: 0, delivered: 0 };
    const random = prng(20261121);
    const flakyClient = (): MotcuaClient =>
      createClient({ baseUrl: api, fetch: flakyFetch(net, random), retry: { limit: 0 }, timeout: 10_000 });

    let maxPending = 0;
    const syncs: RatingSyncDetail[] = [];
    const onSync = (e: Event): void => {
      const detail = (e as CustomEvent<RatingSyncDetail>).detail;
      syncs.push(detail);
      maxPending = Math.max(maxPending, detail.pending);
    };
    document.addEventListener('motcua-rating-sync', onSync);

    const mount = async (): Promise<{ kiosk: MotcuaSatisfaction; otherTab: MotcuaSatisfaction; box: HTMLElement }> => {
      const box = await fixture<HTMLElement>(
        html`<div>
          <motcua-satisfaction
            mode="kiosk"
            agency=${AGENCY}
            counter=${counter}
            queue=${queue}
            lock-ms="0"
            reset-after="60"
            .device=${credential}
            .client=${flakyClient()}
          ></motcua-satisfaction>
          <motcua-satisfaction
            mode="kiosk"
            agency=${AGENCY}
            counter=${counter}
            queue=${queue}
            .device=${credential}
            .client=${flakyClient()}
          ></motcua-satisfaction>
        </div>`,
      );
      const [kiosk, otherTab] = [...box.querySelectorAll('motcua-satisfaction')] as [MotcuaSatisfaction, MotcuaSatisfaction];
      await kiosk.updateComplete;
      return { kiosk, otherTab, box };
    };

    let { kiosk, box } = await mount();
    const submitted: string[] = [];
    for (let i = 0; i < 300; i++) {
      if (i === 150) {
        // "Reload": the page goes away with votes still queued; a new page opens the same IndexedDB queue.
        box.remove();
        ({ kiosk, box } = await mount());
      }
      const level = LEVELS[i % 3]!;
      const button = [...root(kiosk).querySelectorAll<HTMLButtonElement>('[part="choice"]')][i % 3]!;
      const done = new Promise<void>((resolve) =>
        kiosk.addEventListener(
          'motcua-rating-submit',
          (e) => {
            expect(e.detail.queued).to.equal(true);
            expect(e.detail.rating.overall).to.equal(level);
            submitted.push(e.detail.rating.overall);
            resolve();
          },
          { once: true },
        ),
      );
      button.click();
      // "Chưa hài lòng" first asks which criterion fell short: sent as it is.
      await kiosk.updateComplete;
      root(kiosk).querySelector<HTMLButtonElement>('.send')?.click();
      await done;
      await kiosk.updateComplete;
      root(kiosk).querySelector<HTMLButtonElement>('.done')!.click();
      await kiosk.updateComplete;
    }
    expect(submitted.length).to.equal(300);
    // While the network was bad, votes waited in the queue.
    expect(maxPending).to.be.greaterThan(0);
    // Keep the network bad for a while longer: several sync rounds each send until a request is dropped.
    for (let round = 0; round < 25 && kiosk.queueCounts.pending > 0; round++) await kiosk.sync();
    expect(net.dropsBefore).to.be.greaterThan(3);
    expect(net.dropsAfter).to.be.greaterThan(3);

    // The network comes back.
    net.up = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(
      async () => {
        const last = syncs[syncs.length - 1];
        return last !== undefined && last.pending === 0 && kiosk.queueCounts.pending === 0;
      },
      'the queue did not drain',
      { timeout: 120_000, interval: 250 },
    );
    document.removeEventListener('motcua-rating-sync', onSync);
    expect(kiosk.queueCounts.rejected).to.equal(0);
    expect(root(kiosk).querySelector('[part="staff"]')!.textContent).to.contain('Đã gửi hết');

    const after = await satisfactionCounts(plain, days);
    console.log(
      `kiosk queue: 300 votes; drops before send ${net.dropsBefore}, after the server answered ${net.dropsAfter}, delivered while flaky ${net.delivered}; max pending ${maxPending}; server total +${after.total - before.total}`,
    );
    expect(after.total - before.total).to.equal(300);
    expect(after.verySatisfied - before.verySatisfied).to.equal(100);
    expect(after.satisfied - before.satisfied).to.equal(100);
    expect(after.notSatisfied - before.notSatisfied).to.equal(100);
    box.remove();
  });
});
