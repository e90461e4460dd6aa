/** Whether a requested source may be used for a JIT port, per the policy's allowed prefix(es) and the match setting. */
import type { JitPortRule } from '../model/resources';
import { cidrContains, parseCidr, sameRange } from '../net/cidr';

/** How a request's source is compared with a policy's `allowedSourceAddressPrefixes` list. */
export type SourceMatch = 'exact' | 'contains';

/** The prefixes the policy port allows, as people read them. */
export function allowedSources(rule: JitPortRule): string[] {
  return rule.allowedSourceAddressPrefixes?.length
    ? rule.allowedSourceAddressPrefixes
    : [rule.allowedSourceAddressPrefix ?? '*'];
}

/**
 * True when the policy port allows `requested`:
 * - a single `allowedSourceAddressPrefix`: `*` allows anything, otherwise the request must lie inside it;
 * - a list (`allowedSourceAddressPrefixes`): the request must name one entry exactly (the same range), or with
 *   `contains` lie inside one. `*` is never inside a list.
 */
export function sourceAllowed(rule: JitPortRule, requested: string, match: SourceMatch): boolean {
  const req = requested.trim();
  if (rule.allowedSourceAddressPrefixes?.length) {
    if (req === '*') return false;
    const r = parseCidr(req);
    if (!r) return false;
    return rule.allowedSourceAddressPrefixes.some((p) => {
      const c = parseCidr(p);
      if (!c) return false;
      return match === 'exact' ? sameRange(c, r) : cidrContains(c, r);
    });
  }
  const single = (rule.allowedSourceAddressPrefix ?? '*').trim();
  if (single === '*') return true;
  if (req === '*') return false;
  const outer = parseCidr(single);
  const inner = parseCidr(req);
  return outer !== undefined && inner !== undefined && cidrContains(outer, inner);
}
