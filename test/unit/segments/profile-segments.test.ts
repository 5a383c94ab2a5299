import { describe, expect, it } from 'vitest';
import { profileSegments } from '../../../src/core/segments/profile-segments.ts';

describe('profileSegments(codes, names, metrics)', () => {
  const metrics = {
    recency: Int32Array.of(10, 20, 5, 7, 100, 30),
    frequency: Uint32Array.of(2, 4, 1, 3, 5, 1),
    monetary: Float64Array.of(100, 300, 50, 60, 400, 90),
  };
  const profiles = profileSegments(Uint8Array.of(0, 0, 1, 1, 1, 2), ['A', 'B', 'C', 'D'], metrics);

  it('gives each segment its customers and revenue with their shares', () => {
    // Revenue: A 100 + 300 = 400, B 50 + 60 + 400 = 510, C 90; total 1000.
    expect(profiles.map((p) => [p.name, p.customers, p.customerShare, p.revenue, p.revenueShare])).toEqual([
      ['A', 2, 2 / 6, 400, 0.4],
      ['B', 3, 3 / 6, 510, 0.51],
      ['C', 1, 1 / 6, 90, 0.09],
      ['D', 0, 0, 0, 0],
    ]);
  });

  it('gives the mean and median of recency, frequency, monetary and average order value', () => {
    const [a, b] = profiles;
    // A: recency 10, 20; orders 2, 4; revenue 100, 300; AOV 50, 75.
    expect([a.recency, a.frequency, a.monetary, a.avgOrderValue]).toEqual([
      { mean: 15, median: 15 },
      { mean: 3, median: 3 },
      { mean: 200, median: 200 },
      { mean: 62.5, median: 62.5 },
    ]);
    // B: recency 5, 7, 100; orders 1, 3, 5; revenue 50, 60, 400; AOV 50, 20, 80.
    expect(b.recency.mean).toBeCloseTo(112 / 3, 12);
    expect([b.recency.median, b.frequency, b.monetary, b.avgOrderValue]).toEqual([
      7,
      { mean: 3, median: 3 },
      { mean: 170, median: 60 },
      { mean: 50, median: 50 },
    ]);
  });

  it('reports NaN summaries for a segment without customers', () => {
    expect(profiles[3].recency.mean).toBeNaN();
    expect(profiles[3].monetary.median).toBeNaN();
  });

  it('leaves customers with a code outside the names out of every segment but not the totals', () => {
    const p = profileSegments(Int32Array.of(0, -1), ['Only'], { recency: [1, 2], frequency: [1, 1], monetary: [30, 70] });
    expect([p[0].customers, p[0].customerShare, p[0].revenueShare]).toEqual([1, 0.5, 0.3]);
  });

  it('uses a given average order value column, skipping NaN', () => {
    const p = profileSegments(Uint8Array.of(0, 0, 0), ['All'], {
      recency: [1, 2, 3],
      frequency: [1, 1, 1],
      monetary: [10, 20, 30],
      avgOrderValue: Float64Array.of(5, NaN, 9),
    });
    expect(p[0].avgOrderValue).toEqual({ mean: 7, median: 7 });
  });

  it('refuses metric columns of the wrong length', () => {
    expect(() => profileSegments(Uint8Array.of(0), ['A'], { recency: [1, 2], frequency: [1], monetary: [1] })).toThrow(
      'recency has 2 values for 1 customers',
    );
  });
});
