/**
 * Planning a connect before anything is sent: for every VM and port asked, the policy entry (read fresh), the port,
 * the duration and its end time on Azure's clock, the source (injected) — all of it checked first, so a mistake in
 * the second VM does not leave the first one requested.
 */
import type { JitNetworkAccessPolicy, JitNetworkAccessPolicyVirtualMachine } from '@azure/arm-security';
import { idKey, sameId } from '../../../shared/azure/resource-id';
import type { JitPort, JitProtocol, SourceChoice, Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import type { ArmAccess } from '../azure/arm-access';
import { policyRef, readPolicy, type PolicyRef } from '../jit/jit-client';
import type { Settings } from '../settings/schema';
import { chooseDuration, choosePort, endTimeOnAzure, type ChosenDuration } from './choose-request';

/** One VM (and optionally its port) to connect to. */
export interface ConnectTarget {
  vm: Vm;
  /** The port asked for; absent: `lastPort`, else the OS default. */
  port?: number;
  /** The port last used for this VM (from the history), if any. */
  lastPort?: number;
}

/** Chooses the source of a request for one VM and port (the real one lives in core's source chooser). */
export type ChooseSource = (vm: Vm, policyPort: JitPort) => Promise<SourceChoice>;

/** One port of one VM, ready to request. */
export interface PlannedPort {
  vm: Vm;
  ref: PolicyRef;
  policyPort: JitPort;
  duration: ChosenDuration;
  endTimeUtc: Date;
  choice: SourceChoice;
  /** The firewall in front of the VM, when the policy names one. */
  firewallPublicIp?: string;
}

/** The ports of one policy: one initiate. */
export interface PlannedPolicy {
  ref: PolicyRef;
  ports: PlannedPort[];
}

/** The SDK's policy port as the shared JitPort. */
function jitPortOf(p: JitNetworkAccessPolicyVirtualMachine['ports'][number]): JitPort {
  const sources = p.allowedSourceAddressPrefixes?.length
    ? p.allowedSourceAddressPrefixes
    : p.allowedSourceAddressPrefix
      ? [p.allowedSourceAddressPrefix]
      : ['*'];
  return {
    number: p.number,
    protocol: (p.protocol === 'TCP' || p.protocol === 'UDP' ? p.protocol : '*') as JitProtocol,
    maxDuration: p.maxRequestAccessDuration,
    allowedSources: sources,
  };
}

const NOT_RUNNING = new Set(['stopped', 'stopping', 'deallocated', 'deallocating']);

/** Refuses a VM that cannot be connected to before anything is read or sent. */
export function checkTarget(vm: Vm): void {
  if (vm.jit.state !== 'configured' || !vm.jit.policyId)
    throw new AppError({
      code: 'jit-not-enabled',
      message: `JIT is not enabled on ${vm.name}${vm.jit.reason ? `: ${vm.jit.reason}` : ''}.`,
      fix: 'Ask an admin to enable it (jit-connect enable), or refresh the VM list (jit-connect vms --refresh).',
    });
  if (NOT_RUNNING.has(vm.powerState))
    throw new AppError({
      code: 'vm-not-running',
      message: `${vm.name} is ${vm.powerState}: nothing would answer, so no access was requested.`,
      fix: 'Start it first (connect with --start, if your role may start VMs), or ask its owner to.',
    });
}

/** Plans every target: one read per policy, the choices, the source; throws before anything is sent. */
export async function planConnect(opts: {
  arm: ArmAccess;
  targets: ConnectTarget[];
  settings: Pick<Settings, 'defaultPorts' | 'defaultDuration'>;
  chooseSource: ChooseSource;
  duration?: string;
  now: () => number;
  signal?: AbortSignal;
}): Promise<PlannedPolicy[]> {
  for (const t of opts.targets) checkTarget(t.vm);
  const byPolicy = new Map<string, { policyId: string; tenantId: string; targets: ConnectTarget[] }>();
  for (const t of opts.targets) {
    const key = idKey(t.vm.jit.policyId!);
    const entry = byPolicy.get(key) ?? { policyId: t.vm.jit.policyId!, tenantId: t.vm.tenantId, targets: [] };
    entry.targets.push(t);
    byPolicy.set(key, entry);
  }
  const groups = [...byPolicy.values()];
  const reads = await Promise.all(
    groups.map(async (g) => {
      const ref = policyRef(g.policyId, g.tenantId);
      const read = await readPolicy(opts.arm, ref, opts.signal);
      // The offset is measured against the machine's time; the end is computed on the Clock (the same in the app).
      return { ref, g, ...read, azureOffsetMs: read.azureOffsetMs - (opts.now() - Date.now()) };
    }),
  );
  const plans: PlannedPolicy[] = [];
  for (const { ref, g, policy, azureOffsetMs } of reads) {
    const ports: PlannedPort[] = [];
    for (const t of g.targets) ports.push(await planPort(t, ref, policy, azureOffsetMs, opts));
    const seen = new Set<string>();
    for (const p of ports) {
      const k = `${idKey(p.vm.id)}|${p.policyPort.number}`;
      if (seen.has(k))
        throw new AppError({
          code: 'invalid-input',
          message: `Port ${p.policyPort.number} of ${p.vm.name} is asked for twice.`,
        });
      seen.add(k);
    }
    plans.push({ ref, ports });
  }
  return plans;
}

async function planPort(
  t: ConnectTarget,
  ref: PolicyRef,
  policy: JitNetworkAccessPolicy,
  azureOffsetMs: number,
  opts: Parameters<typeof planConnect>[0],
): Promise<PlannedPort> {
  const entry = policy.virtualMachines.find((v) => sameId(v.id, t.vm.id));
  if (!entry)
    throw new AppError({
      code: 'jit-not-enabled',
      message: `${t.vm.name} is no longer in JIT policy '${ref.name}'.`,
      fix: 'Refresh the VM list (jit-connect vms --refresh), or ask an admin to enable JIT on it (jit-connect enable).',
    });
  const policyPort = choosePort(t.vm, entry.ports.map(jitPortOf), opts.settings, t);
  const duration = chooseDuration(policyPort, opts.settings, opts.duration);
  const choice = await opts.chooseSource(t.vm, policyPort);
  const firewallPublicIp = entry.publicIpAddress ?? t.vm.jit.firewallPublicIp;
  return {
    vm: t.vm,
    ref,
    policyPort,
    duration,
    endTimeUtc: endTimeOnAzure(opts.now(), azureOffsetMs, duration.ms),
    choice,
    ...(firewallPublicIp ? { firewallPublicIp } : {}),
  };
}
