import { nextRetryAt, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('should grow exponentially to 5 minutes and honour Retry-After', () => {
    expect(retryDelayMs(1, null, () => 1)).toBe(1000);
    expect(retryDelayMs(4, null, () => 1)).toBe(8000);
    expect(retryDelayMs(4, null, () => 0)).toBe(4000);
    expect(retryDelayMs(1, 30, () => 1)).toBe(30_000);
    expect(retryDelayMs(30, null, () => 1)).toBe(300_000);
  });
});

describe('nextRetryAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('should back off while the token has time left', () => {
    expect(nextRetryAt(3, null, now, at(60_000), () => 1)).toEqual(at(4000));
  });

  it('should try one last time just before expiry rather than give up early', () => {
    expect(nextRetryAt(5, null, now, at(10_000), () => 1)).toEqual(at(9000));
  });

  it('should give up when Retry-After reaches past the expiry', () => {
    expect(nextRetryAt(1, 120, now, at(60_000), () => 1)).toBeNull();
  });

  it('should give up once the last chance has passed', () => {
    expect(nextRetryAt(6, null, now, at(500), () => 1)).toBeNull();
  });

  it('should keep trying a token without an expiry', () => {
    expect(nextRetryAt(2, 7, now, null, () => 1)).toEqual(at(7000));
  });
});
