
/**
 * For each value, how many values are strictly worse: the `below` of {@link quantileScores},
 * which does not depend on the number of bins. Computed once per customer table, it makes
 * rescoring with another number of bins one pass over the customers ({@link scoresFromRanks}).
 *
 * With `higherIsBetter = false` the order is reversed (fewer days since the last purchase is
 * better). NaN counts nothing below it, so it scores 1, as in quantileScores.
 */
export function rankBelow(values: ArrayLike<number>, higherIsBetter = true): Uint32Array {
  const n = values.length;
  // One copy as doubles first: the search below then reads one array type only (reading the
  // caller's Uint32Array, Int32Array or Float64Array there went polymorphic, 10x slower).
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = higherIsBetter ? values[i] : -values[i];
  const sorted = keys.slice().sort();
  const below = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    // Index of the first sorted element >= v; NaN compares false, so it lands on 0.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    below[i] = lo;
  }
  return below;
}

/**
 * Scores 1..bins from {@link rankBelow}: `floor(bins * below / n) + 1`, exactly
 * quantileScores' rule, so equal values share a score and a tie group straddling a quantile
 * boundary goes wholly into the lower bin.
 */
export function scoresFromRanks(below: Uint32Array, bins: number): Uint8Array {
  if (!Number.isInteger(bins) || bins < 2 || bins > 255) throw new Error(`scoresFromRanks: bins must be an integer 2..255, got ${bins}`);
  const n = below.length;
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) scores[i] = Math.min(bins, Math.floor((bins * below[i]) / n) + 1);
  return scores;
}

/** What one score holds, in the dimension's own units (see {@link scoreBins}). */
export interface ScoreBin {
  /** 1..bins; the best score is `bins` (for recency, the fewest days). */
  score: number;
  /** Customers with this score. */
  count: number;
  /** Smallest value in the bin; NaN when the bin is empty. */
  min: number;
  /** Largest value in the bin; NaN when the bin is empty. */
  max: number;
}

/**
 * What each score holds, however the scores were made (quantiles or typed cut points): the
 * customers with that score and the smallest and largest value among them, in the dimension's
 * units. NaN values are counted but left out of min and max; an empty score has count 0 and NaN
 * min and max. For quantile scores a tie group is never split, so a bin can be empty or uneven.
 *
 * @returns element `s - 1` describes score `s`.
 */
export function scoreBins(values: ArrayLike<number>, scores: ArrayLike<number>, bins: number): ScoreBin[] {
  if (values.length !== scores.length) throw new Error(`scoreBins: ${values.length} values against ${scores.length} scores`);
  const count = new Float64Array(bins);
  const min = new Float64Array(bins).fill(NaN);
  const max = new Float64Array(bins).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i] - 1;
    if (!(s >= 0 && s < bins)) continue;
    count[s]++;
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (!(v >= min[s])) min[s] = v;
    if (!(v <= max[s])) max[s] = v;
  }
  // `+ 0` turns -0 into 0 (Intl prints "-0").
  return Array.from({ length: bins }, (_, s) => ({ score: s + 1, count: count[s], min: min[s] + 0, max: max[s] + 0 }));
}
