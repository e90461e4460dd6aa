/**
 * IPv4 address and CIDR math for the simulator (its own code: the simulator judges the app, so it shares none of
 * the app's logic). IPv6 is not modelled; parsers return `undefined` for anything that is not IPv4.
 */

/** A parsed IPv4 range: `base` is the network address (host bits cleared), `bits` the prefix length. */
export interface Cidr {
  base: number;
  bits: number;
  /** True when the text had host bits set (e.g. `10.0.0.7/24`); `base` is masked anyway. */
  hostBitsSet: boolean;
}

/** The netmask for a prefix length, as an unsigned 32-bit number. */
export function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Parses a dotted-quad IPv4 address (`10.0.0.4`); no leading zeros, no shorthand. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/n` or a bare address (a /32). */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const ipText = slash < 0 ? t : t.slice(0, slash);
  const ip = parseIpv4(ipText);
  if (ip === undefined) return undefined;
  let bits = 32;
  if (slash >= 0) {
    const b = t.slice(slash + 1);
    if (!/^(0|[1-9]\d?)$/.test(b)) return undefined;
    bits = Number(b);
    if (bits > 32) return undefined;
  }
  const base = (ip & maskOf(bits)) >>> 0;
  return { base, bits, hostBitsSet: base !== ip };
}

/** The canonical text of a range: `a.b.c.d/n` (a bare address for /32). */
export function formatCidr(c: Cidr): string {
  return c.bits === 32 ? formatIpv4(c.base) : `${formatIpv4(c.base)}/${c.bits}`;
}

/** True when `inner` lies completely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.bits >= outer.bits && (inner.base & maskOf(outer.bits)) >>> 0 === outer.base;
}

/** True when the address lies inside the range. */
export function cidrContainsIp(outer: Cidr, ip: number): boolean {
  return (ip & maskOf(outer.bits)) >>> 0 === outer.base;
}

/** True when both texts name the same range (`10.0.0.4` equals `10.0.0.4/32`). */
export function sameRange(a: Cidr, b: Cidr): boolean {
  return a.base === b.base && a.bits === b.bits;
}

/** True when the two ranges share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** True when an address (text) lies inside any of the prefixes (texts); unparsable prefixes never match. */
export function ipInAny(ip: string, prefixes: readonly string[]): boolean {
  const n = parseIpv4(ip);
  if (n === undefined) return false;
  return prefixes.some((p) => {
    const c = parseCidr(p);
    return c !== undefined && cidrContainsIp(c, n);
  });
}
