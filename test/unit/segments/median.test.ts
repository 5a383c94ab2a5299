import { describe, expect, it } from 'vitest';
import { median, medianOfSorted } from '../../../src/core/segments/median.ts';

describe('median(values)', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([9, 1, 5, 3])).toBe(4);
  });

  it('ignores NaN and is NaN when nothing is left', () => {
    expect(median([NaN, 2, NaN, 4])).toBe(3);
    expect(median([NaN])).toBeNaN();
    expect(median([])).toBeNaN();
  });
});

describe('medianOfSorted(sorted, start, end)', () => {
  it('reads the median of a sorted range in place', () => {
    expect(medianOfSorted([1, 2, 3, 10, 20], 1, 4)).toBe(3);
    expect(medianOfSorted([1, 2, 3, 10, 20], 3, 5)).toBe(15);
    expect(medianOfSorted([1, 2], 1, 1)).toBeNaN();
  });
});
