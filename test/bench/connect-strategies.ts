/**
 * The connect bench's contenders. Each requests JIT for one VM port, waits its own way, then "launches" (one TCP
 * connect, as a client would make): `engine` is core's connect (adaptive ARM reads with a TCP hint, then probes);
 * `fixed-3s` reads the NSGs every 3 s and launches when the rule is there, relaunching every 3 s if the client fails;
 * `busy-100ms` does the same every 100 ms. A launch that finds the port shut came too early.
 */
import net from 'node:net';
import type { Simulator } from '../../electron/azure-sim/index';
import { connect } from '../../electron/core/connect/index';
import { networkClient } from '../../electron/core/azure/arm-access';
import { initiate, policyRef } from '../../electron/core/jit/jit-client';
import { systemClock } from '../../electron/core/ports';
import { parseResourceId, sameId } from '../../shared/azure/resource-id';
import type { SourceChoice, Vm } from '../../shared/domain/types';
import { evaluateAll, type NsgRule } from '../../shared/nsg/nsg-eval';
import { simAccess } from '../integration/core/inventory/sim-access';

/** A contender's name. */
export type Strategy = 'engine' | 'fixed-3s' | 'busy-100ms';

/** One connect's outcome. */
export interface Sample {
  strategy: Strategy;
  lane: string;
  /** The pre-map address dialled (the gate endpoint's key). */
  dialAddress: string;
  /** Wall time (ms) of the launch that worked. */
  launchedAt: number;
  /** Wall time the wait began (the initiate answered) and ARM reads during it. */
  waitFrom: number;
  armReads: number;
  early: number;
}

/** The source a lane requests, as the source chooser would pick it for the demo's client. */
export function sourceFor(vm: Vm): SourceChoice {
  if (vm.jit.firewallPublicIp) return { path: 'firewall', dialHost: vm.jit.firewallPublicIp, explanation: 'firewall' };
  if (vm.publicIp) return { path: 'public', dialHost: vm.publicIp, explanation: 'public' };
  return { path: 'vpn', requestPrefix: '10.13.1.0/24', dialHost: vm.privateIp!, explanation: 'VPN pool' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function launch(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':') as [string, string];
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Runs one connect of `vm`:`port` as `handle` with `strategy`. */
export async function runStrategy(
  sim: Simulator,
  strategy: Strategy,
  handle: string,
  vm: Vm,
  port: number,
): Promise<Sample> {
  const arm = simAccess(sim, handle);
  const map = sim.profile.addressMap!;
  const choice = sourceFor(vm);
  const lane = `${vm.name}:${port}`;
  if (strategy === 'engine') {
    let reads = 0;
    let waitFrom = 0;
    let reachableAt = 0;
    const { connections } = await connect({
      arm,
      targets: [{ vm, port }],
      settings: { defaultPorts: { Windows: 3389, Linux: 22 }, justificationTemplate: '' },
      chooseSource: async () => choice,
      addressMap: map,
      duration: '1h',
      onArmRead: () => reads++,
      onProgress: (e) => {
        if (e.step === 'requested') waitFrom = Date.now();
        if (e.step === 'reachable') reachableAt = Date.now();
      },
    });
    const c = connections[0]!;
    const ok = await launch(`${c.dial.host}:${c.dial.port}`);
    return {
      strategy,
      lane,
      dialAddress: c.grant.dialAddress,
      launchedAt: reachableAt,
      waitFrom,
      armReads: reads,
      early: ok ? 0 : 1,
    };
  }
  const every = strategy === 'fixed-3s' ? 3000 : 100;
  const ref = policyRef(vm.jit.policyId!, vm.tenantId);
  const { request } = await initiate(
    arm,
    ref,
    vm.id,
    [
      {
        number: port,
        endTimeUtc: new Date(Date.now() + 3600_000),
        ...(choice.requestPrefix ? { allowedSourceAddressPrefix: choice.requestPrefix } : {}),
      },
    ],
    undefined,
    { clock: systemClock },
  );
  const waitFrom = Date.now();
  const answered = request.virtualMachines.find((v) => sameId(v.id, vm.id))!.ports.find((p) => p.number === port)!;
  const source = answered.allowedSourceAddressPrefix!;
  const dialAddress = `${choice.dialHost}:${choice.path === 'firewall' ? answered.mappedPort : port}`;
  const nsgIds = [vm.nsgs.nic, vm.nsgs.subnet].filter((x): x is string => Boolean(x));
  let reads = 0;
  const ruleLive = async () => {
    const nsgs = await Promise.all(
      nsgIds.map(async (id) => {
        const p = parseResourceId(id)!;
        reads++;
        const nsg = await (
          await networkClient(arm, vm.tenantId, p.subscriptionId)
        ).networkSecurityGroups.get(p.resourceGroup!, p.name!);
        return { id, rules: [...(nsg.securityRules ?? []), ...(nsg.defaultSecurityRules ?? [])] as NsgRule[] };
      }),
    );
    const flow = { source, port, protocol: 'Tcp' as const, destinationIp: vm.privateIp! };
    return evaluateAll(nsgs, flow, { virtualNetwork: [...vm.p2sPools.map((x) => x.prefix), vm.privateIp!] }).access;
  };
  for (;;) {
    await sleep(every);
    if ((await ruleLive()) === 'Allow') break;
  }
  let early = 0;
  while (!(await launch(map[dialAddress]!))) {
    early++;
    await sleep(every);
  }
  return { strategy, lane, dialAddress, launchedAt: Date.now(), waitFrom, armReads: reads, early };
}
