/**
 * NSG evaluation as Azure does it for one flow: the rules of one direction (custom and default) by ascending
 * priority, the first rule whose protocol, addresses and ports all match decides. Service tags `VirtualNetwork`,
 * `Internet` and `AzureLoadBalancer` are resolved from a context the caller builds (reachability.ts).
 */
import type { SecurityRule } from '../model/resources';
import { cidrContainsIp, ipInAny, parseCidr, parseIpv4 } from '../net/cidr';

/** The flow being judged. */
export interface Flow {
  direction: 'Inbound' | 'Outbound';
  protocol: 'Tcp' | 'Udp' | 'Icmp';
  sourceIp: string;
  /** The client's source port; unknown (undefined) matches only rules whose source port range is `*`. */
  sourcePort?: number;
  /** For inbound flows Azure evaluates the VM's private address (after any public-IP NAT). */
  destinationIp: string;
  destinationPort: number;
}

/** What the service tags mean for this VM. */
export interface TagContext {
  /** Prefixes of `VirtualNetwork`: the VNet, peered VNets, and P2S pools of the gateway the VNet uses. */
  virtualNetwork: readonly string[];
}

/** The decision and the rule that made it. */
export interface Verdict {
  access: 'Allow' | 'Deny';
  rule: string;
  priority: number;
}

/** Azure's fixed platform address behind the `AzureLoadBalancer` tag. */
export const AZURE_LOAD_BALANCER_IP = '168.63.129.16';

/** True when one address prefix (CIDR, address, `*` or a service tag) matches the address. */
export function addressMatches(prefix: string, ip: string, tags: TagContext): boolean {
  const p = prefix.trim();
  const lower = p.toLowerCase();
  if (p === '*' || lower === 'any') return true;
  if (lower === 'virtualnetwork') return ipInAny(ip, tags.virtualNetwork);
  if (lower === 'azureloadbalancer') return ip === AZURE_LOAD_BALANCER_IP;
  if (lower === 'internet') return ip !== AZURE_LOAD_BALANCER_IP && !ipInAny(ip, tags.virtualNetwork);
  const c = parseCidr(p);
  const n = parseIpv4(ip);
  // Other service tags (Storage, AzureCloud, …) and IPv6 prefixes are not modelled: they never match.
  return c !== undefined && n !== undefined && cidrContainsIp(c, n);
}

/** True when a port range (`*`, `22`, `1000-2000`) contains the port. */
export function portMatches(range: string, port: number | undefined): boolean {
  const r = range.trim();
  if (r === '*') return true;
  if (port === undefined) return false;
  const m = r.match(/^(\d+)(?:-(\d+))?$/);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return port >= lo && port <= hi;
}

function protocolMatches(ruleProtocol: string, protocol: Flow['protocol']): boolean {
  return ruleProtocol === '*' || ruleProtocol.toLowerCase() === protocol.toLowerCase();
}

/** The plural field if present and non-empty, else the singular one, else nothing. */
function values(single: string | undefined, plural: string[] | undefined): string[] {
  if (plural && plural.length > 0) return plural;
  return single !== undefined && single !== '' ? [single] : [];
}

/** True when the rule matches the flow (direction included). */
export function ruleMatches(rule: SecurityRule, flow: Flow, tags: TagContext): boolean {
  const p = rule.properties;
  if (p.direction !== flow.direction) return false;
  if (!protocolMatches(p.protocol, flow.protocol)) return false;
  if (!values(p.sourceAddressPrefix, p.sourceAddressPrefixes).some((x) => addressMatches(x, flow.sourceIp, tags)))
    return false;
  if (
    !values(p.destinationAddressPrefix, p.destinationAddressPrefixes).some((x) =>
      addressMatches(x, flow.destinationIp, tags),
    )
  )
    return false;
  if (!values(p.sourcePortRange, p.sourcePortRanges).some((x) => portMatches(x, flow.sourcePort))) return false;
  return values(p.destinationPortRange, p.destinationPortRanges).some((x) => portMatches(x, flow.destinationPort));
}

/**
 * Judges a flow against one NSG's rules (custom and default together): lowest priority number first, the first
 * match wins; with no match (which Azure's `DenyAll*` defaults prevent) the flow is denied.
 */
export function evaluateNsg(rules: readonly SecurityRule[], flow: Flow, tags: TagContext): Verdict {
  const ordered = rules
    .filter((r) => r.properties.direction === flow.direction)
    .sort((a, b) => a.properties.priority - b.properties.priority);
  for (const rule of ordered) {
    if (ruleMatches(rule, flow, tags))
      return { access: rule.properties.access, rule: rule.name, priority: rule.properties.priority };
  }
  return { access: 'Deny', rule: '(no rule matched)', priority: Number.POSITIVE_INFINITY };
}
