// The widgets the snippet configurator (/nhung) offers, and their options. Each option is an attribute documented by
// the component's JSDoc `@attr` (custom-elements.json); every other documented attribute is listed in `notOffered` with
// the reason. tests/node/configurator-widgets.test.ts fails when a component gains or loses an attribute not reflected
// here. Labels: [Vietnamese, English].

/**
 * @typedef {{ name: string, type: 'text' | 'number' | 'select' | 'checkbox', label: [string, string],
 *   hint?: [string, string], min?: number, max?: number, maxLength?: number, pattern?: string,
 *   choices?: Array<[string, [string, string]]>, value?: string, required?: boolean }} WidgetOption
 * @typedef {{ tag: string, label: [string, string], summary: [string, string], checked?: boolean,
 *   options: WidgetOption[], notOffered: Record<string, string> }} WidgetSpec
 */

const PORTAL = 'set once on <motcua-portal> by the configurator';

/** @type {WidgetSpec[]} */
export const WIDGETS = [
  {
    tag: 'motcua-procedure-lookup',
    label: ['Tra cứu thủ tục hành chính', 'Procedure lookup'],
    summary: ['Ô tìm kiếm thủ tục, giấy tờ cần nộp, lệ phí, thời hạn.', 'Search procedures: documents to bring, fees, time.'],
    checked: true,
    options: [
      {
        name: 'page-size',
        type: 'number',
        min: 1,
        max: 100,
        label: ['Số kết quả hiện trước nút "Xem thêm"', 'Results shown before "show more"'],
        hint: ['Để trống: 20.', 'Empty: 20.'],
      },
      {
        name: 'query',
        type: 'text',
        maxLength: 100,
        label: ['Từ khóa tìm sẵn', 'Initial search text'],
        hint: ['Ví dụ: khai sinh', 'E.g. khai sinh'],
      },
      {
        name: 'no-history',
        type: 'checkbox',
        label: ['Không ghi #thu-tuc=… vào thanh địa chỉ', 'Do not write #thu-tuc=… into the address bar'],
      },
      {
        name: 'url-template',
        type: 'text',
        maxLength: 300,
        pattern: '^https?://\\S+$|^\\{origin\\}\\S*$',
        label: ['Liên kết của mã QR trong trang chi tiết', 'Link of the QR code in the detail view'],
        hint: ['Để trống: {origin}/#thu-tuc={code}', 'Empty: {origin}/#thu-tuc={code}'],
      },
    ],
    notOffered: { api: PORTAL, agency: PORTAL, lang: PORTAL },
  },
  {
    tag: 'motcua-dossier-tracker',
    label: ['Tra cứu tình trạng hồ sơ', 'Dossier tracker'],
    summary: ['Công dân nhập mã hồ sơ trên giấy tiếp nhận.', 'Citizens type the code on their receipt.'],
    options: [
      {
        name: 'refresh',
        type: 'number',
        min: 0,
        max: 3600,
        label: ['Tự cập nhật sau mỗi (giây)', 'Update automatically every (seconds)'],
        hint: ['0 hoặc để trống: tắt. Nên dùng 60.', '0 or empty: off. 60 is a good choice.'],
      },
    ],
    notOffered: {
      api: PORTAL,
      lang: PORTAL,
      code: 'a fixed dossier code does not belong in a page snippet (the page URL gives it: #ma-ho-so=…)',
      holidays: 'a list of dates the page sets from /api/v1/holidays (guide, section on the tracker)',
      workdays: 'a list of dates the page sets from /api/v1/holidays (guide, section on the tracker)',
      'push-worker': 'a service worker script the site must host on its own origin (guide, status alerts in the tracker section)',
    },
  },
  {
    tag: 'motcua-service-stats',
    label: ['Kết quả giải quyết (thống kê)', 'Service statistics'],
    summary: ['Số hồ sơ, tỷ lệ đúng hạn, trực tuyến, hài lòng.', 'Dossiers, on-time, online and satisfaction rates.'],
    options: [
      {
        name: 'period',
        type: 'select',
        label: ['Kỳ thống kê', 'Period'],
        choices: [
          ['', ['Tháng này (mặc định)', 'This month (default)']],
          ['quarter', ['Quý này', 'This quarter']],
          ['year', ['Năm nay', 'This year']],
        ],
      },
      {
        name: 'months',
        type: 'number',
        min: 1,
        max: 24,
        label: ['Số tháng trên biểu đồ', 'Months in the chart'],
        hint: ['Để trống: 6.', 'Empty: 6.'],
      },
    ],
    notOffered: {
      api: PORTAL,
      agency: PORTAL,
      lang: PORTAL,
      scope: 'provincial figures belong on a provincial page (guide, section on the provincial page)',
      province: 'provincial figures belong on a provincial page (guide, section on the provincial page)',
    },
  },
  {
    tag: 'motcua-satisfaction',
    label: ['Đánh giá mức độ hài lòng (trực tuyến)', 'Satisfaction rating (online)'],
    summary: [
      'Chủ hồ sơ đã có kết quả đánh giá bằng mã hồ sơ và 4 số cuối điện thoại.',
      'The applicant of a finished dossier rates it with its code and phone digits.',
    ],
    options: [
      {
        name: 'officer',
        type: 'text',
        maxLength: 64,
        label: ['Mã cán bộ ghi kèm đánh giá (không bắt buộc)', 'Officer identifier recorded with ratings (optional)'],
      },
    ],
    notOffered: {
      api: PORTAL,
      agency: PORTAL,
      lang: PORTAL,
      mode: 'kiosk mode fills the screen: a counter tablet page of its own (guide, kiosk section)',
      counter: 'kiosk mode only',
      'reset-after': 'kiosk mode only',
      'lock-ms': 'kiosk mode only',
      'idle-after': 'kiosk mode only',
      queue: 'an advanced setting for several widgets on one device',
      dossier: 'a fixed dossier code does not belong in a page snippet (the citizen types it)',
    },
  },
  {
    tag: 'motcua-qr-card',
    label: ['Thẻ mã QR của một thủ tục', 'QR card of one procedure'],
    summary: ['Để in và dán tại nơi tiếp nhận.', 'To print and put up at the service centre.'],
    options: [
      {
        name: 'procedure',
        type: 'text',
        required: true,
        maxLength: 20,
        pattern: '^[0-9]+\\.[0-9]{6}(\\.[0-9]+)?$',
        value: '1.001193',
        label: ['Mã thủ tục (bắt buộc)', 'Procedure code (required)'],
        hint: ['Ví dụ: 1.001193 (Đăng ký khai sinh)', 'E.g. 1.001193 (birth registration)'],
      },
      {
        name: 'url-template',
        type: 'text',
        maxLength: 300,
        pattern: '^https?://\\S+$|^\\{origin\\}\\S*$',
        label: ['Liên kết của mã QR', 'Link of the QR code'],
        hint: ['Để trống: {origin}/#thu-tuc={code}', 'Empty: {origin}/#thu-tuc={code}'],
      },
      {
        name: 'heading-level',
        type: 'select',
        label: ['Cấp tiêu đề của thẻ', 'Heading level of the card'],
        choices: [
          ['', ['h3 (mặc định)', 'h3 (default)']],
          ['2', ['h2', 'h2']],
          ['4', ['h4', 'h4']],
        ],
      },
      {
        name: 'bank-bin',
        type: 'text',
        maxLength: 6,
        pattern: '^[0-9]{6}$',
        label: ['Mã BIN ngân hàng (6 số) để thêm mã VietQR nộp lệ phí', 'Bank BIN (6 digits) to add a VietQR fee code'],
      },
      {
        name: 'account',
        type: 'text',
        maxLength: 19,
        pattern: '^[0-9A-Za-z]{1,19}$',
        label: ['Số tài khoản thu phí', 'Fee account number'],
      },
      { name: 'amount', type: 'number', min: 1, max: 999999999, label: ['Số tiền (đồng)', 'Amount (đồng)'] },
      { name: 'purpose', type: 'text', maxLength: 25, label: ['Nội dung chuyển khoản', 'Transfer note'] },
    ],
    notOffered: { api: PORTAL, agency: PORTAL, lang: PORTAL },
  },
  {
    tag: 'motcua-qr-sheet',
    label: ['Trang in mã QR mọi thủ tục (cho cán bộ)', 'Printable QR sheets of every procedure (for staff)'],
    summary: ['Các trang A4, 8 thẻ mỗi trang, có nút In.', 'A4 pages of 8 cards, with a Print button.'],
    options: [
      {
        name: 'sector',
        type: 'text',
        maxLength: 40,
        pattern: '^[A-Za-z0-9._-]+$',
        label: ['Chỉ một lĩnh vực (mã lĩnh vực)', 'One sector only (sector code)'],
        hint: ['Ví dụ: G15-TP07 (Hộ tịch). Để trống: mọi lĩnh vực.', 'E.g. G15-TP07 (civil status). Empty: every sector.'],
      },
      {
        name: 'url-template',
        type: 'text',
        maxLength: 300,
        pattern: '^https?://\\S+$|^\\{origin\\}\\S*$',
        label: ['Liên kết của mã QR', 'Link of the QR codes'],
        hint: ['Để trống: {origin}/#thu-tuc={code}', 'Empty: {origin}/#thu-tuc={code}'],
      },
    ],
    notOffered: { api: PORTAL, agency: PORTAL, lang: PORTAL },
  },
];
