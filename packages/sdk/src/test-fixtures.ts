// Canned contract responses for the client tests (valid unless named otherwise).
import type { Agency, Catalog, DossierStatus, Procedure, ProcedureSummary, RatingReceipt, ServiceStats } from './schemas/index.js';

export const AGENCY_CODE = '000.00.06.H56';
export const DOSSIER = '000.00.06.H56-231027-0361';

export const agency: Agency = {
  code: AGENCY_CODE,
  name: 'UBND xã Hòa Vang',
  centreName: 'Trung tâm Phục vụ hành chính công xã Hòa Vang',
  province: { code: 'H56', name: 'Đà Nẵng' },
  level: 'commune',
  address: '1 Đường Số 1, xã Hòa Vang, TP Đà Nẵng',
  phone: '0236 3 123 456',
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '07:00', closes: '17:00' }],
  procedureCount: 393,
};

export function summary(i: number, name = `Thủ tục số ${i}`): ProcedureSummary {
  return {
    code: `1.${String(1000 + i).padStart(6, '0')}`,
    name,
    sector: { code: 'G15-TP07', name: 'Hộ tịch' },
    levels: ['commune'],
    onlineService: 'full',
    processingTime: { value: 1, unit: 'working_day' },
    feeSummary: { minVnd: 0, maxVnd: 0 },
    kind: 'national',
  };
}

export const catalog: Catalog = {
  agency: AGENCY_CODE,
  updatedAt: '2026-11-01T08:00:00+07:00',
  items: [summary(1, 'Đăng ký khai sinh'), summary(2, 'Đăng ký kết hôn'), summary(3, 'Chứng thực bản sao từ bản chính')],
};

export const procedure: Procedure = {
  ...summary(1193, 'Đăng ký khai sinh'),
  id: '019d2bff-2d33-76fe-bd90-4f37b18e4401',
  cases: [],
  channels: [{ method: 'direct', processingTime: { value: 1, unit: 'working_day' }, fees: [], description: '' }],
  steps: [{ name: 'Nộp hồ sơ', description: 'Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.' }],
  componentGroups: [{ name: '', components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, forms: [] }] }],
  requirements: '',
  legalBasis: [{ code: '60/2014/QH13', name: 'Luật Hộ tịch' }],
  results: [{ code: '', name: 'Giấy khai sinh' }],
  implementingUnits: ['Ủy ban nhân dân cấp xã'],
  applicantTypes: ['Công dân Việt Nam'],
  detailed: true,
  portalUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d33-76fe-bd90-4f37b18e4401',
  updatedAt: '2026-01-05T00:00:00+07:00',
};

export const dossier: DossierStatus = {
  code: DOSSIER,
  view: 'public',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  agency: { code: AGENCY_CODE, name: 'UBND xã Hòa Vang' },
  status: 'processing',
  statusCode: 4,
  submittedAt: '2023-10-27T08:15:00+07:00',
  receivedAt: '2023-10-27T08:20:00+07:00',
  dueAt: '2023-10-30T08:20:00+07:00',
  finishedAt: null,
  returnedAt: null,
  timing: 'in_progress',
  channel: 'direct',
  resultDelivery: 'counter',
  steps: [{ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: '2023-10-27T08:20:00+07:00' }],
  pending: null,
  reason: null,
  rated: false,
};

export const receipt: RatingReceipt = {
  id: 'r_01',
  agency: AGENCY_CODE,
  overall: 'very_satisfied',
  ratedAt: '2026-11-21T09:00:00+07:00',
  receivedAt: '2026-11-21T09:00:01+07:00',
};

export const stats: ServiceStats = {
  agency: AGENCY_CODE,
  from: '2026-01-01',
  to: '2026-06-30',
  received: { total: 100, carriedOver: 5, online: 80, direct: 15, postal: 0 },
  resolved: { total: 90, early: 60, onTime: 28, late: 2 },
  inProgress: { total: 10, notDue: 9, overdue: 1, waitingSupplement: 0 },
  withdrawn: 0,
  notAccepted: 0,
  onTimeRate: 0.9778,
  onlineRate: 0.8421,
  satisfaction: { total: 50, verySatisfied: 30, satisfied: 18, notSatisfied: 2, rate: 0.96 },
  months: [{ month: '2026-01', received: 20, resolved: 18, onTimeRate: 1, onlineRate: 0.8, satisfactionRate: null }],
};
