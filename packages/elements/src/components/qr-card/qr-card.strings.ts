/** Terms of one card (the card template, also used by the QR sheet). */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'qr.code': 'Mã thủ tục',
    'qr.sector': 'Lĩnh vực',
    'qr.time': 'Thời hạn',
    'qr.fee': 'Phí, lệ phí',
    'qr.scan': 'Quét mã để xem hướng dẫn',
    'qr.alt': 'Mã QR dẫn tới {url}',
    'qr.badTemplate': 'Mẫu địa chỉ (url-template) không hợp lệ: cần bắt đầu bằng https:// hoặc http://.',
  },
  en: {
    'qr.code': 'Procedure code',
    'qr.sector': 'Sector',
    'qr.time': 'Processing time',
    'qr.fee': 'Fees',
    'qr.scan': 'Scan to read the guide',
    'qr.alt': 'QR code linking to {url}',
    'qr.badTemplate': 'The url-template is not valid: it must start with https:// or http://.',
  },
});
