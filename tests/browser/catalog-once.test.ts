// A page downloads an agency's catalog once, however many widgets show it and however late they ask: a QR sheet
// loaded after the lookup has its results uses the lookup's answer (through a portal or with its own attributes),
// while another agency's widget asks for its own catalog.
import { expect, html, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import '@motcua/elements/components/procedure-lookup.js';
import '@motcua/elements/components/portal.js';
import type { MotcuaQrSheet } from '@motcua/elements';

const API = new URL('/api/v1', location.origin).href;
const HOA_VANG = '000.30.01.H17';
const HAI_CHAU = '000.30.02.H17';
const NHA_TRANG = '000.21.30.H56';

/** Catalog requests the page sent, per agency (counted as `fetch` is called, whatever the answer). */
const sent = new Map<string, number>();
const realFetch = globalThis.fetch;
const catalogUrl = /\/api\/v1\/agencies\/([^/]+)\/procedures\/catalog(?:\?|$)/;

/** `getCatalog` calls of the page's shared client not settled yet. */
let pending = 0;
const watched = new WeakSet<MotcuaClient>();
/** Follows every `getCatalog` call of the client the widgets share for `API` (elements' page-wide client map). */
function watchSharedClient(): void {
  const clients = (globalThis as unknown as Record<symbol, Map<string, MotcuaClient> | undefined>)[Symbol.for('motcua.shared-clients')];
  const client = clients?.get(API);
  if (!client || watched.has(client)) return;
  watched.add(client);
  const getCatalog = client.getCatalog.bind(client);
  client.getCatalog = (...args) => {
    pending++;
    return getCatalog(...args).finally(() => pending--);
  };
}

const mounted: HTMLElement[] = [];
// Mounted with Lit's `render`: `fixture()` waits for an animation frame, which hidden tabs never get when test files
// run in parallel.
function mount(template: TemplateResult): HTMLElement {
  const host = document.createElement('div');
  render(template, host);
  document.body.append(host);
  mounted.push(host);
  return host;
}

async function lookupResults(host: HTMLElement): Promise<void> {
  const lookup = host.querySelector('motcua-procedure-lookup')!;
  await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'the lookup showed no results', { timeout: 20_000 });
}

/** Adds a QR sheet (its code loaded only now, as the embed loads a lazy widget) and waits until its catalog call settled. */
async function addQrSheet(parent: HTMLElement, agency: string): Promise<MotcuaQrSheet> {
  await import('@motcua/elements/components/qr-sheet.js');
  watchSharedClient();
  const sheet = document.createElement('div');
  render(html`<motcua-qr-sheet api=${API} agency=${agency}></motcua-qr-sheet>`, sheet);
  parent.append(sheet);
  const el = sheet.querySelector('motcua-qr-sheet')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="card"]'), 'the QR sheet showed no cards', { timeout: 20_000 });
  await waitUntil(() => pending === 0, 'the QR sheet’s catalog call did not settle', { timeout: 20_000 });
  return el;
}

describe('the catalog is fetched once per page', () => {
  before(() => {
    globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const agency = catalogUrl.exec(new URL(url, location.href).pathname)?.[1];
      if (agency) sent.set(agency, (sent.get(agency) ?? 0) + 1);
      return realFetch(input, init);
    };
    // A first visit: no copy kept from an earlier run, so the lookup's results come from its own request.
    for (const agency of [HOA_VANG, HAI_CHAU, NHA_TRANG]) localStorage.removeItem(`motcua:catalog:${API}:${agency}`);
  });
  after(() => {
    globalThis.fetch = realFetch;
    for (const host of mounted.splice(0)) host.remove();
  });

  it('a QR sheet added after the lookup’s results uses the lookup’s catalog (own attributes)', async () => {
    const host = mount(html`<motcua-procedure-lookup api=${API} agency=${HOA_VANG} no-history></motcua-procedure-lookup>`);
    await lookupResults(host);
    expect(sent.get(HOA_VANG)).to.equal(1);
    const sheet = await addQrSheet(host, HOA_VANG);
    expect(sheet.shadowRoot!.querySelectorAll('[part~="card"]').length).to.be.greaterThan(0);
    expect(sent.get(HOA_VANG), 'catalog requests for the page').to.equal(1);
  });

  it('a lookup in a portal and a QR sheet with its own attributes share one request', async () => {
    const host = mount(
      html`<motcua-portal api=${API} agency=${HAI_CHAU}><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>`,
    );
    await lookupResults(host);
    await addQrSheet(host, HAI_CHAU);
    expect(sent.get(HAI_CHAU), 'catalog requests for the page').to.equal(1);
  });

  it('another agency’s widget asks for its own catalog, not the one just received', async () => {
    const host = mount(html`<section></section>`);
    const before = sent.get(HOA_VANG);
    const sheet = await addQrSheet(host, NHA_TRANG);
    expect(sent.get(NHA_TRANG)).to.equal(1);
    expect(sent.get(HOA_VANG), 'Hoà Vang’s catalog was not asked for again').to.equal(before);
    // Its cards are Nha Trang's procedures: as many as that agency's catalog holds.
    const own = (await (await realFetch(`${API}/agencies/${NHA_TRANG}/procedures/catalog`)).json()) as { items: unknown[] };
    await sheet.renderAll();
    expect(sheet.shadowRoot!.querySelectorAll('[part~="card"]').length).to.equal(own.items.length);
  });
});
