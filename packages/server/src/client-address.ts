/**
 * Who is asking: the client address that rate limits count, from the connection and — only when the connection comes
 * from a configured trusted proxy — from `X-Forwarded-For`.
 *
 * - Proxies are trusted from a CIDR list only (`MOTCUA_TRUSTED_PROXIES`). The header is read from the right: each
 *   trusted proxy appends the address it saw, so the right-most hop that is not a trusted proxy is the client; whatever
 *   lies to its left was written by the client and is ignored.
 * - IPv4 clients are counted by address, IPv6 clients by their /64 prefix (one subscriber's network: a /64 holds 2^64
 *   addresses, so counting per address would give each guess a fresh budget).
 * @module
 */
import { BlockList, isIP } from 'node:net';

/** Loopback, what `MOTCUA_TRUST_PROXY=1` means now (a proxy on the same machine). */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.0/8', '::1/128'];

export interface TrustedProxies {
  has(address: string): boolean;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is the IPv4 address it carries. */
function unmap(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? (m[1] as string) : address;
}

/**
 * Parses a CIDR list (`10.0.0.0/8, 2001:db8::/32, 192.0.2.7`); throws on a malformed entry.
 * @param list The entries; a bare address means that address alone.
 */
export function trustedProxies(list: readonly string[]): TrustedProxies {
  const blocks = new BlockList();
  for (const raw of list) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits)))
      throw new Error(`not an address or CIDR range: ${JSON.stringify(entry)}`);
    blocks.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    has(address) {
      const a = unmap(address);
      const family = isIP(a);
      return family !== 0 && blocks.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0] as string;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The rate-limit key of an address: an IPv4 address as it is, an IPv6 address as its /64 (`2001:db8:1:2::/64`);
 * anything else (`unknown`, a malformed hop) as it is.
 */
export function clientKey(address: string): string {
  const a = unmap(address);
  if (isIP(a) !== 6) return a;
  const groups = ipv6Groups(a);
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/**
 * The client's address: the connection's peer, or — when the peer is a trusted proxy — the right-most
 * `X-Forwarded-For` hop that is not a trusted proxy (the left-most hop when all of them are).
 * @param remote The connection's peer address (undefined when unknown).
 * @param forwardedFor The `X-Forwarded-For` header(s), joined with commas.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const peer = remote ? unmap(remote) : 'unknown';
  if (!forwardedFor || !trusted.has(peer)) return peer;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = unmap((hops[i] as string).replace(/^\[(.*)\](?::\d+)?$/, '$1'));
    // A hop that is no address was written by someone we do not trust: stop at the last address we do.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
