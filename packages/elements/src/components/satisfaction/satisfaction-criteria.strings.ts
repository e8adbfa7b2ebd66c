/** Terms of the Decree 61 criteria (loaded with them, see `satisfaction-criteria.ts`). */
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'satisfaction.criteria.intro': 'Chấm điểm từng tiêu chí theo Nghị định 61/2018/NĐ-CP. Bỏ qua tiêu chí không áp dụng.',
    'satisfaction.criteria.totalTime': '1. Tổng thời gian giải quyết so với thời hạn theo quy định',
    'satisfaction.criteria.stepTime': '2. Thời gian thực hiện tại từng cơ quan, đơn vị',
    'satisfaction.criteria.contactCount': '3. Số lần phải liên hệ để hoàn thiện hồ sơ',
    'satisfaction.criteria.agencyCount': '4. Số cơ quan, đơn vị phải liên hệ',
    'satisfaction.criteria.oneStopCounter': '5. Tiếp nhận và trả kết quả tại Bộ phận Một cửa',
    'satisfaction.criteria.publicPosting': '6. Công khai thủ tục hành chính',
    'satisfaction.criteria.staffAttitude': '7. Thái độ của cán bộ, công chức',
    'satisfaction.criteria.feedbackHandling': '8. Tiếp thu, giải trình ý kiến góp ý, phản ánh',
    'satisfaction.criteria.onlineService': '9. Tiến độ và chất lượng dịch vụ công trực tuyến',
    'satisfaction.criteria.convenience': '10. Mức độ thuận tiện khi thực hiện thủ tục',
    'satisfaction.score.2': 'Tốt (2 điểm)',
    'satisfaction.score.1': 'Đạt (1 điểm)',
    'satisfaction.score.0': 'Chưa tốt (0 điểm)',
  },
  en: {
    'satisfaction.criteria.intro': 'Score each criterion as set by Decree 61/2018/NĐ-CP. Skip those that do not apply.',
    'satisfaction.criteria.totalTime': '1. Total processing time compared with the legal time limit',
    'satisfaction.criteria.stepTime': '2. Time taken at each agency or unit',
    'satisfaction.criteria.contactCount': '3. Number of contacts needed to complete the dossier',
    'satisfaction.criteria.agencyCount': '4. Number of agencies or units contacted',
    'satisfaction.criteria.oneStopCounter': '5. Receipt and return of results at the one-stop counter',
    'satisfaction.criteria.publicPosting': '6. Public posting of the procedure',
    'satisfaction.criteria.staffAttitude': '7. Attitude of the officers',
    'satisfaction.criteria.feedbackHandling': '8. Handling of comments and complaints',
    'satisfaction.criteria.onlineService': '9. Progress and quality of the online service',
    'satisfaction.criteria.convenience': '10. Convenience of the procedure',
    'satisfaction.score.2': 'Good (2 points)',
    'satisfaction.score.1': 'Fair (1 point)',
    'satisfaction.score.0': 'Poor (0 points)',
  },
});
