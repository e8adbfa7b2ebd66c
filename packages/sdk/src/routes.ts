/**
 * The route table of the motcua API (`/api/v1`): the single source for the client and for the OpenAPI document.
 * @module
 */
import * as z from 'zod/mini';
import { endpoints, pushEndpoints } from './endpoints.js';
import { AgencyList, Agency, SectorList } from './schemas/agency.js';
import { AgencyCode, ProcedureCode } from './schemas/common.js';
import { DossierCodeInput } from './schemas/dossier-code-input.js';
import { DossierStatus, VerifyRequest } from './schemas/dossier.js';
import { Catalog, Procedure, ProcedurePage, ProcedureQuery } from './schemas/procedure.js';
import { DeviceCredential, IdempotencyKey, Rating, RatingReceipt } from './schemas/rating.js';
import { ServiceStats, StatsQuery } from './schemas/stats.js';
import { HolidayQuery, HolidayYear } from './schemas/holidays.js';
import { AgencyDirectory, AgencyDirectoryQuery, ProvinceCode, ProvinceStats } from './schemas/directory.js';
import { PushKey, PushSubscriptionReceipt, PushSubscriptionRequest, SmsSubscriptionRequest, Unsubscribed } from './schemas/push.js';

/**
 * Any zod (mini) schema.
 * @example
 * ```ts
 * const schema: AnySchema = routes.getAgency.response;
 * ```
 */
export type AnySchema = z.ZodMiniType;

/**
 * A documented error answer of a route: HTTP status and the problem `code` it carries.
 * @example
 * ```ts
 * routes.getDossier.errors.map((e) => e.code); // ['invalid_request', 'dossier_not_found', 'rate_limited', 'unavailable']
 * ```
 */
export interface RouteError {
  status: number;
  code: string;
  description: string;
}

/**
 * A header a route reads or sends.
 * @example
 * ```ts
 * routes.submitRating.headers[0].name; // 'Idempotency-Key'
 * ```
 */
export interface RouteHeader {
  name: string;
  schema: AnySchema;
  required: boolean;
  description: string;
}

/**
 * One response a route can give besides errors.
 * @example
 * ```ts
 * routes.getCatalog.responses.map((r) => r.status); // [200, 304]
 * ```
 */
export interface RouteResponse {
  status: number;
  description: string;
  /** Body schema; absent for bodiless answers such as 304. */
  schema?: AnySchema;
  headers?: readonly RouteHeader[];
}

/**
 * One route of the API. Paths are relative to `/api/v1`, with `{name}` placeholders.
 * @example
 * ```ts
 * for (const route of Object.values(routes) as RouteDefinition[]) console.log(route.method, route.path);
 * ```
 */
export interface RouteDefinition {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  /** Path parameters (an object schema, one property per placeholder). */
  params?: z.ZodMiniObject;
  /** Query parameters (an object schema). */
  query?: z.ZodMiniObject;
  /** Request headers. */
  headers?: readonly RouteHeader[];
  /** JSON request body. */
  body?: AnySchema;
  /** The main success response body, which the client validates. */
  response: AnySchema;
  /** Every non-error response, the main one first. */
  responses: readonly RouteResponse[];
  errors: readonly RouteError[];
  /** Scopes an API key (`Authorization: Bearer …`) needs; absent for public routes. */
  security?: readonly string[];
}

const invalid: RouteError = {
  status: 400,
  code: 'invalid_request',
  description:
    'A parameter or the body does not match the contract (also: a query parameter given twice, a control character in the path or query).',
};
/** Every route that reads the database may find it down, full or slow. */
const unavailable: RouteError = {
  status: 503,
  code: 'unavailable',
  description: 'The database is unavailable (down, full or slow); retry after `Retry-After` seconds (also in `retryAfter`).',
};
const tooLarge: RouteError = {
  status: 413,
  code: 'payload_too_large',
  description: 'The body is larger than the server accepts (16 KB by default).',
};
const mediaType: RouteError = { status: 415, code: 'unsupported_media_type', description: 'The body is not `application/json`.' };
const limited: RouteError = {
  status: 429,
  code: 'rate_limited',
  description: 'Too many requests; retry after `Retry-After` seconds (also in `retryAfter`).',
};
const notFound = (what: string): RouteError => ({ status: 404, code: 'not_found', description: `No such ${what}.` });

const ok = (schema: AnySchema, description: string): RouteResponse => ({ status: 200, description, schema });

const agencyParams = z.object({ agency: AgencyCode });

/**
 * Every route of the API, keyed by the client method that calls it.
 * @example
 * ```ts
 * import { routes } from '@motcua/sdk';
 * routes.getDossier.path; // '/dossiers/{code}'
 * routes.getDossier.response.safeParse(json);
 * ```
 */
export const routes = {
  getAgencies: {
    ...endpoints.getAgencies,
    operationId: 'getAgencies',
    summary: 'List agencies',
    description:
      'Every public service centre (commune, ward or province) this server knows. With `province`, `q` or `units=1` (directory ' +
      'mode) the answer also holds the directory: every commune/ward of the province (or of the country with `units=1`), or ' +
      'the best matches of `q` ("find my commune": diacritics, `xã`/`phường`/`P.` prefixes, typos and pre-merger names, the ' +
      'matched old name in `via`), each with its GSO code, former names and the agency e-ID where this server serves it; ' +
      '`items` then holds the served agencies among those units. Revalidate with `If-None-Match`.',
    tag: 'agencies',
    query: AgencyDirectoryQuery,
    response: AgencyList,
    responses: [
      ok(z.union([AgencyList, AgencyDirectory]), 'The agencies (plain list), or the directory answer.'),
      { status: 304, description: 'The directory answer has not changed since the ETag in `If-None-Match`.' },
    ],
    errors: [invalid, notFound('province'), unavailable],
  },
  getAgency: {
    ...endpoints.getAgency,
    operationId: 'getAgency',
    summary: 'Get an agency',
    description: 'One agency by its e-ID: address, phone, opening hours.',
    tag: 'agencies',
    params: agencyParams,
    response: Agency,
    responses: [ok(Agency, 'The agency.')],
    errors: [invalid, notFound('agency'), unavailable],
  },
  getSectors: {
    ...endpoints.getSectors,
    operationId: 'getSectors',
    summary: 'List sectors',
    description: 'The sectors (lĩnh vực) procedures belong to.',
    tag: 'procedures',
    response: SectorList,
    responses: [ok(SectorList, 'The sectors.')],
    errors: [invalid, unavailable],
  },
  searchProcedures: {
    ...endpoints.searchProcedures,
    operationId: 'searchProcedures',
    summary: 'Search an agency’s procedures',
    description: 'Server-side search (accent-insensitive, typo-tolerant) over the procedures an agency handles, paged.',
    tag: 'procedures',
    params: agencyParams,
    query: ProcedureQuery,
    response: ProcedurePage,
    responses: [ok(ProcedurePage, 'One page of results.')],
    errors: [invalid, notFound('agency'), unavailable],
  },
  getCatalog: {
    ...endpoints.getCatalog,
    operationId: 'getCatalog',
    summary: 'Get an agency’s compact catalog',
    description: 'Every procedure of the agency in compact form, for instant client-side search. Revalidate with `If-None-Match`.',
    tag: 'procedures',
    params: agencyParams,
    headers: [{ name: 'If-None-Match', schema: z.string(), required: false, description: 'ETag of the catalog the client holds.' }],
    response: Catalog,
    responses: [
      {
        status: 200,
        description: 'The catalog.',
        schema: Catalog,
        headers: [{ name: 'ETag', schema: z.string(), required: true, description: 'Version of the catalog.' }],
      },
      { status: 304, description: 'The catalog has not changed since the ETag in `If-None-Match`.' },
    ],
    errors: [invalid, notFound('agency'), unavailable],
  },
  getProcedure: {
    ...endpoints.getProcedure,
    operationId: 'getProcedure',
    summary: 'Get a procedure',
    description: 'The full record of a procedure by national code: cases, channels, fees, dossier components, steps, legal basis.',
    tag: 'procedures',
    params: z.object({ code: ProcedureCode }),
    headers: [{ name: 'If-None-Match', schema: z.string(), required: false, description: 'ETag of the procedure the client holds.' }],
    response: Procedure,
    responses: [
      {
        status: 200,
        description: 'The procedure.',
        schema: Procedure,
        headers: [{ name: 'ETag', schema: z.string(), required: true, description: 'Version of the procedure record.' }],
      },
      { status: 304, description: 'The procedure has not changed since the ETag in `If-None-Match`.' },
    ],
    errors: [invalid, notFound('procedure'), unavailable],
  },
  getDossier: {
    ...endpoints.getDossier,
    operationId: 'getDossier',
    summary: 'Look up a dossier (public view)',
    description:
      'Status, dates, timing and steps of a dossier; nothing personal. The code may be given as typed (surrounding spaces, ' +
      'lower-case letters); its date must be a real day not in the future, its sequence 0001–9999, else 400.',
    tag: 'dossiers',
    params: z.object({ code: DossierCodeInput }),
    response: DossierStatus,
    responses: [ok(DossierStatus, 'The public view of the dossier.')],
    errors: [invalid, { status: 404, code: 'dossier_not_found', description: 'No dossier has this code.' }, limited, unavailable],
  },
  verifyDossier: {
    ...endpoints.verifyDossier,
    operationId: 'verifyDossier',
    summary: 'Prove ownership of a dossier (owner view)',
    description:
      'With the last four digits of the applicant’s phone, returns the owner view, which adds the masked applicant name, ' +
      'whether the dossier has been rated, and `ratingProof`: the owner’s proof for rating it (valid 30 minutes). ' +
      'The code is checked as in `GET /dossiers/{code}` (a date not in the future). Wrong answers are limited per client ' +
      'and per code (429).',
    tag: 'dossiers',
    params: z.object({ code: DossierCodeInput }),
    body: VerifyRequest,
    response: DossierStatus,
    responses: [ok(DossierStatus, 'The owner view of the dossier.')],
    errors: [
      invalid,
      { status: 404, code: 'dossier_not_found', description: 'No dossier has this code, or the digits do not match.' },
      tooLarge,
      mediaType,
      limited,
      unavailable,
    ],
  },
  submitRating: {
    ...endpoints.submitRating,
    operationId: 'submitRating',
    summary: 'Submit a satisfaction rating',
    description:
      'Records a rating. Idempotent by `Idempotency-Key`: replaying the same key and body returns the same receipt with 200; ' +
      'the same key with a different body is a 409. Every rating needs proof: an `online` rating names its `dossierCode` ' +
      'and carries the owner’s proof (`Motcua-Owner-Proof`, the `ratingProof.token` of `POST /dossiers/{code}/verify`); ' +
      'only a finished dossier (status `resolved` or `returned`) may be rated, once. A `kiosk` rating comes from an ' +
      'enrolled device (`Motcua-Device`), limited per device (bursts of 200, then one vote per 10 s by default). ' +
      '`ratedAt` may be at most 2 minutes ahead of the server and 15 minutes old (72 hours for a kiosk’s queued votes).',
    tag: 'ratings',
    headers: [
      { name: 'Idempotency-Key', schema: IdempotencyKey, required: true, description: 'Unique per rating, e.g. a UUID.' },
      {
        name: 'Motcua-Owner-Proof',
        schema: z.string().check(z.maxLength(100)),
        required: false,
        description: 'Required with `dossierCode`: the owner’s proof (`ratingProof.token` from `POST /dossiers/{code}/verify`).',
      },
      {
        name: 'Motcua-Device',
        schema: DeviceCredential,
        required: false,
        description: 'Required for `channel: kiosk`: the credential `motcua-server devices enrol` printed for this kiosk.',
      },
    ],
    body: Rating,
    response: RatingReceipt,
    responses: [
      { status: 201, description: 'The rating was recorded.', schema: RatingReceipt },
      { status: 200, description: 'Replay of an already recorded rating (same key and body): the same receipt.', schema: RatingReceipt },
    ],
    errors: [
      invalid,
      { status: 409, code: 'idempotency_conflict', description: 'The key was used with a different body.' },
      { status: 401, code: 'proof_required', description: 'A rating of a dossier without `Motcua-Owner-Proof`.' },
      { status: 401, code: 'device_required', description: 'A kiosk rating without `Motcua-Device`.' },
      { status: 403, code: 'proof_invalid', description: 'The owner’s proof is forged, expired, or for another dossier.' },
      {
        status: 403,
        code: 'device_invalid',
        description: 'The device credential is unknown, revoked, or enrolled for another agency.',
      },
      { status: 404, code: 'dossier_not_found', description: 'No dossier has this code.' },
      { status: 409, code: 'already_rated', description: 'This dossier has been rated already.' },
      { status: 409, code: 'not_finished', description: 'The dossier is not finished (only `resolved` and `returned` may be rated).' },
      tooLarge,
      mediaType,
      {
        status: 422,
        code: 'invalid_request',
        description: 'Unknown agency, an online rating without `dossierCode`, or `ratedAt` in the future or too old.',
      },
      { ...limited, description: 'Too many requests, or the device’s rating limit is spent; retry after `Retry-After` seconds.' },
      unavailable,
    ],
  },
  getStats: {
    ...endpoints.getStats,
    operationId: 'getStats',
    summary: 'Service statistics of an agency',
    description:
      'Received, resolved (early, on time, late), in progress, online rate and satisfaction over a period, with a monthly series. ' +
      '`from` must not be after `to`, and the period is at most three years (1,098 days): longer periods are refused with 400.',
    tag: 'statistics',
    params: agencyParams,
    query: StatsQuery,
    response: ServiceStats,
    responses: [ok(ServiceStats, 'The statistics.')],
    errors: [invalid, notFound('agency'), unavailable],
  },
  getProvinceStats: {
    ...endpoints.getProvinceStats,
    operationId: 'getProvinceStats',
    summary: 'Service statistics of a province',
    description:
      'On-time rate, online share and satisfaction over the communes of the province that report (the served agencies), ' +
      'with each commune’s own totals; the provincial counts are the sums of the communes’ and its rates are recomputed ' +
      'from those sums. The period is bounded as an agency’s statistics are: at most three years, and `from` must not be after `to`.',
    tag: 'statistics',
    params: z.object({ code: ProvinceCode }),
    query: StatsQuery,
    response: ProvinceStats,
    responses: [ok(ProvinceStats, 'The statistics.')],
    errors: [invalid, notFound('province'), unavailable],
  },
  getHolidays: {
    ...endpoints.getHolidays,
    operationId: 'getHolidays',
    summary: 'Public holidays and make-up working days of a year',
    description:
      'The working-day calendar due dates are counted with: days off besides weekends (holidays, compensatory and swapped days) ' +
      'and weekend days made working days by a swap, each with the notice it comes from. `provisional` when the year is not yet ' +
      'announced. Includes the deployment’s own days. Revalidate with `If-None-Match`.',
    tag: 'calendar',
    query: HolidayQuery,
    headers: [{ name: 'If-None-Match', schema: z.string(), required: false, description: 'ETag of the calendar the client holds.' }],
    response: HolidayYear,
    responses: [
      {
        status: 200,
        description: 'The calendar of the year.',
        schema: HolidayYear,
        headers: [{ name: 'ETag', schema: z.string(), required: true, description: 'Version of the calendar.' }],
      },
      { status: 304, description: 'The calendar has not changed since the ETag in `If-None-Match`.' },
    ],
    errors: [invalid],
  },
  getPushKey: {
    ...pushEndpoints.getPushKey,
    operationId: 'getPushKey',
    summary: 'The VAPID public key of status alerts',
    description:
      'The `applicationServerKey` for `PushManager.subscribe()`: the server signs every Web Push alert with the matching private ' +
      'key (configured with `MOTCUA_VAPID_PUBLIC_KEY`/`MOTCUA_VAPID_PRIVATE_KEY`, else generated once and kept in the database).',
    tag: 'alerts',
    response: PushKey,
    responses: [ok(PushKey, 'The public key (base64url, 87 characters).')],
    errors: [unavailable],
  },
  subscribeDossier: {
    ...pushEndpoints.subscribeDossier,
    operationId: 'subscribeDossier',
    summary: 'Receive Web Push alerts about a dossier (owner, with consent)',
    description:
      'Stores the browser’s push subscription for this dossier with the citizen’s explicit consent (`consent: true` and the ' +
      'sentence shown, kept with its time). Needs the owner’s proof (`Motcua-Owner-Proof`, the `ratingProof.token` of ' +
      '`POST /dossiers/{code}/verify`). The endpoint must be an https URL of a push service (not a private address); keys are ' +
      'bounded. At most 5 active subscriptions per dossier; the same endpoint again renews the consent (200). Every status ' +
      'change is then sent as an encrypted alert holding the dossier code and the new status in words, and a link that ' +
      'unsubscribes; nothing is sent after a final status (returned, withdrawn, stopped, not accepted). Requests are limited ' +
      "per client (20 per 10 minutes by default). With `{ kind: 'sms', consent: true, consentText }` (only when the server has " +
      'an SMS provider hook, `MOTCUA_SMS_WEBHOOK_URL`) the alerts go by SMS/Zalo to the phone number already on the dossier ' +
      '(never a number from the request): one such consent per dossier, the same request again renews it (200).',
    tag: 'alerts',
    params: z.object({ code: DossierCodeInput }),
    headers: [
      {
        name: 'Motcua-Owner-Proof',
        schema: z.string().check(z.maxLength(100)),
        required: true,
        description: 'The owner’s proof: `ratingProof.token` from `POST /dossiers/{code}/verify`.',
      },
    ],
    body: z.union([PushSubscriptionRequest, SmsSubscriptionRequest]),
    response: PushSubscriptionReceipt,
    responses: [
      { status: 201, description: 'Subscribed: keep `unsubscribeToken` to unsubscribe later.', schema: PushSubscriptionReceipt },
      { status: 200, description: 'This endpoint was subscribed already: the consent is renewed.', schema: PushSubscriptionReceipt },
    ],
    errors: [
      invalid,
      { status: 401, code: 'proof_required', description: 'No `Motcua-Owner-Proof`.' },
      { status: 403, code: 'proof_invalid', description: 'The owner’s proof is forged, expired, or for another dossier.' },
      { status: 404, code: 'dossier_not_found', description: 'No dossier has this code.' },
      { status: 409, code: 'subscription_limit', description: 'The dossier has 5 active subscriptions already.' },
      { status: 409, code: 'dossier_finished', description: 'The dossier has a final status: there is nothing left to announce.' },
      { status: 409, code: 'sms_unavailable', description: 'SMS/Zalo alerts were asked for, but this server has no SMS provider hook.' },
      tooLarge,
      mediaType,
      limited,
      unavailable,
    ],
  },
  unsubscribeDossier: {
    ...pushEndpoints.unsubscribeDossier,
    operationId: 'unsubscribeDossier',
    summary: 'Stop the alerts of one subscription (owner)',
    description: 'Ends a subscription of this dossier (the owner’s proof again); alerts not yet sent to it are cancelled. Idempotent.',
    tag: 'alerts',
    params: z.object({ code: DossierCodeInput, id: z.string().check(z.regex(/^ps_[0-9a-f]{16}$/)) }),
    headers: [
      {
        name: 'Motcua-Owner-Proof',
        schema: z.string().check(z.maxLength(100)),
        required: true,
        description: 'The owner’s proof: `ratingProof.token` from `POST /dossiers/{code}/verify`.',
      },
    ],
    response: Unsubscribed,
    responses: [ok(Unsubscribed, 'Unsubscribed.')],
    errors: [
      invalid,
      { status: 401, code: 'proof_required', description: 'No `Motcua-Owner-Proof`.' },
      { status: 403, code: 'proof_invalid', description: 'The owner’s proof is forged, expired, or for another dossier.' },
      notFound('subscription of this dossier'),
      unavailable,
    ],
  },
  unsubscribe: {
    ...pushEndpoints.unsubscribe,
    operationId: 'unsubscribe',
    summary: 'Stop alerts with the token of a subscription',
    description:
      'The `unsubscribeToken` of the subscription (the tracker keeps it) or the token in the `unsubscribe` link of every alert ' +
      'ends that subscription; alerts not yet sent to it are cancelled. Idempotent; no proof needed (the token is the proof). ' +
      'The service worker’s “Hủy nhận thông báo” action on an alert calls it.',
    tag: 'alerts',
    params: z.object({ token: z.string().check(z.maxLength(100)) }),
    response: Unsubscribed,
    responses: [ok(Unsubscribed, 'Unsubscribed.')],
    errors: [notFound('subscription (the token is wrong)'), unavailable],
  },
} as const satisfies Record<string, RouteDefinition>;

/**
 * Name of a route in {@link routes}.
 * @example
 * ```ts
 * const name: RouteName = 'getCatalog';
 * routes[name].path; // '/agencies/{agency}/procedures/catalog'
 * ```
 */
export type RouteName = keyof typeof routes;

export { buildPath } from './endpoints.js';
