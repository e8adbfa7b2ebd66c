/**
 * Checking a webhook's `X-Motcua-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (Web
 * Crypto: Node ≥ 20, Deno, Bun, workers).
 * @module
 */

/**
 * How old (seconds) a signed delivery may be before it is refused as a possible replay.
 * @example
 * ```ts
 * await verifyWebhookSignature(secret, header, body, { toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS });
 * ```
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Whether `header` is a valid signature of `body` (the raw request body, exactly as received) with `secret`, made
 * within `toleranceSeconds` of `now`. Compares in constant time.
 * @example
 * ```ts
 * const ok = await verifyWebhookSignature(secret, request.headers.get('x-motcua-signature'), await request.text());
 * if (!ok) return new Response('bad signature', { status: 401 });
 * ```
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  { now = Date.now(), toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS }: { now?: number; toleranceSeconds?: number } = {},
): Promise<boolean> {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now / 1000 - Number(t)) > toleranceSeconds) return false;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${body}`)));
  let diff = 0;
  for (let i = 0; i < 64; i++) diff |= expected.charCodeAt(i) ^ v1.charCodeAt(i);
  return diff === 0;
}
