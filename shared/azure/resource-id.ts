/**
 * Azure resource ids. Azure returns the same id in different case from different providers (resource groups
 * upper-cased in Compute ids, NIC → VM references, JIT policy VM ids), so every join goes through {@link idKey} or
 * {@link sameId}, never `===`.
 */

/** The key to join or index resources by: the id lower-cased, without a trailing slash. */
export function idKey(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

/** True when two resource ids name the same resource (case-insensitive, as ARM compares them). */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && idKey(a) === idKey(b);
}

/** The parts of a resource id, in the case they were given. */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup?: string;
  /** `Microsoft.Compute`, … */
  provider?: string;
  /** `virtualMachines`, or `virtualNetworks/subnets` for a child resource. */
  type?: string;
  /** The last name (`VM-FS01`, or the subnet's name for a child). */
  name?: string;
  /** Every name along the type path (`['vnet-hub', 'snet-servers']`). */
  names: string[];
}

/** Parses `/subscriptions/{sub}[/resourceGroups/{rg}][/providers/{ns}/{type}/{name}[/{type}/{name}…]]`. */
export function parseResourceId(id: string): ResourceIdParts | undefined {
  const segs = id.split('/').filter((s) => s !== '');
  if (segs.length < 2 || segs[0]!.toLowerCase() !== 'subscriptions') return undefined;
  const parts: ResourceIdParts = { subscriptionId: segs[1]!, names: [] };
  let i = 2;
  if (segs[i]?.toLowerCase() === 'resourcegroups') {
    if (!segs[i + 1]) return undefined;
    parts.resourceGroup = segs[i + 1]!;
    i += 2;
  }
  if (i === segs.length) return parts;
  if (segs[i]?.toLowerCase() !== 'providers' || !segs[i + 1]) return undefined;
  parts.provider = segs[i + 1]!;
  i += 2;
  const types: string[] = [];
  for (; i < segs.length; i += 2) {
    if (!segs[i + 1]) return undefined;
    types.push(segs[i]!);
    parts.names.push(segs[i + 1]!);
  }
  if (types.length === 0) return undefined;
  parts.type = types.join('/');
  parts.name = parts.names[parts.names.length - 1];
  return parts;
}

/** A map keyed by resource id, case-insensitively. */
export class IdMap<V> {
  private readonly entries = new Map<string, V>();

  /** Stores `value` under `id`. */
  set(id: string, value: V): this {
    this.entries.set(idKey(id), value);
    return this;
  }

  /** The value stored under any spelling of `id`. */
  get(id: string | undefined): V | undefined {
    return id === undefined ? undefined : this.entries.get(idKey(id));
  }

  /** True when `id` (any spelling) is stored. */
  has(id: string | undefined): boolean {
    return id !== undefined && this.entries.has(idKey(id));
  }

  /** The stored values. */
  values(): IterableIterator<V> {
    return this.entries.values();
  }

  /** How many ids are stored. */
  get size(): number {
    return this.entries.size;
  }
}
