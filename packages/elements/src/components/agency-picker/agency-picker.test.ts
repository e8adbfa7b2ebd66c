import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../portal/portal.js';
import './agency-picker.js';
import type { MotcuaPortal } from '../portal/portal.js';
import type { MotcuaAgencyPicker } from './agency-picker.js';
import { API, clientWith, json, press, text, type } from '../procedure-lookup/test-helpers.js';

const HOA_VANG = '000.30.01.H17';
const HAI_CHAU = '000.30.02.H17';

async function ready(picker: MotcuaAgencyPicker): Promise<HTMLInputElement> {
  await waitUntil(() => picker.shadowRoot?.querySelector<HTMLInputElement>('input:not([disabled])'), 'the picker did not load', {
    timeout: 15_000,
  });
  return picker.shadowRoot!.querySelector<HTMLInputElement>('input')!;
}

const status = (picker: MotcuaAgencyPicker): string => text(picker.shadowRoot!.querySelector('[role="status"]'));
const options = (picker: MotcuaAgencyPicker): HTMLElement[] => [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];

describe('<motcua-agency-picker>', () => {
  beforeEach(() => {
    localStorage.removeItem('motcua.agency-picker.48');
    localStorage.removeItem('motcua.agency-picker.all');
  });

  it('finds the new commune by an old name, sets the portal’s agency and says what happened', async () => {
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API} agency=${HAI_CHAU}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    const input = await ready(picker);
    expect(input.value, 'starts on the portal’s commune').to.equal('Phường Hải Châu');
    await expect(picker).to.be.accessible();
    input.focus();
    type(input, 'Hoa Phong');
    await picker.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const first = options(picker)[0]!;
    expect(text(first)).to.contain('Xã Hoà Vang');
    expect(text(first)).to.contain('gồm Xã Hòa Phong cũ');
    press(input, 'ArrowDown');
    await picker.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(first.id);
    expect(first.getAttribute('aria-selected')).to.equal('true');
    await expect(picker).to.be.accessible();
    const changed = new Promise<CustomEvent>((resolve) => picker.addEventListener('motcua-agency-change', resolve, { once: true }));
    press(input, 'Enter');
    expect((await changed).detail.agency).to.equal(HOA_VANG);
    await picker.updateComplete;
    expect(portal.agency).to.equal(HOA_VANG);
    expect(input.value).to.equal('Xã Hoà Vang');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(status(picker)).to.contain('Xã Hòa Phong nay thuộc Xã Hoà Vang');
    expect(localStorage.getItem('motcua.agency-picker.48'), 'remembered on the device').to.equal('20320');
  });

  it('restores the remembered commune on the next visit', async () => {
    localStorage.setItem('motcua.agency-picker.48', '20320');
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API} agency=${HAI_CHAU}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    await ready(picker);
    await waitUntil(() => portal.agency === HOA_VANG, 'the remembered commune was not applied');
  });

  it('takes the commune from the address (?xa=GSO code) before the remembered one', async () => {
    localStorage.setItem('motcua.agency-picker.48', '20320');
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?xa=20242`);
    try {
      const portal = await fixture<MotcuaPortal>(
        html`<motcua-portal api=${API} agency=${HOA_VANG}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
      );
      const picker = portal.querySelector('motcua-agency-picker')!;
      await ready(picker);
      await waitUntil(() => portal.agency === HAI_CHAU, 'the address did not preset the commune');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('leaves the portal alone for a commune this deployment does not serve, and says so', async () => {
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API} agency=${HOA_VANG}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    const input = await ready(picker);
    input.focus();
    // (The test server's demo province serves the first 20 communes of Đà Nẵng; Núi Thành is far down the list.)
    type(input, 'Núi Thành');
    await picker.updateComplete;
    expect(text(options(picker)[0])).to.contain('chưa kết nối dịch vụ');
    options(picker)[0]!.click();
    await picker.updateComplete;
    expect(portal.agency).to.equal(HOA_VANG);
    expect(status(picker)).to.contain('Xã Núi Thành chưa kết nối dịch vụ này');
  });

  it('closes the list with Escape, then clears the box, like the procedure lookup', async () => {
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    const input = await ready(picker);
    input.focus();
    type(input, 'hai');
    await picker.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    press(input, 'Escape');
    await picker.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    press(input, 'Escape');
    await picker.updateComplete;
    expect(input.value).to.equal('');
  });

  it('speaks English on an English page', async () => {
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal api=${API} lang="en"><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    await ready(picker);
    expect(text(picker.shadowRoot!.querySelector('label'))).to.equal('Your commune or ward');
  });

  it('shows an error with a retry when the directory cannot be loaded, and no list', async () => {
    let calls = 0;
    const client = clientWith(async () => {
      calls++;
      return calls === 1
        ? json({ type: 'about:blank', title: 'x', status: 503, code: 'unavailable' }, { status: 503 })
        : json({
            items: [],
            provinces: [{ code: '48', name: 'Thành phố Đà Nẵng' }],
            units: [{ code: '20320', province: '48', name: 'Xã Hoà Vang', formerly: [] }],
          });
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
    );
    const picker = portal.querySelector('motcua-agency-picker')!;
    await waitUntil(() => picker.shadowRoot!.querySelector('.error'), 'no error shown');
    expect(status(picker)).to.contain('Không tải được danh sách xã, phường');
    await expect(picker).to.be.accessible();
    picker.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    await ready(picker);
  });

  it('says when no API is configured', async () => {
    const picker = await fixture<MotcuaAgencyPicker>(html`<motcua-agency-picker></motcua-agency-picker>`);
    expect(text(picker.shadowRoot!.querySelector('[role="alert"]'))).to.contain('Chưa cấu hình địa chỉ API');
  });
});
