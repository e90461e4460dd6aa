/**
 * The checks of a policy PUT and of an initiate that need the estate, each answering a 400 CloudError with a code
 * and a message a person can act on (Azure's own JIT error codes are not documented; these are the simulator's).
 *
 * Deallocated VMs: initiate is accepted. JIT only edits NSG rules, which do not depend on the VM's power state,
 * and no Microsoft documentation we found says otherwise; the gate keeps a VM that is not running
 * closed, so a client learns the VM is off from the connection, not from the grant.
 */
import { badRequest, notFound, ArmError } from '../arm/errors';
import type { SimContext } from '../context';
import { idKey, parseResourceId, rgId } from '../model/ids';
import type { JitPolicyDoc, JitPortRule } from '../model/resources';
import { describeMs, parseDurationMs } from './duration';
import { allowedSources, sourceAllowed } from './source';
import { vmTopology } from '../model/topology';
import {
  INVALID_INITIATE,
  isIpv6,
  parseInitiateBody,
  parsePolicyBody,
  type InitiateInput,
  type PolicyInput,
} from './validate';

/** Where a policy lives (from the request path). */
export interface PolicyParams {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  policyName: string;
}

/** Azure's documented limit on the policy name plus the VM name. */
export const MAX_POLICY_AND_VM_NAME = 56;

/** Clock skew tolerated between the client's idea of "now" and the simulator's when checking the maximum. */
export const MAX_DURATION_SKEW_MS = 60_000;

const POLICY_TYPE = 'Microsoft.Security/locations/jitNetworkAccessPolicies';

/** The policy's resource id. */
export function policyIdOf(p: PolicyParams): string {
  return `${rgId(p.subscriptionId, p.resourceGroup)}/providers/Microsoft.Security/locations/${p.location}/jitNetworkAccessPolicies/${p.policyName}`;
}

/** Throws ARM's 404 unless the resource group exists. */
export function requireResourceGroup(ctx: SimContext, subscriptionId: string, resourceGroup: string): void {
  if (!ctx.estate.resourceGroup(rgId(subscriptionId, resourceGroup))) {
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
  }
}

/** A VM's name as Compute spells it (policy ids may be in another case), or the id's last segment. */
function vmNameOf(ctx: SimContext, vmId: string): string {
  return ctx.estate.get(vmId, 'Microsoft.Compute/virtualMachines')?.name ?? vmId.split('/').pop() ?? vmId;
}

/** The stored policy, or ARM's 404. */
export function loadPolicy(ctx: SimContext, p: PolicyParams): JitPolicyDoc {
  requireResourceGroup(ctx, p.subscriptionId, p.resourceGroup);
  const policy = ctx.estate.jitPolicy(policyIdOf(p));
  if (!policy) throw notFound(`${POLICY_TYPE}`, p.policyName, p.resourceGroup);
  return policy;
}

/** Checks a PUT body against the estate; returns it with VM ids as stored and firewall addresses filled in. */
export function checkPolicy(ctx: SimContext, p: PolicyParams, body: unknown): PolicyInput {
  requireResourceGroup(ctx, p.subscriptionId, p.resourceGroup);
  const input = parsePolicyBody(body);
  input.virtualMachines.forEach((entry, i) => {
    const target = `properties.virtualMachines[${i}].id`;
    const parts = parseResourceId(entry.id);
    const vm = ctx.estate.get(entry.id, 'Microsoft.Compute/virtualMachines');
    if (!parts || !vm) {
      throw badRequest(
        'VirtualMachineNotFound',
        `VM '${entry.id}' does not exist; give the resource id of an existing virtual machine.`,
        target,
      );
    }
    if (
      parts.subscriptionId.toLowerCase() !== p.subscriptionId.toLowerCase() ||
      parts.resourceGroup?.toLowerCase() !== p.resourceGroup.toLowerCase()
    ) {
      throw badRequest(
        'VirtualMachineOutsidePolicyScope',
        `VM '${vm.name}' is in resource group '${parts.resourceGroup}' of subscription '${parts.subscriptionId}'; a JIT policy lists VMs of its own resource group ('${p.resourceGroup}'). Put it in that resource group's policy.`,
        target,
      );
    }
    if (vm.location.toLowerCase() !== p.location.toLowerCase()) {
      throw badRequest(
        'VirtualMachineOutsidePolicyScope',
        `VM '${vm.name}' is in region '${vm.location}', but this policy is for region '${p.location}'. Use the policy at .../locations/${vm.location}/jitNetworkAccessPolicies/${p.policyName}.`,
        target,
      );
    }
    const total = p.policyName.length + vm.name.length;
    if (total > MAX_POLICY_AND_VM_NAME) {
      throw badRequest(
        'PolicyAndVmNameTooLong',
        `The policy name '${p.policyName}' (${p.policyName.length} characters) plus the VM name '${vm.name}' (${vm.name.length}) make ${total} characters; JIT allows at most ${MAX_POLICY_AND_VM_NAME}. Use a shorter policy name (the portal uses 'default').`,
        target,
      );
    }
    const firewall = ctx.estate.firewalls.get(idKey(vm.id));
    const topo = vmTopology(ctx.estate, vm.id);
    if (!firewall && (!topo || topo.nsgs.length === 0)) {
      throw badRequest(
        'NoNetworkSecurityGroup',
        `VM '${vm.name}' has no network security group on its network interface or subnet and no Azure Firewall; JIT needs one of them to control access. Attach an NSG first.`,
        target,
      );
    }
    // The VM id is kept as the client spelt it (ids are case-insensitive; every lookup goes through idKey).
    if (entry.publicIpAddress === undefined && firewall) entry.publicIpAddress = firewall.publicIp;
  });
  return input;
}

/** One port an initiate will open. */
export interface CheckedPort {
  vmId: string;
  number: number;
  /** The source prefix(es) the allow rule will name. */
  sources: string[];
  endMs: number;
  /** endTimeUtc exactly as sent (undefined when the portal's `duration` was used). */
  endText?: string;
  mappedPort?: number;
}

/**
 * The policy an initiate names, checked in Azure's order: ARM's resource-group check, then the body's form
 * (400 InvalidInitiateInput), and only then whether the policy exists (404 PolicyNotFound).
 */
function initiateTarget(
  ctx: SimContext,
  p: PolicyParams,
  body: unknown,
): { policy: JitPolicyDoc; input: InitiateInput } {
  requireResourceGroup(ctx, p.subscriptionId, p.resourceGroup);
  const input = parseInitiateBody(body);
  const policy = ctx.estate.jitPolicy(policyIdOf(p));
  if (!policy) {
    throw new ArmError(
      404,
      'PolicyNotFound',
      `There is no JIT policy '${p.policyName}' in resource group '${p.resourceGroup}' for region '${p.location}'. Enable JIT for the VM first (the portal names its policy 'default'), or use the policy's region.`,
    );
  }
  return { policy, input };
}

/** Checks an initiate against the policy, the settings and the clock; nothing is changed. */
export function checkInitiate(
  ctx: SimContext,
  p: PolicyParams,
  body: unknown,
  now: number,
): { policy: JitPolicyDoc; input: InitiateInput; ports: CheckedPort[] } {
  const { policy, input } = initiateTarget(ctx, p, body);
  const ports: CheckedPort[] = [];
  input.virtualMachines.forEach((reqVm, i) => {
    const entry = policy.properties.virtualMachines.find((v) => idKey(v.id) === idKey(reqVm.id));
    if (!entry) {
      const names = policy.properties.virtualMachines.map((v) => vmNameOf(ctx, v.id)).join(', ') || '(none)';
      throw badRequest(
        'VmNotInPolicy',
        `VM '${reqVm.id}' is not in JIT policy '${policy.name}' (${policy.id}); that policy covers: ${names}. Enable JIT for the VM first, or request through the policy that lists it.`,
        `virtualMachines[${i}].id`,
      );
    }
    const vmName = vmNameOf(ctx, entry.id);
    reqVm.ports.forEach((rp, j) => {
      const target = `virtualMachines[${i}].ports[${j}]`;
      const rule = entry.ports.find((x) => x.number === rp.number);
      if (!rule) {
        throw badRequest(
          'PortNotInPolicy',
          `Port ${rp.number} is not a JIT port of VM '${vmName}' in policy '${policy.name}'; its JIT ports are ${entry.ports.map((x) => x.number).join(', ')}. Request one of those, or add the port to the policy.`,
          `${target}.number`,
        );
      }
      const endMs = rp.endMs ?? now + (rp.durationMs ?? 0);
      if (endMs <= now) {
        throw badRequest(
          'EndTimeInPast',
          `endTimeUtc '${rp.endText}' is not in the future (the service's clock says it is ${new Date(now).toISOString()}). Send an end time after now, at most ${rule.maxRequestAccessDuration} ahead.`,
          `${target}.endTimeUtc`,
        );
      }
      const maxMs = parseDurationMs(rule.maxRequestAccessDuration) ?? 0;
      if (endMs - now > maxMs + MAX_DURATION_SKEW_MS) {
        throw badRequest(
          'RequestedDurationExceedsMaximum',
          `Port ${rp.number} of VM '${vmName}' allows at most ${describeMs(maxMs)} (${rule.maxRequestAccessDuration}) per request, but this request asks for ${describeMs(endMs - now)} (until ${new Date(endMs).toISOString()}). Ask for an end time at most ${describeMs(maxMs)} from now (before ${new Date(now + maxMs).toISOString()}).`,
          rp.endMs !== undefined ? `${target}.endTimeUtc` : `${target}.duration`,
        );
      }
      const sources = rp.sources ?? [ctx.estate.client.publicIp];
      if (rp.sources === undefined && isIpv6(sources[0]!)) {
        throw badRequest(
          INVALID_INITIATE,
          `No allowedSourceAddressPrefix was sent, so your address as the service sees it (${sources[0]}) was used, but it is an IPv6 address and JIT supports only IPv4 sources. Send an IPv4 allowedSourceAddressPrefix, or connect over IPv4.`,
          `${target}.allowedSourceAddressPrefix`,
        );
      }
      for (const source of sources)
        checkSource(ctx, rule, source, rp.sources === undefined, rp.number, vmName, policy.name, target);
      // The request names the VM as the caller spelt it (policy, Compute and request ids differ in case in Azure).
      const port: CheckedPort = {
        vmId: reqVm.id,
        number: rp.number,
        sources,
        endMs,
        ...(rp.endMs !== undefined ? { endText: rp.endText } : {}),
      };
      if (entry.publicIpAddress) {
        const mapped = ctx.estate.firewalls.get(idKey(entry.id))?.mappedPorts[String(rp.number)];
        if (mapped !== undefined) port.mappedPort = mapped;
      }
      ports.push(port);
    });
  });
  return { policy, input, ports };
}

/** Refuses a source the policy port does not allow, saying which ones it does. */
function checkSource(
  ctx: SimContext,
  rule: JitPortRule,
  source: string,
  fromCaller: boolean,
  port: number,
  vmName: string,
  policyName: string,
  target: string,
): void {
  if (sourceAllowed(rule, source, ctx.settings.sourceMatch)) return;
  const list = allowedSources(rule);
  const how = rule.allowedSourceAddressPrefixes?.length
    ? ctx.settings.sourceMatch === 'exact'
      ? `name one of these prefixes exactly: ${list.join(', ')}`
      : `use an address or range inside one of: ${list.join(', ')}`
    : `use an address or range inside ${list[0]}`;
  const origin = fromCaller
    ? `No allowedSourceAddressPrefix was sent, so your address as the service sees it (${source}) was used; it`
    : `Source '${source}'`;
  throw badRequest(
    'SourceAddressNotAllowed',
    `${origin} is not allowed for port ${port} of VM '${vmName}' by policy '${policyName}': ${how}.`,
    `${target}.allowedSourceAddressPrefix`,
  );
}
