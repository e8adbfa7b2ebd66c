// "Find my commune": relevance on the project's own query set (tests/search/communes-queries.json: old names,
// abbreviations, no diacritics, typos), plus the behaviours the picker relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommuneIndex } from '@motcua/sdk/text/communes';
import { evaluateCommunes, readCommuneQueries, readUnits } from '../search/communes.js';

describe('find my commune (@motcua/sdk/text/communes)', () => {
  const units = readUnits();
  const index = createCommuneIndex(units);

  it('has a query set of at least 60 queries over every kind', () => {
    const queries = readCommuneQueries();
    assert.ok(queries.length >= 60);
    for (const kind of ['old', 'nodiac', 'prefix', 'typo', 'tone'])
      assert.ok(
        queries.some((q) => q.kind === kind),
        kind,
      );
  });

  it('finds the meant commune first for ≥ 90% of the queries and among the first five for ≥ 97%', () => {
    const quality = evaluateCommunes(units);
    assert.ok(quality.hit1 >= 0.9, `hit@1 ${quality.hit1}; misses ${JSON.stringify(quality.misses)}`);
    assert.ok(quality.hit5 >= 0.97, `hit@5 ${quality.hit5}; misses ${JSON.stringify(quality.misses)}`);
    assert.ok(quality.byKind.old && quality.byKind.old.hit5 >= 0.95, `old names: ${JSON.stringify(quality.byKind.old)}`);
  });

  it('finds the new commune by a pre-merger name and says which old name matched', () => {
    const [hit] = index.search('Hòa Phong', { province: '48' });
    assert.equal(hit?.unit.name, 'Xã Hoà Vang');
    assert.equal(hit?.via, 'Xã Hòa Phong');
    assert.equal(index.search('Hoà Vang', { province: '48' })[0]?.via, undefined, 'its own name: no "via"');
  });

  it('folds old and new tone-mark placement and optional prefixes alike', () => {
    const codes = (q: string) => index.search(q, { province: '48', limit: 1 }).map((h) => h.unit.code);
    for (const q of ['Hòa Vang', 'Hoà Vang', 'HOA VANG', 'xã Hòa Vang', 'X. Hoa Vang', 'x.hoa vang'])
      assert.deepEqual(codes(q), ['20320'], q);
  });

  it('bounds its work: empty and absurd queries answer nothing, long ones are cut, limits are clamped', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   ,.;'), []);
    assert.ok(index.search('a'.repeat(10_000)).length <= 10);
    assert.ok(index.search('hoa', { limit: 1_000_000 }).length <= 100);
    assert.equal(index.search('hoa', { limit: 0 }).length, 1);
  });
});
