import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearchIndex, type SearchHit } from './index.js';
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

test('a word that matches nothing still gives the nearest results, flagged partial', () => {
  // (The old search returned nothing here: every word had to match.)
  const hits = index.search('khai sinh xyzw');
  assert.equal(hits[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.ok(hits.every((h) => h.partial));
  assert.equal(index.search('khai sinh')[0]?.partial, false);
  assert.deepEqual(index.search('xyzw qqqq'), []);
});

test('items matching every word come first; the others only when close', () => {
  const hits = index.search('dang ky khai sinh');
  assert.ok(hits.length >= 5);
  const firstPartial = hits.findIndex((h) => h.partial);
  assert.ok(firstPartial === -1 || hits.slice(firstPartial).every((h) => h.partial));
});

test('exact diacritics rank above folded matches', () => {
  // bản (copy) / bán (sell) / Ban (board) all fold to "ban".
  assert.match(index.search('bản')[0]?.item.name ?? '', /bản/);
  assert.match(index.search('bán')[0]?.item.name ?? '', /bán dẫn/);
  // Typed without diacritics, "ban" is not an exact match of "Ban" more than of "bản": both are found, by relevance.
  // (The old search put "Ban quản lý" first for "Ban"; citizens typing "ban" mostly mean "bản", a copy.)
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
  // A query of many unknown long words (each would scan the vocabulary for one-edit neighbours): nothing, no error.
  assert.deepEqual(index.search('xyzwq '.repeat(60)), []);
  assert.equal(index.search(`${'qqqqq '.repeat(10)}khai sinh`)[0]?.item.name, 'Thủ tục đăng ký khai sinh');
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

test('citizens’ words: abbreviations, everyday words and English find the procedure (fails on the old search)', () => {
  assert.equal(index.search('đkkh')[0]?.item.name, 'Thủ tục đăng ký kết hôn');
  assert.equal(index.search('GKS')[0]?.item.name, 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh');
  assert.match(index.search('giấy độc thân')[0]?.item.name ?? '', /xác nhận tình trạng hôn nhân/);
  assert.match(index.search('nhập hộ khẩu')[0]?.item.name ?? '', /thường trú/);
  assert.match(index.search('photo công chứng')[0]?.item.name ?? '', /Chứng thực bản sao/);
  assert.match(index.search('marriage registration')[0]?.item.name ?? '', /kết hôn/);
});

test('stop words are dropped: a question finds what a keyword finds (fails on the old search)', () => {
  assert.equal(index.search('làm giấy khai sinh cho con như thế nào')[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.equal(index.search('thủ tục đăng ký kết hôn ở đâu')[0]?.item.name, 'Thủ tục đăng ký kết hôn');
  // A stop word is matched with its diacritics: "cần" (need) is dropped, "căn" (as in căn cước) is not.
  const two = createSearchIndex([
    { code: '1.000001', name: 'Cấp lại thẻ căn cước', sector: { name: 'Căn cước' } },
    { code: '1.000002', name: 'Đăng ký khai tử', sector: { name: 'Hộ tịch' } },
  ]);
  assert.equal(two.search('cần khai tử')[0]?.partial, false);
  assert.equal(two.search('căn khai tử')[0]?.partial, true);
});

test('one-letter typos and regional spellings (fails on the old search)', () => {
  assert.equal(index.search('khai sing')[0]?.item.name, 'Thủ tục đăng ký khai sinh');
  assert.equal(index.search('đăng ký thường chú')[0]?.item.name, 'Đăng ký thường trú');
  assert.match(index.search('giam hô')[0]?.item.name ?? '', /giám hộ/);
  // Short words are not "corrected": "tu" stays tu (tử, tư, từ…), it does not become "tuy".
  assert.ok(index.search('khai tu')[0]?.item.name.includes('khai tử'));
});

test('common procedures first: popularity (dossier counts) orders comparable matches', () => {
  const items = [
    { code: '1.000001', name: 'Đăng ký khai sinh lưu động', sector: { name: 'Hộ tịch' }, dossierCount: 2 },
    { code: '1.000002', name: 'Đăng ký khai sinh có yếu tố', sector: { name: 'Hộ tịch' }, dossierCount: 900 },
  ];
  assert.equal(createSearchIndex(items).search('khai sinh')[0]?.item.code, '1.000002');
  const counts: Record<string, number> = { '1.000001': 50, '1.000002': 0 };
  assert.equal(createSearchIndex(items, { popularity: (p) => counts[p.code] ?? 0 }).search('khai sinh')[0]?.item.code, '1.000001');
});

test('a province extends the synonyms and stop words', () => {
  const local = createSearchIndex(PROCEDURES, { synonyms: { 'giấy hồng': ['giấy chứng nhận'] }, stopWords: ['bà con'] });
  assert.equal(index.search('giấy hồng bà con').length > 0 && local.search('giấy hồng bà con')[0]?.partial, false);
  assert.match(local.search('giấy hồng bà con')[0]?.item.name ?? '', /[Gg]iấy chứng nhận/);
});

test('the index built in slices (pausing between them) answers exactly as the one built at once, and stops when aborted', async () => {
  const { createSearchIndex: createAtOnce, createSearchIndexInSlices } = await import('./search.js');
  const { VI_ADMIN_SYNONYMS, VI_STOP_WORDS, viSpellingVariants } = await import('./synonyms.js');
  const options = { vocabulary: VI_ADMIN_SYNONYMS, stopWords: VI_STOP_WORDS, variants: viSpellingVariants };
  // A slice of 0 ms pauses at every step the build offers, the most interleaved build there is.
  let paused = 0;
  const counting = setInterval(() => paused++, 0);
  const sliced = await createSearchIndexInSlices(PROCEDURES, options, { sliceMs: 0 });
  clearInterval(counting);
  assert.ok(paused > 0, 'the build never let anything else run');
  const whole = createAtOnce(PROCEDURES, options);
  assert.equal(sliced.size, whole.size);
  for (const query of ['dang ky khai sinh', 'khai s', 'GKS', 'xin sổ đỏ', 'chung thuc ban sao', 'thuong chu', '1.001193'])
    assert.deepEqual(
      sliced.search(query, { limit: 50 }).map((h) => [h.item.code, h.score, h.partial, h.highlights]),
      whole.search(query, { limit: 50 }).map((h) => [h.item.code, h.score, h.partial, h.highlights]),
      query,
    );
  const controller = new AbortController();
  const stopped = createSearchIndexInSlices(PROCEDURES, options, { signal: controller.signal, sliceMs: 0 });
  controller.abort(new Error('catalog replaced'));
  await assert.rejects(stopped, /catalog replaced/);
});
