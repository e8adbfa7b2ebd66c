/**
 * Stateless HTTP helpers shared by every route module: response bodies with their compressed forms, ETags, content
 * coding negotiation, request draining and text clean-up.
 * @module
 */
import { createHash } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';

/** The Hono environment of the public app: the request's start time (for the request log). */
export type Env = { Variables: { started: number } };

/** JSON answers smaller than this are sent as they are (compressing them saves next to nothing). */
export const COMPRESS_THRESHOLD = 1024;
export type Encoding = 'gzip' | 'deflate';
export const EXPOSE = 'ETag, Retry-After, Idempotent-Replayed';
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

/**
 * The content coding for a client's `Accept-Encoding`, chosen as Hono's `compress()` does: gzip or deflate with q=1
 * (gzip first) at once, otherwise the highest q above 0 (an explicit entry wins over `*`); undefined = identity.
 */
export function selectEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  // Browsers send a handful of distinct values: each is parsed once. Bounded, so that a client sending a new value on
  // every request only empties the table.
  const known = encodings.get(header);
  if (known !== undefined) return known ?? undefined;
  const chosen = chooseEncoding(header);
  if (header.length > 256) return chosen;
  if (encodings.size >= 256) encodings.clear();
  encodings.set(header, chosen ?? null);
  return chosen;
}
const encodings = new Map<string, Encoding | null>();
function chooseEncoding(header: string): Encoding | undefined {
  const accepts = parseAccept(header);
  const wildcard = accepts.find((a) => a.type === '*')?.q;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ['gzip', 'deflate'] as const) {
    const explicit = accepts.find((a) => a.type.toLowerCase() === encoding);
    const q = explicit ? explicit.q : (wildcard ?? 0);
    if (q === 1) return encoding;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/** A response body with its compressed forms, computed at most once each (for bodies served many times). */
export interface Body {
  readonly bytes: Uint8Array;
  gzip?: Uint8Array;
  deflate?: Uint8Array;
}

/**
 * A request header, as `c.req.header(name)` answers it (several fields of one name joined with ", "), read from Node's
 * parsed headers when Node serves the request: asking the Fetch request builds a Headers object of every field, about
 * a tenth of a small answer's cost. `name` must be lower-case, and not one of the fields Node keeps only the first of
 * (authorization, content-type, host…: see `IncomingMessage.headers`).
 */
export function requestHeader(c: Context<Env>, name: string): string | undefined {
  const headers = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming?.headers;
  if (!headers) return c.req.header(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export const bodyOf = (content: string | Uint8Array): Body => ({ bytes: typeof content === 'string' ? Buffer.from(content) : content });

export function encoded(body: Body, encoding: Encoding): Uint8Array {
  if (encoding === 'gzip') return (body.gzip ??= gzipSync(body.bytes));
  return (body.deflate ??= deflateSync(body.bytes));
}

/**
 * After answering before the whole request body arrived (a 413), keep reading and discarding the rest for up to two
 * seconds: closing a connection with unread data makes the kernel reset it, and the client then sees a reset instead
 * of the answer. (Only on Node, where `c.env.incoming` is the request stream.)
 */
export function drainRequest(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.complete) return;
  const timer = setTimeout(() => incoming.destroy(), 2000);
  timer.unref();
  incoming.once('end', () => clearTimeout(timer));
  incoming.once('close', () => clearTimeout(timer));
  incoming.resume();
}

/** Plain text: NFC, no control characters other than line breaks and tabs. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
