import { lowerBound } from '../stats/lower-bound.ts';

/**
 * Scores values 1..bins by quantiles: a value's score is `floor(bins * below / n) + 1`, where
 * `below` is the number of values strictly smaller. Equal values therefore always share a
 * score, and a tie group that straddles a quantile boundary goes wholly into the lower bin
 * (so bins can be uneven, or empty, when many values tie).
 *
 * With `higherIsBetter = false` (recency: fewer days is better) the order is reversed, so the
 * smallest values get the top score.
 */
export function quantileScores(values: ArrayLike<number>, bins: number, higherIsBetter = true): Uint8Array {
  if (!Number.isInteger(bins) || bins < 2 || bins > 255) throw new Error(`quantileScores: bins must be an integer 2..255, got ${bins}`);
  const n = values.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = higherIsBetter ? values[i] : -values[i];
  sorted.sort();
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = higherIsBetter ? values[i] : -values[i];
    const below = lowerBound(sorted, v);
    scores[i] = Math.min(bins, Math.floor((bins * below) / n) + 1);
  }
  return scores;
}
