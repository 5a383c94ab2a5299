import { describe, expect, it } from 'vitest';
import { clusterTotals } from '../../../src/core/cluster/cluster-totals.ts';

describe('clusterTotals(labels, k, metrics)', () => {
  const metrics = {
    recency: Int32Array.of(10, 20, 300, 400),
    frequency: Uint32Array.of(4, 6, 1, 1),
    monetary: Float64Array.of(100, 300, 20, -20),
  };

  it('counts members and sums revenue per cluster, with the overall revenue', () => {
    const totals = clusterTotals(Uint8Array.of(0, 0, 1, 1), 2, metrics);
    expect(Array.from(totals.customers)).toEqual([2, 2]);
    expect(Array.from(totals.revenue)).toEqual([400, 0]);
    expect(totals.totalRevenue).toBe(400);
  });

  it('gives the mean recency, orders and revenue in original units', () => {
    const totals = clusterTotals(Uint8Array.of(0, 0, 1, 1), 2, metrics);
    expect(Array.from(totals.recency)).toEqual([15, 350]);
    expect(Array.from(totals.frequency)).toEqual([5, 1]);
    expect(Array.from(totals.monetary)).toEqual([200, 0]);
  });

  it('gives NaN means, not a division by zero, for an empty cluster', () => {
    const totals = clusterTotals(Uint8Array.of(0, 0, 0, 0), 2, metrics);
    expect(totals.customers[1]).toBe(0);
    expect(totals.recency[1]).toBeNaN();
  });

  it('refuses labels outside 0..k-1 and columns of another length', () => {
    expect(() => clusterTotals(Uint8Array.of(0, 0, 2, 0), 2, metrics)).toThrow('label 2 at 2 is outside 0..1');
    expect(() => clusterTotals(Uint8Array.of(0, 0), 2, metrics)).toThrow('do not have 2 values');
  });
});
