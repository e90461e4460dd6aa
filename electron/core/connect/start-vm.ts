/** Starting a deallocated VM before connecting (`--start`): Compute's start, waited for until it runs. */
import { parseResourceId } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import { computeClient, type ArmAccess } from '../azure/arm-access';
import { jitError } from '../jit/jit-errors';

/** Starts `vm` and resolves when Azure reports it started; a missing right is an AppError naming the action. */
export async function startVm(arm: ArmAccess, vm: Vm, signal?: AbortSignal): Promise<void> {
  const p = parseResourceId(vm.id);
  if (!p?.resourceGroup || !p.name) throw new AppError({ code: 'internal', message: `Not a VM id: ${vm.id}` });
  const client = await computeClient(arm, vm.tenantId, p.subscriptionId);
  try {
    await client.virtualMachines.beginStartAndWait(p.resourceGroup, p.name, { abortSignal: signal });
  } catch (err) {
    const e = jitError(err, { action: 'read', policy: vm.name });
    if (e.code === 'missing-permission')
      throw new AppError({
        code: 'missing-permission',
        message: e.message,
        fix: `Ask for a role with Microsoft.Compute/virtualMachines/start/action on ${vm.name} (e.g. Virtual Machine Contributor), or ask its owner to start it.`,
      });
    throw e;
  }
}
