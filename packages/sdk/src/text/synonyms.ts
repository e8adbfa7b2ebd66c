/**
 * How citizens name commune procedures, as data: abbreviations, everyday words, old names and English, each mapped to
 * the words of the official procedure names. Reviewed against the 393 commune procedures of the national catalog
 * (Quyết định công bố TTHC cấp xã, 2025) and the query set in `tests/search/queries.json`.
 *
 * Keys and values are written with diacritics for reviewers; the search folds both (so `so do` and `sổ đỏ` are the same
 * key). A key is one to four words; the longest key that matches the query words wins. Each value lists alternatives:
 * the query words are replaced by "any of these" (the words as typed always stay an alternative). Extend it per
 * province with `createSearchIndex(items, { synonyms: { 'tên địa phương': ['tên chính thức'] } })`.
 * @example
 * ```ts
 * VI_ADMIN_SYNONYMS['sổ đỏ']; // ['giấy chứng nhận quyền sử dụng đất']
 * ```
 */
export const VI_ADMIN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // — Hộ tịch (civil status) —
  gks: ['giấy khai sinh'],
  đkks: ['đăng ký khai sinh'],
  đkkh: ['đăng ký kết hôn'],
  đkkt: ['đăng ký khai tử'],
  'làm giấy khai sinh': ['đăng ký khai sinh'],
  'giấy khai sinh': ['khai sinh'],
  'mất giấy khai sinh': ['bản sao giấy khai sinh'],
  'báo tử': ['khai tử'],
  'chứng tử': ['khai tử'],
  'giấy chứng tử': ['khai tử'],
  'làm giấy chứng tử': ['đăng ký khai tử'],
  'độc thân': ['xác nhận tình trạng hôn nhân'],
  'giấy độc thân': ['giấy xác nhận tình trạng hôn nhân'],
  xntthn: ['xác nhận tình trạng hôn nhân'],
  tthn: ['tình trạng hôn nhân'],
  'lấy chồng': ['kết hôn'],
  'lấy vợ': ['kết hôn'],
  'cưới vợ': ['kết hôn'],
  cưới: ['kết hôn'],
  ytnn: ['yếu tố nước ngoài'],
  'người nước ngoài': ['yếu tố nước ngoài'],
  'ngoại quốc': ['yếu tố nước ngoài'],
  'nhận con': ['nhận cha mẹ con'],
  'sửa tên': ['thay đổi cải chính hộ tịch'],
  'đổi tên': ['thay đổi cải chính hộ tịch'],
  'đổi họ': ['thay đổi cải chính hộ tịch'],
  'cải chính': ['cải chính hộ tịch'],
  'ly hôn': ['ghi vào sổ hộ tịch việc ly hôn'],
  'nuôi cháu': ['giám hộ'],
  'mồ côi': ['giám hộ'],
  'con nuôi': ['nuôi con nuôi'],
  // — Chứng thực (certification; citizens say "công chứng", which the commune does as "chứng thực") —
  'công chứng': ['chứng thực bản sao', 'chứng thực chữ ký'],
  'photo công chứng': ['chứng thực bản sao'],
  'sao y': ['chứng thực bản sao'],
  'thừa kế': ['phân chia di sản'],
  'chia thừa kế': ['phân chia di sản'],
  'mua bán nhà đất': ['chứng thực giao dịch quyền sử dụng đất nhà'],
  'tặng cho': ['chứng thực giao dịch'],
  'hợp đồng': ['chứng thực giao dịch'],
  // — Cư trú (residence; the household book was abolished in 2023 but people still say it) —
  'hộ khẩu': ['thường trú'],
  'sổ hộ khẩu': ['thường trú', 'xác nhận thông tin về cư trú'],
  'mất sổ hộ khẩu': ['xác nhận thông tin về cư trú'],
  'nhập khẩu': ['đăng ký thường trú'],
  'nhập hộ khẩu': ['đăng ký thường trú'],
  'cắt khẩu': ['xóa đăng ký thường trú'],
  'chuyển khẩu': ['xóa đăng ký thường trú'],
  'chuyển hộ khẩu': ['xóa đăng ký thường trú', 'đăng ký thường trú'],
  'tách khẩu': ['tách hộ'],
  'tách sổ': ['tách hộ'],
  kt3: ['đăng ký tạm trú'],
  'nhà trọ': ['tạm trú'],
  'ở trọ': ['tạm trú'],
  'xác nhận cư trú': ['xác nhận thông tin về cư trú'],
  'giấy xác nhận cư trú': ['xác nhận thông tin về cư trú'],
  'xác nhận nơi cư trú': ['xác nhận thông tin về cư trú'],
  // — Căn cước (identity) —
  cccd: ['thẻ căn cước'],
  cmnd: ['chứng minh nhân dân'],
  cmt: ['chứng minh nhân dân'],
  'căn cước công dân': ['thẻ căn cước'],
  'làm căn cước': ['cấp thẻ căn cước'],
  'mất căn cước': ['cấp lại thẻ căn cước'],
  'mất cccd': ['cấp lại thẻ căn cước'],
  'mất thẻ căn cước': ['cấp lại thẻ căn cước'],
  'làm lại': ['cấp lại'],
  mất: ['cấp lại'],
  'bị mất': ['cấp lại', 'trình báo mất'],
  'qua đời': ['khai tử'],
  'bố mất': ['khai tử'],
  'mẹ mất': ['khai tử'],
  'người mất': ['khai tử'],
  vneid: ['định danh điện tử'],
  'mức 2': ['mức độ 02'],
  'dưới 14': ['dưới 14 tuổi'],
  // — Đất đai, xây dựng (land, building) —
  'sổ đỏ': ['giấy chứng nhận quyền sử dụng đất'],
  'sổ hồng': ['giấy chứng nhận quyền sử dụng đất'],
  'bìa đỏ': ['giấy chứng nhận quyền sử dụng đất'],
  qsdđ: ['quyền sử dụng đất'],
  gcn: ['giấy chứng nhận'],
  gcnqsdđ: ['giấy chứng nhận quyền sử dụng đất'],
  'đất nhà': ['đất đai'],
  'hàng xóm': ['tranh chấp'],
  gpxd: ['giấy phép xây dựng'],
  'xây nhà': ['giấy phép xây dựng'],
  'xây lại nhà': ['giấy phép xây dựng'],
  'sửa nhà': ['giấy phép xây dựng sửa chữa cải tạo'],
  'nhà cấp 4': ['công trình cấp IV'],
  // — Kinh doanh (business) —
  hkd: ['hộ kinh doanh'],
  'giấy phép kinh doanh': ['đăng ký hộ kinh doanh'],
  'mở quán': ['đăng ký hộ kinh doanh'],
  'mở cửa hàng': ['đăng ký hộ kinh doanh'],
  'mở tiệm': ['đăng ký hộ kinh doanh'],
  'tạp hóa': ['hộ kinh doanh'],
  'buôn bán': ['hộ kinh doanh'],
  'giải thể': ['chấm dứt hoạt động', 'giải thể'],
  antt: ['an ninh trật tự'],
  karaoke: ['an ninh trật tự'],
  // — Giao thông (transport) —
  gplx: ['giấy phép lái xe'],
  'bằng lái': ['giấy phép lái xe'],
  'bằng lái xe': ['giấy phép lái xe'],
  'sang tên xe': ['đăng ký xe thay đổi chủ xe'],
  'biển số': ['biển số xe'],
  'xe máy': ['xe'],
  // — Quân sự, xã hội, chính sách —
  nvqs: ['nghĩa vụ quân sự'],
  'bộ đội': ['nghĩa vụ quân sự'],
  'đi lính': ['nghĩa vụ quân sự'],
  'nhập ngũ': ['nghĩa vụ quân sự'],
  bhyt: ['bảo hiểm y tế'],
  bhxh: ['bảo hiểm xã hội'],
  'khuyết tật': ['trợ cấp xã hội hàng tháng'],
  'người già': ['trợ cấp hưu trí xã hội'],
  'không có lương hưu': ['trợ cấp hưu trí xã hội'],
  'đám ma': ['mai táng'],
  'tiền tuất': ['trợ cấp thân nhân liệt sĩ'],
  'mộ liệt sĩ': ['thăm viếng mộ liệt sĩ'],
  'thăm mộ': ['thăm viếng mộ liệt sĩ'],
  'trợ cấp hộ nghèo': ['công nhận hộ nghèo'],
  'nghiện ma túy': ['cai nghiện ma túy'],
  // — English (foreign residents, the English locale of the widget) —
  birth: ['khai sinh'],
  'birth certificate': ['khai sinh', 'bản sao giấy khai sinh'],
  marriage: ['kết hôn'],
  married: ['kết hôn'],
  'marital status': ['tình trạng hôn nhân'],
  single: ['tình trạng hôn nhân'],
  death: ['khai tử'],
  'certified copy': ['chứng thực bản sao'],
  copy: ['bản sao'],
  signature: ['chứng thực chữ ký'],
  certification: ['chứng thực'],
  will: ['di chúc'],
  'permanent residence': ['thường trú'],
  'temporary residence': ['tạm trú'],
  residence: ['cư trú'],
  'residence confirmation': ['xác nhận thông tin về cư trú'],
  'household business': ['hộ kinh doanh'],
  'building permit': ['giấy phép xây dựng'],
  'driving licence': ['giấy phép lái xe'],
  'driving license': ['giấy phép lái xe'],
  'id card': ['thẻ căn cước'],
  'identity card': ['thẻ căn cước'],
  'land use right': ['quyền sử dụng đất'],
  land: ['đất đai'],
  guardianship: ['giám hộ'],
  adoption: ['nuôi con nuôi'],
  'poor household': ['hộ nghèo'],
  'military service': ['nghĩa vụ quân sự'],
  passport: ['hộ chiếu'],
  lost: ['mất', 'cấp lại'],
  'social housing': ['nhà ở xã hội'],
  foreigner: ['yếu tố nước ngoài'],
  renewal: ['đổi'],
  registration: ['đăng ký'],
  register: ['đăng ký'],
};

/**
 * Words and phrases that say nothing about which procedure is meant ("how do I…", "where…", "what papers…"): dropped
 * from a query unless nothing else is left. A one-word stop word typed with diacritics must match them ("cần" is one,
 * "căn" is not); multi-word ones are matched folded.
 * @example
 * ```ts
 * createSearchIndex(items, { stopWords: [...VI_STOP_WORDS, 'bà con'] });
 * ```
 */
export const VI_STOP_WORDS: readonly string[] = [
  'làm',
  'xin',
  'thủ tục',
  'thế nào',
  'như thế nào',
  'làm thế nào',
  'làm sao',
  'ở đâu',
  'cần gì',
  'cần những gì',
  'giấy tờ gì',
  'bao lâu',
  'mất bao lâu',
  'bao nhiêu',
  'bao nhiêu tiền',
  'mấy tuổi',
  'bao nhiêu tuổi',
  'hướng dẫn',
  'cách',
  'muốn',
  'cần',
  'phải',
  'được',
  'có',
  'không',
  'ko',
  'thì',
  'là',
  'và',
  'của',
  'ở',
  'tại',
  'để',
  'đi',
  'tôi',
  'mình',
  'em',
  'anh',
  'chị',
  'cho',
  'mới',
  'xong',
  'giờ',
  'vì',
  'bị',
  'khi',
  'các',
  'những',
  'ạ',
  'nhé',
  'với',
  'bà ngoại',
  'ông ngoại',
  'bà nội',
  'ông nội',
  'gia đình',
  'cả nhà',
  'nhà tôi',
  'vợ chồng tôi',
  // English ("the", "a", "an", "to", "my" fold like thẻ, à, an, tổ, mỹ: left out)
  'of',
  'for',
  'how',
  'with',
  'do',
  'i',
];

/** Regional spellings people mix up: an initial (`^`) or final (`$`) consonant written one way may be meant the other. */
const SOUNDS: Array<[RegExp, string]> = '^ch tr,^tr ch,^s(?!h) x,^x s,^d gi,^gi d,^r d,^l n,^n(?![gh]) l,ng$ n,([aeiouy])n$ $1ng,c$ t,t$ c'
  .split(',')
  .map((rule) => {
    const [from, to] = rule.split(' ') as [string, string];
    return [new RegExp(from), to];
  });

/** True when `a` from `i` and `b` from `j` are the same (the rests have the same length). No string is made. */
function sameRest(a: string, b: string, i: number, j: number): boolean {
  while (i < a.length) if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
  return true;
}

/** True when `a` and `b` differ by at most one edit (insert, delete, substitute, or swap of neighbours). */
function oneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la || i === lb) return true;
  if (la === lb) return sameRest(a, b, i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && sameRest(a, b, i + 2, i + 2));
  return la > lb ? sameRest(a, b, i + 1, i) : sameRest(b, a, i + 1, i);
}

/**
 * The other spellings a folded word may be meant as: where people mix up ch/tr, s/x, d/gi/r, l/n at the start and
 * -n/-ng, -c/-t at the end (`thuong chu` for thường trú, `lai se` for lái xe), and the words of `vocabulary` one edit
 * away (a letter added, dropped, changed or two swapped: `khai sing` for khai sinh). While a word is being typed, its
 * end is not changed ("đăn" is on its way to "đăng").
 * @param key A folded word (`foldVietnamese`).
 * @param typing The word is still being typed.
 * @param vocabulary Words to look for one-edit neighbours in (none: regional spellings only).
 * @example
 * ```ts
 * viSpellingVariants('chu', false); // ['tru']
 * viSpellingVariants('sing', false, ['sinh', 'song']); // ['xing', 'sin', 'sinh', 'song']
 * ```
 */
export function viSpellingVariants(key: string, typing: boolean, vocabulary: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const [from, to] of SOUNDS) {
    if (typing && from.source.endsWith('$')) continue;
    const other = key.replace(from, to);
    if (other !== key) out.push(other);
  }
  for (const word of vocabulary) if (oneEdit(key, word) && !/\d/.test(word)) out.push(word);
  return out;
}
