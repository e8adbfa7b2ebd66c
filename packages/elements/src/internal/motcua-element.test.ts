import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { MotcuaElement } from './motcua-element.js';
import { registerDefaults, registerTranslation, translate, type Translation } from './i18n.js';

declare module './motcua-element.js' {
  interface MotcuaEventMap {
    'motcua-test-ping': { n: number };
  }
}

registerDefaults({ vi: { 'test.hello': 'Xin chào {name}' }, en: { 'test.hello': 'Hello {name}' } });

class TestGreeting extends MotcuaElement {
  override render() {
    return litHtml`<p part="base">${this.t('test.hello', { name: 'An' })}</p>`;
  }
}
TestGreeting.define('motcua-test-greeting');

describe('MotcuaElement', () => {
  it('define() skips a tag that is already registered instead of throwing', () => {
    class Other extends MotcuaElement {}
    expect(() => Other.define('motcua-test-greeting')).not.to.throw();
    expect(customElements.get('motcua-test-greeting')).to.equal(TestGreeting);
  });

  it('speaks Vietnamese by default and follows the nearest ancestor lang', async () => {
    const vi = await fixture<TestGreeting>(html`<motcua-test-greeting></motcua-test-greeting>`);
    expect(vi.shadowRoot!.textContent).to.contain('Xin chào An');
    const wrapper = await fixture(html`<div lang="en"><motcua-test-greeting></motcua-test-greeting></div>`);
    const en = wrapper.querySelector('motcua-test-greeting') as TestGreeting;
    await en.updateComplete;
    expect(en.shadowRoot!.textContent).to.contain('Hello An');
  });

  it('re-renders when the ancestor language changes', async () => {
    const wrapper = await fixture(html`<div lang="vi"><motcua-test-greeting></motcua-test-greeting></div>`);
    const el = wrapper.querySelector('motcua-test-greeting') as TestGreeting;
    wrapper.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Hello An');
  });

  it('lets a host page register another language', async () => {
    registerTranslation('km', { 'test.hello': 'សួស្តី {name}' });
    const el = await fixture<TestGreeting>(html`<motcua-test-greeting lang="km"></motcua-test-greeting>`);
    expect(el.shadowRoot!.textContent).to.contain('សួស្តី An');
    // Missing terms fall back to Vietnamese, then to the key.
    expect(translate('km', 'test.missing')).to.equal('test.missing');
    expect(translate('fr', 'test.hello', { name: 'B' })).to.equal('Xin chào B');
  });

  it('applies terms from the array shared with the embed loader, in every copy of the i18n module, and re-renders', async () => {
    const el = await fixture<TestGreeting>(html`<motcua-test-greeting lang="ede"></motcua-test-greeting>`);
    expect(el.shadowRoot!.textContent).to.contain('Xin chào An');
    // What the loader's registerTranslation does (it does not bundle the i18n module).
    const shared = globalThis as unknown as Record<symbol, Array<[string, Translation]>>;
    shared[Symbol.for('motcua.i18n')]!.push(['ede', { 'test.hello': 'Kkŭm {name}' }]);
    expect(translate('ede', 'test.hello', { name: 'B' })).to.equal('Kkŭm B');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Kkŭm An');
    // A second copy of the module (another version of the script on the page) gets the terms registered before it
    // loaded, and what is registered through it reaches the first copy too.
    const copy = (await import(/* @vite-ignore */ `./i18n.ts?copy=${Date.now()}`)) as typeof import('./i18n.js');
    expect(copy.translate('ede', 'test.hello', { name: 'C' })).to.equal('Kkŭm C');
    copy.registerTranslation('ede', { 'test.bye': 'Tạm biệt' });
    expect(translate('ede', 'test.bye')).to.equal('Tạm biệt');
  });

  it('emits typed events that bubble out of shadow roots', async () => {
    const el = await fixture<TestGreeting>(html`<motcua-test-greeting></motcua-test-greeting>`);
    let got: unknown;
    document.addEventListener('motcua-test-ping', (e) => (got = (e as CustomEvent).detail), { once: true });
    el.emit('motcua-test-ping', { n: 3 });
    expect(got).to.deep.equal({ n: 3 });
  });
});
