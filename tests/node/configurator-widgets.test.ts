// The snippet configurator (docs/demo/nhung.html) offers each widget's attributes as documented by the component's
// JSDoc `@attr` (what custom-elements.json is generated from): every option is a real attribute, and every documented
// attribute is either offered or listed as not offered with a reason. Fails when a component gains or loses one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain browser module of the demo site, without declarations
import { WIDGETS } from '../../docs/demo/assets/nhung-widgets.js';

interface Spec {
  tag: string;
  options: Array<{ name: string; type: string; choices?: Array<[string, [string, string]]> }>;
  notOffered: Record<string, string>;
}

const root = new URL('../../', import.meta.url).pathname;

/** The `@attr` names of a component's JSDoc. */
function documented(tag: string): string[] {
  const folder = tag.slice('motcua-'.length);
  const source = readFileSync(join(root, 'packages/elements/src/components', folder, `${folder}.component.ts`), 'utf8');
  return [...source.matchAll(/^\s*\*\s*@attr\s+([a-z-]+)/gm)].map((m) => m[1]!);
}

describe('snippet configurator widgets', () => {
  const specs = WIDGETS as Spec[];

  it('offers every embeddable widget except the portal (which the configurator writes itself)', () => {
    assert.deepEqual(specs.map((s) => s.tag).sort(), [
      'motcua-dossier-tracker',
      'motcua-procedure-lookup',
      'motcua-qr-card',
      'motcua-qr-sheet',
      'motcua-satisfaction',
      'motcua-service-stats',
    ]);
    assert.deepEqual(documented('motcua-portal').sort(), ['agency', 'api', 'lang']);
  });

  for (const spec of specs) {
    it(`${spec.tag}: options and reasons cover exactly the documented attributes`, () => {
      const attrs = documented(spec.tag);
      assert.ok(attrs.length > 0, 'documented attributes found');
      const offered = spec.options.map((o) => o.name);
      for (const name of offered) assert.ok(attrs.includes(name), `${name} is not a documented attribute of ${spec.tag}`);
      for (const name of Object.keys(spec.notOffered)) assert.ok(attrs.includes(name), `${name} (not offered) is not an attribute`);
      assert.deepEqual([...offered, ...Object.keys(spec.notOffered)].sort(), [...attrs].sort(), 'each attribute once');
      for (const o of spec.options.filter((x) => x.type === 'select'))
        assert.equal(o.choices?.[0]?.[0], '', `${o.name}: the first choice is the default (no attribute)`);
    });
  }
});
