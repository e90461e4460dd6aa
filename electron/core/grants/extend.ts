/**
 * `extend`: a new JIT request for the same VM, port and source (JIT has no "extend": a newer request replaces the
 * older one), ending a duration from now on Azure's clock; recorded in the history, and the reminders moved to the new
 * end. A grant someone else's newer request already replaced is not silently taken back: the error says by whom.
 */
import type { JitNetworkAccessPolicy } from '@azure/arm-security';
import { sameId } from '../../../shared/azure/resource-id';
import type { Grant, GrantWithRemaining } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration, parseDuration } from '../../../shared/time/duration';
import type { ArmAccess } from '../azure/arm-access';
import { checkDurationCap, checkJustification, type DurationCap } from '../settings/policy-rules';
import { initiate, policyRef, readPolicy } from '../jit/jit-client';
import { systemClock, type Clock } from '../ports';
import { type GrantStore, type StoredGrant } from './grant-store';
import type { Reminders } from './reminders';

/** A grant that can be extended: it knows its policy (grants from listGrants and the store do). */
export interface ExtendableGrant extends Grant {
  policyId: string;
  tenantId: string;
  justification?: string;
}

/** Options of {@link extend}. */
export interface ExtendOptions {
  /** How long from now; default: the policy's maximum for the port. */
  durationMs?: number;
  /** At most this long from now, whatever the above (keep-access's cap); a shorter policy maximum still wins. */
  atMostMs?: number;
  /** Default: the grant's justification. */
  justification?: string;
  /** The admin policy's cap (`maxDuration`): the default is held under it, a longer ask refused before any request. */
  durationCap?: DurationCap;
  /** The admin policy requires a justification: an extension with none is refused before any request. */
  justificationRequired?: boolean;
  /** The signed-in account's UPN (who "someone else" is not). */
  account?: string;
  store?: GrantStore;
  reminders?: Reminders;
  signal?: AbortSignal;
  /** The clock Azure's offset is measured on and the end computed on (default: the system's). */
  clock?: Pick<Clock, 'now'>;
}

/** The extended grant. */
export type ExtendedGrant = StoredGrant & GrantWithRemaining & { policyId: string; tenantId: string };

/** The newest request for a VM and port in a policy, with its port. */
function newestRequest(policy: JitNetworkAccessPolicy, vmId: string, port: number) {
  let best: { requestor: string; endTimeUtc: string; start: number; order: number } | undefined;
  (policy.requests ?? []).forEach((r, order) => {
    const p = r.virtualMachines.find((v) => sameId(v.id, vmId))?.ports.find((x) => x.number === port);
    if (!p) return;
    const start = new Date(r.startTimeUtc).getTime();
    if (!best || start > best.start || (start === best.start && order > best.order))
      best = { requestor: r.requestor ?? '', endTimeUtc: new Date(p.endTimeUtc).toISOString(), start, order };
  });
  return best;
}

/** Extends a grant: a new request for the same VM, port and source (see the module comment). */
export async function extend(arm: ArmAccess, grant: ExtendableGrant, opts: ExtendOptions = {}): Promise<ExtendedGrant> {
  const ref = policyRef(grant.policyId, grant.tenantId);
  const clock = opts.clock ?? systemClock;
  const { policy, azureOffsetMs } = await readPolicy(arm, ref, { clock, signal: opts.signal });
  const rule = policy.virtualMachines.find((v) => sameId(v.id, grant.vmId))?.ports.find((p) => p.number === grant.port);
  if (!rule)
    throw new AppError({
      code: 'port-not-in-policy',
      message: `JIT policy '${ref.name}' no longer lists port ${grant.port} of ${grant.vmName}.`,
      fix: 'Refresh the VM list and connect with a port the policy lists.',
    });

  const newest = newestRequest(policy, grant.vmId, grant.port);
  const account = opts.account?.toLowerCase();
  if (
    newest &&
    Date.parse(newest.endTimeUtc) !== Date.parse(grant.endTimeUtc) &&
    newest.requestor &&
    newest.requestor.toLowerCase() !== (account ?? grant.requestor?.toLowerCase())
  )
    throw new AppError({
      code: 'invalid-input',
      message: `Your grant on ${grant.vmName} port ${grant.port} was replaced by ${newest.requestor}'s newer request.`,
      fix: `Connect again if you still need access (it would replace ${newest.requestor}'s grant: agree with them first).`,
    });

  const policyMax = parseDuration(rule.maxRequestAccessDuration) ?? 3 * 3600_000;
  const capped = opts.durationCap !== undefined && opts.durationCap.ms < policyMax;
  const max = capped ? opts.durationCap!.ms : policyMax;
  const duration = Math.min(opts.durationMs ?? max, opts.atMostMs ?? Number.POSITIVE_INFINITY);
  if (capped) checkDurationCap(duration, opts.durationCap);
  if (duration > max)
    throw new AppError({
      code: 'duration-over-max',
      message: `${describeDuration(duration)} is over the ${describeDuration(max)} policy '${ref.name}' allows for port ${grant.port}.`,
      fix: `Ask for at most ${describeDuration(max)}.`,
    });
  const justification = opts.justification ?? grant.justification;
  checkJustification(justification, { justificationRequired: Boolean(opts.justificationRequired) });
  // JIT requests take one prefix per port in this client; a grant read with several keeps the first (a guess that
  // matters only for requests made elsewhere with a list).
  const source = grant.source.split(',')[0]!.trim();
  const ports = [
    {
      number: grant.port,
      // The end on Azure's clock (the offset read with the policy), not the local one.
      endTimeUtc: new Date(clock.now() + azureOffsetMs + duration),
      ...(source ? { allowedSourceAddressPrefix: source } : {}),
    },
  ];
  let answer;
  try {
    answer = await initiate(arm, ref, grant.vmId, ports, justification, { clock, signal: opts.signal });
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError({ code: 'internal', message: String(err) });
    await opts.store?.recordFailure({
      kind: 'extend',
      vmId: grant.vmId,
      vmName: grant.vmName,
      port: grant.port,
      source: grant.source,
      tenantId: grant.tenantId,
      policyId: grant.policyId,
      ...(justification ? { justification } : {}),
      error: e.toData(),
    });
    throw e;
  }
  const back = answer.request.virtualMachines
    .find((v) => sameId(v.id, grant.vmId))
    ?.ports.find((p) => p.number === grant.port);
  const endTimeUtc = new Date(back?.endTimeUtc ?? ports[0]!.endTimeUtc).toISOString();
  const extended: ExtendedGrant = {
    vmId: grant.vmId,
    vmName: grant.vmName,
    port: grant.port,
    source: back?.allowedSourceAddressPrefix ?? back?.allowedSourceAddressPrefixes?.join(',') ?? grant.source,
    dialAddress: grant.dialAddress,
    startTimeUtc: new Date(answer.request.startTimeUtc).toISOString(),
    endTimeUtc,
    ...(grant.ruleName ? { ruleName: grant.ruleName } : {}),
    ...(answer.request.requestor || opts.account
      ? { requestor: answer.request.requestor || opts.account! }
      : grant.requestor
        ? { requestor: grant.requestor }
        : {}),
    policyId: grant.policyId,
    tenantId: grant.tenantId,
    ...(justification ? { justification } : {}),
    azureOffsetMs: answer.azureOffsetMs,
    remainingSeconds: Math.max(0, Math.floor((Date.parse(endTimeUtc) - clock.now() - answer.azureOffsetMs) / 1000)),
  };
  const { remainingSeconds: _r, ...stored } = extended;
  await opts.store?.record(stored, {
    kind: 'extend',
    tenantId: grant.tenantId,
    policyId: grant.policyId,
    ...(justification ? { justification } : {}),
  });
  // The cache now holds the new end for this VM and port: rebuilding the schedule moves the reminders.
  await opts.reminders?.rearm();
  return extended;
}
