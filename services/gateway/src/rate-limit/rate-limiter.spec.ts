import { RateLimitedError, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('should allow the allowance per second, then refuse with a Retry-After, then refill', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 5; i += 1) limiter.take('k', 5);
    expect(() => limiter.take('k', 5)).toThrow(RateLimitedError);
    try {
      limiter.take('k', 5);
    } catch (e) {
      expect((e as RateLimitedError).retryAfterSeconds).toBe(1);
    }
    now += 1000;
    expect(() => limiter.take('k', 5)).not.toThrow();
  });

  it('should never limit a key with 0 (unlimited)', () => {
    const limiter = new RateLimiter(() => 0);
    for (let i = 0; i < 10_000; i += 1) limiter.take('admin', 0);
  });

  it('should keep keys apart', () => {
    const limiter = new RateLimiter(() => 0);
    limiter.take('a', 1);
    expect(() => limiter.take('a', 1)).toThrow(RateLimitedError);
    expect(() => limiter.take('b', 1)).not.toThrow();
  });
});
