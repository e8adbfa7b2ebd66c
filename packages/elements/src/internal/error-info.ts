/**
 * Reads the fields of an SDK error (`MotcuaError` and subclasses) without depending on class identity,
 * so two copies of the SDK on one page still agree.
 */
export interface ErrorInfo {
  kind: string;
  status?: number;
  code?: string;
  retryAfter?: number;
}

export function errorInfo(error: unknown): ErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    kind?: unknown;
    status?: unknown;
    retryAfter?: unknown;
    problem?: { code?: unknown; retryAfter?: unknown };
    name?: unknown;
  };
  const info: ErrorInfo = { kind: typeof e.kind === 'string' ? e.kind : e.name === 'AbortError' ? 'aborted' : 'unknown' };
  if (typeof e.status === 'number') info.status = e.status;
  if (typeof e.problem?.code === 'string') info.code = e.problem.code;
  const retryAfter =
    typeof e.retryAfter === 'number' ? e.retryAfter : typeof e.problem?.retryAfter === 'number' ? e.problem.retryAfter : undefined;
  if (retryAfter !== undefined) info.retryAfter = retryAfter;
  return info;
}
