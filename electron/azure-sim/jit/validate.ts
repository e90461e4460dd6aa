/**
 * Checks JIT request bodies against the official swagger (2020-01-01) and JIT's documented limits, answering
 * each mistake with a 400 CloudError whose message says what to fix. Checks that need the estate (does the VM
 * exist, is it in the policy) live in the engine.
 */
import { ArmError, badRequest } from '../arm/errors';
import type { JitPortRule } from '../model/resources';
import { parseCidr } from '../net/cidr';
import { MAX_MAX_DURATION_MS, MIN_MAX_DURATION_MS, describeMs, parseDurationMs } from './duration';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 3339 date-time, as the swagger's `format: date-time` means it. */
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function invalid(message: string, target: string): never {
  throw badRequest('InvalidRequestContent', message, target);
}

function requireArray(v: unknown, target: string, what: string): unknown[] {
  if (!Array.isArray(v)) invalid(`'${target}' is required and must be an array of ${what}.`, target);
  if (v.length === 0) invalid(`'${target}' must list at least one ${what.replace(/s$/, '')}.`, target);
  return v;
}

function requirePortNumber(v: unknown, target: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) {
    invalid(`'${target}' must be a whole number from 0 to 65535 (got ${JSON.stringify(v)}).`, target);
  }
  return v;
}

function optionalString(v: unknown, target: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') invalid(`'${target}' must be a string (got ${JSON.stringify(v)}).`, target);
  return v;
}

/** True for `*` or an IPv4 address / CIDR. */
export function isSourcePrefix(text: string, allowAny: boolean): boolean {
  return (allowAny && text.trim() === '*') || parseCidr(text) !== undefined;
}

function checkPrefix(text: string, target: string, allowAny: boolean): string {
  if (!isSourcePrefix(text, allowAny)) {
    throw badRequest(
      'InvalidSourceAddress',
      `'${target}' is '${text}', which is not ${allowAny ? "'*' or " : ''}an IPv4 address or CIDR range (for example 203.0.113.7 or 10.13.1.0/24).`,
      target,
    );
  }
  return text.trim();
}

/** A policy as a PUT body describes it (already normalised). */
export interface PolicyInput {
  kind: string;
  virtualMachines: Array<{ id: string; ports: JitPortRule[]; publicIpAddress?: string }>;
}

function parsePortRule(v: unknown, target: string): JitPortRule {
  if (!isObject(v))
    invalid(`'${target}' must be an object with number, protocol and maxRequestAccessDuration.`, target);
  const number = requirePortNumber(v.number, `${target}.number`);
  const protoRaw = v.protocol;
  if (typeof protoRaw !== 'string' || !['TCP', 'UDP', '*'].includes(protoRaw.toUpperCase())) {
    invalid(
      `'${target}.protocol' must be 'TCP', 'UDP' or '*' (got ${JSON.stringify(protoRaw)}).`,
      `${target}.protocol`,
    );
  }
  const protocol = protoRaw.toUpperCase() as JitPortRule['protocol'];
  const maxRaw = v.maxRequestAccessDuration;
  const maxTarget = `${target}.maxRequestAccessDuration`;
  if (typeof maxRaw !== 'string')
    invalid(`'${maxTarget}' is required: an ISO 8601 duration from PT5M to P1D, for example PT3H.`, maxTarget);
  const maxMs = parseDurationMs(maxRaw);
  if (maxMs === undefined || maxMs < MIN_MAX_DURATION_MS || maxMs > MAX_MAX_DURATION_MS) {
    throw badRequest(
      'InvalidMaxRequestAccessDuration',
      `'${maxTarget}' is '${maxRaw}'${maxMs === undefined ? ', which is not an ISO 8601 duration' : ` (${describeMs(maxMs)})`}; it must be from 5 minutes (PT5M) to 1 day (P1D), for example PT3H.`,
      maxTarget,
    );
  }
  const single = v.allowedSourceAddressPrefix;
  const plural = v.allowedSourceAddressPrefixes;
  const rule: JitPortRule = { number, protocol, maxRequestAccessDuration: maxRaw };
  if (single !== undefined && plural !== undefined) {
    invalid(
      `'${target}' has both allowedSourceAddressPrefix and allowedSourceAddressPrefixes; they are mutually exclusive: give one.`,
      target,
    );
  }
  if (single !== undefined) {
    if (typeof single !== 'string')
      invalid(
        `'${target}.allowedSourceAddressPrefix' must be a string ('*' or an IPv4 address or CIDR).`,
        `${target}.allowedSourceAddressPrefix`,
      );
    rule.allowedSourceAddressPrefix = checkPrefix(single, `${target}.allowedSourceAddressPrefix`, true);
  } else if (plural !== undefined) {
    const list = requireArray(plural, `${target}.allowedSourceAddressPrefixes`, 'IPv4 addresses or CIDR ranges');
    rule.allowedSourceAddressPrefixes = list.map((p, i) => {
      const t = `${target}.allowedSourceAddressPrefixes[${i}]`;
      if (typeof p !== 'string') invalid(`'${t}' must be a string (an IPv4 address or CIDR).`, t);
      return checkPrefix(p, t, false);
    });
  } else {
    invalid(
      `'${target}' needs allowedSourceAddressPrefix ('*' or one IPv4 address/CIDR) or allowedSourceAddressPrefixes (a list).`,
      target,
    );
  }
  return rule;
}

/** Parses and checks a policy PUT body (`JitNetworkAccessPolicy`). `requests` in the body are ignored. */
export function parsePolicyBody(body: unknown): PolicyInput {
  if (!isObject(body))
    invalid('The request body must be a JitNetworkAccessPolicy object with a properties field.', 'body');
  if (!isObject(body.properties)) invalid("'properties' is required: an object with virtualMachines.", 'properties');
  const kind = optionalString(body.kind, 'kind') ?? 'Basic';
  const vmsRaw = body.properties.virtualMachines;
  if (!Array.isArray(vmsRaw))
    invalid(
      "'properties.virtualMachines' is required and must be an array of VMs with their ports.",
      'properties.virtualMachines',
    );
  const seen = new Set<string>();
  const virtualMachines = vmsRaw.map((v, i) => {
    const target = `properties.virtualMachines[${i}]`;
    if (!isObject(v)) invalid(`'${target}' must be an object with id and ports.`, target);
    if (typeof v.id !== 'string' || v.id.trim() === '')
      invalid(`'${target}.id' is required: the VM's resource id.`, `${target}.id`);
    const key = v.id.toLowerCase();
    if (seen.has(key))
      invalid(`'${target}.id' lists VM '${v.id}' a second time; list each VM once with all its ports.`, `${target}.id`);
    seen.add(key);
    const ports = requireArray(v.ports, `${target}.ports`, 'port rules').map((p, j) =>
      parsePortRule(p, `${target}.ports[${j}]`),
    );
    const numbers = new Set<number>();
    for (const p of ports) {
      if (numbers.has(p.number)) invalid(`'${target}.ports' lists port ${p.number} twice.`, `${target}.ports`);
      numbers.add(p.number);
    }
    const pip = optionalString(v.publicIpAddress, `${target}.publicIpAddress`);
    if (pip !== undefined && parseCidr(pip)?.bits !== 32) {
      invalid(
        `'${target}.publicIpAddress' must be the Azure Firewall's public IPv4 address (got '${pip}').`,
        `${target}.publicIpAddress`,
      );
    }
    return { id: v.id, ports, ...(pip !== undefined ? { publicIpAddress: pip } : {}) };
  });
  return { kind, virtualMachines };
}

/** One port of an initiate request, checked for form. */
export interface InitiatePortInput {
  number: number;
  /** The requested end, in ms since the epoch (from endTimeUtc), or undefined when `duration` was given. */
  endMs?: number;
  /** The requested length (from the portal's `duration`). */
  durationMs?: number;
  /** The text the caller sent for the end (echoed back as sent, and used in messages). */
  endText: string;
  /** `allowedSourceAddressPrefix`, or the portal's `allowedSourceAddressPrefixes` list; undefined: the caller's. */
  sources?: string[];
}

/** An initiate body, checked for form. */
export interface InitiateInput {
  virtualMachines: Array<{ id: string; ports: InitiatePortInput[] }>;
  justification?: string;
}

/** An initiate body is refused with this code whatever is wrong with its form (as Azure answers a bad initiate). */
export const INVALID_INITIATE = 'InvalidInitiateInput';

/** True for text that looks like an IPv6 address or range (JIT's NSG rules take only IPv4 sources). */
export function isIpv6(text: string): boolean {
  return /^[0-9a-f:.]*:[0-9a-f:.]*(\/\d+)?$/i.test(text.trim()) && text.includes(':');
}

function initiateSource(v: unknown, t: string): string {
  if (typeof v !== 'string') invalid(`'${t}' must be a string: '*' or an IPv4 address or CIDR.`, t);
  if (isIpv6(v)) {
    // Guess: Azure's wording for this is not documented; JIT only writes IPv4 sources.
    invalid(`'${t}' is '${v}', an IPv6 address; JIT supports only IPv4 sources. Send an IPv4 address or CIDR.`, t);
  }
  return checkPrefix(v, t, true);
}

function parseInitiatePort(v: unknown, target: string): InitiatePortInput {
  if (!isObject(v)) invalid(`'${target}' must be an object with number and endTimeUtc.`, target);
  const number = requirePortNumber(v.number, `${target}.number`);
  const out: InitiatePortInput = { number, endText: '' };
  const end = v.endTimeUtc;
  const duration = v.duration;
  if (end !== undefined && end !== null && duration !== undefined && duration !== null) {
    // Azure's own message for this mistake.
    invalid("Only one of fields 'EndTimeUtc' and 'Duration' can be set.", target);
  }
  if (end !== undefined && end !== null) {
    const t = `${target}.endTimeUtc`;
    if (typeof end !== 'string' || !DATE_TIME_RE.test(end) || Number.isNaN(Date.parse(end))) {
      invalid(`'${t}' must be an ISO 8601 UTC date-time such as 2026-05-01T12:00:00Z (got ${JSON.stringify(end)}).`, t);
    }
    out.endMs = Date.parse(end);
    out.endText = end;
  } else if (duration !== undefined && duration !== null) {
    const t = `${target}.duration`;
    const ms = typeof duration === 'string' ? parseDurationMs(duration) : undefined;
    if (ms === undefined || ms <= 0)
      invalid(`'${t}' must be a positive ISO 8601 duration such as PT1H (got ${JSON.stringify(duration)}).`, t);
    out.durationMs = ms;
    out.endText = String(duration);
  } else {
    invalid(
      `'${target}.endTimeUtc' is required: the UTC time at which access should end (ISO 8601, e.g. 2026-05-01T12:00:00Z).`,
      `${target}.endTimeUtc`,
    );
  }
  const single = v.allowedSourceAddressPrefix;
  const plural = v.allowedSourceAddressPrefixes;
  const hasSingle = single !== undefined && single !== null;
  const hasPlural = plural !== undefined && plural !== null;
  if (hasSingle && hasPlural) {
    invalid(
      `'${target}' has both allowedSourceAddressPrefix and allowedSourceAddressPrefixes; they are mutually exclusive: send one.`,
      target,
    );
  }
  if (hasSingle) out.sources = [initiateSource(single, `${target}.allowedSourceAddressPrefix`)];
  if (hasPlural) {
    const t = `${target}.allowedSourceAddressPrefixes`;
    const list = requireArray(plural, t, 'IPv4 addresses or CIDR ranges');
    out.sources = list.map((p, i) => initiateSource(p, `${t}[${i}]`));
  }
  return out;
}

/** Parses and checks an initiate body (`JitNetworkAccessPolicyInitiateRequest`, plus the portal's `duration`). */
export function parseInitiateBody(body: unknown): InitiateInput {
  try {
    return parseInitiate(body);
  } catch (err) {
    if (err instanceof ArmError && err.status === 400)
      throw badRequest(INVALID_INITIATE, err.message, err.extra.target);
    throw err;
  }
}

function parseInitiate(body: unknown): InitiateInput {
  if (!isObject(body))
    invalid('The request body must be a JitNetworkAccessPolicyInitiateRequest object with virtualMachines.', 'body');
  const justification = optionalString(body.justification, 'justification');
  const seen = new Set<string>();
  const virtualMachines = requireArray(body.virtualMachines, 'virtualMachines', 'VMs').map((v, i) => {
    const target = `virtualMachines[${i}]`;
    if (!isObject(v)) invalid(`'${target}' must be an object with id and ports.`, target);
    if (typeof v.id !== 'string' || v.id.trim() === '')
      invalid(`'${target}.id' is required: the VM's resource id.`, `${target}.id`);
    const id = v.id;
    const ports = requireArray(v.ports, `${target}.ports`, 'ports').map((p, j) =>
      parseInitiatePort(p, `${target}.ports[${j}]`),
    );
    for (const p of ports) {
      const key = `${id.toLowerCase()}|${p.number}`;
      if (seen.has(key))
        invalid(`Port ${p.number} of VM '${id}' is requested twice in one request.`, `${target}.ports`);
      seen.add(key);
    }
    return { id, ports };
  });
  return { virtualMachines, ...(justification !== undefined ? { justification } : {}) };
}
