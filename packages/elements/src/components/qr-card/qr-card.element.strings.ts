/** Terms of the `<motcua-qr-card>` element itself: its loading and error states and the fee-payment VietQR. */
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
  en: {
    'qr.payAlt': 'VietQR code to pay the fee of {amount} by bank transfer',
    'qr.pay': 'Scan with a banking app to pay the fee',
    'qr.payAmount': 'Amount: {amount}',
    'qr.payInvalid': 'No VietQR code: the “{field}” attribute is not valid.',
    'qr.payUnavailable': 'The VietQR payment code could not be loaded (offline?). Reload the page to try again.',
    'qr.loading': 'Loading the procedure…',
    'qr.error': 'The procedure could not be loaded.',
    'qr.notFound': 'No procedure has the code “{code}”.',
    'qr.missing': 'No procedure code (procedure attribute).',
    'qr.missing_api': 'The API address is not configured (api attribute or a <motcua-portal> element).',
    'qr.retry': 'Try again',
  },
});
