import { describe, expect, it } from 'vitest';
import { rankBelow, scoreBins, scoresFromRanks } from '../../../src/core/model/rank-scores.ts';
import { quantileScores } from '../../../src/core/rfm/quantile-scores.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

describe('rankBelow(values, higherIsBetter)', () => {
  it('counts the values strictly worse than each, equal values sharing a rank', () => {
    expect([...rankBelow([3, 1, 3, 2])]).toEqual([2, 0, 2, 1]);
    // Reversed: smaller is better, so 1 beats everyone.
    expect([...rankBelow([3, 1, 3, 2], false)]).toEqual([0, 3, 0, 2]);
  });

  it('puts NaN at rank 0 (nothing counts as below it), as quantileScores scores it 1', () => {
    expect([...rankBelow([NaN, 5, 7])]).toEqual([0, 0, 1]);
  });
});

describe('scoresFromRanks(ranks, bins)', () => {
  it('gives exactly quantileScores for every number of bins, both directions, with ties and NaN', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(random() * 300);
      // Few distinct values, so ties straddle the quantile lines.
      const values = Array.from({ length: n }, () => (random() < 0.03 ? NaN : Math.floor(random() * (1 + trial))));
      for (const higher of [true, false]) {
        const ranks = rankBelow(values, higher);
        for (let bins = 3; bins <= 10; bins++) expect(scoresFromRanks(ranks, bins)).toEqual(quantileScores(values, bins, higher));
      }
    }
  });

  it('refuses a number of bins quantileScores would refuse', () => {
    expect(() => scoresFromRanks(new Uint32Array(3), 1)).toThrow(/bins must be an integer 2\.\.255, got 1/);
  });
});

describe('scoreBins(values, scores, bins)', () => {
  it('describes any scores: counts, min and max per score, NaN counted but not a bound, an empty score as NaN', () => {
    expect(scoreBins([5, 9, NaN, 2, -0], [1, 3, 1, 3, 1], 3)).toEqual([
      { score: 1, count: 3, min: 0, max: 5 },
      { score: 2, count: 0, min: NaN, max: NaN },
      { score: 3, count: 2, min: 2, max: 9 },
    ]);
    expect(Object.is(scoreBins([-0], [1], 2)[0].min, 0)).toBe(true);
  });

  it('checks the lengths agree', () => {
    expect(() => scoreBins([1, 2], [1], 3)).toThrow(/2 values against 1 scores/);
  });
});
