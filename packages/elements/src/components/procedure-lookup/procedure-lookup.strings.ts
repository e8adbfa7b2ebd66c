import { registerDefaults } from '../../internal/i18n.js';

// Vietnamese; the English terms are in procedure-lookup.strings.en.ts, loaded when the lookup first renders in English.

registerDefaults({
  vi: {
    'lookup.label': 'Tìm thủ tục',
    'lookup.placeholder': 'Ví dụ: đăng ký khai sinh, chung thuc ban sao',
    'lookup.hint': 'Gõ có dấu hoặc không dấu. Dùng phím mũi tên để chọn, Enter để xem chi tiết.',
    'lookup.results': 'Kết quả tìm kiếm',
    'lookup.filters': 'Bộ lọc',
    'lookup.sector': 'Lĩnh vực',
    'lookup.allSectors': 'Tất cả lĩnh vực',
    'lookup.online': 'Dịch vụ công trực tuyến',
    'lookup.allOnline': 'Tất cả mức độ',
    'lookup.count': ({ count, total }) => (count === total ? `${count} thủ tục` : `${count} thủ tục phù hợp (trên tổng số ${total})`),
    'lookup.showMore': 'Xem thêm {n} thủ tục (còn {rest})',
    'lookup.empty': 'Không tìm thấy thủ tục phù hợp với “{query}”.',
    'lookup.emptyNoQuery': 'Không có thủ tục nào khớp bộ lọc đã chọn.',
    'lookup.emptyHint': 'Hãy thử từ khóa ngắn hơn, hoặc kiểm tra chính tả.',
    'lookup.clearFilters': 'Bỏ bộ lọc',
    'lookup.loading': 'Đang tải danh mục thủ tục…',
    'lookup.error': 'Không tải được danh mục thủ tục. Vui lòng thử lại.',
    'lookup.offline': 'Bạn đang ngoại tuyến. Hãy kiểm tra kết nối mạng rồi thử lại.',
    'lookup.offlineCached': 'Bạn đang ngoại tuyến: đang dùng danh mục đã lưu trên máy.',
    'lookup.stale': 'Đang hiển thị danh mục đã lưu; đang cập nhật…',
    'lookup.retry': 'Thử lại',
    'lookup.missing_api': 'Chưa cấu hình địa chỉ API (thuộc tính api hoặc thẻ <motcua-portal>).',
    'lookup.missing_agency': 'Chưa chọn cơ quan (thuộc tính agency).',
    'lookup.common': 'Thường dùng',
    'lookup.code': 'Mã',
    'lookup.metaTime': 'Thời hạn: {v}',
    'lookup.metaFee': 'Phí: {v}',
    'lookup.back': 'Quay lại danh sách',
    'lookup.detailLoading': 'Đang tải chi tiết thủ tục…',
  },
});
