/** Terms of the fee payment block (loaded with it, see `dossier-tracker-pay.ts`). */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'tracker.pay.heading': 'Nộp phí bằng chuyển khoản',
    'tracker.pay.scan': 'Quét mã bằng ứng dụng ngân hàng: số tiền và nội dung đã được điền sẵn.',
    'tracker.pay.manual': 'Không quét được (ví dụ đang xem trên chính điện thoại này)? Chuyển khoản theo thông tin dưới đây.',
    'tracker.pay.qrLabel': 'Mã VietQR: chuyển {amount} vào tài khoản {account}, nội dung {note}',
    'tracker.pay.amount': 'Số tiền',
    'tracker.pay.account': 'Số tài khoản',
    'tracker.pay.accountName': 'Chủ tài khoản',
    'tracker.pay.bank': 'Ngân hàng',
    'tracker.pay.note': 'Nội dung chuyển khoản',
    'tracker.pay.keepNote':
      'Ghi đúng nội dung này để cơ quan nhận ra hồ sơ của bạn. Hồ sơ chuyển sang "đã nộp" khi cơ quan ghi nhận khoản tiền.',
    'tracker.pay.copy': 'Sao chép {what}',
    'tracker.pay.copied': 'Đã sao chép {what}.',
    'tracker.pay.copyFailed': 'Không sao chép được. Hãy chọn và sao chép {what} bằng tay.',
    'tracker.pay.invalid': 'Thông tin tài khoản thu phí không hợp lệ, không tạo được mã. Hãy nộp tại quầy hoặc hỏi cơ quan.',
  },
  en: {
    'tracker.pay.heading': 'Pay the fee by bank transfer',
    'tracker.pay.scan': 'Scan the code with your banking app: the amount and the transfer note are filled in.',
    'tracker.pay.manual': 'Cannot scan it (for example on this same phone)? Transfer with the details below.',
    'tracker.pay.qrLabel': 'VietQR code: transfer {amount} to account {account}, note {note}',
    'tracker.pay.amount': 'Amount',
    'tracker.pay.account': 'Account number',
    'tracker.pay.accountName': 'Account holder',
    'tracker.pay.bank': 'Bank',
    'tracker.pay.note': 'Transfer note',
    'tracker.pay.keepNote':
      'Keep this note exactly so that the centre recognises your dossier. The dossier shows the payment once the centre records it.',
    'tracker.pay.copy': 'Copy {what}',
    'tracker.pay.copied': '{what} copied.',
    'tracker.pay.copyFailed': 'Could not copy. Select the {what} and copy it by hand.',
    'tracker.pay.invalid': 'The fee account details are not valid, so no code can be made. Pay at the counter or ask the centre.',
  },
});
