import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/index.ts';
import { quantileScores } from '../../../src/core/rfm/quantile-scores.ts';
import { scoreBins } from '../../../src/core/model/rank-scores.ts';

/** The bins of quantile scores, as the app reports them: scoreBins over quantileScores. */
const quantileBins = (values: ArrayLike<number>, bins: number, higherIsBetter = true) => scoreBins(values, quantileScores(values, bins, higherIsBetter), bins);


describe('scoreBins(values, quantileScores(values, bins, higherIsBetter), bins)', () => {
  it('gives each score its count and value range, ties sharing a bin', () => {
    // n = 10, bins = 5: score = floor(5 * below / 10) + 1.
    // 1 (below 0) → 1; 2 (below 3) → 2; 3 (below 4) → 3; 4 (below 6) → 4; 5 (below 7) → 4;
    // 8 (below 8) → 5; 10 (below 9) → 5.
    const bins = quantileBins([8, 1, 3, 1, 2, 10, 1, 4, 3, 5], 5);
    expect(bins).toEqual([
      { score: 1, count: 3, min: 1, max: 1 },
      { score: 2, count: 1, min: 2, max: 2 },
      { score: 3, count: 2, min: 3, max: 3 },
      { score: 4, count: 2, min: 4, max: 5 },
      { score: 5, count: 2, min: 8, max: 10 },
    ]);
  });

  it('reverses recency so the fewest days score best, ranges still in days', () => {
    // Negated and sorted: -400 -90 -60 -30 -10 -10 -10 -5 0 0
    // -400 (below 0) → 1; -90 (1) → 1; -60 (2) → 2; -30 (3) → 2; -10 (4) → 3; -5 (7) → 4; 0 (8) → 5.
    const bins = quantileBins([0, 0, 5, 10, 10, 10, 30, 60, 90, 400], 5, false);
    expect(bins.map((b) => [b.score, b.count, b.min, b.max])).toEqual([
      [1, 2, 90, 400],
      [2, 2, 30, 60],
      [3, 3, 10, 10],
      [4, 1, 5, 5],
      [5, 2, 0, 0],
    ]);
    expect(Object.is(bins[4].min, 0)).toBe(true); // not -0, which Intl would print as "-0"
  });

  it('reports an empty bin with count 0 and NaN range when a tie group straddles boundaries', () => {
    // 1 ×4 (below 0) → 1; 2 (below 4) → floor(5 * 4 / 5) + 1 = 5. Scores 2, 3 and 4 are empty.
    const bins = quantileBins([1, 1, 1, 1, 2], 5);
    expect(bins.map((b) => b.count)).toEqual([4, 0, 0, 0, 1]);
    expect(bins[1].min).toBeNaN();
    expect(bins[1].max).toBeNaN();
  });

  it('counts NaN in score 1, as quantileScores scores it, without widening the range', () => {
    const values = [NaN, 1, 2];
    expect(Array.from(quantileScores(values, 3))).toEqual([1, 1, 2]);
    expect(quantileBins(values, 3)).toEqual([
      { score: 1, count: 2, min: 1, max: 1 },
      { score: 2, count: 1, min: 2, max: 2 },
      { score: 3, count: 0, min: NaN, max: NaN },
    ]);
  });

  it('agrees with quantileScores on random data with many ties, for 3 to 10 bins, both directions', () => {
    const random = seededRandom(20240611);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + Math.floor(random() * 400);
      const spread = 1 + Math.floor(random() * 30);
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread));
      const bins = 3 + (trial % 8);
      const higherIsBetter = trial % 2 === 0;
      const scores = quantileScores(values, bins, higherIsBetter);
      const thresholds = quantileBins(values, bins, higherIsBetter);
      for (const bin of thresholds) {
        const inBin = Array.from(values).filter((_, i) => scores[i] === bin.score);
        expect(bin.count).toBe(inBin.length);
        expect(bin.min).toBe(inBin.length ? Math.min(...inBin) : NaN);
        expect(bin.max).toBe(inBin.length ? Math.max(...inBin) : NaN);
      }
    }
  });
});
