import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearchIndex, type SearchHit } from './search.js';
import { PROCEDURES } from './test-procedures.js';

const index = createSearchIndex(PROCEDURES);
const names = (hits: SearchHit<(typeof PROCEDURES)[number]>[]) => hits.map((h) => h.item.name);
const marked = (hit: SearchHit<(typeof PROCEDURES)[number]> | undefined) =>
  hit?.highlights.map(([a, b]) => hit.item.name.slice(a, b)) ?? [];

test('size is the number of items', () => {
  assert.equal(index.size, PROCEDURES.length);
});

test('"dang ky khai sinh" without diacritics finds birth registration first', () => {
  const hits = index.search('dang ky khai sinh');
  assert.equal(hits[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.ok(hits.length >= 5);
  for (const name of names(hits)) assert.match(name.toLowerCase(), /khai sinh/);
});

test('"khai s" matches the last word as a prefix while typing, phrase first', () => {
  const hits = index.search('khai s');
  assert.equal(hits[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.deepEqual(marked(hits[0]), ['khai', 's']);
  // A finished word ("khai " with a space) must match whole: "khai tử" still matches, "khaix" would not.
  assert.ok(names(index.search('khai ')).includes('Thủ tục đăng ký khai tử'));
});

test('"chung thuc ban sao" finds both certification procedures', () => {
  const hits = index.search('chung thuc ban sao');
  assert.deepEqual(
    names(hits).sort(),
    PROCEDURES.filter((p) => p.name.includes('Chứng thực bản sao'))
      .map((p) => p.name)
      .sort(),
  );
  assert.deepEqual(marked(hits[0]).slice(0, 4), ['Chứng', 'thực', 'bản', 'sao']);
});

test('every word must match', () => {
  assert.deepEqual(index.search('khai sinh kết hôn'), []);
  assert.deepEqual(index.search('khai sinh xyzw'), []);
});

test('exact diacritics rank above folded matches', () => {
  // bản (copy) / bán (sell) / Ban (board) all fold to "ban".
  assert.match(index.search('bản')[0]?.item.name ?? '', /bản/);
  assert.match(index.search('bán')[0]?.item.name ?? '', /bán dẫn/);
  assert.match(index.search('Ban')[0]?.item.name ?? '', /\(Ban Quản lý|Ban quản lý/);
  const folded = index.search('ban');
  assert.ok(folded.some((h) => /bản/.test(h.item.name)) && folded.some((h) => /bán/.test(h.item.name)));
  // "đang sử dụng" (in use): names with "đang" rank above those that only have "Đăng" (register).
  const inUse = index.search('đang sử dụng đất');
  assert.match(inUse[0]?.item.name ?? '', /đang sử dụng đất/);
});

test('"Đăng ký khai sinh" with diacritics ranks the exact name first, above folded-only matches', () => {
  const exact = index.search('Đăng ký khai sinh');
  assert.equal(exact[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  const withWrongMarks = index.search('Đang ky khai sinh');
  assert.equal(withWrongMarks[0]?.item.name, 'Thủ tục đăng ký khai sinh', 'still found when the marks are wrong');
  assert.ok((exact[0]?.score ?? 0) > (withWrongMarks[0]?.score ?? 0), 'the exact query scores higher');
});

test('stray Telex keys still find the procedure: "khai sinhf", "ddang ky"', () => {
  assert.equal(index.search('khai sinhf')[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.deepEqual(marked(index.search('khai sinhf')[0]), ['khai', 'sinh']);
  assert.match(index.search('ddang ky khai tu')[0]?.item.name ?? '', /đăng ký khai tử/);
  assert.match(index.search('ddawng kys keets hoon')[0]?.item.name ?? '', /đăng ký kết hôn/);
});

test('y/i spelling variants match each other (lý/lí, kỹ/kĩ)', () => {
  assert.match(index.search('lí lịch tư pháp')[0]?.item.name ?? '', /lý lịch tư pháp/);
  assert.match(index.search('li lich')[0]?.item.name ?? '', /lý lịch/);
  assert.match(index.search('kĩ thuật')[0]?.item.name ?? '', /kỹ thuật/);
});

test('name matches rank above sector matches; codes are searchable', () => {
  // "hộ tịch" is the sector of most civil-status procedures but in the name of only a few.
  const hits = index.search('hộ tịch');
  assert.match(hits[0]?.item.name ?? '', /hộ tịch/i);
  assert.ok(hits.length > hits.filter((h) => /hộ tịch/i.test(h.item.name)).length, 'sector-only matches are included after');
  const lastNameMatch = hits.findLastIndex((h) => /hộ tịch/i.test(h.item.name));
  const firstSectorOnly = hits.findIndex((h) => !/hộ tịch/i.test(h.item.name));
  assert.ok(lastNameMatch < firstSectorOnly);
  assert.equal(index.search('1.001193')[0]?.item.code, '1.001193');
  assert.equal(index.search('1.0011')[0]?.item.code, '1.001193');
});

test('highlights are ranges of the original name', () => {
  const hit = index.search('ket hon')[0];
  assert.equal(hit?.item.name, 'Thủ tục đăng ký kết hôn');
  assert.deepEqual(hit?.highlights, [
    [16, 19],
    [20, 23],
  ]);
  assert.deepEqual(marked(hit), ['kết', 'hôn']);
});

test('limit and filter', () => {
  assert.equal(index.search('thủ tục', { limit: 3 }).length, 3);
  const onlyLand = index.search('đăng ký', { filter: (p) => p.sector.name === 'Đất đai' });
  assert.ok(onlyLand.length > 0);
  assert.ok(onlyLand.every((h) => h.item.sector.name === 'Đất đai'));
  assert.deepEqual(index.search('khai sinh', { limit: 0 }), []);
});

test('empty, blank and punctuation-only queries return nothing; odd input does not throw', () => {
  assert.deepEqual(index.search(''), []);
  assert.deepEqual(index.search('   '), []);
  assert.deepEqual(index.search('!!! ,,,'), []);
  assert.deepEqual(createSearchIndex([]).search('khai sinh'), []);
  assert.doesNotThrow(() => index.search('<script>alert(1)</script>'));
  assert.doesNotThrow(() => index.search('a'.repeat(10_000)));
  assert.doesNotThrow(() => index.search('🙂 khai'));
});

test('results are the same for NFD input and for upper case', () => {
  assert.deepEqual(names(index.search('ĐĂNG KÝ KHAI SINH')), names(index.search('đăng ký khai sinh')));
  assert.deepEqual(names(index.search('đăng ký khai sinh'.normalize('NFD'))), names(index.search('đăng ký khai sinh')));
});

test('items whose names are not NFC are found and highlighted correctly', () => {
  const nfd = createSearchIndex([{ code: '1.000001', name: 'Đăng ký khai sinh'.normalize('NFD'), sector: { name: 'Hộ tịch' } }]);
  const hit = nfd.search('khai sinh')[0];
  assert.ok(hit);
  assert.deepEqual(
    hit.highlights.map(([a, b]) => hit.item.name.slice(a, b).normalize('NFC')),
    ['khai', 'sinh'],
  );
  const prefix = nfd.search('đăn')[0];
  assert.equal(prefix?.item.name.slice(...(prefix.highlights[0] ?? [0, 0])).normalize('NFC'), 'Đăn');
});
