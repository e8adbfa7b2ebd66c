import { registerDefaults } from '../../internal/i18n.js';

// Vietnamese; the English terms are in agency-picker.strings.en.ts, loaded when the agency picker first renders in English.

registerDefaults({
  vi: {
    'picker.label': 'Xã, phường của bạn',
    'picker.hint': 'Gõ tên xã, phường mới hoặc cũ (trước sáp nhập), có dấu hoặc không dấu. Dùng phím mũi tên để chọn, Enter để xác nhận.',
    'picker.placeholder': 'Ví dụ: Hòa Phong, P. Hải Châu',
    'picker.results': 'Xã, phường phù hợp',
    'picker.count': ({ count }) => (count === 0 ? 'Không tìm thấy xã, phường phù hợp.' : `${count} xã, phường phù hợp.`),
    'picker.via': 'gồm {old} cũ',
    'picker.notServed': 'chưa kết nối dịch vụ',
    'picker.current': 'Đang xem thông tin của {name}.',
    'picker.chosen': 'Đã chọn {name}. Các thông tin bên dưới đã chuyển sang {name}.',
    'picker.chosenVia': '{old} nay thuộc {name}. Các thông tin bên dưới đã chuyển sang {name}.',
    'picker.unserved': '{name} chưa kết nối dịch vụ này. Vui lòng liên hệ trực tiếp Ủy ban nhân dân xã, phường.',
    'picker.loading': 'Đang tải danh sách xã, phường…',
    'picker.error': 'Không tải được danh sách xã, phường. Vui lòng thử lại.',
    'picker.retry': 'Thử lại',
    'picker.missing_api': 'Chưa cấu hình địa chỉ API (thuộc tính api hoặc thẻ <motcua-portal>).',
  },
});
