import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../../src/core/cluster/quantile-sorted.ts';

describe('quantileSorted', () => {
  it('interpolates between neighbouring ranks (type 7, as R and NumPy)', () => {
    const sorted = [1, 2, 3, 4];
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileSorted(sorted, 0.25)).toBe(1.75);
    expect(quantileSorted(sorted, 1)).toBe(4);
  });

  it('returns the only value of a single-value list', () => {
    expect(quantileSorted([5], 0.75)).toBe(5);
  });

  it('rejects an empty list and p outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(RangeError);
  });
});
