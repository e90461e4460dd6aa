/**
 * An NSG as a long-lived estate has it: JIT enabled before Defender's May 2023 renaming, so the VM's deny rule still
 * carries the old `SecurityCenter-JITRule_…` name and "ASC JIT …" wording. The JIT engine treats it as its own.
 */
import { denyDescription, denyRuleName, LEGACY_RULE_STEM } from '../jit/names';
import type { ArmResource, JitPolicyDoc, NsgProperties, VmProperties } from '../model/resources';
import { inboundRule } from './nsg-builders';

/** Puts the legacy-named JIT deny rule of `vm` (all its policy ports) into `nsg`, at priority 4096. */
export function addLegacyJitDenyRule(
  policy: JitPolicyDoc,
  vm: ArmResource<VmProperties>,
  nsg: ArmResource<NsgProperties>,
  privateIp: string,
): void {
  const entry = policy.properties.virtualMachines.find((v) => v.id.toLowerCase() === vm.id.toLowerCase());
  const ports = [...new Set(entry?.ports.map((p) => p.number) ?? [])].sort((a, b) => a - b).map(String);
  if (ports.length === 0) throw new Error(`VM ${vm.name} is not in policy ${policy.name}`);
  const name = denyRuleName(policy.id, vm.id, nsg.id, LEGACY_RULE_STEM);
  const rule = inboundRule(nsg.id, name, 4096, 'Deny', ports[0]!, '*', privateIp, '*');
  if (ports.length > 1) {
    delete rule.properties.destinationPortRange;
    rule.properties.destinationPortRanges = ports;
  }
  rule.properties = { description: denyDescription(policy.name, vm.name, true), ...rule.properties };
  nsg.properties.securityRules.push(rule);
}
