import { CodedError } from '@switchboard/contracts';

export class RateLimitedError extends CodedError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', `rate limit exceeded; retry after ${retryAfterSeconds} s`);
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per API key (capacity = one second's allowance), in this process. Each gateway
 * replica enforces the limit on the requests it serves.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws `RateLimitedError` when the key has used its allowance; 0 = unlimited. */
  take(keyId: string, perSecond: number): void {
    if (perSecond <= 0) return;
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: perSecond, at: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(keyId, bucket);
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
    }
    bucket.tokens -= 1;
    this.buckets.set(keyId, bucket);
    if (this.buckets.size > 100_000) this.buckets.clear();
  }
}
