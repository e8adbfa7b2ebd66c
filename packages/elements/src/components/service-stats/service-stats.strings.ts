import { registerDefaults, type Translation } from '../../internal/i18n.js';

// Vietnamese; the English terms are in service-stats.strings.en.ts, loaded when the statistics widget first renders in English.

const vi: Translation = {
  'stats.heading': 'Kết quả giải quyết thủ tục hành chính',
  'stats.period.month': 'Tháng {month}/{year}',
  'stats.period.quarter': 'Quý {quarter}/{year}',
  'stats.period.year': 'Năm {year}',
  'stats.asOf': 'Số liệu từ {from} đến {to}.',
  'stats.received': 'Hồ sơ tiếp nhận',
  'stats.receivedDetail': '{online} trực tuyến, {direct} trực tiếp, {postal} qua bưu chính; {carried} kỳ trước chuyển sang',
  'stats.onTime': 'Giải quyết đúng hạn',
  'stats.onTimeDetail': '{ok} trên {resolved} hồ sơ đã giải quyết (trước hạn và đúng hạn)',
  'stats.online': 'Nộp trực tuyến',
  'stats.onlineDetail': '{online} trên {received} hồ sơ mới tiếp nhận',
  'stats.satisfaction': 'Hài lòng',
  'stats.satisfactionDetail': '{happy} trên {total} lượt đánh giá',
  'stats.noData': 'Chưa có số liệu',
  'stats.chart.heading': 'Số hồ sơ tiếp nhận {n} tháng gần nhất',
  'stats.chart.summary': 'Biểu đồ cột số hồ sơ tiếp nhận theo tháng, từ {first} đến {last}. Số liệu chi tiết ở bảng dưới.',
  'stats.table.caption': 'Số liệu theo tháng',
  'stats.table.month': 'Tháng',
  'stats.table.received': 'Tiếp nhận',
  'stats.table.resolved': 'Đã giải quyết',
  'stats.table.onTime': 'Đúng hạn',
  'stats.table.online': 'Trực tuyến',
  'stats.table.satisfaction': 'Hài lòng',
  'stats.loading': 'Đang tải số liệu…',
  'stats.error': 'Chưa tải được số liệu thống kê. Vui lòng thử lại.',
  'stats.offline': 'Không có kết nối mạng. Số liệu sẽ tải khi có mạng.',
  'stats.retry': 'Thử lại',
  'stats.missing_agency': 'Chưa cấu hình: thiếu mã đơn vị (thuộc tính agency).',
  'stats.missing_province': 'Chưa cấu hình: thiếu mã tỉnh (thuộc tính province, ví dụ 48).',
  'stats.province.over': 'Số liệu chung của {province}, cộng từ {n} xã, phường có báo cáo.',
  'stats.province.communes': 'Theo xã, phường ({n})',
  'stats.province.chart': 'Tỷ lệ giải quyết đúng hạn của từng xã, phường',
  'stats.province.caption': 'Số liệu theo xã, phường. Bấm tiêu đề cột để sắp xếp.',
  'stats.province.commune': 'Xã, phường',
  'stats.province.sortedAsc': 'Đang sắp xếp theo {column}, tăng dần.',
  'stats.province.sortedDesc': 'Đang sắp xếp theo {column}, giảm dần.',
};

registerDefaults({ vi });
