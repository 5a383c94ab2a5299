import { describe, expect, it } from 'vitest';
import { topCodeShare } from '../../../src/core/metrics/top-code-share.ts';

describe('topCodeShare(start, codes, amounts, codeCount)', () => {
  // Row 0: code 2 gets 10 + 30 = 40, code 0 gets 25, uncoded 15 → top 2, share 40 / 80.
  // Row 1: only uncoded lines → -1, NaN, 0 distinct.
  // Row 2: code 3 reaches 20 first, code 1 then ties at 20 → the lower code, 1.
  // Row 3: code 0 reaches 20 first, code 3 ties later → 0 stays.
  const start = Int32Array.from([0, 4, 5, 7, 9]);
  const codes = Int32Array.from([2, 0, -1, 2, -1, 3, 1, 0, 3]);
  const amounts = Float64Array.from([10, 25, 15, 30, 5, 20, 20, 20, 20]);
  const result = topCodeShare(start, codes, amounts, 4);

  it('picks the code with the most revenue, the lower one on a tie', () => {
    expect(Array.from(result.top)).toEqual([2, -1, 1, 0]);
  });

  it('gives its share of all the purchase revenue, coded or not', () => {
    expect(Array.from(result.share)).toEqual([0.5, NaN, 0.5, 0.5]);
  });

  it('counts the distinct codes', () => {
    expect(Array.from(result.distinct)).toEqual([2, 0, 2, 2]);
  });

  it('resets its scratch sums between customers', () => {
    // The same code in consecutive rows: row 1 must not inherit row 0's 100.
    const r = topCodeShare(Int32Array.from([0, 2, 4]), Int32Array.from([0, 1, 1, 0]), Float64Array.from([100, 1, 5, 3]), 2);
    expect(Array.from(r.top)).toEqual([0, 1]);
    expect(Array.from(r.share)).toEqual([100 / 101, 5 / 8]);
  });
});
