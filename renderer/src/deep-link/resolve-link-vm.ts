/** Which VM of the list a deep link names: by resource id (any case) or by name (any case, and only if unique). */
import { sameId } from '../../../shared/azure/resource-id';
import type { Vm } from '../vm-list/vm-filter';
import type { LinkEvent } from './link-store';

/** The VM, or why it cannot be the one (shown to the user instead of a request). */
export type LinkVm = { vm: Vm } | { problem: string; fix: string };

/** Looks the link's VM up in the VM list. */
export function resolveLinkVm(vms: readonly Vm[], link: NonNullable<LinkEvent['link']>): LinkVm {
  const found =
    link.vmKind === 'id'
      ? vms.filter((v) => sameId(v.id, link.vm))
      : vms.filter((v) => v.name.toLowerCase() === link.vm.toLowerCase());
  if (found.length === 1) return { vm: found[0]! };
  if (found.length > 1)
    return {
      problem: `${found.length} VMs are named ${link.vm}: ${found.map((v) => `${v.resourceGroup} (${v.subscriptionName})`).join(', ')}.`,
      fix: 'Ask for a link with the VM resource id instead of its name.',
    };
  return {
    problem: `The link names a VM that is not in your VM list: ${link.vm}.`,
    fix: 'Check that you are signed in to the right account, refresh the VM list if the VM is new, or ask for the link again.',
  };
}
