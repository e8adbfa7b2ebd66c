// Accessibility sweep: every Storybook story (each named export of each stories/<component>.stories.ts, CSF 3),
// rendered in Chromium the way Storybook's web-components renderer does (meta and story args, render, decorators,
// loaders), then checked with axe-core against the WCAG 2.0/2.1/2.2 A and AA rules: zero violations.
// Stories are imported directly (no Storybook build), so this runs in npm test.
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import 'axe-core/axe.min.js';
import { deepAll } from '../a11y/widgets.js';

/** The component folders; each one must have a stories file (a missing one fails the sweep). */
const COMPONENTS = ['portal', 'procedure-lookup', 'dossier-tracker', 'satisfaction', 'service-stats', 'qr-card', 'qr-sheet'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

type Args = Record<string, unknown>;
interface Context {
  args: Args;
  argTypes: Record<string, unknown>;
  globals: Record<string, unknown>;
  parameters: Record<string, unknown>;
  loaded: Record<string, unknown>;
  id: string;
  name: string;
  title: string;
  viewMode: 'story';
}
type Render = (args: Args, context: Context) => TemplateResult | HTMLElement | string;
type Decorator = (story: () => unknown, context: Context) => unknown;
interface StoryObject {
  name?: string;
  args?: Args;
  argTypes?: Record<string, unknown>;
  render?: Render;
  decorators?: Decorator[];
  loaders?: Array<(context: Context) => Promise<Record<string, unknown>>>;
  beforeEach?: (context: Context) => unknown;
  play?: (context: Context & { canvasElement: HTMLElement }) => unknown;
  parameters?: Record<string, unknown>;
}
interface Meta extends StoryObject {
  title?: string;
  component?: string;
  excludeStories?: string[] | RegExp;
  includeStories?: string[] | RegExp;
}

interface AxeResult {
  violations: Array<{ id: string; impact?: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}
const axe = (globalThis as unknown as { axe: { run(ctx: Element, options: unknown): Promise<AxeResult> } }).axe;

/** Storybook's default web-components render: the component's tag with args as properties. */
function defaultRender(meta: Meta): Render {
  return (args) => {
    if (!meta.component) throw new Error('the story has no render and the meta no component');
    const el = document.createElement(meta.component);
    for (const [k, v] of Object.entries(args)) (el as unknown as Record<string, unknown>)[k] = v;
    return el;
  };
}

/**
 * Renders one story into `container` like Storybook does: `beforeEach` hooks (their cleanups are returned), loaders,
 * decorators wrapping the story (innermost first), render, then — once the first render settled — `play`.
 */
async function renderStory(meta: Meta, story: StoryObject | Render, name: string, container: HTMLElement): Promise<Array<() => unknown>> {
  const s: StoryObject = typeof story === 'function' ? { render: story } : story;
  const context: Context = {
    args: { ...meta.args, ...s.args },
    argTypes: { ...meta.argTypes, ...s.argTypes },
    globals: { lang: 'vi' },
    parameters: { ...meta.parameters, ...s.parameters },
    loaded: {},
    id: `${meta.title ?? ''}--${name}`,
    name,
    title: meta.title ?? '',
    viewMode: 'story',
  };
  const cleanups: Array<() => unknown> = [];
  for (const hook of [meta.beforeEach, s.beforeEach]) {
    const cleanup = await hook?.(context);
    if (typeof cleanup === 'function') cleanups.push(cleanup as () => unknown);
  }
  for (const loader of [...(meta.loaders ?? []), ...(s.loaders ?? [])]) Object.assign(context.loaded, await loader(context));
  const renderFn = s.render ?? meta.render ?? defaultRender(meta);
  let fn: () => unknown = () => renderFn(context.args, context);
  // The preview's global decorator sets the page language; story decorators first, then the meta's.
  for (const decorator of [...(s.decorators ?? []), ...(meta.decorators ?? [])]) {
    const inner = fn;
    fn = () => decorator(inner, context);
  }
  document.documentElement.lang = 'vi';
  const output = fn();
  if (output instanceof Node) container.replaceChildren(output);
  else if (typeof output === 'string') container.replaceChildren(document.createRange().createContextualFragment(output));
  else render(output as TemplateResult, container);
  const play = s.play ?? meta.play;
  if (play) {
    await settle(container);
    await play({ ...context, canvasElement: container });
  }
  return cleanups;
}

/** Waits until the rendered story stops changing (all Lit updates done, data loaded): same deep text for 400 ms. */
async function settle(container: HTMLElement, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < end) {
    await Promise.all(deepAll(container, '*').map((el) => (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete));
    const snapshot = deepAll(container, '*')
      .map((el) => `${el.localName}:${el.shadowRoot?.textContent ?? ''}|${el.getAttribute('aria-busy') ?? ''}`)
      .join('\n');
    if (snapshot !== last) {
      last = snapshot;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 400) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isStory(name: string, meta: Meta): boolean {
  if (name === 'default' || name === '__namedExportsOrder') return false;
  const match = (list: string[] | RegExp | undefined) => (list instanceof RegExp ? list.test(name) : list?.includes(name));
  if (meta.includeStories && !match(meta.includeStories)) return false;
  return !match(meta.excludeStories);
}

describe('axe (WCAG 2.2 A and AA) over every Storybook story', () => {
  it('the sweep catches a violation inside a shadow root (control)', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const host = document.createElement('div');
    container.append(host);
    const input = document.createElement('input');
    host.attachShadow({ mode: 'open' }).append(input);
    const result = await axe.run(container, { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
    container.remove();
    expect(result.violations.map((v) => v.id)).to.include('label');
  });

  for (const component of COMPONENTS) {
    it(`stories/${component}.stories.ts: every story has zero violations`, async function () {
      this.timeout(180_000);
      const url = new URL(`../../stories/${component}.stories.ts`, import.meta.url).href;
      const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown> & { default: Meta };
      const meta = module.default;
      const names = Object.keys(module).filter((n) => isStory(n, meta));
      expect(names.length, `${component}: stories`).to.be.greaterThan(0);
      const failures: string[] = [];
      for (const name of names) {
        const container = document.createElement('div');
        document.body.append(container);
        let cleanups: Array<() => unknown> = [];
        try {
          cleanups = await renderStory(meta, module[name] as StoryObject | Render, name, container);
          await settle(container);
          const result = await axe.run(container, { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
          for (const v of result.violations)
            failures.push(
              `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                .map((n) => JSON.stringify(n.target))
                .slice(0, 3)
                .join(', ')}`,
            );
        } catch (error) {
          failures.push(`${name}: could not render (${String(error)})`);
        } finally {
          render(null, container);
          container.remove();
          for (const cleanup of cleanups) await cleanup();
        }
      }
      console.log(`${component}: ${names.length} stories checked`);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});
