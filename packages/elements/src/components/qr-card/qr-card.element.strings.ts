/**
 * Vietnamese terms of the `<motcua-qr-card>` element itself: its loading and error states and the fee-payment VietQR.
 * The English ones are in qr-card.strings.en.ts, loaded when a card first renders in English (the card template's terms,
 * shared with the QR sheet, are in qr-card.strings.ts).
 */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'qr.payAlt': 'Mã VietQR chuyển khoản nộp phí {amount}',
    'qr.pay': 'Quét bằng ứng dụng ngân hàng để nộp phí',
    'qr.payAmount': 'Số tiền: {amount}',
    'qr.payInvalid': 'Không tạo được mã VietQR: thuộc tính “{field}” không hợp lệ.',
    'qr.payUnavailable': 'Chưa tải được mã VietQR nộp phí (mất kết nối?). Tải lại trang để thử lại.',
    'qr.loading': 'Đang tải thủ tục…',
    'qr.error': 'Không tải được thủ tục.',
    'qr.notFound': 'Không tìm thấy thủ tục có mã “{code}”.',
    'qr.missing': 'Chưa có mã thủ tục (thuộc tính procedure).',
    'qr.missing_api': 'Chưa cấu hình địa chỉ API (thuộc tính api hoặc thẻ <motcua-portal>).',
    'qr.retry': 'Thử lại',
  },
});
