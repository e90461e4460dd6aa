/**
 * NSG evaluation for one inbound flow, as Azure does it: the rules of an NSG (custom and default) by ascending
 * priority, the first rule whose protocol, addresses and ports all match decides. Used to judge whether a JIT grant is
 * live by what the rules say, never by their names or fixed priorities. The source may be a whole range (the prefix a
 * request names): a rule decides for us only when it covers all of it, and a Deny touching any part of it before
 * that blocks (some of our addresses would be dropped). Isomorphic: no Node, no SDK.
 */
import { containsCidr, parseCidr, type Cidr } from '../net/cidr';

/** The fields of a security rule that decide a flow (the SDK's flattened `SecurityRule` has them all). */
export interface NsgRule {
  name?: string;
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`. */
  protocol?: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  sourcePortRange?: string;
  sourcePortRanges?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
  access?: string;
  priority?: number;
  direction?: string;
}

/** The inbound flow to judge. */
export interface InboundFlow {
  /** The client's address or range (`10.13.1.0/24`, `203.0.113.7`); the whole range must be let in. */
  source: string;
  /** The VM's private address (Azure evaluates inbound flows after any public-IP NAT); unknown: only `*` matches. */
  destinationIp?: string;
  port: number;
  protocol: 'Tcp' | 'Udp';
}

/** What the service tags mean for this VM. */
export interface TagContext {
  /** Prefixes of `VirtualNetwork`: the VNet, peered VNets and the VPN pools that reach it. */
  virtualNetwork: readonly string[];
}

/** The decision, and the rule that made it. */
export interface NsgVerdict {
  access: 'Allow' | 'Deny';
  rule: string;
  priority: number;
}

/** Azure's fixed platform address behind the `AzureLoadBalancer` tag. */
export const AZURE_LOAD_BALANCER_IP = '168.63.129.16';

const ALL: Cidr = { base: 0, bits: 0 };

/** How much of `range` one address prefix (CIDR, address, `*`, a service tag) matches. */
type Match = 'all' | 'some' | 'none';

function overlaps(a: Cidr, b: Cidr): boolean {
  return containsCidr(a, b) || containsCidr(b, a);
}

/** How much of the range one prefix of a rule matches. */
export function prefixMatch(prefix: string, range: Cidr, tags: TagContext): Match {
  const p = prefix.trim();
  const lower = p.toLowerCase();
  if (p === '*' || lower === 'any') return 'all';
  if (lower === 'virtualnetwork' || lower === 'internet') {
    const vnet = tags.virtualNetwork.map(parseCidr).filter((c): c is Cidr => c !== undefined);
    const inside = vnet.some((c) => containsCidr(c, range));
    const touches = vnet.some((c) => overlaps(c, range));
    if (lower === 'virtualnetwork') return inside ? 'all' : touches ? 'some' : 'none';
    // Internet: everything outside the virtual network (and the load balancer's platform address).
    return inside ? 'none' : touches ? 'some' : 'all';
  }
  if (lower === 'azureloadbalancer') {
    const lb = parseCidr(AZURE_LOAD_BALANCER_IP)!;
    return containsCidr(lb, range) ? 'all' : containsCidr(range, lb) ? 'some' : 'none';
  }
  // Other service tags (Storage, AzureCloud, …) and IPv6 prefixes are not modelled: they never match.
  const c = parseCidr(p) ?? parseLoose(p);
  if (!c) return 'none';
  return containsCidr(c, range) ? 'all' : overlaps(c, range) ? 'some' : 'none';
}

/** A prefix Azure accepts that does not start at its network address (`10.13.1.7/24`): the range it means. */
function parseLoose(text: string): Cidr | undefined {
  const [addr, len] = text.split('/');
  const ip = parseCidr(addr ?? '');
  const bits = Number(len);
  if (!ip || len === undefined || !/^\d{1,2}$/.test(len) || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ip.base & mask) >>> 0, bits };
}

/** The best match of any of the prefixes. */
function anyMatch(prefixes: string[], range: Cidr, tags: TagContext): Match {
  let best: Match = 'none';
  for (const p of prefixes) {
    const m = prefixMatch(p, range, tags);
    if (m === 'all') return 'all';
    if (m === 'some') best = 'some';
  }
  return best;
}

/** True when a port range (`*`, `22`, `1000-2000`) contains the port. */
export function portInRange(range: string, port: number): boolean {
  const r = range.trim();
  if (r === '*') return true;
  const m = r.match(/^(\d+)(?:\s*-\s*(\d+))?$/);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return port >= lo && port <= hi;
}

/** The plural field if present and non-empty, else the singular one, else nothing (Azure sets one or the other). */
function values(single: string | undefined, plural: string[] | undefined): string[] {
  if (plural && plural.length > 0) return plural;
  return single !== undefined && single !== '' ? [single] : [];
}

/** How much of the flow one inbound rule matches (`none` for an outbound rule). */
export function ruleMatch(rule: NsgRule, flow: InboundFlow, tags: TagContext): Match {
  if ((rule.direction ?? '').toLowerCase() !== 'inbound') return 'none';
  const proto = (rule.protocol ?? '*').toLowerCase();
  if (proto !== '*' && proto !== flow.protocol.toLowerCase()) return 'none';
  if (!values(rule.destinationPortRange, rule.destinationPortRanges).some((r) => portInRange(r, flow.port)))
    return 'none';
  // The client's source port is not known in advance: only a rule open to any source port is sure to match.
  if (!values(rule.sourcePortRange, rule.sourcePortRanges).some((r) => r.trim() === '*')) return 'none';
  const dest = flow.destinationIp === undefined ? ALL : parseCidr(flow.destinationIp);
  if (!dest) return 'none';
  const destMatch = anyMatch(values(rule.destinationAddressPrefix, rule.destinationAddressPrefixes), dest, tags);
  if (flow.destinationIp === undefined ? destMatch !== 'all' : destMatch === 'none') return 'none';
  const src = parseCidr(flow.source) ?? parseLoose(flow.source);
  if (!src) return 'none';
  return anyMatch(values(rule.sourceAddressPrefix, rule.sourceAddressPrefixes), src, tags);
}

/**
 * Judges an inbound flow against one NSG's rules (custom and default together): lowest priority number first; an
 * Allow decides only when it covers the whole source, a Deny as soon as it touches any of it. With no match (which
 * Azure's `DenyAllInBound` default prevents) the flow is denied.
 */
export function evaluateInbound(rules: readonly NsgRule[], flow: InboundFlow, tags: TagContext): NsgVerdict {
  const ordered = rules
    .filter((r) => (r.direction ?? '').toLowerCase() === 'inbound')
    .sort((a, b) => (a.priority ?? 65535) - (b.priority ?? 65535));
  for (const rule of ordered) {
    const m = ruleMatch(rule, flow, tags);
    const access = (rule.access ?? '').toLowerCase() === 'allow' ? 'Allow' : 'Deny';
    const verdict = { access, rule: rule.name ?? '(unnamed)', priority: rule.priority ?? 65535 } as const;
    if (m === 'all') return verdict;
    if (m === 'some' && access === 'Deny') return verdict;
  }
  return { access: 'Deny', rule: '(no rule matched)', priority: Number.POSITIVE_INFINITY };
}

/** Judges a flow through several NSGs (a NIC's and its subnet's): every one must allow it; the first Deny is shown. */
export function evaluateAll(
  nsgs: ReadonlyArray<{ id: string; rules: readonly NsgRule[] }>,
  flow: InboundFlow,
  tags: TagContext,
): { access: 'Allow' | 'Deny'; verdicts: Array<NsgVerdict & { nsg: string }> } {
  const verdicts = nsgs.map((n) => ({ ...evaluateInbound(n.rules, flow, tags), nsg: n.id }));
  return { access: verdicts.every((v) => v.access === 'Allow') ? 'Allow' : 'Deny', verdicts };
}
