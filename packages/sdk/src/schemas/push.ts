import * as z from 'zod/mini';
import { DateTime } from './common.js';
import { DossierCode } from './dossier.js';

/**
 * The server's VAPID public key (`GET /push/key`): the `applicationServerKey` of `PushManager.subscribe()`, an
 * uncompressed P-256 point in base64url (87 characters).
 * @example
 * ```ts
 * const { publicKey } = PushKey.parse(await (await fetch('/api/v1/push/key')).json());
 * ```
 */
export const PushKey = z.strictObject({
  publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/, 'invalid VAPID public key')),
  /** `true` when the server also offers alerts by SMS/Zalo (its provider hook `MOTCUA_SMS_WEBHOOK_URL` is configured). */
  sms: z.optional(z.literal([true, false])),
});
/**
 * The value {@link PushKey} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PushKey = PushKey.parse(json);
 * ```
 */
export type PushKey = z.infer<typeof PushKey>;

const base64url = (min: number, max: number, what: string) =>
  z
    .string()
    .check(
      z.minLength(min, `${what}: quá ngắn`),
      z.maxLength(max, `${what}: quá dài`),
      z.regex(/^[A-Za-z0-9_-]+=*$/, `${what}: không phải base64url`),
    );

/**
 * A request to receive Web Push alerts about one dossier (`POST /dossiers/{code}/subscriptions`, with the owner's
 * proof in `Motcua-Owner-Proof`): the browser's `PushSubscription.toJSON()` plus the citizen's explicit consent, the
 * sentence they agreed to, the language of the alerts and the page to open on a click. Every field is bounded.
 * @example
 * ```ts
 * PushSubscriptionRequest.parse({
 *   endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
 *   keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
 *   consent: true,
 *   consentText: 'Tôi đồng ý nhận thông báo khi trạng thái hồ sơ thay đổi.',
 * });
 * ```
 */
export const PushSubscriptionRequest = z.strictObject({
  /** `push` (the default when absent). */
  kind: z.optional(z.literal('push')),
  /** The push service URL (https; the server may allow http on loopback in development). */
  endpoint: z
    .string()
    .check(
      z.minLength(12),
      z.maxLength(1024, 'endpoint: tối đa 1024 ký tự'),
      z.regex(/^https?:\/\/[^\s]+$/, 'endpoint: phải là địa chỉ https'),
    ),
  /** `PushSubscription.expirationTime` (ignored; a gone subscription is dropped on the push service's 404/410). */
  expirationTime: z.optional(z.nullable(z.number())),
  keys: z.strictObject({
    /** The browser's P-256 public key (65 bytes, base64url). */
    p256dh: base64url(86, 90, 'keys.p256dh'),
    /** The browser's authentication secret (16 bytes, base64url). */
    auth: base64url(22, 24, 'keys.auth'),
  }),
  /** The citizen agreed (must be `true`). */
  consent: z.literal(true, 'consent: cần có sự đồng ý của người dân'),
  /** The sentence the citizen agreed to, as shown (kept with the consent's time). */
  consentText: z.string().check(z.minLength(10, 'consentText: quá ngắn'), z.maxLength(500, 'consentText: tối đa 500 ký tự')),
  /** Language of the alerts (default `vi`). */
  lang: z.optional(z.enum(['vi', 'en'])),
  /** The tracker page to open when the alert is clicked (same origin as the service worker). */
  page: z.optional(
    z.string().check(z.maxLength(500, 'page: tối đa 500 ký tự'), z.regex(/^https?:\/\/[^\s]+$/, 'page: phải là địa chỉ http(s)')),
  ),
});
/**
 * The value {@link PushSubscriptionRequest} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PushSubscriptionRequest = PushSubscriptionRequest.parse(json);
 * ```
 */
export type PushSubscriptionRequest = z.infer<typeof PushSubscriptionRequest>;

/**
 * A request to receive status alerts by SMS/Zalo (`POST /dossiers/{code}/subscriptions`, with the owner's proof): only
 * the consent. The message goes to the phone number already on the dossier, never to a number given here (a `to` or
 * `phone` field is refused: the object is strict). Offered only when the server has an SMS provider hook configured.
 * @example
 * ```ts
 * SmsSubscriptionRequest.parse({
 *   kind: 'sms',
 *   consent: true,
 *   consentText: 'Tôi đồng ý nhận tin nhắn SMS/Zalo về số điện thoại đã khai trong hồ sơ khi trạng thái thay đổi.',
 * });
 * ```
 */
export const SmsSubscriptionRequest = z.strictObject({
  kind: z.literal('sms'),
  /** The citizen agreed (must be `true`). */
  consent: z.literal(true, 'consent: cần có sự đồng ý của người dân'),
  /** The sentence the citizen agreed to, as shown (kept with the consent's time). */
  consentText: z.string().check(z.minLength(10, 'consentText: quá ngắn'), z.maxLength(500, 'consentText: tối đa 500 ký tự')),
  /** Language of the messages (default `vi`). */
  lang: z.optional(z.enum(['vi', 'en'])),
});
/**
 * The value {@link SmsSubscriptionRequest} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: SmsSubscriptionRequest = SmsSubscriptionRequest.parse(json);
 * ```
 */
export type SmsSubscriptionRequest = z.infer<typeof SmsSubscriptionRequest>;

/**
 * Either kind of alert subscription request: Web Push ({@link PushSubscriptionRequest}, `kind` absent or `push`) or
 * SMS/Zalo ({@link SmsSubscriptionRequest}, `kind: 'sms'`). Check one with {@link alertSubscriptionSchema} (a plain
 * choice by `kind`, not a `z.union`, which would add the union's code to every page's first script).
 * @example
 * ```ts
 * const request: AlertSubscriptionRequest = { kind: 'sms', consent: true, consentText: 'Tôi đồng ý nhận tin nhắn về hồ sơ.' };
 * ```
 */
export type AlertSubscriptionRequest = PushSubscriptionRequest | SmsSubscriptionRequest;

/**
 * The schema that checks an alert subscription request: {@link SmsSubscriptionRequest} when `kind` is `sms`, else
 * {@link PushSubscriptionRequest}.
 * @example
 * ```ts
 * const parsed = alertSubscriptionSchema(json).safeParse(json);
 * ```
 */
export const alertSubscriptionSchema = (value: unknown): typeof PushSubscriptionRequest | typeof SmsSubscriptionRequest =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sms'
    ? SmsSubscriptionRequest
    : PushSubscriptionRequest;

/**
 * A stored subscription (`201` of `POST /dossiers/{code}/subscriptions`): its id, the dossier, the consent's time and
 * the unsubscribe token (`POST /unsubscribe/{token}`; also in every alert), which the tracker keeps to revoke later.
 * @example
 * ```ts
 * const receipt: PushSubscriptionReceipt = PushSubscriptionReceipt.parse(json);
 * ```
 */
export const PushSubscriptionReceipt = z.strictObject({
  id: z.string(),
  dossier: DossierCode,
  consentedAt: DateTime,
  unsubscribeToken: z.string(),
});
/**
 * The value {@link PushSubscriptionReceipt} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PushSubscriptionReceipt = PushSubscriptionReceipt.parse(json);
 * ```
 */
export type PushSubscriptionReceipt = z.infer<typeof PushSubscriptionReceipt>;

/**
 * The answer of an unsubscription (`POST /unsubscribe/{token}`, `DELETE /dossiers/{code}/subscriptions/{id}`): nothing
 * more is sent to that subscription (idempotent: a second call answers the same).
 * @example
 * ```ts
 * Unsubscribed.parse({ id: 'ps_0a1b2c3d4e5f6a7b', dossier: '000.30.01.H17-261015-0001', unsubscribed: true });
 * ```
 */
export const Unsubscribed = z.strictObject({
  id: z.string(),
  dossier: DossierCode,
  unsubscribed: z.literal(true),
});
/**
 * The value {@link Unsubscribed} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Unsubscribed = Unsubscribed.parse(json);
 * ```
 */
export type Unsubscribed = z.infer<typeof Unsubscribed>;

/**
 * What an alert carries (the encrypted Web Push payload the service worker reads): the dossier code and its new status
 * in words, no personal data; `unsubscribe` is the URL that revokes the subscription.
 * @example
 * ```ts
 * const alert = PushAlert.parse(event.data.json());
 * ```
 */
export const PushAlert = z.object({
  v: z.literal(1),
  dossier: z.string(),
  status: z.string(),
  title: z.string(),
  body: z.string(),
  url: z.optional(z.string()),
  unsubscribe: z.string(),
  lang: z.enum(['vi', 'en']),
});
/**
 * The value {@link PushAlert} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PushAlert = PushAlert.parse(json);
 * ```
 */
export type PushAlert = z.infer<typeof PushAlert>;
