/** Terms of the status alerts control (loaded with it, see `dossier-tracker-alerts.ts`). */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'tracker.alerts.heading': 'Nhận thông báo',
    'tracker.alerts.consent':
      'Tôi đồng ý nhận thông báo trên thiết bị này mỗi khi trạng thái hồ sơ {code} thay đổi. Thông báo chỉ ghi mã hồ sơ và trạng thái mới; tôi có thể hủy bất cứ lúc nào.',
    'tracker.alerts.subscribe': 'Đồng ý nhận thông báo',
    'tracker.alerts.busy': 'Đang bật thông báo…',
    'tracker.alerts.subscribed': 'Thiết bị này sẽ nhận thông báo khi trạng thái hồ sơ thay đổi.',
    'tracker.alerts.unsubscribe': 'Hủy nhận thông báo',
    'tracker.alerts.unsubscribed': 'Đã hủy nhận thông báo cho hồ sơ này.',
    'tracker.alerts.unsupported': 'Trình duyệt này không hỗ trợ thông báo. Bạn vẫn có thể tra cứu lại hồ sơ bằng mã.',
    'tracker.alerts.denied':
      'Bạn đã chặn thông báo của trang này. Muốn nhận, hãy cho phép thông báo trong cài đặt của trình duyệt rồi thử lại.',
    'tracker.alerts.dismissed': 'Chưa bật: trình duyệt chưa được cho phép hiện thông báo.',
    'tracker.alerts.limit': 'Hồ sơ này đã có đủ 5 thiết bị nhận thông báo. Hủy trên một thiết bị khác rồi thử lại.',
    'tracker.alerts.finished': 'Hồ sơ đã kết thúc: không còn thông báo nào để gửi.',
    'tracker.alerts.expired': 'Phiên xác minh đã hết hạn. Hãy xác minh lại rồi bật thông báo.',
    'tracker.alerts.failed': 'Không bật được thông báo. Vui lòng thử lại sau.',
    'tracker.alerts.smsConsent':
      'Tôi đồng ý nhận tin nhắn SMS/Zalo về số điện thoại đã khai trong hồ sơ {code} mỗi khi trạng thái thay đổi. Tin nhắn chỉ ghi mã hồ sơ và trạng thái mới; tôi có thể hủy bất cứ lúc nào.',
    'tracker.alerts.smsSubscribe': 'Đồng ý nhận tin nhắn SMS/Zalo',
    'tracker.alerts.smsSubscribed': 'Số điện thoại trong hồ sơ sẽ nhận tin nhắn khi trạng thái thay đổi.',
    'tracker.alerts.smsUnsubscribe': 'Hủy nhận tin nhắn',
    'tracker.alerts.smsUnsubscribed': 'Đã hủy nhận tin nhắn cho hồ sơ này.',
  },
  en: {
    'tracker.alerts.heading': 'Get alerts',
    'tracker.alerts.consent':
      'I agree to receive alerts on this device whenever the status of dossier {code} changes. An alert shows only the dossier code and its new status; I can stop them at any time.',
    'tracker.alerts.subscribe': 'Agree and get alerts',
    'tracker.alerts.busy': 'Turning alerts on…',
    'tracker.alerts.subscribed': 'This device will get an alert when the status of the dossier changes.',
    'tracker.alerts.unsubscribe': 'Stop alerts',
    'tracker.alerts.unsubscribed': 'Alerts for this dossier are off.',
    'tracker.alerts.unsupported': 'This browser cannot show alerts. You can still look the dossier up with its code.',
    'tracker.alerts.denied': 'Alerts from this site are blocked. To get them, allow notifications in the browser settings and try again.',
    'tracker.alerts.dismissed': 'Not turned on: the browser was not allowed to show notifications.',
    'tracker.alerts.limit': 'This dossier already has alerts on 5 devices. Stop them on another device and try again.',
    'tracker.alerts.finished': 'The dossier is finished: there is nothing left to announce.',
    'tracker.alerts.expired': 'The owner check has expired. Verify again, then turn alerts on.',
    'tracker.alerts.failed': 'Alerts could not be turned on. Please try again later.',
    'tracker.alerts.smsConsent':
      'I agree to receive SMS/Zalo messages at the phone number given in dossier {code} whenever its status changes. A message shows only the dossier code and its new status; I can stop them at any time.',
    'tracker.alerts.smsSubscribe': 'Agree and get SMS/Zalo messages',
    'tracker.alerts.smsSubscribed': 'The phone number in the dossier will get a message when its status changes.',
    'tracker.alerts.smsUnsubscribe': 'Stop messages',
    'tracker.alerts.smsUnsubscribed': 'Messages for this dossier are off.',
  },
});
