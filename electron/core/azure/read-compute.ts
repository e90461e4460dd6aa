/** VMs with their power state, one list per subscription (`statusOnly=true`): never a call per VM. */
import type { ComputeManagementClient, VirtualMachine } from '@azure/arm-compute';
import type { PowerState } from '../../../shared/domain/types';
import type { VmRead } from './shapes';

const POWER: ReadonlySet<string> = new Set([
  'starting',
  'running',
  'stopping',
  'stopped',
  'deallocating',
  'deallocated',
]);

/** The `PowerState/<code>` of an instance view, or `unknown`. */
export function powerStateOf(statuses: Array<{ code?: string }> | undefined): PowerState {
  const code = statuses?.find((s) => s.code?.toLowerCase().startsWith('powerstate/'))?.code;
  const state = code?.slice('PowerState/'.length).toLowerCase();
  return state && POWER.has(state) ? (state as PowerState) : 'unknown';
}

/** Maps an SDK VM to what the inventory keeps. */
export function slimVm(vm: VirtualMachine): VmRead | undefined {
  if (!vm.id || !vm.name) return undefined;
  const nics = vm.networkProfile?.networkInterfaces ?? [];
  const ordered = [...nics.filter((n) => n.primary), ...nics.filter((n) => !n.primary)];
  const osType = vm.storageProfile?.osDisk?.osType;
  return {
    id: vm.id,
    name: vm.name,
    location: vm.location ?? '',
    ...(osType ? { osType } : {}),
    ...(vm.hardwareProfile?.vmSize ? { size: vm.hardwareProfile.vmSize } : {}),
    powerState: powerStateOf(vm.instanceView?.statuses),
    nicIds: ordered.map((n) => n.id).filter((id): id is string => !!id),
  };
}

/** Reads every VM of the subscription page by page; `onPage` sees each page as it arrives (first rows early). */
export async function readVms(
  compute: ComputeManagementClient,
  signal: AbortSignal,
  onPage: (vms: VmRead[]) => void,
): Promise<VmRead[]> {
  const all: VmRead[] = [];
  const pages = compute.virtualMachines.listAll({ statusOnly: 'true', abortSignal: signal }).byPage();
  for await (const page of pages) {
    const slim = page.map(slimVm).filter((v): v is VmRead => !!v);
    all.push(...slim);
    onPage(slim);
  }
  return all;
}
