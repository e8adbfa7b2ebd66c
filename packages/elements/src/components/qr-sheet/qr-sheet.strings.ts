import { registerDefaults } from '../../internal/i18n.js';

// Vietnamese; the English terms are in qr-sheet.strings.en.ts, loaded when the QR sheet first renders in English.

registerDefaults({
  vi: {
    'sheet.heading': 'Bảng mã QR thủ tục hành chính',
    'sheet.print': 'In bảng mã QR',
    'sheet.sector': 'Lĩnh vực',
    'sheet.allSectors': 'Tất cả lĩnh vực',
    'sheet.summary': '{count} thủ tục · {pages} trang A4',
    'sheet.page': 'Trang {n}/{total}',
    'sheet.preparing': 'Đang hiện {n}/{total} thẻ (in sẽ in tất cả)',
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
});
