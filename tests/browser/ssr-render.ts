// Renders one motcua component with @lit-labs/ssr and prints the markup: used by web-test-runner's `motcua-ssr`
// command (web-test-runner.config.mjs) so a browser test can hydrate real server output.
// Usage: node --import tsx --conditions=motcua-source tests/browser/ssr-render.ts '{"tag":"motcua-procedure-lookup","attributes":{"api":"…"}}'
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

const { tag, attributes } = JSON.parse(process.argv[2] ?? '{}') as { tag?: string; attributes?: Record<string, string> };
if (!tag || !/^motcua-[a-z-]+$/.test(tag)) throw new Error(`not a motcua tag: ${String(tag)}`);
const name = tag.slice('motcua-'.length);
await import(`../../packages/elements/src/components/${name}/${name}.js`);
const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const attrs = Object.entries(attributes ?? {})
  .filter(([key]) => /^[a-z-]+$/.test(key))
  .map(([key, value]) => `${key}="${escape(value)}"`)
  .join(' ');
process.stdout.write(collectResultSync(render(staticHtml`<${unsafeStatic(tag)} ${unsafeStatic(attrs)}></${unsafeStatic(tag)}>`)));
