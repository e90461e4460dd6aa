/**
 * Edits NSG documents the way Defender for Cloud does: deny rules near priority 4096 (one per VM and NSG, all the
 * policy's ports), allow rules at the first free priority from 100 (one per grant), each change bumping etags.
 * Only rules with JIT names are ever touched; user rules are never moved or removed.
 */
import { randomUUID } from 'node:crypto';
import type { ArmResource, NsgProperties, SecurityRule } from '../model/resources';

/** Lowest and highest priority of a custom NSG rule. */
export const MIN_PRIORITY = 100;
export const MAX_PRIORITY = 4096;

type Nsg = ArmResource<NsgProperties>;

const newEtag = () => `W/"${randomUUID()}"`;

function touched(nsg: Nsg): void {
  nsg.etag = newEtag();
}

function inboundPriorities(nsg: Nsg): Set<number> {
  return new Set(
    nsg.properties.securityRules.filter((r) => r.properties.direction === 'Inbound').map((r) => r.properties.priority),
  );
}

/** The first inbound priority not in use, searching up from 100 (`'up'`) or down from 4096 (`'down'`). */
export function freePriority(nsg: Nsg, dir: 'up' | 'down'): number {
  const used = inboundPriorities(nsg);
  if (dir === 'up') {
    for (let p = MIN_PRIORITY; p <= MAX_PRIORITY; p++) if (!used.has(p)) return p;
  } else {
    for (let p = MAX_PRIORITY; p >= MIN_PRIORITY; p--) if (!used.has(p)) return p;
  }
  throw new Error(`NSG ${nsg.name} has no free inbound priority between ${MIN_PRIORITY} and ${MAX_PRIORITY}`);
}

/** What a deny rule should say. */
export interface DenySpec {
  name: string;
  description: string;
  destination: string;
  ports: number[];
}

function portFields(
  ports: readonly number[],
): Pick<SecurityRule['properties'], 'destinationPortRange' | 'destinationPortRanges'> {
  const sorted = [...new Set(ports)].sort((a, b) => a - b).map(String);
  return sorted.length === 1 ? { destinationPortRange: sorted[0]! } : { destinationPortRanges: sorted };
}

/** Creates the deny rule or brings an existing one up to date; returns true when the NSG changed. */
export function upsertDenyRule(nsg: Nsg, spec: DenySpec): boolean {
  const rules = nsg.properties.securityRules;
  const existing = rules.find((r) => r.name === spec.name);
  const fields = portFields(spec.ports);
  if (existing) {
    const p = existing.properties;
    const same =
      p.destinationAddressPrefix === spec.destination &&
      p.protocol === '*' &&
      p.destinationPortRange === fields.destinationPortRange &&
      JSON.stringify(p.destinationPortRanges) === JSON.stringify(fields.destinationPortRanges) &&
      p.description === spec.description;
    if (same) return false;
    delete p.destinationPortRange;
    delete p.destinationPortRanges;
    Object.assign(p, fields, {
      destinationAddressPrefix: spec.destination,
      protocol: '*',
      description: spec.description,
    });
    existing.etag = newEtag();
    touched(nsg);
    return true;
  }
  // Defender's deny rules cover every protocol, whatever the policy's ports say.
  pushRule(nsg, spec.name, {
    description: spec.description,
    protocol: '*',
    sourcePortRange: '*',
    ...fields,
    sourceAddressPrefix: '*',
    destinationAddressPrefix: spec.destination,
    access: 'Deny',
    priority: freePriority(nsg, 'down'),
    direction: 'Inbound',
    provisioningState: 'Succeeded',
  });
  return true;
}

/** Appends a JIT rule to the NSG and marks the NSG changed. */
function pushRule(nsg: Nsg, name: string, properties: SecurityRule['properties']): void {
  nsg.properties.securityRules.push({
    id: `${nsg.id}/securityRules/${name}`,
    name,
    etag: newEtag(),
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties,
  });
  touched(nsg);
}

/** What an allow rule should say. */
export interface AllowSpec {
  name: string;
  description: string;
  destination: string;
  port: number;
  /** One source (`sourceAddressPrefix`), or several (`sourceAddressPrefixes`, an initiate that listed them). */
  sources: string[];
}

/** Adds an allow rule at the first free priority from 100 (unless a rule of that name exists). */
export function addAllowRule(nsg: Nsg, spec: AllowSpec): boolean {
  if (nsg.properties.securityRules.some((r) => r.name === spec.name)) return false;
  pushRule(nsg, spec.name, {
    description: spec.description,
    protocol: '*',
    sourcePortRange: '*',
    destinationPortRange: String(spec.port),
    ...(spec.sources.length === 1
      ? { sourceAddressPrefix: spec.sources[0]! }
      : { sourceAddressPrefixes: [...spec.sources] }),
    destinationAddressPrefix: spec.destination,
    access: 'Allow',
    priority: freePriority(nsg, 'up'),
    direction: 'Inbound',
    provisioningState: 'Succeeded',
  });
  return true;
}

/** Removes the rules whose names satisfy `pick`; returns true when any went. */
export function removeRules(nsg: Nsg, pick: (name: string) => boolean): boolean {
  const before = nsg.properties.securityRules.length;
  nsg.properties.securityRules = nsg.properties.securityRules.filter((r) => !pick(r.name));
  if (nsg.properties.securityRules.length === before) return false;
  touched(nsg);
  return true;
}
