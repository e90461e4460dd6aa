/**
 * Names and descriptions of the NSG rules JIT writes, as seen in exported NSGs of real JIT-enabled VMs:
 * allow `SecurityCenter-JITRule-<int>-<32 hex>`, deny `SecurityCenter-JITRule_<int>_<32 hex>`, the `<int>`
 * shared by one VM's allow and deny rules (per policy and VM; it can be negative).
 */
import { createHash, randomUUID } from 'node:crypto';
import { idKey } from '../model/ids';

/** Prefix of JIT allow rules. */
export const ALLOW_PREFIX = 'SecurityCenter-JITRule-';
/** Prefix of JIT deny rules. */
export const DENY_PREFIX = 'SecurityCenter-JITRule_';

/** Matches a JIT allow rule name. */
export const ALLOW_NAME_RE = /^SecurityCenter-JITRule-(-?\d+)-([0-9A-F]{32})$/;
/** Matches a JIT deny rule name. */
export const DENY_NAME_RE = /^SecurityCenter-JITRule_(-?\d+)_([0-9A-F]{32})$/;

/** The signed 32-bit number a policy gives one VM's rules (stable across runs). */
export function vmRuleNumber(policyId: string, vmId: string): number {
  return createHash('sha256')
    .update(`${idKey(policyId)}|${idKey(vmId)}`)
    .digest()
    .readInt32BE(0);
}

/** The deny rule of a VM in one NSG: deterministic, so ensuring it twice finds the same rule. */
export function denyRuleName(policyId: string, vmId: string, nsgId: string): string {
  const hex = createHash('md5')
    .update(`${idKey(policyId)}|${idKey(vmId)}|${idKey(nsgId)}`)
    .digest('hex')
    .toUpperCase();
  return `${DENY_PREFIX}${vmRuleNumber(policyId, vmId)}_${hex}`;
}

/** A fresh allow rule name for one grant (the same name is used in every NSG that applies). */
export function allowRuleName(policyId: string, vmId: string): string {
  return `${ALLOW_PREFIX}${vmRuleNumber(policyId, vmId)}-${randomUUID().replace(/-/g, '').toUpperCase()}`;
}

/** The prefix every deny rule of this policy and VM starts with (to find them in any NSG). */
export function denyPrefixOf(policyId: string, vmId: string): string {
  return `${DENY_PREFIX}${vmRuleNumber(policyId, vmId)}_`;
}

/** Description of an allow rule, as in exported NSGs. */
export function allowDescription(policyName: string, vmName: string): string {
  return `ASC JIT Network Access rule created by an initiation request for policy '${policyName}' of VM '${vmName}'.`;
}

/** Description of a deny rule, as in exported NSGs. */
export function denyDescription(policyName: string, vmName: string): string {
  return `ASC JIT Network Access rule for policy '${policyName}' of VM '${vmName}'.`;
}
