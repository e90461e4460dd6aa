/**
 * The VM list's instant filter: every word must appear in the VM's name, group, subscription, location or IP.
 * Fast enough for a keystroke over 10,000 VMs: each inventory is sorted and lower-cased once (not per keystroke: a
 * `localeCompare` sort of 10,000 names took about 200 ms in Chromium), and a query that extends the previous one
 * searches only the previous hits.
 */
import type { z } from 'zod';
import type { VmSchema } from '../../../shared/ipc/schemas';

/** A VM as the list shows it. */
export type Vm = z.infer<typeof VmSchema>;

/** An inventory made ready to filter: sorted by name, and each VM's searchable text in lower case. */
interface Prepared {
  sorted: Vm[];
  hay: string[];
}

const collator = new Intl.Collator();
const prepared = new WeakMap<readonly Vm[], Prepared>();
/** The last query's hits (indexes into `sorted`), for narrowing while the person types on. */
let last: { vms: readonly Vm[]; query: string; hits: number[] } | undefined;

function prepare(vms: readonly Vm[]): Prepared {
  let p = prepared.get(vms);
  if (p) return p;
  const sorted = [...vms].sort((a, b) => collator.compare(a.name, b.name));
  const hay = sorted.map((vm) =>
    `${vm.name} ${vm.resourceGroup} ${vm.subscriptionName} ${vm.location} ${vm.privateIp ?? ''}`.toLowerCase(),
  );
  p = { sorted, hay };
  prepared.set(vms, p);
  return p;
}

/** The VMs matching `query` (case-insensitive words, all required), sorted by name. */
export function filterVms(vms: readonly Vm[], query: string): Vm[] {
  const { sorted, hay } = prepare(vms);
  const lower = query.toLowerCase();
  const words = lower.split(/\s+/).filter(Boolean);
  if (!words.length) {
    last = undefined;
    return sorted.slice();
  }
  // Typing on (the new query starts with the previous one) can only narrow: every word still contains an old one.
  const from = last && last.vms === vms && lower.startsWith(last.query) ? last.hits : undefined;
  const hits: number[] = [];
  const test = (i: number) => {
    const h = hay[i]!;
    if (words.every((w) => h.includes(w))) hits.push(i);
  };
  if (from) for (const i of from) test(i);
  else for (let i = 0; i < hay.length; i++) test(i);
  last = { vms, query: lower, hits };
  return hits.map((i) => sorted[i]!);
}
