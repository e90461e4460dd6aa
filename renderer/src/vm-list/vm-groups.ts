/**
 * The VM list's rows: the filtered VMs, favourites first, optionally under group headers (subscription or resource
 * group). Pure, so the one virtualiser gets a flat array of headers and VMs and the grouping is unit-tested.
 */
import { idKey } from '../../../shared/azure/resource-id';
import type { Vm } from './vm-filter';

/** How the list is grouped. */
export type GroupBy = 'none' | 'subscription' | 'resource-group';

/** A group header row. */
export interface HeaderItem {
  kind: 'header';
  key: string;
  label: string;
  count: number;
  collapsed: boolean;
}

/** A VM row (`group` tells headers apart when a favourite appears twice: in Favourites and in its group). */
export interface VmItem {
  kind: 'vm';
  key: string;
  vm: Vm;
  favourite: boolean;
}

/** One row of the list. */
export type ListItem = HeaderItem | VmItem;

/** The key of the Favourites group. */
export const FAVOURITES_GROUP = 'favourites';

function groupOf(vm: Vm, by: Exclude<GroupBy, 'none'>): { key: string; label: string } {
  if (by === 'subscription') return { key: `sub:${vm.subscriptionId.toLowerCase()}`, label: vm.subscriptionName };
  return {
    key: `rg:${vm.subscriptionId.toLowerCase()}/${vm.resourceGroup.toLowerCase()}`,
    label: `${vm.resourceGroup.toLowerCase()} (${vm.subscriptionName})`,
  };
}

/** Each VM's row objects by group and favourite flag, reused across keystrokes (10,000 fresh ones were GC churn). */
const itemCache = new WeakMap<Vm, Map<string, VmItem>>();

function cachedItem(vm: Vm, group: string, favourite: boolean): VmItem {
  let byGroup = itemCache.get(vm);
  if (!byGroup) itemCache.set(vm, (byGroup = new Map()));
  const slot = `${favourite ? '*' : ''}${group}`;
  let item = byGroup.get(slot);
  if (!item) byGroup.set(slot, (item = { kind: 'vm', key: `${group}|${vm.id}`, vm, favourite }));
  return item;
}

/**
 * The rows to show for `vms` (already filtered and sorted by name). Flat: favourites first, then the rest, no
 * headers. Grouped: a Favourites group first (when any matches), then one group per subscription or resource group,
 * sorted by label; a collapsed group shows its header only.
 */
export function buildItems(
  vms: readonly Vm[],
  by: GroupBy,
  favourites: ReadonlySet<string>,
  collapsed: ReadonlySet<string>,
): ListItem[] {
  // Each VM's favourite flag once (idKey lower-cases the id: 10,000 of them add up in a keystroke's budget).
  const fav = new Set<Vm>(favourites.size ? vms.filter((vm) => favourites.has(idKey(vm.id))) : []);
  const isFav = (vm: Vm) => fav.has(vm);
  const favs = vms.filter(isFav);
  const vmItem = (vm: Vm, group: string): VmItem => cachedItem(vm, group, isFav(vm));
  if (by === 'none')
    return [...favs.map((vm) => vmItem(vm, '')), ...vms.filter((vm) => !isFav(vm)).map((vm) => vmItem(vm, ''))];
  const groups = new Map<string, { label: string; vms: Vm[] }>();
  for (const vm of vms) {
    const g = groupOf(vm, by);
    const entry = groups.get(g.key) ?? { label: g.label, vms: [] };
    entry.vms.push(vm);
    groups.set(g.key, entry);
  }
  const ordered = [...groups.entries()].sort((a, b) => a[1].label.localeCompare(b[1].label));
  if (favs.length) ordered.unshift([FAVOURITES_GROUP, { label: 'Favourites', vms: favs }]);
  const out: ListItem[] = [];
  for (const [key, g] of ordered) {
    const isCollapsed = collapsed.has(key);
    out.push({ kind: 'header', key, label: g.label, count: g.vms.length, collapsed: isCollapsed });
    if (!isCollapsed) for (const vm of g.vms) out.push(vmItem(vm, key));
  }
  return out;
}

/** The VMs between two rows (inclusive, either order), each once: what a Shift+click selects. */
export function vmsBetween(items: readonly ListItem[], from: number, to: number): Vm[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const seen = new Set<string>();
  const out: Vm[] = [];
  for (const item of items.slice(Math.max(0, a), b + 1)) {
    if (item.kind !== 'vm' || seen.has(idKey(item.vm.id))) continue;
    seen.add(idKey(item.vm.id));
    out.push(item.vm);
  }
  return out;
}

/** Adds or removes `id` from the favourites (case-insensitively; at most `max`, the oldest dropped first). */
export function toggleFavourite(list: readonly string[], id: string, max = 500): string[] {
  const key = idKey(id);
  if (list.some((x) => idKey(x) === key)) return list.filter((x) => idKey(x) !== key);
  return [...list, id].slice(-max);
}
