/** The simulator's clock: real time plus an offset that the control API moves, firing due timers. */

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Real time plus an adjustable offset; timers fire when real time or an advance reaches them. */
export class SimClock {
  private offsetMs = 0;
  private timers: Timer[] = [];
  private seq = 0;
  private wake: NodeJS.Timeout | undefined;

  constructor(initialOffsetMs = 0) {
    this.offsetMs = initialOffsetMs;
  }

  /** Milliseconds since the epoch on the simulated clock. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** The simulated now. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** How far the clock is ahead of real time. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward and fires every timer that became due, in order. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('seconds must be a non-negative number');
    this.offsetMs += seconds * 1000;
    this.fireDue();
  }

  /** Runs `fire` when the simulated clock reaches `atMs`; returns a cancel function. */
  at(atMs: number, fire: () => void): () => void {
    const timer: Timer = { at: atMs, seq: this.seq++, fire };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.reschedule();
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.reschedule();
    };
  }

  /** Runs `fire` after `ms` of simulated time. */
  after(ms: number, fire: () => void): () => void {
    return this.at(this.nowMs() + ms, fire);
  }

  /** Cancels every timer (on shutdown). */
  dispose(): void {
    this.timers = [];
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
  }

  private fireDue(): void {
    const now = this.nowMs();
    while (this.timers.length > 0 && this.timers[0]!.at <= now) {
      const timer = this.timers.shift()!;
      try {
        timer.fire();
      } catch (err) {
        process.stderr.write(`azure-sim: timer failed: ${String(err)}\n`);
      }
    }
    this.reschedule();
  }

  private reschedule(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    const next = this.timers[0];
    if (!next) return;
    const delay = Math.max(0, Math.min(next.at - this.nowMs(), 2 ** 31 - 1));
    this.wake = setTimeout(() => this.fireDue(), delay);
    this.wake.unref();
  }
}
