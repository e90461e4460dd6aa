/**
 * ARM's token-bucket throttling (since 2024): per subscription (or tenant), per principal, per operation kind.
 * Reads: 250 burst, 25/s; writes: 200, 10/s; deletes: 200, 10/s. Runs on real time, like token lifetimes.
 */

/** The kind of an ARM operation, as the buckets count it. */
export type OpKind = 'reads' | 'writes' | 'deletes';

const LIMITS: Record<OpKind, { burst: number; perSecond: number }> = {
  reads: { burst: 250, perSecond: 25 },
  writes: { burst: 200, perSecond: 10 },
  deletes: { burst: 200, perSecond: 10 },
};

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by scope + principal + kind. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token; returns what is left, or the seconds to wait when the bucket is empty. */
  take(scope: string, principal: string, kind: OpKind): { remaining: number } | { retryAfterSeconds: number } {
    const limit = LIMITS[kind];
    const key = `${scope.toLowerCase()}|${principal}|${kind}`;
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: limit.burst, at: t }));
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    if (b.tokens < 1) return { retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond)) };
    b.tokens -= 1;
    return { remaining: Math.floor(b.tokens) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
