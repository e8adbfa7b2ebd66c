// The search's ranking must not move when its implementation changes for speed (issue 14: the same ranked search
// serves the widget and the server's ?q=): every query of the query sets, in full and cut while typing, gives the
// recorded hits, in order, over the national catalogue and over the commune's (tests/search/ranking.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ranking, rankingQueries, readSnapshot } from '../search/ranking.js';

describe('search ranking (tests/search/ranking-snapshot.json)', () => {
  const recorded = readSnapshot();
  const current = ranking();

  test('the snapshot covers every query of the sets, in full and while typing', () => {
    const { full, cuts } = rankingQueries();
    assert.ok(full.length >= 250 && cuts.length >= 500, `${full.length} queries, ${cuts.length} cuts`);
    for (const catalog of ['national', 'commune'] as const)
      assert.deepEqual(Object.keys(recorded[catalog]).sort(), [...full, ...cuts].sort(), catalog);
  });

  for (const catalog of ['national', 'commune'] as const)
    test(`every query gives the recorded hits in the recorded order (${catalog} catalogue)`, () => {
      const moved = Object.entries(recorded[catalog])
        .filter(([q, codes]) => JSON.stringify(current[catalog][q]) !== JSON.stringify(codes))
        .map(([q, codes]) => `  "${q}": ${codes.join(' ')} → ${(current[catalog][q] ?? []).join(' ')}`);
      assert.equal(moved.length, 0, `${moved.length} queries changed:\n${moved.slice(0, 20).join('\n')}`);
    });
});
