// The demo pages as a phone loads them: one h1 and headings in order (widgets' shadow DOM included), a meta
// description and a favicon, and space kept for the tracker before its script runs (no layout shift on /ho-so).
import { expect, waitUntil } from '@open-wc/testing';
import { page } from './helpers.js';

const PAGES = ['/demo/', '/demo/ho-so', '/demo/in-the-qr', '/demo/kiosk?quay=1'];

async function open(src: string, width: number): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = '800px';
  frame.style.border = '0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  if (src.startsWith('/')) frame.src = src;
  else frame.srcdoc = src;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** Visible headings (h1–h6 and role=heading) in reading order, through shadow roots and slots. */
function headings(root: Document): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  const visit = (el: Element): void => {
    const tag = /^h([1-6])$/.exec(el.localName);
    const level = tag ? Number(tag[1]) : el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level') ?? 2) : 0;
    if (level && el.getClientRects().length && (el.textContent ?? '').trim()) out.push({ level, text: (el.textContent ?? '').trim() });
    walk(el.shadowRoot ?? el);
  };
  const walk = (node: ParentNode): void => {
    for (const child of node.children) {
      if (child.localName === 'slot') (child as HTMLSlotElement).assignedElements({ flatten: true }).forEach(visit);
      else visit(child);
    }
  };
  walk(root.body);
  return out;
}

describe('demo pages on a phone', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  for (const path of PAGES) {
    it(`${path}: one h1, headings in order, a meta description and a favicon at 360 px`, async () => {
      const frame = await open(path, 360);
      frames.push(frame);
      const doc = frame.contentDocument!;
      // Widgets below the fold (loading="lazy") render once the reader scrolls to them.
      for (const lazy of doc.querySelectorAll('[loading="lazy"]')) {
        lazy.scrollIntoView();
        await waitUntil(() => lazy.shadowRoot?.childElementCount, `${lazy.localName} not rendered when scrolled to`, { timeout: 20_000 });
      }
      // Every widget of the page has rendered.
      await waitUntil(
        () => [...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('motcua-')).every((e) => e.shadowRoot?.childElementCount),
        'widgets not rendered',
        { timeout: 20_000 },
      );
      await waitUntil(() => headings(doc).length > 1, 'no headings', { timeout: 20_000 });
      const list = headings(doc);
      expect(list.filter((h) => h.level === 1).length, 'h1 count').to.equal(1);
      expect(list[0]!.level, 'first heading is the h1').to.equal(1);
      list.forEach((h, i) => {
        if (i) expect(h.level, `"${h.text}" skips a level after "${list[i - 1]!.text}"`).to.be.at.most(list[i - 1]!.level + 1);
      });
      const texts = list.filter((h) => h.level < 3).map((h) => h.text.replace(/\s+/g, ' '));
      expect(new Set(texts).size, `duplicate headings: ${texts.join(' | ')}`).to.equal(texts.length);
      expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')?.length ?? 0).to.be.greaterThan(50);
      const icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
      expect(icon, 'favicon link').not.to.equal(null);
      expect((await fetch(icon!.href)).status).to.equal(200);
    });
  }

  for (const width of [320, 360, 412]) {
    it(`/ho-so at ${width} px keeps the tracker's space before its script runs (no layout shift)`, async () => {
      const { doc } = await page('/demo/ho-so');
      for (const script of doc.querySelectorAll('script')) script.remove();
      const before = await open(`<!doctype html>${doc.documentElement.outerHTML}`, width);
      frames.push(before);
      const reserved = before.contentDocument!.querySelector('motcua-dossier-tracker')!.getBoundingClientRect().height;
      const live = await open('/demo/ho-so', width);
      frames.push(live);
      const tracker = live.contentDocument!.querySelector('motcua-dossier-tracker')!;
      await waitUntil(() => tracker.shadowRoot?.querySelector('input'), 'tracker not rendered', { timeout: 20_000 });
      const rendered = tracker.getBoundingClientRect().height;
      expect(Math.abs(rendered - reserved), `reserved ${reserved}px, rendered ${rendered}px`).to.be.at.most(24);
    });
  }
});
