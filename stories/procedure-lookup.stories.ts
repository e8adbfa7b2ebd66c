import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '../packages/elements/src/components/portal/portal.js';
import '../packages/elements/src/components/procedure-lookup/procedure-lookup.js';
import type { MotcuaProcedureLookup } from '../packages/elements/src/components/procedure-lookup/procedure-lookup.component.js';
import { attributesRender, inPortal } from './controls.js';
import { press, withVoices } from './speech.js';

// Stories run against stub clients (a custom `fetch`), so every state is reproducible without a server.
const AGENCY = '000.30.01.H17';
const UPDATED = '2026-07-01T08:00:00+07:00';
const hoTich = { code: 'G15-TP07', name: 'Hộ tịch' };
const chungThuc = { code: 'G15-TP01', name: 'Chứng thực' };
const cuTru = { code: 'G09-CA03', name: 'Đăng ký, quản lý cư trú' };

const day = (value: number) => ({ value, unit: 'working_day' as const });
const fee = (min: number, max = min) => ({ minVnd: min, maxVnd: max });
const item = (code: string, name: string, sector: { code: string; name: string }, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  sector,
  levels: ['commune'],
  onlineService: 'full',
  processingTime: day(1),
  feeSummary: fee(0),
  kind: 'national',
  ...extra,
});

export const CATALOG = [
  item('1.001193', 'Thủ tục đăng ký khai sinh', hoTich, { onlineService: 'partial' }),
  item('1.000894', 'Đăng ký kết hôn', hoTich, { processingTime: day(1) }),
  item('2.000635', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', hoTich, { feeSummary: fee(8000) }),
  item('1.004227', 'Cấp Giấy xác nhận tình trạng hôn nhân', hoTich, { processingTime: day(3) }),
  item('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp', chungThuc, {
    feeSummary: fee(2000, 200000),
    onlineService: 'partial',
  }),
  item('1.004222', 'Chứng thực chữ ký trong các giấy tờ, văn bản', chungThuc, { feeSummary: fee(10000), onlineService: 'none' }),
  item('1.010036', 'Đăng ký thường trú', cuTru, { processingTime: day(7), feeSummary: fee(10000, 20000) }),
];

const PROCEDURE = {
  ...CATALOG[0],
  id: '019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7',
  cases: [],
  channels: [
    {
      method: 'direct',
      processingTime: day(1),
      fees: [{ type: 'fee', amountVnd: 0, description: 'Miễn lệ phí đăng ký khai sinh đúng hạn' }],
      description: '',
    },
    { method: 'online', processingTime: day(1), fees: [{ type: 'fee', amountVnd: 0, description: 'Miễn lệ phí' }], description: '' },
  ],
  steps: [
    { name: 'Bước 1', description: 'Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến.' },
    { name: 'Bước 2', description: 'Cán bộ tiếp nhận kiểm tra hồ sơ; nếu đầy đủ, ghi vào Sổ hộ tịch.' },
    { name: 'Bước 3', description: 'Trả Giấy khai sinh cho người yêu cầu.' },
  ],
  componentGroups: [
    {
      name: 'Giấy tờ phải nộp',
      components: [
        {
          name: 'Tờ khai đăng ký khai sinh theo mẫu',
          originals: 1,
          copies: 0,
          forms: [{ name: 'Tờ khai đăng ký khai sinh', url: 'https://example.gov.vn/to-khai.docx' }],
        },
        { name: 'Giấy chứng sinh', originals: 1, copies: 0, forms: [] },
      ],
    },
    { name: 'Giấy tờ phải xuất trình', components: [{ name: 'Căn cước của người đi đăng ký', originals: 1, copies: 0, forms: [] }] },
  ],
  requirements: 'Không',
  legalBasis: [{ code: '60/2014/QH13', name: 'Luật Hộ tịch' }],
  results: [{ code: 'KQ1', name: 'Giấy khai sinh' }],
  implementingUnits: ['Ủy ban nhân dân cấp xã'],
  applicantTypes: ['Công dân Việt Nam'],
  detailed: true,
  portalUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7',
  updatedAt: '2026-01-01T00:00:00+07:00',
};

/** The demo commune's centre: where to go and when (shown in the detail view). */
const CENTRE = {
  code: AGENCY,
  name: 'UBND xã Hòa Vang',
  centreName: 'Trung tâm Phục vụ hành chính công xã Hòa Vang',
  province: { code: '48', name: 'Thành phố Đà Nẵng' },
  level: 'commune',
  address: 'Thôn Dương Lâm 1, xã Hòa Vang, thành phố Đà Nẵng',
  phone: '0236 3846 218',
  openingHours: [
    { days: [1, 2, 3, 4, 5], opens: '07:00', closes: '11:30' },
    { days: [1, 2, 3, 4, 5], opens: '13:30', closes: '17:00' },
    { days: [6], opens: '07:30', closes: '11:30' },
  ],
  procedureCount: CATALOG.length,
};

/** A procedure the catalog has no details for: the detail says so and links to the national portal. */
const NOT_DETAILED = {
  ...item('1.004227', 'Cấp Giấy xác nhận tình trạng hôn nhân', hoTich),
  processingTime: null,
  feeSummary: null,
  id: '019d2bfb-0000-7000-8000-000000000001',
  cases: [],
  channels: [],
  steps: [],
  componentGroups: [],
  requirements: '',
  legalBasis: [],
  results: [],
  implementingUnits: ['Ủy ban nhân dân cấp xã'],
  applicantTypes: [],
  detailed: false,
  portalUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfb-0000-7000-8000-000000000001',
  updatedAt: '2026-01-01T00:00:00+07:00',
};

type Mode = 'ok' | 'loading' | 'error' | 'offline' | 'server';
const respond = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A client whose `fetch` serves `items` as the catalog (or fails the way `mode` says). */
export function stubClient(items: unknown[] = CATALOG, mode: Mode = 'ok'): MotcuaClient {
  return createClient({
    baseUrl: 'https://motcua.example/api/v1',
    retry: { limit: 0, backoffMs: 1 },
    fetch: async (input) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      if (mode === 'loading') return new Promise<Response>(() => undefined);
      if (mode === 'offline') throw new TypeError('Failed to fetch');
      if (mode === 'error') return respond({ type: 'about:blank', title: 'Lỗi máy chủ', status: 503 }, 503);
      if (path.endsWith('/catalog')) {
        return mode === 'server'
          ? respond({ type: 'about:blank', title: 'Lỗi', status: 500 }, 500)
          : respond({ agency: AGENCY, updatedAt: UPDATED, items });
      }
      if (path.endsWith('/procedures')) return respond({ items: items.slice(0, 20), page: 1, pageSize: 20, total: items.length });
      if (path.endsWith('/sectors')) return respond({ items: [hoTich, chungThuc, cuTru] });
      if (path.endsWith(`/agencies/${AGENCY}`)) return respond(CENTRE);
      if (path.endsWith(`/procedures/${NOT_DETAILED.code}`)) return respond(NOT_DETAILED);
      if (path.includes('/procedures/')) return respond(PROCEDURE);
      return respond({ type: 'about:blank', title: 'Không tìm thấy', status: 404 }, 404);
    },
  });
}

const render = (client: MotcuaClient, lang = '', query = '') =>
  html`<motcua-portal .client=${client} agency=${AGENCY} lang=${lang}>
    <motcua-procedure-lookup no-history query=${query}></motcua-procedure-lookup>
  </motcua-portal>`;

const meta: Meta = {
  title: 'Widgets/Procedure lookup',
  component: 'motcua-procedure-lookup',
  excludeStories: ['CATALOG', 'stubClient'],
  parameters: {
    docs: { description: { component: 'Tra cứu thủ tục hành chính: search as you type, filters, detail view and deep links.' } },
  },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: { agency: AGENCY, 'page-size': 20, 'no-history': true, 'url-template': '', query: '', lang: 'vi' },
  render: (args) => inPortal(attributesRender('motcua-procedure-lookup')(args), stubClient()),
};

export const Results: Story = { render: () => render(stubClient()) };
export const Searching: Story = {
  name: 'Results for a query typed without accents',
  render: () => render(stubClient(), '', 'chung thuc ban sao'),
};
export const Empty: Story = { name: 'Empty (no match)', render: () => render(stubClient(), '', 'giấy phép xây dựng') };
export const Loading: Story = { render: () => render(stubClient(CATALOG, 'loading')) };
export const ErrorState: Story = { name: 'Error with retry', render: () => render(stubClient(CATALOG, 'error')) };
export const Offline: Story = {
  render: () => render(stubClient(CATALOG, 'offline')),
  // The browser reports no connection while this story is shown.
  beforeEach: () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    return () => {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    };
  },
};
export const ServerFallback: Story = {
  name: 'Server-side search (catalog unavailable)',
  render: () => render(stubClient(CATALOG, 'server')),
};
export const Detail: Story = {
  render: () => render(stubClient()),
  play: async ({ canvasElement }) => {
    await customElements.whenDefined('motcua-procedure-lookup');
    const el = canvasElement.querySelector<MotcuaProcedureLookup>('motcua-procedure-lookup')!;
    await el.updateComplete;
    el.select('1.001193');
  },
};
/** A procedure without details here: the detail says so plainly and links to it on the national portal. */
export const DetailNotDetailed: Story = {
  name: 'Detail: not detailed here (links to the national portal)',
  render: () => render(stubClient()),
  play: async ({ canvasElement }) => {
    await customElements.whenDefined('motcua-procedure-lookup');
    const el = canvasElement.querySelector<MotcuaProcedureLookup>('motcua-procedure-lookup')!;
    await el.updateComplete;
    el.select(NOT_DETAILED.code);
  },
};
export const LongNames: Story = {
  name: 'Long names and a long list',
  render: () =>
    render(
      stubClient([
        item(
          '1.013855',
          'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống, cơ sở sản xuất thực phẩm thuộc phạm vi quản lý của Bộ Y tế do Ủy ban nhân dân cấp xã thực hiện theo phân cấp',
          { code: 'ATTP', name: 'An toàn thực phẩm và dinh dưỡng trong cơ sở kinh doanh dịch vụ ăn uống' },
          { processingTime: { value: 0, unit: 'other', text: 'Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ' } },
        ),
        ...Array.from({ length: 400 }, (_, i) => item(`1.${String(100000 + i)}`, `Thủ tục thử nghiệm số ${i + 1} về hộ tịch`, hoTich)),
      ]),
    ),
};
export const English: Story = { render: () => render(stubClient(), 'en') };

/** "Nghe" pressed on the detail: the button shows it is reading (press again to stop). */
export const DetailReadingAloud: Story = {
  name: 'Detail: reading aloud (Nghe)',
  render: () => render(stubClient()),
  beforeEach: withVoices('vi-VN'),
  play: async ({ canvasElement }) => {
    await customElements.whenDefined('motcua-procedure-lookup');
    const el = canvasElement.querySelector<MotcuaProcedureLookup>('motcua-procedure-lookup')!;
    await el.updateComplete;
    el.select('1.001193');
    await press(canvasElement, 'motcua-procedure-lookup', '[part="listen"]');
  },
};
/** The text-size menu open (A− / A / A+): the choice applies to every widget on the page and is kept on the device. */
export const DetailTextSize: Story = {
  name: 'Detail: text size menu',
  render: () => render(stubClient()),
  play: async ({ canvasElement }) => {
    await customElements.whenDefined('motcua-procedure-lookup');
    const el = canvasElement.querySelector<MotcuaProcedureLookup>('motcua-procedure-lookup')!;
    await el.updateComplete;
    el.select('1.001193');
    await press(canvasElement, 'motcua-procedure-lookup', '[part="text-size"]');
  },
};
