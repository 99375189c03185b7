import { DEFAULT_LEAD, nextRefreshAt, retryDelayMs } from './lead-time';

describe('nextRefreshAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const at = (s: number) => new Date(now.getTime() + s * 1000);

  it('should refresh a 2-hour token 15 minutes ahead (the ceiling)', () => {
    expect(nextRefreshAt(at(7200), now, DEFAULT_LEAD, () => 0)).toEqual(at(7200 - 900));
  });

  it('should refresh a 10-minute token at least a minute ahead', () => {
    expect(nextRefreshAt(at(600), now, DEFAULT_LEAD, () => 0)).toEqual(at(600 - 150));
  });

  it('should keep a very short token alive for half its life', () => {
    expect(nextRefreshAt(at(6), now, DEFAULT_LEAD, () => 0)).toEqual(at(3));
  });

  it('should never schedule in the past', () => {
    expect(nextRefreshAt(at(-10), now, DEFAULT_LEAD, () => 0.5)).toEqual(now);
  });

  it('should subtract at most 10% jitter', () => {
    expect(nextRefreshAt(at(7200), now, DEFAULT_LEAD, () => 1)).toEqual(at(7200 - 990));
  });
});

describe('retryDelayMs', () => {
  it('should grow exponentially and honour Retry-After', () => {
    expect(retryDelayMs(1, null, () => 1)).toBe(1000);
    expect(retryDelayMs(4, null, () => 1)).toBe(8000);
    expect(retryDelayMs(1, 30, () => 1)).toBe(30_000);
    expect(retryDelayMs(30, null, () => 1)).toBe(300_000);
  });
});
