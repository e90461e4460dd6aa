/**
 * A resource provider's own read quota, reported in `x-ms-ratelimit-remaining-subscription-resource-requests` next to
 * ARM's throttling headers (recorded Microsoft.Security reads show 749 left of a JIT GET, 249 of a pricings GET).
 * The refill rate is not documented: the simulator refills the whole quota over an hour (a guess) and only reports
 * it; it never throttles on it.
 */

/** One provider's per-subscription read quota. */
export class RpReadQuota {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one read in the subscription; returns the header to send. */
  take(subscriptionId: string): Record<string, string> {
    const key = subscriptionId.toLowerCase();
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.limit, at: t }));
    b.tokens = Math.min(this.limit, b.tokens + ((t - b.at) / 3_600_000) * this.limit);
    b.at = t;
    b.tokens = Math.max(0, b.tokens - 1);
    return { 'x-ms-ratelimit-remaining-subscription-resource-requests': String(Math.floor(b.tokens)) };
  }
}
