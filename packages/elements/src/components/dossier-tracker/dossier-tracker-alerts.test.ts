// Status alerts in the tracker (issue 18 item 1), with a stubbed service worker container, PushManager and Notification:
// the control appears after the owner check with its consent sentence, subscribes with the owner's proof and the
// consent, says so (aria-live), stops the alerts with the kept token, and explains a browser without push or a blocked
// permission; the code loads only after the owner check.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient } from '@motcua/sdk';
import type { DossierStatus } from '@motcua/sdk/schemas';
import './dossier-tracker.js';
import type { MotcuaDossierTracker } from './dossier-tracker.js';

const CODE = '000.30.01.H17-261120-0043';
const TOKEN = `p1.${'k'.repeat(6)}.${'A'.repeat(43)}`;
const KEY = `B${'A'.repeat(86)}`;
const ENDPOINT = 'https://push.example.com/send/abc';

const view = (status: DossierStatus['status']) => ({
  code: CODE,
  view: 'public',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  agency: { code: '000.30.01.H17', name: 'UBND xã Hòa Vang' },
  status,
  statusCode: 4,
  submittedAt: '2026-11-20T08:00:00+07:00',
  receivedAt: '2026-11-20T08:30:00+07:00',
  dueAt: '2026-11-21T16:30:00+07:00',
  finishedAt: null,
  returnedAt: null,
  timing: 'in_progress',
  channel: 'online',
  resultDelivery: 'counter',
  steps: [{ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: '2026-11-20T08:30:00+07:00' }],
  pending: null,
  reason: null,
});

interface Sent {
  method: string;
  path: string;
  proof: string | null;
  body: Record<string, unknown> | undefined;
}

function server(status: DossierStatus['status'] = 'processing', subscribeStatus = 201, sms = false) {
  const sent: Sent[] = [];
  const json = (body: unknown, code = 200) =>
    new Response(JSON.stringify(body), {
      status: code,
      headers: { 'content-type': code >= 400 ? 'application/problem+json' : 'application/json' },
    });
  const client = createClient({
    baseUrl: 'http://motcua.invalid/api/v1',
    retry: { limit: 0 },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      const text = await request.text();
      sent.push({
        method: request.method,
        path,
        proof: request.headers.get('motcua-owner-proof'),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      });
      if (path.endsWith('/verify'))
        return json({
          ...view(status),
          view: 'owner',
          applicantName: 'Nguyễn V** A**',
          rated: false,
          ratingProof: { token: TOKEN, expiresAt: '2026-11-21T11:00:00+07:00' },
        });
      if (path.endsWith('/push/key')) return json(sms ? { publicKey: KEY, sms } : { publicKey: KEY });
      if (path.endsWith('/subscriptions'))
        return subscribeStatus === 201
          ? json({ id: 'ps_0123456789abcdef', dossier: CODE, consentedAt: '2026-11-20T09:00:00+07:00', unsubscribeToken: 'u1.tok' }, 201)
          : json(
              { type: 'about:blank', title: 'x', status: subscribeStatus, code: 'subscription_limit', detail: 'Đủ 5 thiết bị.' },
              subscribeStatus,
            );
      if (path.includes('/unsubscribe/')) return json({ id: 'ps_0123456789abcdef', dossier: CODE, unsubscribed: true });
      return json(view(status));
    },
  });
  return { client, sent };
}

/** A stubbed browser: a service worker container with one registration whose PushManager records subscribe calls. */
function stubPush(permission: NotificationPermission = 'default', answer: NotificationPermission = 'granted') {
  const calls = { subscribe: [] as PushSubscriptionOptionsInit[], registered: [] as string[], unsubscribed: 0, asked: 0 };
  let subscription: PushSubscription | null = null;
  const fakeSubscription = {
    endpoint: ENDPOINT,
    toJSON: () => ({ endpoint: ENDPOINT, expirationTime: null, keys: { p256dh: KEY, auth: 'A'.repeat(22) } }),
    unsubscribe: async () => {
      calls.unsubscribed++;
      subscription = null;
      return true;
    },
  } as unknown as PushSubscription;
  const registration = {
    active: {},
    pushManager: {
      getSubscription: async () => subscription,
      subscribe: async (options: PushSubscriptionOptionsInit) => {
        calls.subscribe.push(options);
        return (subscription = fakeSubscription);
      },
    },
  } as unknown as ServiceWorkerRegistration;
  let registered = false;
  const container = {
    getRegistration: async (url?: string) => (url && registered ? registration : undefined),
    register: async (url: string) => {
      calls.registered.push(url);
      registered = true;
      return registration;
    },
  };
  const original = { serviceWorker: Object.getOwnPropertyDescriptor(navigator, 'serviceWorker'), Notification: window.Notification };
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  const FakeNotification = {
    permission,
    requestPermission: async () => {
      calls.asked++;
      FakeNotification.permission = answer;
      return answer;
    },
  };
  (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  return {
    calls,
    restore() {
      if (original.serviceWorker) Object.defineProperty(navigator, 'serviceWorker', original.serviceWorker);
      else delete (navigator as unknown as Record<string, unknown>).serviceWorker;
      window.Notification = original.Notification;
      localStorage.removeItem(`motcua.alerts.${CODE}`);
      localStorage.removeItem(`motcua.smsalerts.${CODE}`);
    },
  };
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const alertsOf = (el: MotcuaDossierTracker) => shadow(el).querySelector('motcua-dossier-alerts');

async function verified(client: ReturnType<typeof createClient>, lang = 'vi') {
  const el = await fixture<MotcuaDossierTracker>(
    html`<motcua-dossier-tracker .client=${client} code=${CODE} lang=${lang} push-worker="/push-sw.js"></motcua-dossier-tracker>`,
  );
  await waitUntil(() => shadow(el).querySelector('[part="verify"] button'), 'no verify button', { timeout: 5000 });
  shadow(el).querySelector<HTMLButtonElement>('[part="verify"] button')!.click();
  await el.updateComplete;
  shadow(el).querySelector<HTMLInputElement>('#phone')!.value = '1078';
  shadow(el).querySelector<HTMLFormElement>('#verify-form')!.requestSubmit();
  await waitUntil(() => alertsOf(el)?.shadowRoot?.querySelector('button, p'), 'no alerts control', { timeout: 5000 });
  return el;
}

describe('<motcua-dossier-tracker> status alerts', () => {
  it('loads the alerts code only after the owner check', async () => {
    const push = stubPush();
    try {
      const { client } = server();
      const loaded = () => performance.getEntriesByType('resource').some((e) => /dossier-tracker-alerts\.(ts|js)/.test(e.name));
      const el = await fixture<MotcuaDossierTracker>(
        html`<motcua-dossier-tracker .client=${client} code=${CODE}></motcua-dossier-tracker>`,
      );
      await waitUntil(() => shadow(el).querySelector('[part="verify"] button'), 'no verify button', { timeout: 5000 });
      expect(loaded(), 'the alerts module loaded before the owner check').to.equal(false);
      expect(alertsOf(el)).to.equal(null);
    } finally {
      push.restore();
    }
  });

  it('subscribes with the owner’s proof and the consent sentence, announces it, and stops with the kept token', async () => {
    const push = stubPush();
    try {
      const { client, sent } = server();
      const el = await verified(client);
      const alerts = alertsOf(el)!;
      const root = shadow(alerts);
      expect(root.querySelector('h3')?.textContent).to.equal('Nhận thông báo');
      const consent = root.querySelector('#alerts-consent')?.textContent ?? '';
      expect(consent).to.contain(`Tôi đồng ý nhận thông báo trên thiết bị này mỗi khi trạng thái hồ sơ ${CODE} thay đổi`);
      await expect(alerts).to.be.accessible();
      expect(push.calls.asked, 'permission is asked only on the button').to.equal(0);
      root.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(
        () => root.querySelector('[role="status"]')?.textContent?.includes('Thiết bị này sẽ nhận thông báo'),
        'not subscribed',
      );
      expect(push.calls.asked).to.equal(1);
      expect(push.calls.registered).to.deep.equal([new URL('/push-sw.js', location.href).href]);
      expect(push.calls.subscribe[0]?.userVisibleOnly).to.equal(true);
      expect((push.calls.subscribe[0]?.applicationServerKey as Uint8Array).length).to.equal(65);
      const subscribe = sent.find((s) => s.path.endsWith('/subscriptions'))!;
      expect(subscribe.method).to.equal('POST');
      expect(subscribe.proof).to.equal(TOKEN);
      expect(subscribe.body).to.include({ endpoint: ENDPOINT, consent: true, consentText: consent.trim(), lang: 'vi' });
      expect(root.querySelector('[role="status"]')?.getAttribute('aria-live')).to.equal('polite');
      await expect(alerts).to.be.accessible();

      const stop = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Hủy nhận thông báo'))!;
      stop.click();
      await waitUntil(() => root.querySelector('[role="status"]')?.textContent?.includes('Đã hủy nhận thông báo'), 'not unsubscribed');
      expect(sent.at(-1)).to.include({ method: 'POST', path: '/api/v1/unsubscribe/u1.tok' });
      expect(push.calls.unsubscribed, 'the last followed dossier lets the browser subscription go').to.equal(1);
      expect(localStorage.getItem(`motcua.alerts.${CODE}`)).to.equal(null);
    } finally {
      push.restore();
    }
  });

  it('explains a blocked permission, a browser without push, and a full dossier (in English too)', async () => {
    let push = stubPush('default', 'denied');
    try {
      const el = await verified(server().client);
      const root = shadow(alertsOf(el)!);
      root.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => root.textContent?.includes('Bạn đã chặn thông báo'), 'no denied message');
      expect(root.querySelector('button'), 'nothing to press while blocked').to.equal(null);
    } finally {
      push.restore();
    }
    push = stubPush('default', 'granted');
    try {
      const el = await verified(server('processing', 409).client, 'en');
      const root = shadow(alertsOf(el)!);
      expect(root.querySelector('h3')?.textContent).to.equal('Get alerts');
      root.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(
        () => root.querySelector('[role="status"]')?.textContent?.includes('already has alerts on 5 devices'),
        'no limit message',
      );
    } finally {
      push.restore();
    }
    const original = Object.getOwnPropertyDescriptor(navigator, 'serviceWorker');
    const noPush = stubPush();
    const saved = (window as unknown as Record<string, unknown>).PushManager;
    delete (window as unknown as Record<string, unknown>).PushManager;
    try {
      const el = await verified(server().client);
      const root = shadow(alertsOf(el)!);
      await waitUntil(() => root.textContent?.includes('Trình duyệt này không hỗ trợ thông báo'), 'no unsupported message');
      expect(root.querySelector('button')).to.equal(null);
    } finally {
      (window as unknown as Record<string, unknown>).PushManager = saved;
      noPush.restore();
      if (original) Object.defineProperty(navigator, 'serviceWorker', original);
    }
  });

  it('offers no alerts for a finished dossier', async () => {
    const push = stubPush();
    try {
      const { client } = server('returned');
      const el = await fixture<MotcuaDossierTracker>(
        html`<motcua-dossier-tracker .client=${client} code=${CODE}></motcua-dossier-tracker>`,
      );
      await waitUntil(() => shadow(el).querySelector('[part="verify"] button'), 'no verify button', { timeout: 5000 });
      shadow(el).querySelector<HTMLButtonElement>('[part="verify"] button')!.click();
      await el.updateComplete;
      shadow(el).querySelector<HTMLInputElement>('#phone')!.value = '1078';
      shadow(el).querySelector<HTMLFormElement>('#verify-form')!.requestSubmit();
      await waitUntil(() => shadow(el).querySelector('.verified'), 'not verified', { timeout: 5000 });
      expect(alertsOf(el)).to.equal(null);
    } finally {
      push.restore();
    }
  });
  it('offers SMS/Zalo when the server does, even where push is blocked: consent to the dossier’s own number, then stop', async () => {
    const push = stubPush('denied');
    try {
      const { client, sent } = server('processing', 201, true);
      const el = await verified(client);
      const alerts = alertsOf(el)!;
      const root = shadow(alerts);
      await waitUntil(() => root.querySelector('#alerts-sms-consent'), 'no SMS consent');
      const consent = root.querySelector('#alerts-sms-consent')?.textContent ?? '';
      expect(consent).to.contain(`Tôi đồng ý nhận tin nhắn SMS/Zalo về số điện thoại đã khai trong hồ sơ ${CODE}`);
      await expect(alerts).to.be.accessible();
      const button = root.querySelector<HTMLButtonElement>('[aria-describedby="alerts-sms-consent"]')!;
      expect(button.textContent?.trim()).to.equal('Đồng ý nhận tin nhắn SMS/Zalo');
      button.click();
      await waitUntil(
        () => root.querySelector('[role="status"]')?.textContent?.includes('Số điện thoại trong hồ sơ sẽ nhận tin nhắn'),
        'not consented',
      );
      const subscribe = sent.find((s) => s.path.endsWith('/subscriptions'))!;
      expect(subscribe.proof).to.equal(TOKEN);
      expect(subscribe.body).to.deep.equal({ kind: 'sms', consent: true, consentText: consent.trim(), lang: 'vi' });
      expect(push.calls.asked, 'no notification permission for SMS').to.equal(0);
      await expect(alerts).to.be.accessible();
      const stop = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Hủy nhận tin nhắn')!;
      stop.click();
      await waitUntil(() => root.querySelector('[role="status"]')?.textContent?.includes('Đã hủy nhận tin nhắn'), 'not stopped');
      expect(sent.some((s) => s.method === 'POST' && s.path.endsWith('/unsubscribe/u1.tok'))).to.equal(true);
    } finally {
      push.restore();
    }
  });

  it('offers no SMS when the server has no SMS hook', async () => {
    const push = stubPush();
    try {
      const { client, sent } = server();
      const el = await verified(client);
      const root = shadow(alertsOf(el)!);
      await waitUntil(() => sent.some((s) => s.path.endsWith('/push/key')), 'the key was not asked');
      await alertsOf(el)!.updateComplete;
      expect(root.querySelector('#alerts-sms-consent')).to.equal(null);
    } finally {
      push.restore();
    }
  });
});
