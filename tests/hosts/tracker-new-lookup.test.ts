// A new look-up in the tracker replaces what was shown: after a dossier is on screen, a mistyped code or a code that
// does not exist shows its error alone, never under the previous dossier (its status, dates or masked name).
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '@motcua/elements/all.js';
import { API, DOSSIER, deep, mount, setInput, unmountAll, until } from '../a11y/widgets.js';

async function showDossier(): Promise<HTMLElement> {
  const el = await mount(html`<motcua-dossier-tracker api=${API}></motcua-dossier-tracker>`, 'motcua-dossier-tracker');
  const input = await until(() => deep<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]'), 'tracker input');
  setInput(input, DOSSIER.code);
  deep<HTMLButtonElement>(el.shadowRoot, 'form button[type="submit"]')?.click();
  await until(() => deep(el.shadowRoot, '[part~="result"][data-status]'), 'first dossier shown');
  return el;
}

function lookUp(el: HTMLElement, code: string): void {
  setInput(deep<HTMLInputElement>(el.shadowRoot, 'input[part~="input"]')!, code);
  deep<HTMLButtonElement>(el.shadowRoot, 'form button[type="submit"]')!.click();
}

describe('tracker: a new look-up clears the previous dossier', () => {
  afterEach(() => unmountAll());

  it('a mistyped code shows the format error alone', async () => {
    const el = await showDossier();
    lookUp(el, 'ABC-123');
    await until(() => deep(el.shadowRoot, '[part~="error"]'), 'format error shown');
    expect(deep(el.shadowRoot, '[part~="result"]'), 'previous dossier still shown').to.equal(undefined);
    expect(el.shadowRoot!.textContent).to.not.include(DOSSIER.code);
  });

  it('a well-formed code that does not exist shows "not found" alone', async () => {
    const el = await showDossier();
    const missing = DOSSIER.code.replace(/\d{4}$/, '9999');
    expect(missing).to.not.equal(DOSSIER.code);
    lookUp(el, missing);
    await until(() => deep(el.shadowRoot, '[part~="message"][data-kind="not_found"]'), 'not found shown');
    expect(deep(el.shadowRoot, '[part~="result"]'), 'previous dossier still shown').to.equal(undefined);
  });
});
