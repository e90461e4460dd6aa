/** Helpers for connect's integration tests: the VM list as a seeded user sees it, simple source choices, a run. */
import type { Simulator } from '../../../../electron/azure-sim/index';
import { connect, type ConnectEvent, type ConnectOptions } from '../../../../electron/core/connect/index';
import { readInventory } from '../../../../electron/core/inventory/index';
import type { SourceChoice, Vm } from '../../../../shared/domain/types';
import { simAccess } from '../inventory/sim-access';

/** The VMs `handle` sees, by lower-case name. */
export async function vmsOf(sim: Simulator, handle: string): Promise<Map<string, Vm>> {
  const snap = await readInventory({ arm: simAccess(sim, handle) });
  return new Map(snap.vms.map((v) => [v.name.toLowerCase(), v]));
}

/** The VPN path: request the pool, dial the private address. */
export const vpnSource =
  (prefix: string) =>
  async (vm: Vm): Promise<SourceChoice> => ({
    path: 'vpn',
    requestPrefix: prefix,
    dialHost: vm.privateIp!,
    localAddress: '10.13.1.7',
    explanation: `VPN pool ${prefix}`,
  });

/** The public path: leave the source out, dial the public address. */
export const publicSource = async (vm: Vm): Promise<SourceChoice> => ({
  path: 'public',
  dialHost: vm.publicIp!,
  explanation: 'your public address, as Azure sees it',
});

/** The firewall path: leave the source out, dial the firewall. */
export const firewallSource = async (vm: Vm): Promise<SourceChoice> => ({
  path: 'firewall',
  dialHost: vm.jit.firewallPublicIp!,
  explanation: 'through the Azure Firewall',
});

/** Runs connect as `handle` with the simulator's address map, collecting the progress events. */
export async function runConnect(
  sim: Simulator,
  handle: string,
  opts: Omit<ConnectOptions, 'arm' | 'settings'> & { settings?: ConnectOptions['settings'] },
): Promise<{ result: Awaited<ReturnType<typeof connect>>; events: ConnectEvent[] }> {
  const events: ConnectEvent[] = [];
  const result = await connect({
    arm: simAccess(sim, handle),
    settings: { defaultPorts: { Windows: 3389, Linux: 22 }, justificationTemplate: '' },
    addressMap: sim.profile.addressMap!,
    user: `${handle}@contoso.com`,
    ...opts,
    onProgress: (e) => {
      events.push(e);
      opts.onProgress?.(e);
    },
  });
  return { result, events };
}
