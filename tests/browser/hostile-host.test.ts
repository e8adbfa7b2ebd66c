// Hostile host pages: every widget still does its main task (against the real reference server) when the host page
// has a global stylesheet that resets or hides everything, a strict Content-Security-Policy (`default-src 'self'`:
// no inline script or style, no eval), the widget code included twice, or another Lit version of its own.
import { expect } from '@open-wc/testing';
import '@motcua/elements/all.js';
import { collectErrors, deep, deepAll, mount, openFrame, unmountAll, until, visible, WIDGETS } from '../a11y/widgets.js';

const SHEETS: Record<string, string> = {
  'resets everything (* { all: unset !important })': '* { all: unset !important; } html, body { display: block !important; }',
  'hides every common element type': `input, button, select, textarea, ul, ol, li, svg, a, p, div, span, h1, h2, h3, section, article, form, label,
     table, dl, dd, dt, fieldset, img, main, nav { display: none !important; visibility: hidden !important; opacity: 0 !important; }`,
  // On body, not html: a root font-size changes what rem means, which the widgets use on purpose (user font settings).
  'sets hostile inherited text styles': `body { color: transparent; font-size: 2px; line-height: 0; letter-spacing: -4px; word-spacing: -10px;
     text-transform: uppercase; text-align: right; white-space: nowrap; cursor: none; }`,
};

/** The widget's main control(s) must be visible and legible. */
function assertLegible(el: HTMLElement, label: string): void {
  const controls = deepAll<HTMLElement>(
    el.shadowRoot,
    'input[part~="input"], button[part~="choice"], [part~="tile"], svg[part~="qr"], [part~="print"]',
  );
  expect(controls.length, `${label}: main controls`).to.be.greaterThan(0);
  for (const control of controls.slice(0, 3)) {
    expect(visible(control), `${label}: ${control.localName}[part=${control.getAttribute('part')}] visible`).to.equal(true);
    const style = getComputedStyle(control);
    if (control.localName !== 'svg') {
      expect(style.color, `${label}: text colour`).to.not.equal('rgba(0, 0, 0, 0)');
      expect(parseFloat(style.fontSize), `${label}: font size`).to.be.greaterThan(11);
    }
  }
}

describe('hostile host stylesheets', () => {
  for (const [name, css] of Object.entries(SHEETS)) {
    describe(`a host page that ${name}`, () => {
      let style: HTMLStyleElement;
      beforeEach(() => {
        style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
      });
      afterEach(() => {
        style.remove();
        unmountAll();
      });
      for (const widget of WIDGETS) {
        it(`${widget.tag} still works`, async () => {
          const errors = collectErrors();
          const el = await mount(widget.template(), widget.tag);
          await widget.ready(el);
          assertLegible(el, widget.tag);
          await widget.task(el);
          errors.stop();
          expect(errors.errors).to.deep.equal([]);
        });
      }
    });
  }
});

describe('a strict Content-Security-Policy (default-src self)', () => {
  it('every widget works with no CSP violation', async () => {
    const { frame, win } = await openFrame(new URL('../a11y/fixtures/csp.html', import.meta.url).href, 1024, 2000);
    try {
      const doc = win.document;
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).to.equal("default-src 'self'");
      for (const widget of WIDGETS) {
        const el = await until(() => doc.querySelector<HTMLElement>(widget.tag), `${widget.tag} in the CSP page`);
        await until(() => el.shadowRoot, `${widget.tag} upgraded under CSP`, 20_000);
        await widget.ready(el);
        await widget.task(el);
      }
      // The policy is really enforced in this page: an inline style attribute change is reported.
      const violations = (win as unknown as { __cspViolations: string[] }).__cspViolations;
      expect(violations, violations.join('\n')).to.deep.equal([]);
      const probe = doc.createElement('script');
      probe.textContent = 'window.__inlineRan = true';
      doc.body.append(probe);
      await until(() => violations.length > 0, 'the inline probe script is reported as a violation');
      expect((win as unknown as { __inlineRan?: boolean }).__inlineRan).to.equal(undefined);
    } finally {
      frame.remove();
    }
  });
});

describe('the widget code included twice', () => {
  afterEach(() => unmountAll());

  it('a second copy of every component module (other URLs, so new classes) defines nothing twice and throws nothing', async () => {
    const errors = collectErrors();
    const names = ['procedure-lookup', 'dossier-tracker', 'satisfaction', 'service-stats', 'qr-card', 'qr-sheet', 'portal'];
    const before = names.map((n) => customElements.get(`motcua-${n}`));
    for (const name of names) {
      const base = new URL(`../../packages/elements/src/components/${name}/`, import.meta.url).href;
      const module = (await import(/* @vite-ignore */ `${base}${name}.component.ts?copy=2`)) as Record<string, unknown>;
      const cls = Object.values(module).find(
        (v): v is { define: (tag: string) => void } => typeof v === 'function' && typeof (v as { define?: unknown }).define === 'function',
      );
      expect(cls, `${name}: component class`).to.not.equal(undefined);
      expect(() => cls?.define?.(`motcua-${name}`)).to.not.throw();
      await import(/* @vite-ignore */ `${base}${name}.ts?copy=2`);
    }
    expect(names.map((n) => customElements.get(`motcua-${n}`))).to.deep.equal(before);
    for (const widget of WIDGETS) {
      const el = await mount(widget.template(), widget.tag);
      await widget.ready(el);
      await widget.task(el);
    }
    errors.stop();
    expect(errors.errors).to.deep.equal([]);
  });

  it('the embed loader script twice (when the embed build is served) loads each widget once', async function () {
    const res = await fetch('/embed/latest/motcua.js');
    if (!res.ok || !/javascript/.test(res.headers.get('content-type') ?? '')) {
      // The embed build is made by `npm run build`; npm test does not build. The load benchmark covers it too.
      this.skip();
    }
    const errors = collectErrors();
    const loader = '/embed/latest/motcua.js';
    await import(/* @vite-ignore */ loader);
    await import(/* @vite-ignore */ `${loader}?twice`);
    const el = await mount(WIDGETS[0]!.template(), WIDGETS[0]!.tag);
    await WIDGETS[0]!.ready(el);
    await WIDGETS[0]!.task(el);
    errors.stop();
    expect(errors.errors).to.deep.equal([]);
  });
});

describe('a host page that uses another Lit version (2.8.0) for its own elements', () => {
  afterEach(() => unmountAll());

  it('both the host element and every widget work side by side', async () => {
    const errors = collectErrors();
    const lit2 = (await import(/* @vite-ignore */ new URL('../a11y/fixtures/lit-2.8.0.js', import.meta.url).href)) as typeof import('lit');
    class HostCounter extends lit2.LitElement {
      static override properties = { count: { type: Number } };
      count = 0;
      override render() {
        return lit2.html`<button @click=${() => this.count++}>Host page button: ${this.count}</button>`;
      }
    }
    if (!customElements.get('host-lit2-counter')) customElements.define('host-lit2-counter', HostCounter);
    const versions = (globalThis as unknown as { litHtmlVersions?: string[] }).litHtmlVersions ?? [];
    expect(
      versions.some((v) => v.startsWith('2.')),
      `lit-html versions on the page: ${versions.join(', ')}`,
    ).to.equal(true);
    expect(
      versions.some((v) => v.startsWith('3.')),
      `lit-html versions on the page: ${versions.join(', ')}`,
    ).to.equal(true);

    const counter = document.createElement('host-lit2-counter');
    document.body.append(counter);
    const button = await until(() => deep<HTMLButtonElement>(counter.shadowRoot, 'button'), 'host Lit 2 element rendered');
    button.click();
    await until(() => button.textContent?.includes('1'), 'host Lit 2 element updates');
    for (const widget of WIDGETS) {
      const el = await mount(widget.template(), widget.tag);
      await widget.ready(el);
      await widget.task(el);
    }
    counter.remove();
    errors.stop();
    expect(errors.errors).to.deep.equal([]);
  });
});
