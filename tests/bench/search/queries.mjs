// The queries the search benchmark types, keystroke by keystroke: a few fixed ones, then every query of the relevance
// set (tests/search/queries.json: abbreviations, everyday words, typos, questions, long sentences, English).
import { readFileSync } from 'node:fs';

const RELEVANCE = JSON.parse(readFileSync(new URL('../../search/queries.json', import.meta.url), 'utf8')).queries.map((q) => q.q);

/** Real queries, as citizens type them: without diacritics, with them, with stray Telex keys, codes. */
export const QUERIES = [
  'dang ky khai sinh',
  'Đăng ký kết hôn',
  'chung thuc ban sao',
  'cấp giấy phép xây dựng',
  'dang ky thuong tru',
  'xac nhan tinh trang hon nhan',
  'lý lịch tư pháp',
  'khai tu',
  'giay chung nhan quyen su dung dat',
  'ho tro doanh nghiep',
  'cap doi giay phep lai xe',
  'thanh lap doanh nghiep',
  'đăng ký hộ kinh doanh',
  'cap ban sao trich luc ho tich',
  'chứng thực chữ ký',
  'dang ky giam ho',
  'tro cap xa hoi',
  'bao hiem y te',
  'khai sinhf',
  'ddang ky ket hon',
  '1.001193',
  ...RELEVANCE,
];

/** Full queries whose top result is reported for each library (a glance at relevance, not a score). */
export const TOP_QUERIES = ['dang ky khai sinh', 'khai s', 'Đăng ký kết hôn', 'chung thuc ban sao', 'khai sinhf', 'ddang ky ket hon'];
