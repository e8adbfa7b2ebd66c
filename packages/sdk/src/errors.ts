/**
 * Typed errors thrown by the motcua client. Every error extends {@link MotcuaError} and carries a `kind`,
 * so callers can `switch (error.kind)` without `instanceof` chains.
 * @module
 */
import type { Problem } from './schemas/common.js';

/**
 * What went wrong, in one word.
 * @example
 * ```ts
 * const retryable = (kind: MotcuaErrorKind) => kind === 'network' || kind === 'timeout';
 * ```
 */
export type MotcuaErrorKind = 'network' | 'timeout' | 'http' | 'response' | 'aborted' | 'input';

/**
 * One field-level problem: `path` such as `items[0].code`, and what is wrong with it.
 * @example
 * ```ts
 * if (error instanceof MotcuaResponseError) for (const issue of error.issues) console.log(issue.path, issue.message);
 * ```
 */
export interface FieldIssue {
  /** Dotted path with array indices, e.g. `items[0].sector.name`; empty for the whole value. */
  path: string;
  message: string;
}

/**
 * Base class of every error the SDK throws.
 * @example
 * ```ts
 * try {
 *   await client.getAgency('000.00.06.H56');
 * } catch (error) {
 *   if (error instanceof MotcuaError) console.log(error.kind, error.message);
 * }
 * ```
 */
export abstract class MotcuaError extends Error {
  /** Discriminant: which family of failure this is. */
  abstract readonly kind: MotcuaErrorKind;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The request did not reach the server or no response came back (offline, DNS, connection reset).
 * Retried automatically for idempotent calls before being thrown.
 * @example
 * ```ts
 * if (error instanceof MotcuaNetworkError) showBanner('Không có kết nối mạng');
 * ```
 */
export class MotcuaNetworkError extends MotcuaError {
  override readonly name = 'MotcuaNetworkError';
  readonly kind = 'network' as const;
  /** The URL path that was requested, e.g. `/api/v1/agencies`. */
  readonly path: string;
  constructor(path: string, options?: { cause?: unknown }) {
    super(`Network error while requesting ${path}`, options);
    this.path = path;
  }
}

/**
 * The server took longer than the client's `timeout` (milliseconds) to answer.
 * @example
 * ```ts
 * if (error instanceof MotcuaTimeoutError) console.log(`gave up after ${error.timeoutMs} ms`);
 * ```
 */
export class MotcuaTimeoutError extends MotcuaError {
  override readonly name = 'MotcuaTimeoutError';
  readonly kind = 'timeout' as const;
  readonly path: string;
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  constructor(path: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(`Request to ${path} timed out after ${timeoutMs} ms`, options);
    this.path = path;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The server answered with an HTTP error status. `problem` holds the RFC 9457 problem details when the body was
 * `application/problem+json` (or JSON of that shape); `retryAfter` the seconds to wait from `Retry-After`.
 * @example
 * ```ts
 * if (error instanceof MotcuaHttpError && error.problem?.code === 'dossier_not_found') showNotFound();
 * if (error instanceof MotcuaHttpError && error.status === 429) retryIn(error.retryAfter ?? 60);
 * ```
 */
export class MotcuaHttpError extends MotcuaError {
  override readonly name = 'MotcuaHttpError';
  readonly kind = 'http' as const;
  readonly status: number;
  readonly path: string;
  /** Problem details from the response body, when it had that shape. */
  readonly problem?: Problem;
  /** Seconds until a retry may succeed (`Retry-After` header, or `problem.retryAfter`). */
  readonly retryAfter?: number;
  constructor(init: { status: number; path: string; problem?: Problem; retryAfter?: number; cause?: unknown }) {
    const reason = init.problem ? `${init.problem.title}${init.problem.code ? ` (${init.problem.code})` : ''}` : 'HTTP error';
    super(`${init.path} answered ${init.status}: ${reason}${init.problem?.detail ? ` — ${init.problem.detail}` : ''}`, {
      cause: init.cause,
    });
    this.status = init.status;
    this.path = init.path;
    if (init.problem) this.problem = init.problem;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
  }
}

/**
 * The server answered 2xx but the body did not match the contract's schema. The SDK never returns a half-parsed
 * object: the message names the URL path and the failing field paths, and `issues` lists them all.
 * @example
 * ```ts
 * if (error instanceof MotcuaResponseError) report(error.path, error.issues.map((i) => i.path));
 * ```
 */
export class MotcuaResponseError extends MotcuaError {
  override readonly name = 'MotcuaResponseError';
  readonly kind = 'response' as const;
  /** The URL path whose response was invalid, e.g. `/api/v1/procedures/1.001193`. */
  readonly path: string;
  readonly issues: FieldIssue[];
  constructor(path: string, issues: FieldIssue[], options?: { cause?: unknown }) {
    const shown = issues
      .slice(0, 5)
      .map((issue) => `${issue.path || '(body)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super(`Invalid response from ${path}: ${shown}${more}`, options);
    this.path = path;
    this.issues = issues;
  }
}

/**
 * The call was cancelled through its `AbortSignal`.
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = client.getSectors({ signal: controller.signal });
 * controller.abort();
 * await pending.catch((error) => error instanceof MotcuaAbortError); // true
 * ```
 */
export class MotcuaAbortError extends MotcuaError {
  override readonly name = 'MotcuaAbortError';
  readonly kind = 'aborted' as const;
  readonly path: string;
  constructor(path: string, options?: { cause?: unknown }) {
    super(`Request to ${path} was aborted`, options);
    this.path = path;
  }
}

/**
 * The caller passed invalid input (a malformed dossier code, a rating that breaks the contract…); nothing was sent.
 * `reason` is a stable machine code when there is one (e.g. a {@link DossierCodeProblem}), `issues` the field problems.
 * @example
 * ```ts
 * try {
 *   await client.getDossier('abc');
 * } catch (error) {
 *   if (error instanceof MotcuaInputError) console.log(error.reason); // 'wrong_shape'
 * }
 * ```
 */
export class MotcuaInputError extends MotcuaError {
  override readonly name = 'MotcuaInputError';
  readonly kind = 'input' as const;
  readonly reason?: string;
  readonly issues: FieldIssue[];
  constructor(message: string, init: { reason?: string; issues?: FieldIssue[] } = {}) {
    super(message);
    if (init.reason !== undefined) this.reason = init.reason;
    this.issues = init.issues ?? [];
  }
}

/**
 * Whether `value` is one of the SDK's errors (works across bundle copies, unlike `instanceof`).
 * @example
 * ```ts
 * if (isMotcuaError(error) && error.kind === 'timeout') retry();
 * ```
 */
export function isMotcuaError(value: unknown): value is MotcuaError {
  if (value instanceof MotcuaError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (
    value instanceof Error &&
    typeof kind === 'string' &&
    ['network', 'timeout', 'http', 'response', 'aborted', 'input'].includes(kind) &&
    value.name.startsWith('Motcua')
  );
}
