import { describe, expect, it } from 'vitest';
import { percentileRanks, RANK_SAMPLE_SIZE } from '../../../src/core/cluster/percentile-ranks.ts';

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

describe('percentileRanks: counting and sorting agree', () => {
  it('ranks whole numbers in a narrow range (counted) like the same values shifted off the integers (sorted)', () => {
    // Days and order counts are counted; adding 0.5 keeps the order and ties but forces the sort.
    const days = Int32Array.from({ length: 500 }, (_, i) => (i * 7919) % 97);
    const counted = percentileRanks(days);
    const sorted = percentileRanks(Float64Array.from(days, (v) => v + 0.5));
    expect(Array.from(counted)).toEqual(Array.from(sorted));
  });

  it('ranks whole numbers spread far apart by sorting, with ties and negatives', () => {
    expect(Array.from(percentileRanks([-1_000_000, 5, 5, 2_000_000_000]))).toEqual([0, 0.5, 0.5, 1]);
  });

  it('treats -0 and 0 as one value', () => {
    expect(Array.from(percentileRanks([-0, 0, 1.5]))).toEqual([0.25, 0.25, 1]);
  });
});

describe('percentileRanks on many non-integer values', () => {
  it('stays within a percentage point of the exact rank when it ranks from a sample', () => {
    let s = 1;
    const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    const n = RANK_SAMPLE_SIZE * 4;
    const values = Float64Array.from({ length: n }, () => Math.exp(rand() * 8));
    const ranks = percentileRanks(values);
    const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
    let worst = 0;
    order.forEach((i, position) => (worst = Math.max(worst, Math.abs(ranks[i] - position / (n - 1)))));
    expect(worst).toBeLessThan(0.01);
  });
});
