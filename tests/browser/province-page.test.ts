// The provincial demo page (/tinh): strict CSP, no inline code; a citizen types the name of their old, merged-away
// commune, picks the new commune, and the lookup, tracker and statistics inside the portal switch to it without a
// reload; the provincial figures list at least 20 communes (the reference server runs with MOTCUA_DEMO_PROVINCE=48).
import { expect, waitUntil } from '@open-wc/testing';
import { expectNoInlineCode, page } from './helpers.js';

const HAI_CHAU = '000.30.02.H17';
const HOA_VANG = '000.30.01.H17';

async function open(path: string): Promise<{ frame: HTMLIFrameElement; win: Window; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1024px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow!, doc: frame.contentDocument! };
}

const fetched = (win: Window, part: string): boolean =>
  win.performance.getEntriesByType('resource').some((e) => decodeURIComponent(e.name).includes(part));

describe('provincial demo page /tinh', () => {
  beforeEach(() => localStorage.removeItem('motcua.agency-picker.48'));

  it('is a strict-CSP page with the picker, lookup, tracker and stats in one portal', async () => {
    const { response, doc } = await page('/demo/tinh');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy') ?? '').not.to.contain('unsafe-inline');
    await expectNoInlineCode(doc, response.headers.get('content-security-policy') ?? '');
    const portal = doc.querySelector('motcua-portal')!;
    for (const tag of ['motcua-agency-picker', 'motcua-procedure-lookup', 'motcua-dossier-tracker', 'motcua-service-stats'])
      expect(portal.querySelector(tag), tag).not.to.equal(null);
  });

  it('switches every widget of the portal to the new commune picked by its old name', async () => {
    const { frame, win, doc } = await open('/demo/tinh');
    try {
      await waitUntil(() => win.customElements.get('motcua-agency-picker'), 'picker not loaded by the embed', { timeout: 20_000 });
      const portal = doc.querySelector('motcua-portal') as HTMLElement & { agency: string };
      const picker = portal.querySelector('motcua-agency-picker')!;
      const lookup = portal.querySelector('motcua-procedure-lookup')!;
      const stats = portal.querySelector('motcua-service-stats')!;
      const tracker = portal.querySelector('motcua-dossier-tracker')!;
      await waitUntil(() => picker.shadowRoot?.querySelector('input:not([disabled])'), 'picker not ready', { timeout: 20_000 });
      await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'lookup shows no procedures', { timeout: 20_000 });
      expect(portal.agency).to.equal(HAI_CHAU);
      expect(fetched(win, `/agencies/${HOA_VANG}/`), 'nothing of Hòa Vang loaded yet').to.equal(false);

      const input = picker.shadowRoot!.querySelector('input')!;
      input.focus();
      input.value = 'Hòa Phong';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'), 'no commune offered');
      const option = picker.shadowRoot!.querySelector('[role="option"]')!;
      expect(option.textContent).to.contain('Xã Hoà Vang');
      expect(option.textContent).to.contain('Xã Hòa Phong');
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));

      await waitUntil(() => portal.agency === HOA_VANG, 'the portal did not switch');
      expect(picker.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Xã Hòa Phong nay thuộc Xã Hoà Vang');
      expect(win.location.pathname, 'no reload').to.match(/\/tinh$/);
      await waitUntil(() => fetched(win, `/agencies/${HOA_VANG}/procedures/catalog`), 'the lookup did not load the new catalog', {
        timeout: 20_000,
      });
      await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'the lookup shows no procedures after the switch', {
        timeout: 20_000,
      });
      // The tracker and the statistics are below the fold, marked loading="lazy": nothing of them is loaded until the
      // reader scrolls towards them.
      expect(win.customElements.get('motcua-service-stats'), 'stats loaded before the reader scrolled').to.equal(undefined);
      expect(fetched(win, '/components/service-stats.js')).to.equal(false);
      stats.scrollIntoView();
      tracker.scrollIntoView();
      await waitUntil(() => fetched(win, `/agencies/${HOA_VANG}/stats`), 'the stats did not load the new commune', { timeout: 20_000 });
      await waitUntil(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'the stats show no figures', { timeout: 20_000 });
      // The tracker reads the commune from the dossier code; inside the switched portal it is ready for a code.
      await waitUntil(() => tracker.shadowRoot?.querySelector('input:not([disabled])'), 'the tracker is not ready', {
        timeout: 20_000,
      });

      const province = doc.querySelector('motcua-service-stats[scope="province"]')!;
      province.scrollIntoView();
      await waitUntil(() => (province.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) >= 20, 'fewer than 20 communes', {
        timeout: 30_000,
      });
      const before = [...province.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent);
      province.shadowRoot!.querySelector<HTMLButtonElement>('thead button')!.click();
      await waitUntil(() => province.shadowRoot!.querySelector('th[aria-sort="ascending"]'), 'the table did not sort by name');
      const names = [...province.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent ?? '');
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'vi')));
      expect(names.length).to.equal(before.length);
    } finally {
      frame.remove();
    }
  });
});
