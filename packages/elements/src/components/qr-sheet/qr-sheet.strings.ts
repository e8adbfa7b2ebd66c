import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'sheet.heading': 'Bảng mã QR thủ tục hành chính',
    'sheet.print': 'In bảng mã QR',
    'sheet.sector': 'Lĩnh vực',
    'sheet.allSectors': 'Tất cả lĩnh vực',
    'sheet.summary': '{count} thủ tục · {pages} trang A4',
    'sheet.page': 'Trang {n}/{total}',
    'sheet.calibration': 'Vạch kiểm tra tỉ lệ in: đúng 50 mm khi in 100%',
    'sheet.hint': 'Khi in, chọn khổ A4, tỉ lệ 100% (không “vừa trang”), bật in hình nền.',
    'sheet.loading': 'Đang tải danh mục thủ tục…',
    'sheet.error': 'Không tải được danh mục thủ tục.',
    'sheet.offline': 'Bạn đang ngoại tuyến. Hãy kiểm tra kết nối mạng rồi thử lại.',
    'sheet.empty': 'Không có thủ tục nào để in.',
    'sheet.retry': 'Thử lại',
    'sheet.missing_api': 'Chưa cấu hình địa chỉ API (thuộc tính api hoặc thẻ <motcua-portal>).',
    'sheet.missing_agency': 'Chưa chọn cơ quan (thuộc tính agency).',
  },
  en: {
    'sheet.heading': 'QR codes of administrative procedures',
    'sheet.print': 'Print the QR sheet',
    'sheet.sector': 'Sector',
    'sheet.allSectors': 'All sectors',
    'sheet.summary': ({ count, pages }) =>
      `${count} ${count === 1 ? 'procedure' : 'procedures'} · ${pages} A4 ${pages === 1 ? 'page' : 'pages'}`,
    'sheet.page': 'Page {n} of {total}',
    'sheet.calibration': 'Print-scale check: exactly 50 mm when printed at 100%',
    'sheet.hint': 'When printing, choose A4, scale 100% (not “fit to page”), and turn on background graphics.',
    'sheet.loading': 'Loading the list of procedures…',
    'sheet.error': 'The list of procedures could not be loaded.',
    'sheet.offline': 'You are offline. Check your connection and try again.',
    'sheet.empty': 'There is no procedure to print.',
    'sheet.retry': 'Try again',
    'sheet.missing_api': 'The API address is not configured (api attribute or a <motcua-portal> element).',
    'sheet.missing_agency': 'No agency chosen (agency attribute).',
  },
});
