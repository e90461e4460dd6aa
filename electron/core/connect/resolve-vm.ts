/** Finds the VM a person named (by name, case-insensitively, or by resource id) in the inventory's list. */
import { sameId } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';

/**
 * The one VM `nameOrId` names. A resource id matches case-insensitively; a name too, and when several VMs share it
 * (different resource groups or subscriptions) the error lists them so the person can pass an id instead.
 */
export function resolveVm(vms: readonly Vm[], nameOrId: string): Vm {
  const wanted = nameOrId.trim();
  if (wanted.startsWith('/')) {
    const byId = vms.find((v) => sameId(v.id, wanted));
    if (byId) return byId;
  } else {
    const byName = vms.filter((v) => v.name.toLowerCase() === wanted.toLowerCase());
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1)
      throw new AppError({
        code: 'vm-ambiguous',
        message: `${byName.length} VMs are named '${wanted}': ${byName
          .map((v) => `${v.name} in ${v.resourceGroup} (${v.subscriptionName || v.subscriptionId})`)
          .join('; ')}.`,
        fix: `Name one by its resource id: ${byName.map((v) => v.id).join(' or ')}.`,
      });
  }
  throw new AppError({
    code: 'vm-not-found',
    message: `No VM '${wanted}' in the VM list.`,
    fix: 'Check the name, or refresh the VM list if the VM is new.',
  });
}
