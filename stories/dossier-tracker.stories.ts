import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import { DOSSIER_STATUS_CODES, type DossierStatus, type DossierStatusValue } from '@motcua/sdk/schemas';
import '../packages/elements/src/components/dossier-tracker/dossier-tracker.js';

// Stories run against stub clients (a custom `fetch`), so every state is reproducible without a server.
const AGENCY = { code: '000.30.01.H17', name: 'UBND xã Hòa Vang' };
const CODE = '000.30.01.H17-261118-0042';
const DAY = 86_400_000;
const iso = (offsetDays: number, hour = 8): string => {
  const d = new Date(Date.now() + offsetDays * DAY);
  const vn = new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  return `${vn}T${String(hour).padStart(2, '0')}:30:00+07:00`;
};

function dossier(status: DossierStatusValue, extra: Partial<DossierStatus> = {}): DossierStatus {
  const received = status !== 'submitted';
  const finished = status === 'resolved' || status === 'returned';
  const steps: DossierStatus['steps'] = [
    {
      name: 'Nộp hồ sơ trực tuyến',
      unit: 'Cổng Dịch vụ công quốc gia',
      startedAt: iso(-3, 8),
      ...(received ? { finishedAt: iso(-3, 9) } : {}),
    },
  ];
  if (received) steps.push({ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: iso(-3, 9), finishedAt: iso(-3, 10) });
  if (received && status !== 'not_accepted')
    steps.push({
      name: 'Thẩm định, xử lý hồ sơ',
      unit: 'Công chức Tư pháp - Hộ tịch',
      startedAt: iso(-3, 10),
      ...(finished || status === 'withdrawn' || status === 'stopped' ? { finishedAt: iso(-1, 15) } : { dueAt: iso(2, 16) }),
    });
  return {
    code: CODE,
    view: 'public',
    procedure: { code: '1.004227', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' },
    agency: AGENCY,
    status,
    statusCode: DOSSIER_STATUS_CODES[status],
    submittedAt: iso(-3, 8),
    receivedAt: received ? iso(-3, 9) : null,
    dueAt: received && status !== 'not_accepted' ? iso(2, 16) : null,
    finishedAt: finished ? iso(-1, 15) : null,
    returnedAt: status === 'returned' ? iso(0, 9) : null,
    timing: status === 'returned' ? 'early' : 'in_progress',
    channel: 'online',
    resultDelivery: 'counter',
    steps,
    pending:
      status === 'supplement_requested'
        ? { kind: 'supplement', requestedAt: iso(-1, 14), note: 'Bổ sung bản sao Giấy chứng nhận kết hôn đã được chứng thực.' }
        : status === 'payment_requested'
          ? {
              kind: 'payment',
              requestedAt: iso(-1, 14),
              note: 'Nộp lệ phí cấp bản sao trích lục tại quầy số 2 hoặc chuyển khoản.',
              amountVnd: 8000,
            }
          : null,
    reason:
      status === 'not_accepted'
        ? 'Hồ sơ không thuộc thẩm quyền giải quyết của xã; đề nghị nộp tại nơi thường trú.'
        : status === 'stopped'
          ? 'Người nộp không bổ sung hồ sơ trong thời hạn.'
          : status === 'withdrawn'
            ? 'Công dân xin rút hồ sơ.'
            : null,
    rated: false,
    ...extra,
  };
}

function answering(body: unknown, status = 200, headers: Record<string, string> = {}): MotcuaClient {
  return createClient({
    baseUrl: 'https://demo.motcua.invalid/api/v1',
    retry: { limit: 0 },
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input);
      const owner = url.endsWith('/verify');
      const payload =
        owner && typeof body === 'object' && body !== null ? { ...body, view: 'owner', applicantName: 'Nguyễn V** A**' } : body;
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      return new Response(JSON.stringify(payload), { status, headers: { 'content-type': type, ...headers } });
    },
  });
}

const offline: MotcuaClient = createClient({
  baseUrl: 'https://demo.motcua.invalid/api/v1',
  retry: { limit: 0 },
  fetch: () => Promise.reject(new TypeError('Failed to fetch')),
});

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: 'about:blank',
  title: code,
  status,
  code,
  ...extra,
});

const meta: Meta = {
  title: 'Widgets/Dossier tracker',
  component: 'motcua-dossier-tracker',
  parameters: {
    docs: { description: { component: 'Tra cứu tình trạng hồ sơ: mã hồ sơ, trạng thái, ngày hẹn trả, các bước, việc cần làm.' } },
  },
};
export default meta;
type Story = StoryObj;

const tracker = (client: MotcuaClient, code = CODE, refresh = 0) =>
  html`<motcua-dossier-tracker .client=${client} code=${code} refresh=${refresh}></motcua-dossier-tracker>`;

export const Empty: Story = { render: () => html`<motcua-dossier-tracker .client=${offline}></motcua-dossier-tracker>` };
export const InvalidCode: Story = { render: () => tracker(offline, '000.30.01.H17-261332-0042') };
export const Submitted: Story = { render: () => tracker(answering(dossier('submitted'))) };
export const Received: Story = { render: () => tracker(answering(dossier('received'))) };
export const NotAccepted: Story = { render: () => tracker(answering(dossier('not_accepted'))) };
export const Processing: Story = { render: () => tracker(answering(dossier('processing'))) };
export const SupplementRequested: Story = { render: () => tracker(answering(dossier('supplement_requested'))) };
export const PaymentRequested: Story = { render: () => tracker(answering(dossier('payment_requested'))) };
export const Withdrawn: Story = { render: () => tracker(answering(dossier('withdrawn'))) };
export const Stopped: Story = { render: () => tracker(answering(dossier('stopped'))) };
export const Resolved: Story = { render: () => tracker(answering(dossier('resolved'))) };
export const ResolvedByPost: Story = { render: () => tracker(answering(dossier('resolved', { resultDelivery: 'postal' }))) };
export const Returned: Story = { render: () => tracker(answering(dossier('returned'))) };
export const Overdue: Story = {
  render: () => tracker(answering(dossier('processing', { dueAt: iso(-6, 16), timing: 'overdue' }))),
};
export const DueToday: Story = { render: () => tracker(answering(dossier('processing', { dueAt: iso(0, 16) }))) };
export const OwnerView: Story = {
  render: () => tracker(answering(dossier('processing', { view: 'owner', applicantName: 'Nguyễn V** A**' }))),
};
export const NotFound: Story = { render: () => tracker(answering(problem(404, 'dossier_not_found'), 404)) };
export const RateLimited: Story = {
  render: () => tracker(answering(problem(429, 'rate_limited', { retryAfter: 540 }), 429, { 'retry-after': '540' })),
};
export const Offline: Story = { render: () => tracker(offline) };
export const ServerError: Story = { render: () => tracker(answering(problem(503, 'unavailable'), 503)) };
export const AutoRefresh: Story = { render: () => tracker(answering(dossier('processing')), CODE, 60) };
export const English: Story = {
  render: () =>
    html`<motcua-dossier-tracker lang="en" .client=${answering(dossier('supplement_requested'))} code=${CODE}></motcua-dossier-tracker>`,
};
