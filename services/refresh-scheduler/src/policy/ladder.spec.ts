import { ladderCheckAt, nextHorizonAt, parseHorizons, reachedHorizon } from './ladder';

const DAY = 86_400;
const HOUR = 3600;
const horizons = [7 * DAY, 3 * DAY, DAY, HOUR];
const target = new Date('2026-02-01T00:00:00Z');
const before = (seconds: number) => new Date(target.getTime() - seconds * 1000);

describe('parseHorizons', () => {
  it('should read durations, largest first, without repeats', () => {
    expect(parseHorizons('7d,3d,1d,1h')).toEqual(horizons);
    expect(parseHorizons('1h, 90m ,1h,30s')).toEqual([5400, 3600, 30]);
  });

  it('should refuse anything that is not a duration', () => {
    expect(() => parseHorizons('7 days')).toThrow(/not a duration/);
    expect(() => parseHorizons('')).toThrow();
    expect(() => parseHorizons('0h')).toThrow(/longer than 0/);
  });
});

describe('reachedHorizon', () => {
  it('should be none while the first horizon is ahead', () => {
    expect(reachedHorizon(target, before(10 * DAY), horizons)).toBeNull();
  });

  it('should be the most urgent horizon reached', () => {
    expect(reachedHorizon(target, before(7 * DAY), horizons)).toBe(7 * DAY);
    expect(reachedHorizon(target, before(5 * DAY), horizons)).toBe(7 * DAY);
    expect(reachedHorizon(target, before(2 * DAY), horizons)).toBe(3 * DAY);
    expect(reachedHorizon(target, before(30 * 60), horizons)).toBe(HOUR);
    expect(reachedHorizon(target, before(-60), horizons)).toBe(HOUR);
  });
});

describe('nextHorizonAt and ladderCheckAt', () => {
  it('should look again when the next horizon is reached', () => {
    expect(nextHorizonAt(target, before(10 * DAY), horizons)).toEqual(before(7 * DAY));
    expect(nextHorizonAt(target, before(5 * DAY), horizons)).toEqual(before(3 * DAY));
    expect(nextHorizonAt(target, before(30 * 60), horizons)).toBeNull();
  });

  it('should look now when a horizon is reached, and at the lapse when nothing else is left', () => {
    expect(ladderCheckAt(target, before(2 * DAY), horizons, false)).toEqual(before(2 * DAY));
    expect(ladderCheckAt(target, before(10 * DAY), horizons, false)).toEqual(before(7 * DAY));
    expect(ladderCheckAt(target, before(-5), horizons, true)).toEqual(before(-5));
    expect(ladderCheckAt(target, before(-5), horizons, false)).toBeNull();
  });
});
