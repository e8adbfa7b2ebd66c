/**
 * Terms of the kiosk's "Chưa hài lòng" step and of its officer set-up screen, in the kiosk's own chunk (see
 * `satisfaction-kiosk-detail.ts`): an online rating form never downloads them.
 */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'satisfaction.kiosk.detailQuestion': 'Ông/Bà chưa hài lòng về điều gì?',
    'satisfaction.kiosk.detailHelp': 'Chạm vào một hoặc nhiều ô (không bắt buộc), rồi bấm Gửi.',
    'satisfaction.kiosk.c.totalTime': 'Thời gian giải quyết',
    'satisfaction.kiosk.c.stepTime': 'Thời gian ở từng nơi',
    'satisfaction.kiosk.c.contactCount': 'Phải đi lại nhiều lần',
    'satisfaction.kiosk.c.agencyCount': 'Phải đến nhiều cơ quan',
    'satisfaction.kiosk.c.oneStopCounter': 'Tiếp nhận, trả kết quả',
    'satisfaction.kiosk.c.publicPosting': 'Công khai thủ tục',
    'satisfaction.kiosk.c.staffAttitude': 'Thái độ cán bộ',
    'satisfaction.kiosk.c.feedbackHandling': 'Tiếp thu góp ý',
    'satisfaction.kiosk.c.onlineService': 'Dịch vụ công trực tuyến',
    'satisfaction.kiosk.c.convenience': 'Sự thuận tiện',
    'satisfaction.kiosk.send': 'Gửi',
    'satisfaction.setup.title': 'Cài đặt máy đánh giá (dành cho cán bộ)',
    'satisfaction.setup.help': 'Máy này chưa được đăng ký nên chưa nhận đánh giá. Nhập mã thiết bị do quản trị viên cấp (một lần).',
    'satisfaction.setup.refused': 'Máy chủ từ chối mã thiết bị (sai hoặc đã thu hồi). Các đánh giá chưa gửi vẫn được giữ. Nhập mã mới.',
    'satisfaction.setup.label': 'Mã thiết bị (MCD-…)',
    'satisfaction.setup.invalid': 'Mã thiết bị không đúng dạng MCD- và 25 ký tự.',
    'satisfaction.setup.save': 'Lưu và bắt đầu',
    'satisfaction.kiosk.idle': 'Không thấy thao tác. Màn hình sẽ trở về sau {n} giây. Chạm vào màn hình để tiếp tục.',
  },
  en: {
    'satisfaction.kiosk.detailQuestion': 'What were you not satisfied with?',
    'satisfaction.kiosk.detailHelp': 'Tap one or more (optional), then press Send.',
    'satisfaction.kiosk.c.totalTime': 'Processing time',
    'satisfaction.kiosk.c.stepTime': 'Time at each desk',
    'satisfaction.kiosk.c.contactCount': 'Too many visits',
    'satisfaction.kiosk.c.agencyCount': 'Too many agencies',
    'satisfaction.kiosk.c.oneStopCounter': 'Receipt and return',
    'satisfaction.kiosk.c.publicPosting': 'Procedure posted',
    'satisfaction.kiosk.c.staffAttitude': 'Staff attitude',
    'satisfaction.kiosk.c.feedbackHandling': 'Handling feedback',
    'satisfaction.kiosk.c.onlineService': 'Online service',
    'satisfaction.kiosk.c.convenience': 'Convenience',
    'satisfaction.kiosk.send': 'Send',
    'satisfaction.setup.title': 'Kiosk set-up (for staff)',
    'satisfaction.setup.help':
      'This device is not enrolled, so it takes no ratings yet. Enter the device code your administrator issued (once).',
    'satisfaction.setup.refused': 'The server refused the device code (wrong or revoked). Unsent ratings are kept. Enter a new code.',
    'satisfaction.setup.label': 'Device code (MCD-…)',
    'satisfaction.setup.invalid': 'The device code must be MCD- followed by 25 characters.',
    'satisfaction.setup.save': 'Save and start',
    'satisfaction.kiosk.idle': 'No activity. This screen resets in {n} seconds. Touch the screen to continue.',
  },
});
