// Real procedure names from the national catalogue (National Public Service Portal), for the search tests.
import type { SearchableProcedure } from './search.js';

export const PROCEDURES: SearchableProcedure[] = [
  { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', sector: { name: 'Hộ tịch' } },
  { code: '2.000528', name: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài', sector: { name: 'Hộ tịch' } },
  { code: '1.004772', name: 'Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân', sector: { name: 'Hộ tịch' } },
  { code: '1.003583', name: 'Thủ tục đăng ký khai sinh lưu động', sector: { name: 'Hộ tịch' } },
  { code: '1.004884', name: 'Thủ tục đăng ký lại khai sinh', sector: { name: 'Hộ tịch' } },
  { code: '2.000522', name: 'Thủ tục đăng ký lại khai sinh có yếu tố nước ngoài', sector: { name: 'Hộ tịch' } },
  { code: '2.000635', name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', sector: { name: 'Hộ tịch' } },
  {
    code: '2.001023',
    name: 'Liên thông các thủ tục hành chính về đăng ký khai sinh, cấp Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    sector: { name: 'Hộ tịch' },
  },
  {
    code: '2.000986',
    name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    sector: { name: 'Hộ tịch' },
  },
  { code: '1.000894', name: 'Thủ tục đăng ký kết hôn', sector: { name: 'Hộ tịch' } },
  { code: '2.000806', name: 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài', sector: { name: 'Hộ tịch' } },
  { code: '1.004746', name: 'Thủ tục đăng ký lại kết hôn', sector: { name: 'Hộ tịch' } },
  { code: '1.000656', name: 'Thủ tục đăng ký khai tử', sector: { name: 'Hộ tịch' } },
  { code: '1.005461', name: 'Đăng ký lại khai tử', sector: { name: 'Hộ tịch' } },
  { code: '1.004873', name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', sector: { name: 'Hộ tịch' } },
  {
    code: '2.000689',
    name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân cho công dân Việt Nam trong thời gian cư trú ở nước ngoài',
    sector: { name: 'Hộ tịch' },
  },
  { code: '1.004837', name: 'Thủ tục đăng ký giám hộ', sector: { name: 'Hộ tịch' } },
  { code: '1.004222', name: 'Đăng ký thường trú', sector: { name: 'Đăng ký, quản lý cư trú' } },
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    sector: { name: 'Chứng thực' },
  },
  {
    code: '1.001606',
    name: 'Thủ tục Chứng thực bản sao từ bản chính các giấy tờ, văn bản do cơ quan có thẩm quyền cấp hoặc chứng nhận',
    sector: { name: 'Công chứng, chứng thực' },
  },
  {
    code: '2.000988',
    name: 'Chứng thực chữ ký người dịch mà người dịch là viên chức ngoại giao, viên chức lãnh sự',
    sector: { name: 'Chứng thực' },
  },
  {
    code: '3.000616',
    name: 'Thủ tục Hỗ trợ doanh nghiệp tham gia chuỗi cung ứng bán dẫn',
    sector: { name: 'Công nghiệp công nghệ số, công nghệ thông tin, điện tử' },
  },
  {
    code: '3.000615',
    name: 'Thủ tục Hỗ trợ doanh nghiệp thực hiện dự án thiết kế chip bán dẫn',
    sector: { name: 'Công nghiệp công nghệ số, công nghệ thông tin, điện tử' },
  },
  {
    code: '1.115340',
    name: 'Giao đất, cho thuê đất, giao khu vực biển để thực hiện hoạt động lấn biển (Ban Quản lý Khu kinh tế tỉnh Gia Lai)',
    sector: { name: 'Đất đai' },
  },
  {
    code: '1.115145',
    name: 'Thủ tục điều chỉnh Quyết định chấp thuận nhà đầu tư thuộc thẩm quyền của Ban quản lý khu kinh tế',
    sector: { name: 'Đầu tư tại Việt nam' },
  },
  {
    code: '3.000335',
    name: 'Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan tiến hành tố tụng (đối tượng là công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam)',
    sector: { name: 'Lý lịch tư pháp' },
  },
  {
    code: '3.000330',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam mà không xác định được nơi thường trú hoặc nơi tạm trú; người nước ngoài đã cư trú tại Việt Nam',
    sector: { name: 'Lý lịch tư pháp' },
  },
  {
    code: '1.115190',
    name: 'Đề nghị cấp giấy chứng nhận huấn luyện kỹ thuật an toàn trong sản xuất, quản lý, bảo quản, sử dụng pháo hoa, pháo hoa nổ, thuốc pháo',
    sector: { name: 'Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo' },
  },
  {
    code: '1.115748',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất lần đầu đối với cá nhân,\ncộng đồng dân cư, hộ gia đình đang sử dụng đất',
    sector: { name: 'Đất đai' },
  },
  {
    code: '1.115731',
    name: 'Đăng ký, cấp Giấy chứng nhận đối với trường hợp hộ gia đình, cá nhân đang sử dụng đất không đúng mục đích đã được Nhà nước công nhận quyền sử dụng đất trước ngày 01/7/2014',
    sector: { name: 'Đất đai' },
  },
  {
    code: '1.115713',
    name: 'Đăng ký biến động đối với trường hợp thành viên của hộ gia đình hoặc cá nhân đang sử dụng đất thành lập doanh nghiệp tư nhân và sử dụng đất vào hoạt động sản xuất kinh doanh của doanh nghiệp',
    sector: { name: 'Đất đai' },
  },
  {
    code: '1.009122',
    name: 'Cấp giấy phép xây dựng có thời hạn đối với công trình, nhà ở riêng lẻ (công trình cấp III, cấp IV)',
    sector: { name: 'Hoạt động xây dựng' },
  },
  {
    code: '1.115486',
    name: 'Thủ tục công nhận hạng cơ sở lưu trú du lịch trên địa bàn Thành phố đối với khách sạn, biệt thự du lịch, căn hộ du lịch, tàu thuỷ lưu trú du lịch',
    sector: { name: 'Du lịch' },
  },
  { code: '3.000585', name: 'Hỗ trợ chính sách phát triển thủy sản', sector: { name: 'Thủy sản' } },
  {
    code: '5.003807',
    name: 'Quyết định tần suất khảo sát luồng đường thuỷ nội địa địa phương ',
    sector: { name: 'Hàng hải và đường thủy nội địa' },
  },
  {
    code: '2.000547',
    name: 'Thủ tục ghi vào Sổ hộ tịch việc hộ tịch khác của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài (khai sinh; giám hộ; nhận cha, mẹ, con; xác định cha, mẹ, con; nuôi con nuôi; khai tử; thay đổi hộ tịch)',
    sector: { name: 'Hộ tịch' },
  },
  {
    code: '1.115752',
    name: 'Giao đất ở có thu tiền sử dụng đất không thông qua đấu giá,\nkhông đấu thầu lựa chọn nhà đầu tư thực hiện dự án có sử dụng đất đối với\ncá nhân là cán bộ, công chức, viên chức, sĩ quan tại ngũ, quân nhân chuyên\nnghiệp, công chức quốc phòng, công nhân và viên chức quốc phòng, sĩ\nquan, hạ sĩ quan, công nhân công an, người làm công tác cơ yếu và người\nlàm công tác khác trong tổ chức cơ yếu hưởng lương từ ngân sách nhà nước\nmà chưa được giao đất ở, nhà ở; giáo viên, nhân viên y tế đang công tác tại\ncác xã biên giới, hải đảo thuộc vùng có điều kiện kinh tế - xã hội khó khăn,\nvùng có điều kiện kinh tế - xã hội đặc biệt khó khăn nhưng chưa có đất ở,\nnhà ở tại nơi công tác hoặc chưa được hưởng chính sách hỗ trợ về nhà ở\ntheo quy định của pháp luật về nhà ở; cá nhân thường trú tại xã mà không có đất ở và chưa được Nhà nước giao đất ở hoặc chưa được hưởng chính\nsách hỗ trợ về nhà ở theo quy định của pháp luật về nhà ở',
    sector: { name: 'Đất đai' },
  },
];
