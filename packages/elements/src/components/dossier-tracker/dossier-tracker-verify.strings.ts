/** Terms of the owner-verification form (loaded with it, see `dossier-tracker-verify.ts`). */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'tracker.verify.label': '4 chữ số cuối số điện thoại đã khai khi nộp hồ sơ',
    'tracker.verify.help': 'Dùng để hiện họ tên người nộp (đã che một phần). Không lưu trên thiết bị.',
    'tracker.verify.submit': 'Xác minh',
    'tracker.verify.invalid': 'Nhập đúng 4 chữ số cuối của số điện thoại, ví dụ 0361.',
    'tracker.verify.failed': 'Số điện thoại không khớp với hồ sơ. Kiểm tra lại 4 chữ số cuối.',
    'tracker.verify.done': 'Đã xác minh. Đây là hồ sơ của bạn.',
  },
  en: {
    'tracker.verify.label': 'Last 4 digits of the phone number given when applying',
    'tracker.verify.help': 'Shows the applicant name (partly hidden). Nothing is stored on this device.',
    'tracker.verify.submit': 'Verify',
    'tracker.verify.invalid': 'Enter exactly the last 4 digits of the phone number, for example 0361.',
    'tracker.verify.failed': 'The phone number does not match this dossier. Check the last 4 digits.',
    'tracker.verify.done': 'Verified. This is your dossier.',
  },
});
