/**
 * Answers requests Node's HTTP parser refuses (headers or address over 16 KB, malformed HTTP) with a problem+json
 * 400/431, then closes the connection gently.
 *
 * Node's default answer writes the status and destroys the socket at once. A client still uploading the rest of its
 * oversized request (a slow phone sending a 300 KB address) then gets a TCP reset, which discards the answer it had not
 * read yet: the request fails with "connection reset" and no status at all. Here the server half-closes after the
 * answer and keeps reading (and discarding) what the client still sends for up to {@link LINGER_MS}, the "lingering
 * close" of RFC 9112 §9.6, so the client always reads the status.
 * @module
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemBody } from './problem.js';

/** How long a refused connection may keep uploading before it is cut. */
export const LINGER_MS = 2_000;

const STATUS: Record<string, { status: number; reason: string; code: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    title: 'Địa chỉ hoặc tiêu đề yêu cầu quá dài',
    detail: 'Địa chỉ và các tiêu đề của yêu cầu vượt quá 16 KB.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    title: 'Yêu cầu gửi quá chậm',
    detail: 'Máy chủ không nhận đủ yêu cầu trong thời gian cho phép.',
  },
};
const BAD_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  code: 'invalid_request',
  title: 'Yêu cầu không hợp lệ',
  detail: 'Yêu cầu HTTP không đúng định dạng.',
};

/**
 * The raw HTTP answer for a parser error code. `withBody: false` when the refused bytes followed a request that is
 * still being answered on the same connection: the client reads this as the answer to that request, which may be a
 * HEAD (whose answer has no body, so a body would be read as a broken next answer).
 */
export function clientErrorAnswer(errorCode: string | undefined, withBody = true): string {
  const { status, reason, code, title, detail } = (errorCode && STATUS[errorCode]) || BAD_REQUEST;
  const body = withBody ? JSON.stringify(problemBody({ status, code, title, detail })) : '';
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    'Content-Type: application/problem+json; charset=utf-8\r\n' +
    'Cache-Control: no-store\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Replaces Node's answer to unparseable requests on `server` with the one described in this module. */
export function answerClientErrors(server: Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports every further chunk of a refused request again: answer once, discard the rest.
    if (answered.has(socket)) return;
    answered.add(socket);
    // An answer already under way on this connection (or a connection already gone): nothing safe to write.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorAnswer(error.code, !inFlight));
    socket.on('error', () => undefined);
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
  });
}
