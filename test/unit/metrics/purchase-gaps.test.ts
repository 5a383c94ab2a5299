import { describe, expect, it } from 'vitest';
import { purchaseGaps } from '../../../src/core/metrics/purchase-gaps.ts';

describe('purchaseGaps(start, days)', () => {
  // Row 0: days 30, 10, 10, 20, 60 (unsorted, 10 twice) → distinct 10, 20, 30, 60: gaps 10, 10, 30.
  // Row 1: no purchase lines. Row 2: one line. Row 3: three lines on day 5 → one purchase day.
  // Row 4: days 1, 2, 10, 11 → gaps 1, 8, 1: median 1, mean 10 / 3.
  const start = Int32Array.from([0, 5, 5, 6, 9, 13]);
  const days = Int32Array.from([30, 10, 10, 20, 60, 7, 5, 5, 5, 11, 1, 10, 2]);
  const gaps = purchaseGaps(start, days);

  it('counts distinct purchase days', () => {
    expect(Array.from(gaps.purchaseDays)).toEqual([4, 0, 1, 1, 4]);
  });

  it('takes the mean and median of the gaps between them, NaN with fewer than two', () => {
    expect(Array.from(gaps.meanGapDays)).toEqual([50 / 3, NaN, NaN, NaN, 10 / 3]);
    expect(Array.from(gaps.medianGapDays)).toEqual([10, NaN, NaN, NaN, 1]);
  });

  it('averages the two middle gaps for an even count', () => {
    // Days 0, 4, 5, 15, 17: gaps 4, 1, 10, 2 → sorted 1, 2, 4, 10: median 3, mean 17 / 4.
    const even = purchaseGaps(Int32Array.from([0, 5]), Int32Array.from([17, 0, 15, 5, 4]));
    expect(even.medianGapDays[0]).toBe(3);
    expect(even.meanGapDays[0]).toBe(4.25);
  });
});
