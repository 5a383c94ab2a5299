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
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = higherIsBetter ? values[i] : -values[i];
  const sorted = keys.slice().sort();
  // A score is above s exactly when bins * below / n >= s, i.e. when at least m = ceil(s n / bins)
  // values are smaller, i.e. when the value is above the m-th smallest: so each value is
  // compared with bins - 1 cut points instead of searched for among all n.
  const cuts = new Float64Array(bins - 1);
  for (let s = 1; s < bins; s++) {
    const m = Math.ceil((s * n) / bins);
    cuts[s - 1] = m >= 1 ? sorted[m - 1] : -Infinity;
  }
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    let score = 1;
    // NaN is above no cut point: it scores 1, as it has no value below it.
    while (score < bins && v > cuts[score - 1]) score++;
    scores[i] = score;
  }
  return scores;
}
