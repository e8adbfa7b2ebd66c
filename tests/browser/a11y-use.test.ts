// Accessibility in use, for every widget against the real reference server: the main task done with the keyboard
// only (real key presses, visible focus), reflow at 320 CSS px and at 640 CSS px (= 200% zoom of 1280) and text
// enlarged to 200% without loss of content or horizontal scrolling, and `prefers-reduced-motion` honoured.
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '@motcua/elements/all.js';
import { deep, deepAll, DOSSIER, mount, unmountAll, until, visible, WIDGETS } from '../a11y/widgets.js';

/** The element that really has focus, through shadow roots. */
function activeDeep(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Presses Tab until `predicate(focused)` holds (at most `max` presses); returns the focused element. */
async function tabTo(predicate: (el: Element) => boolean, what: string, max = 25): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = activeDeep();
    if (el && predicate(el)) return el as HTMLElement;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${activeDeep()?.outerHTML.slice(0, 120)}`);
}

/** The focus indicator is visible: an outline or a box shadow on the focused control. */
function expectFocusVisible(el: Element, what: string): void {
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  expect(ring, `${what}: visible focus (outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow})`).to.equal(true);
}

const widget = (tag: string) => WIDGETS.find((w) => w.tag === tag)!;

describe('keyboard only', () => {
  beforeEach(() => (document.activeElement as HTMLElement | null)?.blur());
  afterEach(() => unmountAll());

  it('procedure lookup: Tab to the search box, type, arrow to a result, Enter opens its detail', async () => {
    const w = widget('motcua-procedure-lookup');
    const el = await mount(w.template(), w.tag);
    await w.ready(el);
    const input = await tabTo((e) => e.getAttribute('part') === 'input', 'the search box');
    expectFocusVisible(input, 'search box');
    await sendKeys({ type: 'khai sinh' });
    await until(() => deep(el.shadowRoot, '[role="option"]'), 'results');
    await sendKeys({ press: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant'), 'active option announced').to.be.a('string').and.not.equal('');
    await sendKeys({ press: 'Enter' });
    const heading = await until(() => deep(el.shadowRoot, '[part~="detail"] h2, [part~="detail"] h3'), 'detail opened by Enter');
    expect(heading.textContent ?? '').to.match(/khai sinh/i);
  });

  it('dossier tracker: Tab to the code box, type a code, Enter shows the status', async () => {
    const w = widget('motcua-dossier-tracker');
    const el = await mount(w.template(), w.tag);
    await w.ready(el);
    const input = await tabTo((e) => e.getAttribute('part') === 'input', 'the dossier code box');
    expectFocusVisible(input, 'code box');
    await sendKeys({ type: DOSSIER.code });
    await sendKeys({ press: 'Enter' });
    await until(() => deep(el.shadowRoot, '[part~="result"][data-status]'), 'status shown after Enter');
  });

  it('satisfaction kiosk: Tab to an answer, Enter records it and thanks', async () => {
    const w = widget('motcua-satisfaction');
    const el = await mount(w.template(), w.tag);
    await w.ready(el);
    const choice = await tabTo((e) => (e.getAttribute('part') ?? '').includes('choice'), 'an answer');
    expectFocusVisible(choice, 'kiosk answer');
    await sendKeys({ press: 'Enter' });
    await until(() => deep(el.shadowRoot, '[part~="thanks"]'), 'thank-you screen');
  });

  it('QR sheet: Tab reaches the Print button and Enter prints', async () => {
    const w = widget('motcua-qr-sheet');
    const el = await mount(w.template(), w.tag);
    await w.ready(el);
    let printed = 0;
    const print = window.print;
    window.print = () => void printed++;
    try {
      const button = await tabTo((e) => (e.getAttribute('part') ?? '').includes('print'), 'the Print button', 40);
      expectFocusVisible(button, 'print button');
      await sendKeys({ press: 'Enter' });
      await until(() => printed > 0, 'print called');
    } finally {
      window.print = print;
    }
  });

  it('service stats: the figures are reachable as text and the table alternative is present', async () => {
    const w = widget('motcua-service-stats');
    const el = await mount(w.template(), w.tag);
    await w.ready(el);
    await w.task(el);
    const table = deep<HTMLTableElement>(el.shadowRoot, 'table');
    expect(table?.querySelectorAll('th').length ?? 0, 'table headers').to.be.greaterThan(1);
  });
});

/**
 * Whether `el` sits in a region the user can scroll horizontally (a data table or a print preview in an
 * `overflow-x: auto` box: WCAG 1.4.10 allows two-dimensional content to scroll in its own region).
 */
function inScrollRegion(el: Element, root: Element): boolean {
  const up = (node: Element): Element | null => node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null;
  for (let node = up(el); node && node !== root; node = up(node)) {
    if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return true;
  }
  return false;
}

/** Elements that lose content: wider than the viewport (outside a scroll region), or clipping their own text. */
function lostContent(root: HTMLElement, width: number): string[] {
  const problems: string[] = [];
  for (const el of [root, ...deepAll<HTMLElement>(root.shadowRoot, '*')]) {
    if (el.closest('.visually-hidden') || el.localName === 'style' || !visible(el) || inScrollRegion(el, root)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 && rect.width > 0)
      problems.push(`${el.localName}.${el.className} ends at ${Math.round(rect.right)} px > ${width}`);
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim())
      problems.push(`${el.localName}.${el.className} clips its text (${el.scrollWidth} > ${el.clientWidth})`);
  }
  return problems.slice(0, 5);
}

describe('reflow and zoom', () => {
  afterEach(async () => {
    unmountAll();
    document.documentElement.style.fontSize = '';
    await setViewport({ width: 1024, height: 768 });
  });

  for (const [label, width, text] of [
    ['320 CSS px wide (400% zoom)', 320, ''],
    ['640 CSS px wide (200% zoom)', 640, ''],
    ['text at 200%', 1024, '200%'],
  ] as const) {
    for (const w of WIDGETS) {
      it(`${w.tag}: ${label}, after its main task, without loss of content or horizontal scrolling`, async () => {
        await setViewport({ width, height: 900 });
        document.documentElement.style.fontSize = text;
        const el = await mount(w.template(), w.tag);
        await w.ready(el);
        await w.task(el);
        await new Promise((r) => setTimeout(r, 100));
        expect(lostContent(el, width)).to.deep.equal([]);
        expect(document.documentElement.scrollWidth, 'page scroll width').to.be.at.most(width);
      });
    }
  }
});

describe('prefers-reduced-motion: reduce', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));
  afterEach(() => unmountAll());

  for (const w of WIDGETS) {
    it(`${w.tag}: no animation or transition longer than 10 ms`, async () => {
      expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
      const el = await mount(w.template(), w.tag);
      await w.ready(el);
      await w.task(el);
      const moving: string[] = [];
      const seconds = (list: string) =>
        Math.max(...list.split(',').map((t) => (t.trim().endsWith('ms') ? parseFloat(t) / 1000 : parseFloat(t))));
      for (const node of [el, ...deepAll<HTMLElement>(el.shadowRoot, '*')]) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(node, pseudo);
          const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0.01;
          const transitions = seconds(style.transitionDuration) > 0.01;
          if (animated || transitions)
            moving.push(
              `${node.localName}${pseudo ?? ''}.${node.className}: animation ${style.animationName} ${style.animationDuration}, transition ${style.transitionDuration}`,
            );
        }
      }
      expect(moving.slice(0, 5)).to.deep.equal([]);
    });
  }
});
