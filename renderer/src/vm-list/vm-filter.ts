/** The VM list's instant filter: every word must appear in the VM's name, group, subscription, location or IP. */
import type { z } from 'zod';
import type { VmSchema } from '../../../shared/ipc/schemas';

/** A VM as the list shows it. */
export type Vm = z.infer<typeof VmSchema>;

/** The VMs matching `query` (case-insensitive words, all required), sorted by name. */
export function filterVms(vms: readonly Vm[], query: string): Vm[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = words.length
    ? vms.filter((vm) => {
        const hay =
          `${vm.name} ${vm.resourceGroup} ${vm.subscriptionName} ${vm.location} ${vm.privateIp ?? ''}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      })
    : [...vms];
  return hit.sort((a, b) => a.name.localeCompare(b.name));
}
