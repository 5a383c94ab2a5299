import { describe, expect, it } from 'vitest';
import { median, medianOfSorted, medianSelect } from '../../../src/core/segments/median.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

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

describe('medianSelect(values, count)', () => {
  it('is the median of the first count values, whatever their order, ties and signs', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(random() * 40);
      const values = Float64Array.from({ length: n + 3 }, () => Math.floor(random() * (trial % 7 === 0 ? 3 : 50)) - 10);
      const expected = medianOfSorted(Float64Array.from(values.subarray(0, n)).sort());
      expect(medianSelect(values, n), `trial ${trial}`).toBe(expected);
    }
    expect(medianSelect(Float64Array.of(1, 2, 3, 4, 5, 6), 6)).toBe(3.5);
    expect(medianSelect(new Float64Array(0), 0)).toBeNaN();
    // Sorted and reversed runs stay quick and right.
    expect(medianSelect(Float64Array.from({ length: 100001 }, (_, i) => i), 100001)).toBe(50000);
    expect(medianSelect(Float64Array.from({ length: 100000 }, (_, i) => 100000 - i), 100000)).toBe(50000.5);
  });
});
