/** ARM resource ids: build, parse and compare (ARM ids are case-insensitive). */

/** The parts of a resource id. */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup?: string;
  /** e.g. `Microsoft.Network` */
  provider?: string;
  /** Type segments after the provider, e.g. `['networkSecurityGroups', 'securityRules']`. */
  types: string[];
  /** Names matching `types`. */
  names: string[];
}

/** The map key for an id: lower case, no trailing slash. */
export function idKey(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

/** Parses `/subscriptions/{s}[/resourceGroups/{rg}][/providers/{ns}/{type}/{name}...]`; undefined if not an id. */
export function parseResourceId(id: string): ResourceIdParts | undefined {
  const seg = id.replace(/^\/+|\/+$/g, '').split('/');
  if (seg.length < 2 || seg[0]!.toLowerCase() !== 'subscriptions') return undefined;
  const parts: ResourceIdParts = { subscriptionId: seg[1]!, types: [], names: [] };
  let i = 2;
  if (seg[i]?.toLowerCase() === 'resourcegroups') {
    if (!seg[i + 1]) return undefined;
    parts.resourceGroup = seg[i + 1]!;
    i += 2;
  }
  if (i < seg.length) {
    if (seg[i]?.toLowerCase() !== 'providers' || !seg[i + 1]) return undefined;
    parts.provider = seg[i + 1]!;
    i += 2;
    while (i < seg.length) {
      const type = seg[i];
      const name = seg[i + 1];
      if (!type || !name) return undefined;
      parts.types.push(type);
      parts.names.push(name);
      i += 2;
    }
  }
  return parts;
}

/** The full ARM type of a parsed id, e.g. `Microsoft.Network/networkSecurityGroups`. */
export function typeOf(parts: ResourceIdParts): string {
  return [parts.provider, ...parts.types].join('/');
}

/** Builds a resource group id. */
export function rgId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** Builds a provider resource id. */
export function resourceId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  const [provider, ...types] = type.split('/');
  return `${rgId(subscriptionId, resourceGroup)}/providers/${provider}/${types[0]}/${name}`;
}

/** True when `child` equals `scope` or lies beneath it. */
export function isUnderScope(child: string, scope: string): boolean {
  const c = idKey(child);
  const s = idKey(scope);
  return s === '' || c === s || c.startsWith(`${s}/`);
}
