/**
 * After the rule is live: does the dialled address accept TCP? A rule in ARM can take seconds to reach the data plane,
 * and a client launched too early fails confusingly, so short probes run until one connects — and a rule that stays
 * live while the port stays shut gets its own error: something else blocks it.
 */
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration } from '../../../shared/time/duration';
import type { Clock } from '../ports';
import { abortReason, sleep, type Probe } from './probe';

/** Probes `dial` until it accepts or `withinMs` passes (then a `port-blocked` error naming what may block it). */
export async function waitReachable(
  dial: { host: string; port: number },
  what: { vmName: string; port: number; dialAddress: string; ruleName?: string },
  opts: { clock: Clock; probe: Probe; withinMs: number; everyMs: number; probeTimeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const { clock } = opts;
  const deadline = clock.now() + opts.withinMs;
  for (;;) {
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    const left = deadline - clock.now();
    if (await opts.probe(dial, Math.max(1, Math.min(opts.probeTimeoutMs, left)), opts.signal).catch(() => false))
      return;
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    if (clock.now() >= deadline) break;
    await sleep(clock, Math.min(opts.everyMs, Math.max(0, deadline - clock.now())), opts.signal);
  }
  throw new AppError({
    code: 'port-blocked',
    message:
      `The JIT rule for port ${what.port} on ${what.vmName} is live${what.ruleName ? ` (${what.ruleName})` : ''}, ` +
      `but ${what.dialAddress} does not answer after ${describeDuration(opts.withinMs)}: something else blocks it — ` +
      'an Azure Virtual Network Manager admin rule, a firewall, or the VM itself.',
    fix: 'Ask the network admin about Virtual Network Manager security admin rules and firewalls on the way; check that the service listens on the VM (and its OS firewall).',
  });
}
