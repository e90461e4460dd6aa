/**
 * Names and descriptions of the NSG rules JIT writes. Since May 2023 ("Revised JIT rule naming conventions" in the
 * Defender for Cloud release notes) new rules are named allow `MicrosoftDefenderForCloud-JITRule-<int>-<32 hex>` and
 * deny `MicrosoftDefenderForCloud-JITRule_<int>_<32 hex>`, described "MDC JIT Network Access rule …"; rules written
 * before carry `SecurityCenter-JITRule` and "ASC JIT …" and stay in long-lived NSGs, so both count as JIT's own.
 * The `<int>` is shared by one VM's allow and deny rules (per policy and VM; it can be negative).
 */
import { createHash, randomUUID } from 'node:crypto';
import { idKey } from '../model/ids';

/** The rule-name stem JIT uses now. */
export const RULE_STEM = 'MicrosoftDefenderForCloud-JITRule';
/** The stem of rules written before May 2023. */
export const LEGACY_RULE_STEM = 'SecurityCenter-JITRule';

/** Prefix of new JIT allow rules. */
export const ALLOW_PREFIX = `${RULE_STEM}-`;
/** Prefix of new JIT deny rules. */
export const DENY_PREFIX = `${RULE_STEM}_`;

/** Matches a JIT allow rule name, new or legacy (group 1: the VM number, group 2: the hex). */
export const ALLOW_NAME_RE = /^(?:MicrosoftDefenderForCloud|SecurityCenter)-JITRule-(-?\d+)-([0-9A-F]{32})$/;
/** Matches a JIT deny rule name, new or legacy. */
export const DENY_NAME_RE = /^(?:MicrosoftDefenderForCloud|SecurityCenter)-JITRule_(-?\d+)_([0-9A-F]{32})$/;

/** True for a rule name with the pre-2023 `SecurityCenter-JITRule` stem. */
export function isLegacyName(name: string): boolean {
  return name.startsWith(LEGACY_RULE_STEM);
}

/** The signed 32-bit number a policy gives one VM's rules (stable across runs). */
export function vmRuleNumber(policyId: string, vmId: string): number {
  return createHash('sha256')
    .update(`${idKey(policyId)}|${idKey(vmId)}`)
    .digest()
    .readInt32BE(0);
}

function denyHex(policyId: string, vmId: string, nsgId: string): string {
  return createHash('md5')
    .update(`${idKey(policyId)}|${idKey(vmId)}|${idKey(nsgId)}`)
    .digest('hex')
    .toUpperCase();
}

/** The deny rule of a VM in one NSG: deterministic, so ensuring it twice finds the same rule. */
export function denyRuleName(policyId: string, vmId: string, nsgId: string, stem: string = RULE_STEM): string {
  return `${stem}_${vmRuleNumber(policyId, vmId)}_${denyHex(policyId, vmId, nsgId)}`;
}

/** A fresh allow rule name for one grant (the same name is used in every NSG that applies). */
export function allowRuleName(policyId: string, vmId: string): string {
  return `${ALLOW_PREFIX}${vmRuleNumber(policyId, vmId)}-${randomUUID().replace(/-/g, '').toUpperCase()}`;
}

/** True for a deny rule of this policy and VM under either stem (to find and clean them up in any NSG). */
export function isDenyRuleOf(policyId: string, vmId: string): (name: string) => boolean {
  const n = vmRuleNumber(policyId, vmId);
  return (name) => {
    const m = name.match(DENY_NAME_RE);
    return m !== null && Number(m[1]) === n;
  };
}

/** Description of an allow rule; `legacy` gives the pre-2023 "ASC" wording. */
export function allowDescription(policyName: string, vmName: string, legacy = false): string {
  return `${legacy ? 'ASC' : 'MDC'} JIT Network Access rule created by an initiation request for policy '${policyName}' of VM '${vmName}'.`;
}

/** Description of a deny rule; `legacy` gives the pre-2023 "ASC" wording. */
export function denyDescription(policyName: string, vmName: string, legacy = false): string {
  return `${legacy ? 'ASC' : 'MDC'} JIT Network Access rule for policy '${policyName}' of VM '${vmName}'.`;
}
