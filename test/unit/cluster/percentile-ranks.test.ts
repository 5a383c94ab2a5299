import { describe, expect, it } from 'vitest';
import { percentileRanks } from '../../../src/core/cluster/percentile-ranks.ts';

describe('percentileRanks', () => {
  it('ranks distinct values evenly from 0 to 1', () => {
    expect(Array.from(percentileRanks([30, 10, 20]))).toEqual([1, 0, 0.5]);
  });

  it('gives tied values the same mid-rank', () => {
    // Four values; the three 1s occupy ranks 0, 1, 2 (of 0..3), so each gets 1/3.
    expect(Array.from(percentileRanks([1, 1, 1, 9]))).toEqual([1 / 3, 1 / 3, 1 / 3, 1]);
  });

  it('averages exactly one half', () => {
    const ranks = percentileRanks([5, 1, 1, 2, 8, 8, 8, 3]);
    expect(ranks.reduce((s, r) => s + r, 0) / ranks.length).toBeCloseTo(0.5, 12);
  });

  it('ranks a single value in the middle', () => {
    expect(Array.from(percentileRanks([4]))).toEqual([0.5]);
  });
});
