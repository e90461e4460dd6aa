/**
 * Waiting for a JIT grant to become live: every NSG that applies is read (arm-network) and judged by evaluating its
 * rules in priority order (shared/nsg), until an allow covers our port and source above any deny in each. When NSG
 * reads are forbidden (Microsoft's API-only JIT role), our request in the policy's `requests` going from `Initiating`
 * to `Initiated` is the signal instead. ARM is read on a growing interval (short first); meanwhile a cheap TCP probe
 * of the dialled address runs, and the moment it answers ARM is read again at once — so the wait ends soon after the
 * port really opens without reading ARM often.
 */
import type { JitNetworkAccessPolicy } from '@azure/arm-security';
import { parseResourceId, sameId } from '../../../shared/azure/resource-id';
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration } from '../../../shared/time/duration';
import { evaluateAll, type NsgRule } from '../../../shared/nsg/nsg-eval';
import { networkClient, type ArmAccess } from '../azure/arm-access';
import { readPolicy, type PolicyRef } from '../jit/jit-client';
import type { Clock } from '../ports';
import { abortReason, type Probe } from './probe';

/** How often to look. */
export interface PollTiming {
  /** First ARM read after the request (ms); then each interval grows by `factor` up to `maxMs`. */
  firstMs: number;
  factor: number;
  maxMs: number;
  /** In NSG mode the policy is read every `policyEvery` rounds too (to notice it deleted). */
  policyEvery: number;
  /** Pause between TCP probes that failed (ms), and each probe's timeout. */
  probeEveryMs: number;
  probeTimeoutMs: number;
}

/** The defaults: the bench (`npm run bench -- connect`) measured them against fixed and busy polling. */
export const DEFAULT_POLL: PollTiming = {
  firstMs: 1000,
  factor: 1.5,
  maxMs: 4000,
  policyEvery: 3,
  probeEveryMs: 200,
  probeTimeoutMs: 1000,
};

/** What to watch for one VM and port. */
export interface RuleWatch {
  arm: ArmAccess;
  ref: PolicyRef;
  vmId: string;
  vmName: string;
  /** The NSGs that apply (NIC, subnet); none known: the policy-request path. */
  nsgIds: string[];
  /** The VM's private address (the destination NSGs judge); unknown for the API-only role. */
  privateIp?: string;
  /** Prefixes of the `VirtualNetwork` tag as far as known (the VPN pools that reach the VM, its own address). */
  virtualNetwork: string[];
  port: number;
  /** The source Azure applies (read back from the 202). */
  source: string;
  /** The request's `startTimeUtc`, to find it among the policy's requests. */
  requestStart: Date;
  /** Where the TCP probe dials (after the addressMap). */
  dial: { host: string; port: number };
}

/** What the wait needs besides the target. */
export interface WatchContext {
  clock: Clock;
  probe: Probe;
  timing: PollTiming;
  /** The Clock time at which to give up. */
  deadline: number;
  /** The whole wait's length, for the message. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Counts every ARM read (for the bench's reads per second). */
  onArmRead?: () => void;
}

/** The grant is live: how we know. */
export interface RuleLive {
  via: 'nsg' | 'policy-request';
  /** The allow rule that decided (NSG path). */
  ruleName?: string;
  detail: string;
}

interface ArmErrorLike {
  statusCode?: number;
  name?: string;
  message?: string;
}

const status = (err: unknown) => (err as ArmErrorLike)?.statusCode;
/** Worth another try later (throttled after the SDK's own Retry-After retries, a 5xx, the network). */
const transient = (err: unknown) => {
  const s = status(err);
  return (err as AppError)?.code === 'throttled' || s === 429 || s === undefined || s >= 500;
};

/** The Retry-After of a throttled answer, in ms (0 when absent). */
function retryAfterMs(err: unknown): number {
  const headers = (err as { response?: { headers?: { get(name: string): string | undefined } } }).response?.headers;
  const seconds = Number(headers?.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Resolves after `ms` on the clock or as soon as `wake` is called; rejects on abort. */
function nap(clock: Clock, ms: number, signal: AbortSignal | undefined, onWake: (wake: () => void) => void) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const done = () => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clock.clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = clock.setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', aborted, { once: true });
    onWake(done);
  });
}

/** Our port in the policy's requests: the request started at `requestStart` that names this VM and port. */
function requestPort(policy: JitNetworkAccessPolicy, w: RuleWatch) {
  for (const r of policy.requests ?? []) {
    if (new Date(r.startTimeUtc).getTime() !== w.requestStart.getTime()) continue;
    const vm = r.virtualMachines.find((v) => sameId(v.id, w.vmId));
    const port = vm?.ports.find((p) => p.number === w.port);
    if (port) return port;
  }
  return undefined;
}

/** Waits until the grant is live (see the file comment); errors name the request and what was seen. */
export async function watchRule(w: RuleWatch, ctx: WatchContext): Promise<RuleLive> {
  const { clock, timing } = ctx;
  let viaPolicy = w.nsgIds.length === 0;
  let seen = viaPolicy ? 'no NSG known: watching the request' : 'nothing read yet';
  let throttled = 0;
  let wake: (() => void) | undefined;
  let tcpOpen = false;
  let hintPending = false;
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });

  // The TCP hint: probe until the port first answers, then wake the ARM loop.
  const hint = (async () => {
    while (!stop.signal.aborted) {
      if (await ctx.probe(w.dial, timing.probeTimeoutMs, stop.signal).catch(() => false)) {
        tcpOpen = true;
        hintPending = true;
        wake?.();
        return;
      }
      await nap(clock, timing.probeEveryMs, stop.signal, () => {}).catch(() => {});
    }
  })();

  const nsgRound = async (): Promise<RuleLive | undefined> => {
    const nsgs = await Promise.all(
      w.nsgIds.map(async (id) => {
        const p = parseResourceId(id);
        if (!p?.resourceGroup || !p.name) throw new AppError({ code: 'internal', message: `Not an NSG id: ${id}` });
        const client = await networkClient(w.arm, w.ref.tenantId, p.subscriptionId);
        ctx.onArmRead?.();
        const nsg = await client.networkSecurityGroups.get(p.resourceGroup, p.name, { abortSignal: stop.signal });
        const rules: NsgRule[] = [...(nsg.securityRules ?? []), ...(nsg.defaultSecurityRules ?? [])];
        return { id: nsg.name ?? p.name, rules };
      }),
    );
    const flow = { source: w.source, port: w.port, protocol: 'Tcp' as const, destinationIp: w.privateIp };
    const judged = evaluateAll(nsgs, flow, { virtualNetwork: w.virtualNetwork });
    seen = judged.verdicts
      .map((v) => `${v.nsg}: ${v.access === 'Allow' ? 'allowed' : 'denied'} by ${v.rule} (priority ${v.priority})`)
      .join('; ');
    if (judged.access !== 'Allow') return undefined;
    const ruleName = judged.verdicts[0]?.rule;
    return {
      via: 'nsg',
      ...(ruleName ? { ruleName } : {}),
      detail: `rule ${judged.verdicts.map((v) => v.rule).join(' + ')} live`,
    };
  };

  const policyRound = async (): Promise<RuleLive | undefined> => {
    ctx.onArmRead?.();
    const { policy } = await readPolicy(w.arm, w.ref, { clock, signal: stop.signal }).catch((err: unknown) => {
      if ((err as AppError).code === 'jit-not-enabled')
        throw new AppError({
          code: 'jit-not-enabled',
          message: `JIT policy '${w.ref.name}' was deleted while waiting for port ${w.port} on ${w.vmName}: the request will not be applied.`,
          fix: 'Ask an admin to enable JIT on the VM again, then refresh the VM list.',
        });
      throw err;
    });
    if (!viaPolicy) return undefined;
    const port = requestPort(policy, w);
    seen = port ? `request ${port.status}${port.statusReason ? ` (${port.statusReason})` : ''}` : 'request not listed';
    if (port?.status === 'Initiated') return { via: 'policy-request', detail: 'request Initiated' };
    if (port && port.status !== 'Initiating')
      throw new AppError({
        code: 'azure-error',
        message: `The request for port ${w.port} on ${w.vmName} ended before its rule was live: ${seen}.`,
      });
    return undefined;
  };

  try {
    let interval = timing.firstMs;
    let floor = 0;
    for (let round = 0; ; round++) {
      await nap(clock, Math.min(interval, ctx.deadline - clock.now()), ctx.signal, (fn) => {
        wake = fn;
        if (hintPending) fn();
      });
      wake = undefined;
      hintPending = false;
      if (clock.now() >= ctx.deadline) break;
      try {
        if (!viaPolicy) {
          try {
            const live = await nsgRound();
            if (live) return live;
          } catch (err) {
            if (status(err) !== 403) {
              if (transient(err) || err instanceof AppError) throw err;
              throw new AppError({
                code: 'azure-error',
                message: `Reading the NSGs of ${w.vmName}: ${((err as Error).message ?? String(err)).split('\n')[0]}`,
              });
            }
            // The API-only JIT role may not read NSGs: its signal is the request's status.
            viaPolicy = true;
            seen = 'NSG reads forbidden: watching the request';
          }
        }
        if (viaPolicy || (round + 1) % timing.policyEvery === 0) {
          const live = await policyRound();
          if (live) return live;
        }
      } catch (err) {
        if (ctx.signal?.aborted) throw abortReason(ctx.signal);
        if (err instanceof AppError && err.code !== 'throttled') throw err;
        if (!transient(err)) throw err;
        if (status(err) === 429 || (err as AppError).code === 'throttled') {
          throttled++;
          // The SDK already retried after each Retry-After; when it gave up, wait at least what ARM last asked.
          floor = retryAfterMs(err);
        }
        seen = `${seen} (last read failed: ${(err as Error).message.split('\n')[0]})`;
      }
      // Once the port answered, the next read is not put off: the rule should be there.
      interval = tcpOpen ? timing.firstMs : Math.min(timing.maxMs, Math.round(interval * timing.factor));
      interval = Math.max(interval, floor);
      floor = 0;
    }
    throw new AppError({
      code: 'rule-timeout',
      message:
        `The JIT rule for port ${w.port} on ${w.vmName} from ${w.source} (request of ${w.requestStart.toISOString()} ` +
        `in policy '${w.ref.name}') was not live after ${describeDuration(ctx.timeoutMs)}; last seen: ${seen}${throttled ? `; ARM throttled ${throttled} reads` : ''}.`,
      fix: 'Azure may still apply it: look at the live grants, or try again.',
    });
  } finally {
    stop.abort();
    ctx.signal?.removeEventListener('abort', onOuterAbort);
    await hint;
  }
}
