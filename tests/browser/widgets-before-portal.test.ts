// Every widget inside a `<motcua-portal>` that has not answered yet — its chunk has not run, or it is defined but has not
// provided its API client yet — shows its loading state, never its "missing API" (or "missing agency") error and never
// nothing: its API is on its way, not missing. A page-level "every widget settled" check (busy states, `aria-busy`, the
// look-up's `:state(loading)`) reads them as still loading. Then each loads from the portal's API.
// A file of its own: `<motcua-portal>` must not be defined when the test starts (the component tests import it).
import { expect, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import '../../packages/elements/src/components/agency-picker/agency-picker.js';
import '../../packages/elements/src/components/procedure-lookup/procedure-lookup.js';
import '../../packages/elements/src/components/qr-card/qr-card.js';
import '../../packages/elements/src/components/qr-sheet/qr-sheet.js';
import '../../packages/elements/src/components/service-stats/service-stats.js';
import { MotcuaPortal } from '../../packages/elements/src/components/portal/portal.component.js';
import { AGENCY, API } from '../../packages/elements/src/components/procedure-lookup/test-helpers.js';

const ERROR_TEXT = /chưa cấu hình/i;

/** The text a widget shows (its shadow root's), whitespace collapsed. */
const said = (el: Element): string => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What each widget shows: its loading text, or what it shows once loaded; and whether it says something is wrong. */
function shown(el: Element): { text: string; alert: boolean; busy: boolean } {
  const root = el.shadowRoot;
  const alert = Boolean(root?.querySelector('[role="alert"], [part~="error"]')) || ERROR_TEXT.test(said(el));
  const busy =
    Boolean(root?.querySelector('[aria-busy="true"], .status.loading, [disabled]')) ||
    /đang tải/i.test(said(el)) ||
    el.matches(':state(loading)');
  return { text: said(el).slice(0, 80), alert, busy };
}

function expectWaiting(widgets: Element[], when: string): void {
  for (const el of widgets) {
    const { text: said, alert, busy } = shown(el);
    expect(alert, `<${el.localName}> shows an error ${when}: "${said}"`).to.equal(false);
    expect(busy, `<${el.localName}> shows no loading state ${when}: "${said}"`).to.equal(true);
    expect(said, `<${el.localName}> is blank ${when}`).not.to.equal('');
  }
}

type Widget = HTMLElement & { updateComplete: Promise<unknown> };
const settled = (widgets: Element[]) => Promise.all(widgets.map((el) => (el as Widget).updateComplete));

describe('widgets in a portal that has not answered yet', () => {
  let host: HTMLElement;
  let portal: Element;
  let widgets: Element[];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));

  before(() => {
    expect(customElements.get('motcua-portal'), 'the portal must not be defined yet').to.equal(undefined);
    host = document.createElement('div');
    // The API as a property, set before the portal's code ran (a framework binding, or the page's own script): the
    // portal has it at its first update, not when it connects.
    render(
      html`<motcua-portal .api=${API} agency=${AGENCY}>
        <motcua-procedure-lookup no-history></motcua-procedure-lookup>
        <motcua-agency-picker></motcua-agency-picker>
        <motcua-qr-card procedure="1.001193"></motcua-qr-card>
        <motcua-qr-sheet></motcua-qr-sheet>
        <motcua-service-stats></motcua-service-stats>
      </motcua-portal>`,
      host,
    );
    document.body.append(host);
    portal = host.querySelector('motcua-portal')!;
    widgets = [...portal.children];
  });
  after(() => {
    release();
    host.remove();
  });

  it("show their loading state, not an error, while the portal's code has not run", async () => {
    await settled(widgets);
    expectWaiting(widgets, 'while the portal code has not run');
    for (const el of widgets) await expect(el, `<${el.localName}> waiting`).to.be.accessible();
  });

  it('still show it while the portal is defined but has not provided its client, then load from its API', async function () {
    this.timeout(30_000);
    // A portal whose client comes late (its first update, where it provides the client, is held back): defined and
    // connected, not answered yet.
    class HeldPortal extends MotcuaPortal {
      protected override async scheduleUpdate(): Promise<void> {
        await held;
        super.scheduleUpdate();
      }
    }
    customElements.define('motcua-portal', HeldPortal);
    expect(portal).to.be.instanceOf(HeldPortal);
    await settled(widgets);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled(widgets);
    expectWaiting(widgets, 'while the portal is defined but has not provided its client');

    release();
    const [lookup, picker, card, sheet, stats] = widgets as [Element, Element, Element, Element, Element];
    const loaded = (): string[] =>
      [
        lookup.shadowRoot!.querySelectorAll('[role="option"]').length > 0 || 'the look-up lists no procedure',
        Boolean(picker.shadowRoot!.querySelector('input:not([disabled])')) || 'the agency picker did not load',
        Boolean(card.shadowRoot!.querySelector('svg[part~="qr"]')) || 'the QR card shows no code',
        Boolean(sheet.shadowRoot!.querySelector('[part~="card"]')) || 'the QR sheet shows no card',
        Boolean(stats.shadowRoot!.querySelector('[part~="tile"]')) || 'the statistics show no figures',
      ].filter((x): x is string => x !== true);
    await waitUntil(() => loaded().length === 0, `not loaded from the portal's API: ${loaded().join('; ')}`, { timeout: 20_000 });
    for (const el of widgets) expect(shown(el).alert, `<${el.localName}> shows an error once loaded`).to.equal(false);
  });

  it('show the missing-API error, not a loading state for ever, in a portal without an API (or with one that is not a URL)', async () => {
    release();
    if (!customElements.get('motcua-portal')) customElements.define('motcua-portal', class extends MotcuaPortal {});
    const page = document.createElement('div');
    render(
      html`<motcua-portal agency=${AGENCY}>
          <motcua-procedure-lookup no-history></motcua-procedure-lookup>
          <motcua-agency-picker></motcua-agency-picker>
          <motcua-qr-card procedure="1.001193"></motcua-qr-card>
          <motcua-qr-sheet></motcua-qr-sheet>
        </motcua-portal>
        <motcua-portal api="http://[::1" agency=${AGENCY}><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>`,
      page,
    );
    document.body.append(page);
    const inside = [...page.querySelectorAll('motcua-portal > *')];
    const missing = (): Element[] => inside.filter((el) => !ERROR_TEXT.test(said(el)));
    await waitUntil(() => missing().length === 0, '', { timeout: 10_000 }).catch(() => undefined);
    expect(
      missing().map((el) => `<${el.localName}> "${said(el).slice(0, 60)}"`),
      'widgets without the missing-API error',
    ).to.deep.equal([]);
    const lookup = inside[0]!;
    expect(lookup.matches(':state(loading)'), 'the look-up keeps the loading space with nothing to load').to.equal(false);
    await expect(lookup).to.be.accessible();
    page.remove();
  });
});
