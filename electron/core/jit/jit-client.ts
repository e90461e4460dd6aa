/**
 * The two JIT calls every flow shares (connect, extend, grants): read a policy, and initiate a request — through
 * `@azure/arm-security`, with the Azure clock read from ARM's `Date` header so end times are computed on Azure's
 * clock, not a local one that may be wrong. The offset is taken against the caller's Clock port, the same clock the
 * end time is then computed on: measured against another clock, a clock that moved (a simulated jump, a fake clock)
 * would be counted twice.
 */
import type { JitNetworkAccessPolicy, JitNetworkAccessRequest } from '@azure/arm-security';
import { parseResourceId } from '../../../shared/azure/resource-id';
import { AppError } from '../../../shared/errors/app-error';
import { securityClient, type ArmAccess } from '../azure/arm-access';
import type { Clock } from '../ports';
import { jitError } from './jit-errors';

/** Where a policy is: its resource id's parts. */
export interface PolicyRef {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  name: string;
}

/** The parts of a JIT policy's resource id (`…/locations/{loc}/jitNetworkAccessPolicies/{name}`). */
export function policyRef(policyId: string, tenantId: string): PolicyRef {
  const p = parseResourceId(policyId);
  const location = p?.type?.toLowerCase() === 'locations/jitnetworkaccesspolicies' ? p.names[0] : undefined;
  if (!p?.resourceGroup || !location || !p.name)
    throw new AppError({ code: 'internal', message: `Not a JIT policy id: ${policyId}` });
  return { tenantId, subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup, location, name: p.name };
}

/** Azure's clock minus ours, from a response's `Date` header (0 when absent). */
function offsetFrom(date: string | undefined, receivedAt: number): number {
  const azure = date ? Date.parse(date) : NaN;
  return Number.isFinite(azure) ? azure - receivedAt : 0;
}

/** A policy as read, and the Azure clock's offset from the local one at that moment. */
export interface PolicyRead {
  policy: JitNetworkAccessPolicy;
  azureOffsetMs: number;
}

/** How a JIT call is made: the clock its offset is measured against, and a way to cancel it. */
export interface JitCallOptions {
  clock: Pick<Clock, 'now'>;
  signal?: AbortSignal | undefined;
}

/** Reads a JIT policy (its VMs, ports and `requests`); ARM's errors become AppErrors with their fix. */
export async function readPolicy(arm: ArmAccess, ref: PolicyRef, call: JitCallOptions): Promise<PolicyRead> {
  const { clock, signal } = call;
  const client = await securityClient(arm, ref.tenantId, ref.subscriptionId);
  let date: string | undefined;
  let at = clock.now();
  try {
    const policy = await client.jitNetworkAccessPolicies.get(ref.resourceGroup, ref.location, ref.name, {
      abortSignal: signal,
      onResponse: (raw) => {
        date = raw.headers.get('date');
        at = clock.now();
      },
    });
    return { policy, azureOffsetMs: offsetFrom(date, at) };
  } catch (err) {
    throw jitError(err, { action: 'read', policy: ref.name });
  }
}

/** One port to request. */
export interface PortRequest {
  number: number;
  endTimeUtc: Date;
  /** The source to request; absent: Azure uses the caller's address as it sees it (read it back from the answer). */
  allowedSourceAddressPrefix?: string;
}

/** What Azure answered: the request with the ports as it will apply them, and the clock offset. */
export interface Initiated {
  request: JitNetworkAccessRequest;
  azureOffsetMs: number;
}

/** Initiates a JIT request for one VM (several ports at once); ARM's errors become AppErrors with their fix. */
export function initiate(
  arm: ArmAccess,
  ref: PolicyRef,
  vmId: string,
  ports: PortRequest[],
  justification: string | undefined,
  call: JitCallOptions,
): Promise<Initiated> {
  return initiateMany(arm, ref, [{ id: vmId, ports }], justification, call);
}

/** Initiates one JIT request for several VMs of the same policy (one call, as the portal does for a selection). */
export async function initiateMany(
  arm: ArmAccess,
  ref: PolicyRef,
  vms: Array<{ id: string; ports: PortRequest[] }>,
  justification: string | undefined,
  call: JitCallOptions,
): Promise<Initiated> {
  const { clock, signal } = call;
  const client = await securityClient(arm, ref.tenantId, ref.subscriptionId);
  let date: string | undefined;
  let at = clock.now();
  try {
    const request = await client.jitNetworkAccessPolicies.initiate(
      ref.resourceGroup,
      ref.location,
      ref.name,
      {
        virtualMachines: vms,
        ...(justification ? { justification } : {}),
      },
      {
        abortSignal: signal,
        onResponse: (raw) => {
          date = raw.headers.get('date');
          at = clock.now();
        },
      },
    );
    return { request, azureOffsetMs: offsetFrom(date, at) };
  } catch (err) {
    throw jitError(err, { action: 'initiate', policy: ref.name });
  }
}
