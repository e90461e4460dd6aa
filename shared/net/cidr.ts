/** IPv4 addresses and CIDR ranges (Azure JIT and NSGs are IPv4 only): parsing, containment, canonical text. */

/** A parsed range: the network address as an unsigned 32-bit number, and the prefix length. */
export interface Cidr {
  base: number;
  bits: number;
}

/** Parses a dotted quad (`10.13.1.7`) into an unsigned 32-bit number; undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** The mask of a prefix length, as an unsigned 32-bit number. */
function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/**
 * Parses `a.b.c.d/n` or a bare address (a /32). The range must start at its network address (`10.13.1.0/24`, not
 * `10.13.1.7/24`), as Azure requires of JIT source prefixes; undefined otherwise.
 */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIpv4(addr);
  if (ip === undefined) return undefined;
  if (len === undefined) return { base: ip, bits: 32 };
  if (!/^(0|[1-9]\d?)$/.test(len) || Number(len) > 32) return undefined;
  const bits = Number(len);
  return (ip & mask(bits)) >>> 0 === ip ? { base: ip, bits } : undefined;
}

/** The dotted quad of an unsigned 32-bit address. */
export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** `a.b.c.d/n` (a /32 keeps its suffix). */
export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.base)}/${c.bits}`;
}

/** True when address `ip` lies inside range `c`. */
export function containsIp(c: Cidr, ip: number): boolean {
  return (ip & mask(c.bits)) >>> 0 === c.base;
}

/** True when range `inner` lies entirely inside range `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.bits >= outer.bits && containsIp(outer, inner.base);
}
