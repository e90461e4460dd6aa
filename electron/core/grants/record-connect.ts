/** What every face records after a connect: its grants (for "mine", the last port, reminders) or its failure. */
import { sameId } from '../../../shared/azure/resource-id';
import type { Grant, Vm } from '../../../shared/domain/types';
import type { AppErrorData } from '../../../shared/errors/app-error';
import type { Settings } from '../settings/settings';
import type { GrantStore } from './grant-store';

/** Records each granted connection with its VM's tenant and policy (what extend needs later). */
export async function recordGrants(
  store: GrantStore,
  grants: Grant[],
  vms: Vm[],
  justification: string | undefined,
): Promise<void> {
  for (const grant of grants) {
    const vm = vms.find((v) => sameId(v.id, grant.vmId));
    await store.record(grant, {
      kind: 'request',
      ...(justification ? { justification } : {}),
      ...(vm ? { tenantId: vm.tenantId } : {}),
      ...(vm?.jit.policyId ? { policyId: vm.jit.policyId } : {}),
    });
  }
}

/** Records a failed connect for each of its targets (the port asked for, else the OS default); never throws. */
export async function recordConnectFailure(
  store: GrantStore,
  targets: Array<{ vm: Vm; port?: number }>,
  error: AppErrorData,
  defaultPorts: Settings['defaultPorts'],
): Promise<void> {
  for (const { vm, port } of targets)
    await store
      .recordFailure({
        vmId: vm.id,
        vmName: vm.name,
        port: port ?? defaultPorts[vm.osType === 'Linux' ? 'Linux' : 'Windows'],
        error,
        tenantId: vm.tenantId,
      })
      .catch(() => undefined);
}
