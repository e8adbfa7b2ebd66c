// Hostile-host fixture set: every widget mounted in pages recreated from real themes' CSS habits (tests/hosts/*.css),
// checked the way a citizen would notice: legible text (inputs ≥ 16 px, other text ≥ 14 px), nothing wider than its
// box, kiosk targets ≥ 44 px, no page or console errors, axe clean. Fails when an isolation rule of
// packages/elements/src/internal/base.styles.ts (px sizes, box-sizing and text resets inside the shadow root) is removed.
import { expect } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '@motcua/elements/all.js';
import {
  API,
  AGENCY,
  collectErrors,
  openFrame,
  deep,
  deepAll,
  mount,
  unmountAll,
  until,
  visible,
  WIDGETS,
  type WidgetCase,
} from '../a11y/widgets.js';

interface Host {
  name: string;
  css: string;
  /** Attributes set on <html> while the host is active. */
  html?: Record<string, string>;
  /** Class of the theme's content container the widgets are placed in. */
  container?: string;
  /** The container is a cell of a layout table (old portal templates). */
  table?: boolean;
}

const HOSTS: Host[] = [
  { name: 'Bootstrap 3 (62.5% root, 14px/1.428 body, button { all: unset })', css: 'bootstrap3.css', container: 'container' },
  { name: 'Bootstrap 5 reboot', css: 'bootstrap5.css', container: 'container' },
  { name: 'WordPress block theme (Twenty Twenty-Four)', css: 'wordpress.css', container: 'wp-site-blocks is-layout-constrained' },
  { name: 'Joomla Cassiopeia', css: 'joomla.css', container: 'site-grid' },
  { name: 'Vietnamese provincial portal (* { 12px/1 Arial; content-box })', css: 'vn-portal.css', table: true },
  { name: '* { all: unset }', css: 'all-unset.css', container: 'container' },
  { name: 'right-to-left page', css: 'rtl.css', html: { dir: 'rtl', lang: 'ar' } },
  { name: 'dark page (color-scheme: dark)', css: 'dark.css' },
];

const PORTAL: WidgetCase = {
  tag: 'motcua-portal',
  template: () =>
    html`<motcua-portal api=${API} agency=${AGENCY}><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>`,
  ready: (el) => WIDGETS[0]!.ready(el.querySelector('motcua-procedure-lookup')!),
  task: (el) => WIDGETS[0]!.task(el.querySelector('motcua-procedure-lookup')!),
};

/** The widget itself, or for the portal the widget inside it (whose shadow root holds the controls). */
const inner = (el: HTMLElement): HTMLElement =>
  el.localName === 'motcua-portal' ? el.querySelector<HTMLElement>('motcua-procedure-lookup')! : el;

const px = (el: Element, prop: 'fontSize' | 'lineHeight'): number => parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el)[prop]);

/** Elements with their own visible text (not in SVG, not visually hidden). */
function textElements(root: ShadowRoot): HTMLElement[] {
  return deepAll<HTMLElement>(root, '*').filter(
    (el) =>
      !el.closest('svg, .visually-hidden, [hidden]') &&
      // A QR card nested in a widget (the lookup's detail) is a print layout sized in pt.
      !/^motcua-qr/.test((el.getRootNode() as ShadowRoot).host?.localName ?? '') &&
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) &&
      visible(el),
  );
}

const describeEl = (el: Element): string =>
  `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;

/** What a citizen would notice, checked on a widget whose task is done. */
export function assertHostProof(el: HTMLElement, label: string): void {
  const target = inner(el);
  const root = target.shadowRoot!;
  // Legible text. The QR card and sheet are print layouts sized in pt (their own rules, issue 15 item 5).
  const printLayout = /qr-/.test(target.localName);
  for (const input of deepAll<HTMLElement>(root, 'input:not([type="radio"]):not([type="checkbox"]), textarea, select')) {
    if (!visible(input)) continue;
    expect(px(input, 'fontSize'), `${label}: ${describeEl(input)} font size`).to.be.at.least(16);
  }
  if (!printLayout) {
    for (const t of textElements(root)) {
      expect(px(t, 'fontSize'), `${label}: ${describeEl(t)} font size`).to.be.at.least(14);
      const lh = px(t, 'lineHeight');
      // Big figures (stats values, kiosk faces) are set tight on purpose; running text must not be.
      if (!Number.isNaN(lh) && px(t, 'fontSize') < 20)
        expect(lh / px(t, 'fontSize'), `${label}: ${describeEl(t)} line height`).to.be.at.least(1.15);
    }
  }
  // Nothing wider than its box: the widget's top-level boxes do not scroll sideways, and every control stays inside them.
  for (const box of [...root.children].filter((c): c is HTMLElement => c.localName !== 'style' && visible(c))) {
    if (box.ownerDocument.defaultView!.getComputedStyle(box).overflowX === 'auto') continue;
    expect(box.scrollWidth, `${label}: ${describeEl(box)} overflows sideways`).to.be.at.most(box.clientWidth + 1);
    const outer = box.getBoundingClientRect();
    for (const control of deepAll<HTMLElement>(box, 'input, button, select, textarea').filter((c) => visible(c))) {
      const r = control.getBoundingClientRect();
      expect(r.left, `${label}: ${describeEl(control)} starts inside`).to.be.at.least(outer.left - 1);
      expect(r.right, `${label}: ${describeEl(control)} ends inside`).to.be.at.most(outer.right + 1);
    }
  }
  // Touch targets on the kiosk.
  if (target.getAttribute('mode') === 'kiosk') {
    for (const button of deepAll<HTMLButtonElement>(root, 'button').filter((b) => visible(b))) {
      const r = button.getBoundingClientRect();
      expect(Math.min(r.width, r.height), `${label}: kiosk ${describeEl(button)} target`).to.be.at.least(44);
    }
  }
}

/** Records console.error calls (Lit and the widgets report problems there) besides page errors. */
function collectConsole(): { errors: string[]; stop: () => void } {
  const page = collectErrors();
  const original = console.error;
  console.error = (...args: unknown[]) => {
    page.errors.push(`console.error: ${args.map(String).join(' ')}`);
    original.apply(console, args);
  };
  return {
    errors: page.errors,
    stop() {
      console.error = original;
      page.stop();
    },
  };
}

function place(host: Host): HTMLElement {
  const wrap = document.createElement('hosts-page');
  wrap.style.display = 'block';
  if (host.table) {
    const table = document.createElement('table');
    table.className = 'tbl-main';
    const cell = table.insertRow().insertCell();
    cell.className = 'col-main';
    wrap.append(table);
    document.body.append(wrap);
    return cell;
  }
  const box = document.createElement('div');
  box.className = host.container ?? '';
  const inside = host.container?.includes('site-grid')
    ? Object.assign(document.createElement('div'), { className: 'container-component' })
    : box;
  if (inside !== box) box.append(inside);
  wrap.append(box);
  document.body.append(wrap);
  return inside;
}

for (const host of HOSTS) {
  describe(`host page: ${host.name}`, () => {
    let link: HTMLLinkElement;
    let container: HTMLElement;
    const saved: Record<string, string | null> = {};
    before(async () => {
      link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(`./${host.css}`, import.meta.url).href;
      const loaded = new Promise((resolve, reject) => {
        link.onload = resolve;
        link.onerror = reject;
      });
      document.head.append(link);
      await loaded;
      for (const [k, v] of Object.entries(host.html ?? {})) {
        saved[k] = document.documentElement.getAttribute(k);
        document.documentElement.setAttribute(k, v);
      }
    });
    after(() => {
      link.remove();
      for (const [k, v] of Object.entries(saved)) {
        if (v === null) document.documentElement.removeAttribute(k);
        else document.documentElement.setAttribute(k, v);
      }
      document.querySelectorAll('hosts-page').forEach((p) => p.remove());
    });
    beforeEach(() => {
      container = place(host);
    });
    afterEach(() => {
      unmountAll(container);
      container.closest('hosts-page')?.remove();
    });

    const cases: Array<[string, WidgetCase, (() => TemplateResult) | undefined]> = [
      ...WIDGETS.map((w): [string, WidgetCase, undefined] => [w.tag === 'motcua-satisfaction' ? `${w.tag} (kiosk)` : w.tag, w, undefined]),
      ['motcua-portal with a lookup inside', PORTAL, undefined],
    ];
    for (const [name, widget] of cases) {
      it(`${name}: legible, inside its box, accessible, no errors`, async () => {
        const errors = collectConsole();
        try {
          const el = await mount(widget.template(), widget.tag, container);
          await widget.ready(el);
          await widget.task(el);
          assertHostProof(el, `${host.css} ${name}`);
          await expect(inner(el)).to.be.accessible();
        } finally {
          errors.stop();
        }
        expect(errors.errors).to.deep.equal([]);
      });
    }
  });
}

describe('host page: strict Content-Security-Policy (default-src self) with the Bootstrap 3 theme', () => {
  it('every widget is legible, inside its box and works, with no CSP violation', async () => {
    const { frame, win } = await openFrame(new URL('./csp.html', import.meta.url).href, 1024, 2400);
    try {
      const doc = win.document;
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).to.equal("default-src 'self'");
      expect(win.getComputedStyle(doc.documentElement).fontSize, 'the theme applies').to.equal('10px');
      const all = [...WIDGETS, PORTAL];
      for (const widget of all) {
        const el = await until(() => doc.querySelector<HTMLElement>(`main > ${widget.tag}`), `${widget.tag} in the CSP page`);
        await until(() => inner(el).shadowRoot, `${widget.tag} upgraded under CSP`, 20_000);
        await widget.ready(el);
        await widget.task(el);
        assertHostProof(el, `csp ${widget.tag}`);
      }
      const violations = (win as unknown as { __cspViolations: string[] }).__cspViolations;
      expect(violations, violations.join('\n')).to.deep.equal([]);
      expect(deep(doc, 'motcua-dossier-tracker')).to.not.equal(undefined);
    } finally {
      frame.remove();
    }
  });
});
