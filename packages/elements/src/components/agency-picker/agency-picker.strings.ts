import { registerDefaults } from '../../internal/i18n.js';

// Short enough to carry both languages in the picker's chunk.
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
  en: {
    'picker.label': 'Your commune or ward',
    'picker.hint': 'Type the new or the old (pre-merger) name, with or without diacritics. Use the arrow keys to choose, Enter to confirm.',
    'picker.placeholder': 'e.g. Hòa Phong, P. Hải Châu',
    'picker.results': 'Matching communes and wards',
    'picker.count': ({ count }) =>
      count === 0 ? 'No matching commune or ward.' : `${count} matching commune${count === 1 ? '' : 's'} or ward${count === 1 ? '' : 's'}.`,
    'picker.via': 'includes former {old}',
    'picker.notServed': 'not connected yet',
    'picker.current': 'Showing information for {name}.',
    'picker.chosen': 'Chose {name}. The information below now shows {name}.',
    'picker.chosenVia': '{old} is now part of {name}. The information below now shows {name}.',
    'picker.unserved': '{name} is not connected to this service yet. Please contact its People’s Committee directly.',
    'picker.loading': 'Loading communes and wards…',
    'picker.error': 'Could not load the communes and wards. Please try again.',
    'picker.retry': 'Try again',
    'picker.missing_api': 'No API address configured (the api attribute or a <motcua-portal>).',
  },
});
