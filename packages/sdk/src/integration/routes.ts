/**
 * The integration routes (secured with API keys): the source of the integration client and of their part of the
 * OpenAPI document.
 * @module
 */
import * as z from 'zod/mini';
import { AgencyCode } from '../schemas/common.js';
import { DossierCode } from '../schemas/dossier.js';
import type { RouteDefinition, RouteError } from '../routes.js';
import {
  DossierEventBatch,
  DossierEventBatchResult,
  DossierUpsert,
  DossierUpsertResult,
  RatingExportPage,
  RatingExportQuery,
} from './schemas.js';
import { CatalogChangeBatch, CatalogChangeBatchResult } from './catalog.js';
import { DirectoryUnitAttach, DirectoryUnitAttachResult } from './directory-unit.js';

/**
 * Method and path of each integration route.
 * @example
 * ```ts
 * integrationEndpoints.pushDossierEvents; // { method: 'post', path: '/agencies/{agency}/dossier-events' }
 * ```
 */
export const integrationEndpoints = {
  upsertDossier: { method: 'put', path: '/agencies/{agency}/dossiers/{code}' },
  pushDossierEvents: { method: 'post', path: '/agencies/{agency}/dossier-events' },
  exportRatings: { method: 'get', path: '/agencies/{agency}/ratings' },
  changeCatalog: { method: 'post', path: '/agencies/{agency}/catalog-changes' },
  attachDirectoryUnit: { method: 'put', path: '/agencies/{agency}/directory-unit' },
} as const;

const unauthorized: RouteError = {
  status: 401,
  code: 'unauthorized',
  description: 'No API key, or a wrong or revoked one (`WWW-Authenticate: Bearer`).',
};
const forbidden: RouteError = {
  status: 403,
  code: 'forbidden',
  description: 'The key is not bound to this agency, or lacks the scope this route needs.',
};
const invalid: RouteError = { status: 400, code: 'invalid_request', description: 'A parameter or the body does not match the contract.' };
const tooLarge: RouteError = { status: 413, code: 'payload_too_large', description: 'The body is too large.' };
const mediaType: RouteError = { status: 415, code: 'unsupported_media_type', description: 'The body is not `application/json`.' };
const noAgency: RouteError = { status: 404, code: 'not_found', description: 'No such agency.' };
const unavailable: RouteError = {
  status: 503,
  code: 'unavailable',
  description: 'The database is unavailable (down, full or slow); retry after `Retry-After` seconds (also in `retryAfter`).',
};

/**
 * Every integration route, keyed by the integration client method that calls it.
 * @example
 * ```ts
 * integrationRoutes.pushDossierEvents.security; // ['dossiers:write']
 * ```
 */
export const integrationRoutes = {
  upsertDossier: {
    ...integrationEndpoints.upsertDossier,
    operationId: 'upsertDossier',
    summary: 'Create or replace a dossier',
    description:
      'Stores the dossier as the source system holds it. The applicant’s name and phone are stored for the owner view and ' +
      'never shown publicly. Without `dueAt`, a received dossier’s due date is computed by the working-day calendar from ' +
      'the procedure’s processing time. Dossier codes must start with the agency’s e-ID.',
    tag: 'integration',
    params: z.object({ agency: AgencyCode, code: DossierCode }),
    body: DossierUpsert,
    response: DossierUpsertResult,
    responses: [
      { status: 201, description: 'The dossier was created.', schema: DossierUpsertResult },
      { status: 200, description: 'The dossier was replaced.', schema: DossierUpsertResult },
    ],
    errors: [invalid, unauthorized, forbidden, noAgency, tooLarge, mediaType, unavailable],
    security: ['dossiers:write'],
  },
  pushDossierEvents: {
    ...integrationEndpoints.pushDossierEvents,
    operationId: 'pushDossierEvents',
    summary: 'Push a batch of dossier events',
    description:
      'Up to 500 events in any order. Idempotent by event id: an id seen before is a `duplicate`. Events are applied in ' +
      'the order of their time; an event older than the dossier’s current status is recorded without taking the status ' +
      'back. Each event is checked alone: a bad one is `rejected` with a reason, the others are applied.',
    tag: 'integration',
    params: z.object({ agency: AgencyCode }),
    body: DossierEventBatch,
    response: DossierEventBatchResult,
    responses: [{ status: 200, description: 'One result per event, in the order sent.', schema: DossierEventBatchResult }],
    errors: [invalid, unauthorized, forbidden, noAgency, tooLarge, mediaType, unavailable],
    security: ['dossiers:write'],
  },
  exportRatings: {
    ...integrationEndpoints.exportRatings,
    operationId: 'exportRatings',
    summary: 'Export ratings',
    description:
      'Ratings of the agency in a stable order, one page at a time: pass the previous page’s `next` as `since`. ' +
      'A rating committed while you page is never skipped. No phone numbers or applicant data.',
    tag: 'integration',
    params: z.object({ agency: AgencyCode }),
    query: RatingExportQuery,
    response: RatingExportPage,
    responses: [{ status: 200, description: 'One page of ratings.', schema: RatingExportPage }],
    errors: [invalid, unauthorized, forbidden, noAgency, unavailable],
    security: ['ratings:read'],
  },
  changeCatalog: {
    ...integrationEndpoints.changeCatalog,
    operationId: 'changeCatalog',
    summary: 'Change the agency’s catalog',
    description:
      'Up to 100 changes applied together: `upsert` a procedure of the commune’s own (create or replace; it joins the ' +
      'agency’s list), `add` a procedure of the national catalog to the list, `remove` one from it. A national ' +
      'procedure cannot be rewritten here (`national_procedure`), nor another agency’s own (`other_agency`). Any applied ' +
      'change sets a new catalog `version`: the public catalog’s ETag changes, so a widget revalidating its cached copy ' +
      'gets the new catalog.',
    tag: 'integration',
    params: z.object({ agency: AgencyCode }),
    body: CatalogChangeBatch,
    response: CatalogChangeBatchResult,
    responses: [{ status: 200, description: 'One result per change, in the order sent.', schema: CatalogChangeBatchResult }],
    errors: [invalid, unauthorized, forbidden, noAgency, tooLarge, mediaType],
    security: ['catalog:write'],
  },
  attachDirectoryUnit: {
    ...integrationEndpoints.attachDirectoryUnit,
    operationId: 'attachDirectoryUnit',
    summary: 'Attach the agency’s e-ID to its commune/ward',
    description:
      'Attaches the agency e-ID to the directory unit with this GSO code (what `motcua-server agencies import` does from ' +
      'a CSV file). An e-ID is on one unit at most: attached elsewhere before, it moves (`movedFrom`). A unit that already ' +
      'carries another agency’s e-ID is refused (409). Sending it again changes nothing (`unchanged`). A change sets a new ' +
      'catalog version: `GET /agencies?province=…` shows it at once, with a new ETag.',
    tag: 'integration',
    params: z.object({ agency: AgencyCode }),
    body: DirectoryUnitAttach,
    response: DirectoryUnitAttachResult,
    responses: [{ status: 200, description: 'The unit the e-ID is attached to.', schema: DirectoryUnitAttachResult }],
    errors: [
      invalid,
      unauthorized,
      forbidden,
      noAgency,
      { status: 409, code: 'unit_taken', description: 'The unit carries another agency’s e-ID.' },
      tooLarge,
      mediaType,
      {
        status: 422,
        code: 'unknown_unit',
        description: 'No commune/ward with this GSO code, or it lies in another province than the agency.',
      },
    ],
    security: ['directory:write'],
  },
} as const satisfies Record<string, RouteDefinition>;
