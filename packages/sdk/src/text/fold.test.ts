import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldVietnamese } from './fold.js';

test('folds diacritics, đ/Đ/Ð and case', () => {
  assert.equal(foldVietnamese('Đăng ký khai sinh'), 'dang ky khai sinh');
  assert.equal(foldVietnamese('ĐĂNG KÝ KẾT HÔN'), 'dang ky ket hon');
  assert.equal(foldVietnamese('Ðăng ký'), 'dang ky'); // legacy Ð (U+00D0)
  assert.equal(foldVietnamese('Chứng thực bản sao từ bản chính'), 'chung thuc ban sao tu ban chinh');
  assert.equal(foldVietnamese('Ưu tiên ơn'), 'uu tien on');
});

test('old and new tone placement, NFC and NFD input fold alike', () => {
  assert.equal(foldVietnamese('hoà'), foldVietnamese('hòa'));
  assert.equal(foldVietnamese('thuỷ'), foldVietnamese('thủy'));
  assert.equal(foldVietnamese('Đăng ký khai sinh'.normalize('NFD')), 'dang ky khai sinh');
});

test('repairs stray Telex keys: tone letters, dd, w, doubled vowels', () => {
  assert.equal(foldVietnamese('khai sinhf'), 'khai sinh');
  assert.equal(foldVietnamese('ddang ky'), 'dang ky');
  assert.equal(foldVietnamese('ddawng kys'), 'dang ky');
  assert.equal(foldVietnamese('chuwngs thuwcj'), 'chung thuc');
  assert.equal(foldVietnamese('nguowif'), 'nguoi');
  assert.equal(foldVietnamese('xaax'), 'xa');
});

test('repairs VNI tone digits inside words but keeps numbers and codes', () => {
  assert.equal(foldVietnamese('d9a8ng ky1'), 'dang ky');
  assert.equal(foldVietnamese('Nghị định 23/2015'), 'nghi dinh 23/2015');
  assert.equal(foldVietnamese('1.001193'), '1.001193');
});

test('leaves what is being typed alone: single letters, onsets, plain words', () => {
  assert.equal(foldVietnamese('khai s'), 'khai s');
  assert.equal(foldVietnamese('tr'), 'tr');
  assert.equal(foldVietnamese('sinh'), 'sinh');
  assert.equal(foldVietnamese('khai sinhf', { telex: false }), 'khai sinhf');
});
