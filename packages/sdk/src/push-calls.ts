/**
 * The status-alert calls of the client (`getPushKey`, `subscribeDossier`, `unsubscribeDossier`, `unsubscribe`), loaded
 * with their schemas on first use: a page that never subscribes does not carry them.
 * @module
 */
import type * as z from 'zod/mini';
import { pushEndpoints as endpoints, type Endpoint } from './endpoints.js';
import { PushKey, PushSubscriptionReceipt, Unsubscribed, alertSubscriptionSchema } from './schemas/push.js';

/** What the client lends these calls. */
export interface PushContext {
  call<S extends z.ZodMiniType>(
    route: Endpoint,
    schema: S,
    request: { params?: Record<string, string>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal | undefined },
  ): Promise<z.infer<S>>;
  dossierCode(code: string, route: Endpoint): Promise<string>;
  /** Parses a caller's input or throws `MotcuaInputError`. */
  check<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): Promise<z.infer<S>>;
  signal: AbortSignal | undefined;
  proof: string | undefined;
}

const owner = (context: PushContext): Record<string, string> => ({ 'motcua-owner-proof': context.proof ?? '' });

export const pushCalls = {
  getPushKey: (context: PushContext) => context.call(endpoints.getPushKey, PushKey, { signal: context.signal }),
  async subscribeDossier(context: PushContext, code: unknown, subscription: unknown) {
    const dossier = await context.dossierCode(String(code), endpoints.subscribeDossier);
    const body = await context.check(alertSubscriptionSchema(subscription), subscription, 'alert subscription');
    return context.call(endpoints.subscribeDossier, PushSubscriptionReceipt, {
      params: { code: dossier },
      body,
      headers: owner(context),
      signal: context.signal,
    });
  },
  async unsubscribeDossier(context: PushContext, code: unknown, id: unknown) {
    const dossier = await context.dossierCode(String(code), endpoints.unsubscribeDossier);
    return context.call(endpoints.unsubscribeDossier, Unsubscribed, {
      params: { code: dossier, id: String(id) },
      headers: owner(context),
      signal: context.signal,
    });
  },
  unsubscribe: (context: PushContext, token: unknown) =>
    context.call(endpoints.unsubscribe, Unsubscribed, { params: { token: String(token) }, signal: context.signal }),
};

export type PushCall = keyof typeof pushCalls;
export const { getPushKey, subscribeDossier, unsubscribeDossier, unsubscribe } = pushCalls;
