import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { ConnectionController } from '../../internal/client-resolver.js';
import { AGENCY, API, clientWith, json, shadowQuery, text } from '../procedure-lookup/test-helpers.js';
import type { MotcuaPortal } from './portal.component.js';
// The lookup is imported up front; the portal only inside the tests, so the first test sees it upgrade late.
import '../procedure-lookup/procedure-lookup.js';

/** A minimal widget that shows what its ConnectionController resolved. */
class TestConsumer extends MotcuaElement {
  @property() api = '';
  @property() agency = '';
  readonly connection = new ConnectionController(this);
  override render() {
    return litHtml`<p>${this.connection.agency}|${this.connection.api}|${this.connection.problem() ?? 'ok'}</p>`;
  }
}
TestConsumer.define('motcua-test-consumer');

const shown = (el: Element) => text(el.shadowRoot?.querySelector('p'));

// `fixture()` of a plain element waits for an animation frame, which hidden tabs never get when test files run in
// parallel; mounting with Lit's `render` needs none.
const mounted: HTMLElement[] = [];
function mount(template: TemplateResult): HTMLElement {
  const host = document.createElement('div');
  render(template, host);
  document.body.append(host);
  mounted.push(host);
  return host;
}

describe('<motcua-portal> and ConnectionController', () => {
  afterEach(() => {
    for (const host of mounted.splice(0)) host.remove();
    fixtureCleanup();
  });

  // Runs first: <motcua-portal> is not defined yet, so this is a provider that upgrades after its children.
  it('reaches widgets that upgraded before the portal (ContextRoot)', async () => {
    const wrapper = mount(
      html`<div>
        <motcua-portal api=${API} agency=${AGENCY}
          ><section><motcua-test-consumer></motcua-test-consumer></section
        ></motcua-portal>
      </div>`,
    );
    const consumer = wrapper.querySelector('motcua-test-consumer')!;
    await waitUntil(() => shown(consumer), 'consumer did not render');
    expect(shown(consumer)).to.equal('||missing_api');
    expect(customElements.get('motcua-portal')).to.equal(undefined);
    await import('./portal.js');
    await waitUntil(() => shown(consumer) === `${AGENCY}|${API}|ok`, `late portal not seen: ${shown(consumer)}`);
  });

  it('lets a widget override the portal agency and api with its own attributes', async () => {
    await import('./portal.js');
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api="/elsewhere/api/v1" agency="000.00.06.H56">
        <motcua-test-consumer></motcua-test-consumer>
        <motcua-test-consumer agency=${AGENCY}></motcua-test-consumer>
        <motcua-test-consumer api=${API}></motcua-test-consumer>
      </motcua-portal>`,
    );
    const [a, b, c] = [...portal.querySelectorAll('motcua-test-consumer')];
    await waitUntil(() => shown(a!) && shown(b!) && shown(c!));
    expect(shown(a!)).to.equal(`000.00.06.H56|${location.origin}/elsewhere/api/v1|ok`);
    expect(shown(b!)).to.equal(`${AGENCY}|${location.origin}/elsewhere/api/v1|ok`);
    expect(shown(c!)).to.equal(`000.00.06.H56|${API}|ok`);
  });

  it('serves several portals on one page, each widget using the nearest', async () => {
    await import('./portal.js');
    const catalog = (name: string) =>
      clientWith(() =>
        Promise.resolve(
          json({
            agency: AGENCY,
            updatedAt: '2026-01-01T00:00:00+07:00',
            items: [
              {
                code: '1.000001',
                name,
                sector: { code: 'S', name: 'Hộ tịch' },
                levels: ['commune'],
                onlineService: 'full',
                processingTime: null,
                feeSummary: null,
                kind: 'national',
              },
            ],
          }),
        ),
      );
    const page = mount(
      html`<div>
        <motcua-portal id="a" .client=${catalog('Thủ tục của xã A')} agency=${AGENCY}
          ><motcua-procedure-lookup no-history></motcua-procedure-lookup
        ></motcua-portal>
        <motcua-portal id="b" .client=${catalog('Thủ tục của phường B')} agency="000.30.02.H17" lang="en"
          ><motcua-procedure-lookup no-history></motcua-procedure-lookup
        ></motcua-portal>
      </div>`,
    );
    const a = page.querySelector('#a motcua-procedure-lookup')!;
    const b = page.querySelector('#b motcua-procedure-lookup')!;
    expect(text(await shadowQuery(a, '[part~="result-name"]'))).to.equal('Thủ tục của xã A');
    expect(text(await shadowQuery(b, '[part~="result-name"]'))).to.equal('Thủ tục của phường B');
    expect(text(b.shadowRoot!.querySelector('label'))).to.equal('Search procedures');
    expect(text(a.shadowRoot!.querySelector('label'))).to.equal('Tìm thủ tục');
  });

  it('updates its widgets when the portal agency changes', async () => {
    await import('./portal.js');
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API} agency=${AGENCY}><motcua-test-consumer></motcua-test-consumer></motcua-portal>`,
    );
    const consumer = portal.querySelector('motcua-test-consumer')!;
    await waitUntil(() => shown(consumer).startsWith(AGENCY));
    portal.agency = '000.30.02.H17';
    await waitUntil(() => shown(consumer).startsWith('000.30.02.H17'), 'agency change not propagated');
  });

  it('reports a missing agency', async () => {
    await import('./portal.js');
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API}><motcua-test-consumer></motcua-test-consumer></motcua-portal>`,
    );
    const consumer = portal.querySelector('motcua-test-consumer')!;
    await waitUntil(() => shown(consumer));
    expect(shown(consumer)).to.equal(`|${API}|missing_agency`);
  });
});
