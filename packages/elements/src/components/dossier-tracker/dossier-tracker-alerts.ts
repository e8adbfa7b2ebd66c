/**
 * The status alerts control of the dossier tracker (`<motcua-dossier-alerts>`, internal), loaded only after the owner
 * check of an active dossier: an explicit consent sentence and its button, then a Web Push subscription of this browser
 * to the dossier (the owner's proof from the check goes with it), and the button that revokes it. States: browser
 * without push, permission blocked, not subscribed, subscribed; every change is announced (`aria-live`).
 *
 * The service worker: the page's own (a site's worker imports `push-sw.js` with `importScripts`), else the script in
 * `push-worker` is registered for push only. The unsubscribe token the server returns is kept in `localStorage`, so the
 * alerts can be stopped later without a new owner check.
 * @module
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import { baseStyles } from '../../internal/base.styles.js';
import { errorInfo } from '../../internal/error-info.js';
import { MotcuaElement } from '../../internal/motcua-element.js';
import './dossier-tracker-alerts.strings.js';

type State = 'checking' | 'unsupported' | 'denied' | 'idle' | 'busy' | 'subscribed';

const STORE = 'motcua.alerts.';
/** The SMS/Zalo consents' tokens (apart: they do not hold the browser's push subscription). */
const SMS_STORE = 'motcua.smsalerts.';

interface Stored {
  id: string;
  token: string;
}

function readStored(code: string, prefix = STORE): Stored | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(prefix + code) ?? 'null') as Stored | null;
    return value && typeof value.id === 'string' && typeof value.token === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeStored(code: string, value: Stored | undefined, prefix = STORE): void {
  try {
    if (value) localStorage.setItem(prefix + code, JSON.stringify(value));
    else localStorage.removeItem(prefix + code);
  } catch {
    // Storage refused (private mode): the alerts still work; stopping them later needs the link in an alert.
  }
}

const otherStored = (): boolean => {
  try {
    return Object.keys(localStorage).some((k) => k.startsWith(STORE));
  } catch {
    return false;
  }
};

const keyBytes = (base64url: string): Uint8Array<ArrayBuffer> => {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
};

/** Resolves when the registration has an active worker (a push subscription needs one). */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  if (registration.active) return Promise.resolve();
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.reject(new Error('no service worker'));
  return new Promise((resolve, reject) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
      if (worker.state === 'redundant') reject(new Error('service worker failed'));
    });
  });
}

/**
 * Status alerts for one verified dossier (rendered by the tracker, not meant to be placed by hand).
 * @csspart alerts - The block.
 */
export class MotcuaDossierAlerts extends MotcuaElement {
  static override properties = {
    dossier: {},
    pushWorker: { attribute: 'push-worker' },
    proof: { attribute: false },
    client: { attribute: false },
    state: { state: true },
    message: { state: true },
    sms: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .alerts {
        margin-top: 16px;
        padding: 12px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      h3 {
        margin: 0 0 8px;
        font-size: 1.05em;
      }
      p {
        margin: 0 0 8px;
      }
      .sms:not(:empty) {
        margin-top: 12px;
      }
      button {
        min-height: var(--_target);
        padding: 8px 16px;
        border-radius: var(--_radius);
        border: 1px solid var(--_primary);
        background: var(--_primary);
        color: var(--_primary-text);
        font: inherit;
        cursor: pointer;
      }
      button.secondary {
        background: var(--_bg);
        color: var(--_primary);
      }
      button:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      button[disabled] {
        opacity: 0.6;
        cursor: progress;
      }
    `,
  ];

  /** The dossier code. */
  dossier = '';
  /** The push service worker script to register when the page has no service worker (same origin). */
  pushWorker = '';
  /** The owner's proof (`ratingProof.token` of the owner check). */
  proof = '';
  client?: MotcuaClient;
  private state: State = 'checking';
  /** The last outcome, announced. */
  private message = '';
  /** SMS/Zalo alerts: not offered by the server (`off`), offered, being changed, or consented. */
  private sms: 'off' | 'idle' | 'busy' | 'subscribed' = 'off';

  private get supported(): boolean {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  /** The page's service worker, else the push worker's registration (created when `create`). */
  private async registration(create: boolean): Promise<ServiceWorkerRegistration | undefined> {
    const page = await navigator.serviceWorker.getRegistration();
    if (page) return page;
    if (!this.pushWorker) return undefined;
    const script = new URL(this.pushWorker, location.href).href;
    const mine = await navigator.serviceWorker.getRegistration(script);
    if (mine || !create) return mine;
    return navigator.serviceWorker.register(script);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dossier')) {
      void this.check();
      void this.checkSms();
    }
  }

  /** SMS/Zalo is offered when the server says so (`sms: true` in its key answer); works without push in the browser. */
  private async checkSms(): Promise<void> {
    if (readStored(this.dossier, SMS_STORE)) return void (this.sms = 'subscribed');
    try {
      this.sms = this.client && (await this.client.getPushKey()).sms ? 'idle' : 'off';
    } catch {
      this.sms = 'off';
    }
  }

  private async subscribeSms(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.sms = 'busy';
    try {
      const receipt = await client.subscribeDossier(
        this.dossier,
        {
          kind: 'sms',
          consent: true,
          consentText: this.t('tracker.alerts.smsConsent', { code: this.dossier }),
          lang: this.resolvedLang.toLowerCase().startsWith('en') ? 'en' : 'vi',
        },
        { proof: this.proof },
      );
      writeStored(this.dossier, { id: receipt.id, token: receipt.unsubscribeToken }, SMS_STORE);
      this.sms = 'subscribed';
      this.message = this.t('tracker.alerts.smsSubscribed');
    } catch (error) {
      const { status, code } = errorInfo(error);
      this.sms = 'idle';
      this.message = this.t(
        code === 'dossier_finished'
          ? 'tracker.alerts.finished'
          : status === 401 || status === 403
            ? 'tracker.alerts.expired'
            : 'tracker.alerts.failed',
      );
    }
  }

  private async unsubscribeSms(): Promise<void> {
    const stored = readStored(this.dossier, SMS_STORE);
    this.sms = 'busy';
    try {
      if (stored && this.client) await this.client.unsubscribe(stored.token);
      writeStored(this.dossier, undefined, SMS_STORE);
      this.sms = 'idle';
      this.message = this.t('tracker.alerts.smsUnsubscribed');
    } catch {
      this.sms = 'subscribed';
      this.message = this.t('tracker.alerts.failed');
    }
  }

  private smsBody(): TemplateResult | typeof nothing {
    if (this.sms === 'off') return nothing;
    if (this.sms === 'subscribed')
      return html`<p>${this.t('tracker.alerts.smsSubscribed')}</p>
        <button type="button" class="secondary" @click=${() => void this.unsubscribeSms()}>
          ${this.t('tracker.alerts.smsUnsubscribe')}
        </button>`;
    return html`<p id="alerts-sms-consent">${this.t('tracker.alerts.smsConsent', { code: this.dossier })}</p>
      <button type="button" aria-describedby="alerts-sms-consent" ?disabled=${this.sms === 'busy'} @click=${() => void this.subscribeSms()}>
        ${this.t('tracker.alerts.smsSubscribe')}
      </button>`;
  }

  private async check(): Promise<void> {
    if (!this.supported) return void (this.state = 'unsupported');
    if (Notification.permission === 'denied') return void (this.state = 'denied');
    const stored = readStored(this.dossier);
    let subscribed = false;
    if (stored) {
      try {
        subscribed = !!(await (await this.registration(false))?.pushManager.getSubscription());
      } catch {
        subscribed = false;
      }
    }
    // A page without a service worker of its own and no push worker configured cannot receive alerts.
    if (!subscribed && !this.pushWorker && !(await navigator.serviceWorker.getRegistration().catch(() => undefined)))
      return void (this.state = 'unsupported');
    this.state = subscribed ? 'subscribed' : 'idle';
  }

  private async subscribe(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.state = 'busy';
    this.message = this.t('tracker.alerts.busy');
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        this.state = permission === 'denied' ? 'denied' : 'idle';
        this.message = this.t(permission === 'denied' ? 'tracker.alerts.denied' : 'tracker.alerts.dismissed');
        return;
      }
      const registration = await this.registration(true);
      if (!registration) throw new Error('no service worker');
      await activated(registration);
      const { publicKey } = await client.getPushKey();
      const options = { userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) };
      let push: PushSubscription;
      try {
        push = (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe(options));
      } catch {
        // A subscription made with another server key: replace it.
        await (await registration.pushManager.getSubscription())?.unsubscribe();
        push = await registration.pushManager.subscribe(options);
      }
      const json = push.toJSON();
      const receipt = await client.subscribeDossier(
        this.dossier,
        {
          endpoint: json.endpoint ?? push.endpoint,
          expirationTime: json.expirationTime ?? null,
          keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
          consent: true,
          consentText: this.t('tracker.alerts.consent', { code: this.dossier }),
          lang: this.resolvedLang.toLowerCase().startsWith('en') ? 'en' : 'vi',
          page: location.href.split('#')[0] ?? location.href,
        },
        { proof: this.proof },
      );
      writeStored(this.dossier, { id: receipt.id, token: receipt.unsubscribeToken });
      this.state = 'subscribed';
      this.message = this.t('tracker.alerts.subscribed');
    } catch (error) {
      const { status, code } = errorInfo(error);
      this.state = 'idle';
      this.message = this.t(
        code === 'subscription_limit'
          ? 'tracker.alerts.limit'
          : code === 'dossier_finished'
            ? 'tracker.alerts.finished'
            : status === 401 || status === 403
              ? 'tracker.alerts.expired'
              : 'tracker.alerts.failed',
      );
    }
  }

  private async unsubscribe(): Promise<void> {
    const stored = readStored(this.dossier);
    this.state = 'busy';
    try {
      if (stored && this.client) await this.client.unsubscribe(stored.token);
      writeStored(this.dossier, undefined);
      // The browser's subscription serves every dossier it follows: let it go only with the last one.
      if (!otherStored()) await (await this.registration(false))?.pushManager.getSubscription().then((s) => s?.unsubscribe());
      this.state = 'idle';
      this.message = this.t('tracker.alerts.unsubscribed');
    } catch {
      this.state = 'subscribed';
      this.message = this.t('tracker.alerts.failed');
    }
  }

  private body(): TemplateResult | typeof nothing {
    switch (this.state) {
      case 'checking':
        return nothing;
      case 'unsupported':
        return html`<p>${this.t('tracker.alerts.unsupported')}</p>`;
      case 'denied':
        return html`<p>${this.t('tracker.alerts.denied')}</p>`;
      case 'subscribed':
        return html`${this.message ? nothing : html`<p>${this.t('tracker.alerts.subscribed')}</p>`}
          <button type="button" class="secondary" @click=${() => void this.unsubscribe()}>${this.t('tracker.alerts.unsubscribe')}</button>`;
      default:
        return html`<p id="alerts-consent">${this.t('tracker.alerts.consent', { code: this.dossier })}</p>
          <button type="button" aria-describedby="alerts-consent" ?disabled=${this.state === 'busy'} @click=${() => void this.subscribe()}>
            ${this.t('tracker.alerts.subscribe')}
          </button>`;
    }
  }

  protected override render(): TemplateResult {
    return html`<section class="alerts" aria-labelledby="alerts-heading">
      <h3 id="alerts-heading">${this.t('tracker.alerts.heading')}</h3>
      ${this.body()}
      <div class="sms">${this.smsBody()}</div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
    </section>`;
  }
}

MotcuaDossierAlerts.define('motcua-dossier-alerts');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-dossier-alerts': MotcuaDossierAlerts;
  }
}
