import { describe, expect, it } from 'vitest';
import { paretoCurve } from '../../../src/core/segments/pareto-curve.ts';

describe('paretoCurve(revenue, points)', () => {
  it('gives the full curve when points allow, revenue ≤ 0 making the flat tail', () => {
    // Ranked 50, 30, 20, 0, -10 (counted as 0); positive total 100.
    const curve = paretoCurve([20, 0, 50, -10, 30], 10);
    expect(Array.from(curve.customerShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(Array.from(curve.revenueShare)).toEqual([0, 0.5, 0.8, 1, 1, 1]);
  });

  it('downsamples evenly in customer share and keeps the exact endpoints', () => {
    // 3 points over k = 0..5: k = 0, round(2.5) = 3, 5.
    const curve = paretoCurve([20, 0, 50, -10, 30], 3);
    expect(Array.from(curve.customerShare)).toEqual([0, 0.6, 1]);
    expect(Array.from(curve.revenueShare)).toEqual([0, 1, 1]);
  });

  it('stays within the point budget, rising, from (0, 0) to exactly (1, 1) on larger data', () => {
    const revenue = Float64Array.from({ length: 10007 }, (_, i) => ((i * 7919) % 1000) / 7 + 0.01);
    const { customerShare, revenueShare } = paretoCurve(revenue, 100);
    expect(customerShare.length).toBe(100);
    expect([customerShare[0], revenueShare[0], customerShare[99], revenueShare[99]]).toEqual([0, 0, 1, 1]);
    for (let j = 1; j < 100; j++) {
      expect(customerShare[j]).toBeGreaterThan(customerShare[j - 1]);
      expect(revenueShare[j]).toBeGreaterThanOrEqual(revenueShare[j - 1]);
    }
  });

  it('stays at zero revenue share when nobody has positive revenue', () => {
    const curve = paretoCurve([0, -1], 5);
    expect(Array.from(curve.customerShare)).toEqual([0, 0.5, 1]);
    expect(Array.from(curve.revenueShare)).toEqual([0, 0, 0]);
  });

  it('is the single point (0, 0) for no customers', () => {
    const curve = paretoCurve([], 5);
    expect([Array.from(curve.customerShare), Array.from(curve.revenueShare)]).toEqual([[0], [0]]);
  });

  it('refuses fewer than 2 points', () => {
    expect(() => paretoCurve([1], 1)).toThrow('points must be an integer ≥ 2, got 1');
  });
});
