/**
 * Telling "the database is down, full or slow" (answer 503 with Retry-After: the client should try again later) from a
 * genuine bug (answer 500). Works for node-postgres, PostgreSQL SQLSTATE codes and PGlite.
 * @module
 */

/** Thrown by the database layer itself when it cannot serve (closed, damaged folder, …). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Socket errors: the database server cannot be reached or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOSPC',
]);

/** node-postgres and PGlite messages for the same situations (they carry no code). */
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /connection terminated/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /pglite is closed/i,
  /no space left on device/i,
  /^Aborted\(/, // PGlite's WebAssembly instance stopped (damaged file read at run time): it serves nothing more
];

export type UnavailableKind = 'down' | 'full' | 'slow';

/**
 * Why the database cannot serve, or `undefined` for any other error (a bug, a constraint violation, …).
 * - SQLSTATE class 08 (connection exception), 57P0x (admin/crash shutdown, cannot connect now), socket errors: `down`;
 * - class 53 (insufficient resources: disk full, out of memory, too many connections): `full`;
 * - 57014 (query canceled: statement_timeout), 55P03 (lock not available), client-side timeouts: `slow`.
 */
export function unavailableKind(error: unknown, depth = 0): UnavailableKind | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof DatabaseUnavailableError) return 'down';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code === '57014' || code === '55P03') return 'slow';
    if (code.startsWith('53') || code === 'ENOSPC') return 'full';
    if (code.startsWith('08') || code.startsWith('57P0') || NETWORK_CODES.has(code)) return 'down';
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    if (/timeout/i.test(message) && MESSAGES.some((m) => m.test(message))) return 'slow';
    if (/no space left/i.test(message)) return 'full';
    if (MESSAGES.some((m) => m.test(message))) return 'down';
  }
  return unavailableKind((error as { cause?: unknown }).cause, depth + 1);
}

/** Seconds a client should wait before trying again. */
export function retryAfterFor(kind: UnavailableKind): number {
  return kind === 'full' ? 60 : kind === 'slow' ? 10 : 5;
}

export function unavailableDetail(kind: UnavailableKind, retryAfter: number): string {
  const what =
    kind === 'full'
      ? 'Cơ sở dữ liệu đang hết tài nguyên (dung lượng đĩa hoặc bộ nhớ).'
      : kind === 'slow'
        ? 'Cơ sở dữ liệu đang quá tải và không trả lời kịp.'
        : 'Máy chủ tạm thời không kết nối được cơ sở dữ liệu.';
  return `${what} Yêu cầu chưa được thực hiện; vui lòng thử lại sau ${retryAfter} giây.`;
}
