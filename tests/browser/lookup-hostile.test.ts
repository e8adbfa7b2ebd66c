// A host page whose stylesheet resets or hides everything must not break the lookup (its shadow DOM keeps its styles).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@motcua/elements/components/procedure-lookup.js';

const API = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';

describe('lookup on a hostile host page', () => {
  let style: HTMLStyleElement;
  before(() => {
    style = document.createElement('style');
    style.textContent = `* { all: unset; } button { display: none !important; } input { display: none; } mark { background: black; color: black; }
      motcua-procedure-lookup { font-size: 4px; }`;
    document.head.append(style);
  });
  after(() => style.remove());

  it('stays visible and usable with the keyboard', async () => {
    const el = await fixture(html`<motcua-procedure-lookup api=${API} agency=${AGENCY} no-history></motcua-procedure-lookup>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('#o0'), 'no results', { timeout: 15_000 });
    const input = root.querySelector<HTMLInputElement>('#input')!;
    const box = input.getBoundingClientRect();
    expect(box.height).to.be.at.least(40, 'the search box keeps its 44px target');
    expect(getComputedStyle(input).display).to.equal('block');
    const more = root.querySelector<HTMLButtonElement>('[part~="more"]')!;
    expect(getComputedStyle(more).display).not.to.equal('none');
    expect(more.getBoundingClientRect().height).to.be.at.least(40);
    input.focus();
    await sendKeys({ type: 'khai sinh' });
    await waitUntil(() => /khai sinh/i.test(root.querySelector('#o0')?.textContent ?? ''), 'typing did not search');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part~="back"]'), 'detail did not open');
    const back = root.querySelector<HTMLButtonElement>('[part~="back"]')!;
    expect(back.getBoundingClientRect().height).to.be.at.least(40);
  });
});
