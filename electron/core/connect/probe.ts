/**
 * Does the dialled address accept a TCP connection? A short, bounded probe: a connect that is closed at once (no
 * byte sent), given up after a timeout on the Clock. Azure drops packets a rule does not allow, so a closed port
 * usually shows as a timeout rather than a refusal.
 */
import net from 'node:net';
import type { Clock } from '../ports';

/** One probe of `host:port`: true when it accepted a TCP connection within `timeoutMs`. */
export type Probe = (
  target: { host: string; port: number },
  timeoutMs: number,
  signal?: AbortSignal,
) => Promise<boolean>;

/** The real probe: a TCP connect through Node's net, timed out on `clock`. */
export function tcpProbe(clock: Clock): Probe {
  return (target, timeoutMs, signal) =>
    new Promise<boolean>((resolve) => {
      const sock = net.connect({ host: target.host, port: target.port });
      let done = false;
      const finish = (ok: boolean) => {
        if (done) return;
        done = true;
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        sock.destroy();
        resolve(ok);
      };
      const onAbort = () => finish(false);
      const timer = clock.setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      sock.once('connect', () => finish(true));
      sock.once('error', () => finish(false));
    });
}

/** Waits `ms` on `clock`; rejects with the signal's reason when aborted (at once if already aborted). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error an abort stands for. */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
}
