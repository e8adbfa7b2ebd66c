import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '../packages/elements/src/components/satisfaction/satisfaction.js';
import type { MotcuaSatisfaction } from '../packages/elements/src/components/satisfaction/satisfaction.component.js';
import { attributesRender } from './controls.js';
import { press, withVoices } from './speech.js';
import { registerLanguage } from '../packages/elements/src/internal/languages.js';
import { hmn, HMN_VOICE } from '../packages/elements/src/languages/hmn.js';

// Stories run against stub clients (a custom `fetch`), so every state is reproducible without a server.
// Each story uses its own queue (IndexedDB database) so stories do not share pending votes.
const AGENCY = '000.30.01.H17';
const DOSSIER = '000.30.01.H17-261118-0042';
const BASE = 'https://demo.motcua.invalid/api/v1';

function stub(answer: (request: Request) => Response | Promise<Response>): MotcuaClient {
  return createClient({ baseUrl: BASE, retry: { limit: 0 }, fetch: async (input, init) => answer(new Request(input, init)) });
}
const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const dossier = () => ({
  code: DOSSIER,
  view: 'public',
  procedure: { code: '1.004227', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' },
  agency: { code: AGENCY, name: 'UBND xã Hòa Vang' },
  status: 'returned',
  statusCode: 10,
  submittedAt: '2026-11-18T08:30:00+07:00',
  receivedAt: '2026-11-18T09:30:00+07:00',
  dueAt: '2026-11-21T16:30:00+07:00',
  finishedAt: '2026-11-20T15:30:00+07:00',
  returnedAt: '2026-11-21T09:30:00+07:00',
  timing: 'early',
  channel: 'online',
  resultDelivery: 'counter',
  steps: [],
  pending: null,
  reason: null,
});
/** A kiosk's device credential (these stories' servers are stubs: any well-formed one does). */
const DEVICE = `MCD${'7'.repeat(25)}`;
/** The owner's proof a page such as the tracker hands over after its owner check. */
const PROOF = `p1.zz.${'a'.repeat(43)}`;

/** A server that accepts every rating. */
const accepting = (rated = false): MotcuaClient =>
  stub(async (request) => {
    if (request.method === 'GET') return json(dossier());
    if (request.url.endsWith('/verify'))
      return json({ ...dossier(), view: 'owner', rated, ratingProof: { token: PROOF, expiresAt: '2026-11-21T10:00:00+07:00' } });
    const rating = (await request.json()) as { agency: string; overall: string; ratedAt: string; dossierCode?: string };
    return json({ id: `r_${crypto.randomUUID()}`, ...rating, receivedAt: new Date().toISOString() }, 201);
  });
const offline: MotcuaClient = createClient({
  baseUrl: BASE,
  retry: { limit: 0 },
  fetch: () => Promise.reject(new TypeError('Failed to fetch')),
});
const refusing: MotcuaClient = stub(() => json({ type: 'about:blank', title: 'Invalid', status: 422, code: 'invalid_request' }, 422));

const queue = (): string => `motcua-ratings-story-${crypto.randomUUID().slice(0, 8)}`;

async function vote(canvas: HTMLElement, times: number): Promise<void> {
  const el = canvas.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!;
  await el.updateComplete;
  for (let i = 0; i < times; i++) {
    const submitted = new Promise((resolve) => el.addEventListener('motcua-rating-submit', resolve, { once: true }));
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="choice"]')[i % 3]!.click();
    // "Chưa hài lòng" asks which criterion fell short first: sent as it is.
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.send')?.click();
    await submitted;
    await el.updateComplete;
    if (i < times - 1) {
      el.shadowRoot!.querySelector<HTMLButtonElement>('.done')!.click();
      await el.updateComplete;
    }
  }
}

const meta: Meta = {
  title: 'Widgets/Satisfaction',
  component: 'motcua-satisfaction',
  parameters: {
    docs: { description: { component: 'Đánh giá mức độ hài lòng: trực tuyến theo hồ sơ, hoặc máy đánh giá tại quầy (kiosk).' } },
  },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: { mode: 'online', dossier: DOSSIER, agency: AGENCY, lang: 'vi' },
  render: (args) => attributesRender('motcua-satisfaction', { client: accepting(), device: DEVICE })(args),
};

export const Online: Story = {
  render: () => html`<motcua-satisfaction dossier=${DOSSIER} queue=${queue()} .client=${accepting()}></motcua-satisfaction>`,
};
export const OnlineCriteriaOpen: Story = {
  render: () => html`<motcua-satisfaction dossier=${DOSSIER} queue=${queue()} .client=${accepting()}></motcua-satisfaction>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-controls="criteria"]')!.click();
  },
};
export const OnlineStandalone: Story = {
  render: () => html`<motcua-satisfaction queue=${queue()} .client=${accepting()}></motcua-satisfaction>`,
};
export const OnlineAlreadyRated: Story = {
  render: () => html`<motcua-satisfaction dossier=${DOSSIER} queue=${queue()} .client=${accepting(true)}></motcua-satisfaction>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="satisfied"]')!.click();
    el.shadowRoot!.querySelector<HTMLInputElement>('#digits')!.value = '6789';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};
export const OnlineSavedOffline: Story = {
  render: () => html`<motcua-satisfaction dossier=${DOSSIER} queue=${queue()} .proof=${PROOF} .client=${offline}></motcua-satisfaction>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="satisfied"]')!.click();
    el.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};
export const KioskIdle: Story = {
  render: () =>
    html`<motcua-satisfaction
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      queue=${queue()}
      .device=${DEVICE}
      .client=${accepting()}
    ></motcua-satisfaction>`,
};
export const KioskThanks: Story = {
  render: () =>
    html`<motcua-satisfaction
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      reset-after="600"
      queue=${queue()}
      .device=${DEVICE}
      .client=${accepting()}
    ></motcua-satisfaction>`,
  play: async ({ canvasElement }) => vote(canvasElement, 1),
};
/** "Chưa hài lòng": which Decree 61 criterion fell short (two tapped here) and an optional comment, before sending. */
export const KioskNotSatisfied: Story = {
  name: 'Kiosk: "Chưa hài lòng" asks why',
  render: () =>
    html`<motcua-satisfaction
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      lock-ms="0"
      idle-after="600"
      queue=${queue()}
      .device=${DEVICE}
      .client=${accepting()}
    ></motcua-satisfaction>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!;
    await el.updateComplete;
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="choice"]')[2]!.click();
    await el.updateComplete;
    for (const c of ['totalTime', 'staffAttitude']) el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-criterion="${c}"]`)!.click();
  },
};
/** A kiosk whose votes stay on the device (offline, or refused by the server), with the staff counts shown. */
const kioskWithQueue = (client: MotcuaClient, votes: number): Story => ({
  render: () =>
    html`<motcua-satisfaction
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      lock-ms="0"
      queue=${queue()}
      .device=${DEVICE}
      .client=${client}
    ></motcua-satisfaction>`,
  play: async ({ canvasElement }) => {
    await vote(canvasElement, votes);
    canvasElement.querySelector<MotcuaSatisfaction>('motcua-satisfaction')!.shadowRoot!.querySelector<HTMLButtonElement>('.done')!.click();
  },
});
export const KioskOfflineWithPendingVotes: Story = kioskWithQueue(offline, 4);
export const KioskRejectedVotes: Story = kioskWithQueue(refusing, 1);
export const KioskNotConfigured: Story = {
  render: () => html`<motcua-satisfaction mode="kiosk" queue=${queue()} .client=${offline}></motcua-satisfaction>`,
};
/** A kiosk not enrolled yet: the officer's set-up screen, no votes taken. */
export const KioskNotEnrolled: Story = {
  render: () => html`<motcua-satisfaction mode="kiosk" agency=${AGENCY} queue=${queue()} .client=${offline}></motcua-satisfaction>`,
};
export const KioskEnglish: Story = {
  render: () =>
    html`<motcua-satisfaction
      lang="en"
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      queue=${queue()}
      .device=${DEVICE}
      .client=${accepting()}
    ></motcua-satisfaction>`,
};

/**
 * The example Hmong pack (community draft, see packages/elements/src/languages/hmn.ts) on a device without a Hmong
 * voice: "Mloog" (Nghe) says so and offers Vietnamese.
 */
export const KioskHmongPackNoVoice: Story = {
  name: 'Kiosk: Hmong pack, no Hmong voice',
  render: () => {
    registerLanguage('hmn', hmn, { voice: HMN_VOICE });
    return html`<motcua-satisfaction
      lang="hmn"
      mode="kiosk"
      agency=${AGENCY}
      counter="3"
      queue=${queue()}
      .device=${DEVICE}
      .client=${accepting()}
    ></motcua-satisfaction>`;
  },
  beforeEach: withVoices('vi-VN'),
  play: async ({ canvasElement }) => press(canvasElement, 'motcua-satisfaction', '[part="listen"]'),
};
