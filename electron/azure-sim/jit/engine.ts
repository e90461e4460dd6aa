/** JIT semantics: deny rules on put, allow rules after initiate, expiry on the simulated clock. */
import type { SimContext } from '../context';

/** Runs JIT policies against the estate. */
export class JitEngine {
  constructor(readonly ctx: SimContext) {}

  /** Ensures deny rules and re-arms pending timers for the current estate (start, reset, reload). */
  start(): void {}

  /** Cancels timers. */
  stop(): void {}
}
