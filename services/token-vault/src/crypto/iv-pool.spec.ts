import { IvPool } from './iv-pool';

describe('IvPool', () => {
  it('should hand out IVs of the asked size, each its own copy, never the same bytes twice', () => {
    const pool = new IvPool();
    const seen = new Set<string>();
    // several refills' worth
    for (let i = 0; i < 2000; i++) {
      const iv = pool.take(12);
      expect(iv).toHaveLength(12);
      const hex = iv.toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    const a = pool.take(12);
    const copy = Buffer.from(a);
    a.fill(0);
    expect(pool.take(12).equals(copy)).toBe(false);
  });

  it('should refuse an IV larger than the pool', () => {
    expect(() => new IvPool().take(5000)).toThrow(RangeError);
  });
});
