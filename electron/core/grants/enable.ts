/**
 * `enable` (admin): puts a VM under JIT. Reads the resource group's policies, takes the one that already lists the VM
 * or else the portal's `default` in the VM's region (created when there is none), merges this VM's ports into it and
 * writes the whole policy back with createOrUpdate — a PUT replaces the VM list, so every other VM's settings are
 * written back exactly as read.
 */
import type {
  JitNetworkAccessPolicy,
  JitNetworkAccessPolicyVirtualMachine,
  JitNetworkAccessPortRule,
} from '@azure/arm-security';
import { parseResourceId, sameId } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import { isoDuration, parseDuration } from '../../../shared/time/duration';
import { securityClient, type ArmAccess } from '../azure/arm-access';
import { jitError } from '../jit/jit-errors';

/** Options of {@link enable}. */
export interface EnableOptions {
  /** Default: 22 on Linux, 3389 on Windows. */
  ports?: number[];
  /** ISO-8601 or short (`3h`); default PT3H (the portal's default). JIT allows PT5M..P1D. */
  maxDuration?: string;
  /** Source prefixes requests may name; default `*` (any). */
  allowedSource?: string | string[];
  signal?: AbortSignal;
}

/** What was written. */
export interface EnableResult {
  policyId: string;
  /** True when the policy did not exist and was created. */
  created: boolean;
  /** The VM's ports as written. */
  ports: JitNetworkAccessPortRule[];
  /** How many VMs the policy lists now. */
  vmCount: number;
}

const MIN_MS = 5 * 60_000;
const MAX_MS = 24 * 3600_000;

const region = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '').toLowerCase();

/** The port rules to write for this VM. */
function portRules(vm: Vm, opts: EnableOptions): JitNetworkAccessPortRule[] {
  const ports = opts.ports?.length ? opts.ports : vm.osType === 'Linux' ? [22] : vm.osType === 'Windows' ? [3389] : [];
  if (!ports.length)
    throw new AppError({
      code: 'invalid-input',
      message: `The operating system of ${vm.name} is unknown, so there is no default port.`,
      fix: 'Name the ports to enable (3389 for RDP, 22 for SSH).',
    });
  const bad = ports.find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
  if (bad !== undefined) throw new AppError({ code: 'invalid-input', message: `${bad} is not a port number.` });
  const ms = opts.maxDuration === undefined ? 3 * 3600_000 : parseDuration(opts.maxDuration);
  if (ms === undefined || ms < MIN_MS || ms > MAX_MS)
    throw new AppError({
      code: 'invalid-input',
      message: `"${opts.maxDuration}" is not a JIT maximum duration.`,
      fix: 'Give between 5 minutes and 1 day, e.g. 3h or PT3H.',
    });
  const sources = opts.allowedSource === undefined ? ['*'] : ([] as string[]).concat(opts.allowedSource);
  // `*` for the protocol, as Microsoft's own createOrUpdate example does: RDP also uses UDP on its port.
  return ports.map((number) => ({
    number,
    protocol: '*',
    maxRequestAccessDuration: isoDuration(ms),
    ...(sources.length === 1 ? { allowedSourceAddressPrefix: sources[0]! } : { allowedSourceAddressPrefixes: sources }),
  }));
}

/** Puts `vm` under JIT in its resource group's policy, keeping every other VM's settings (see the module comment). */
export async function enable(arm: ArmAccess, vm: Vm, opts: EnableOptions = {}): Promise<EnableResult> {
  const rules = portRules(vm, opts);
  const client = await securityClient(arm, vm.tenantId, vm.subscriptionId);
  const found: JitNetworkAccessPolicy[] = [];
  try {
    for await (const p of client.jitNetworkAccessPolicies.listByResourceGroup(vm.resourceGroup, {
      abortSignal: opts.signal,
    }))
      found.push(p);
  } catch (err) {
    throw jitError(err, { action: 'read', policy: `the policies of ${vm.resourceGroup}` });
  }
  const listing = found.find((p) => p.virtualMachines.some((v) => sameId(v.id, vm.id)));
  const policy =
    listing ?? found.find((p) => p.name?.toLowerCase() === 'default' && region(locationOf(p)) === region(vm.location));
  const name = policy?.name ?? 'default';
  const location = (policy && locationOf(policy)) ?? vm.location;

  const others = (policy?.virtualMachines ?? []).filter((v) => !sameId(v.id, vm.id));
  const mine = policy?.virtualMachines.find((v) => sameId(v.id, vm.id));
  // Ports already configured and not named now stay as they are; named ones take the new settings.
  const kept = (mine?.ports ?? []).filter((p) => !rules.some((r) => r.number === p.number));
  const entry: JitNetworkAccessPolicyVirtualMachine = { ...mine, id: mine?.id ?? vm.id, ports: [...kept, ...rules] };
  const body: JitNetworkAccessPolicy = {
    kind: policy?.kind ?? 'Basic',
    virtualMachines: [...others, entry],
    // Microsoft's example sends the requests back with the VMs; Azure keeps its request history either way (a guess).
    ...(policy?.requests ? { requests: policy.requests } : {}),
  };
  try {
    const written = await client.jitNetworkAccessPolicies.createOrUpdate(vm.resourceGroup, location, name, body, {
      abortSignal: opts.signal,
    });
    return {
      policyId: written.id ?? policy?.id ?? '',
      created: !policy,
      ports: entry.ports,
      vmCount: written.virtualMachines?.length ?? body.virtualMachines.length,
    };
  } catch (err) {
    throw jitError(err, { action: 'write', policy: name });
  }
}

/** A policy's region: its `location`, else the `locations/{loc}` segment of its id. */
function locationOf(p: JitNetworkAccessPolicy): string | undefined {
  if (p.location) return p.location;
  const parts = p.id ? parseResourceId(p.id) : undefined;
  return parts?.type?.toLowerCase() === 'locations/jitnetworkaccesspolicies' ? parts.names[0] : undefined;
}
