/** One score's bin as {@link quantileScores} filled it, in the dimension's own units. */
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
 * The thresholds {@link quantileScores} actually used, so the UI can say "F = 3: 2 to 4 orders,
 * 1,234 customers". Same rule, same result: a value's score is `floor(bins * below / n) + 1`,
 * `below` counting values strictly worse, so equal values share a bin and a tie group that
 * straddles a quantile boundary goes wholly into the lower bin. That is why bins can be uneven
 * or empty (an empty bin has count 0 and NaN min and max).
 *
 * With `higherIsBetter = false` (recency) the best score goes to the smallest values; min and max
 * stay in the dimension's units (days), so score 5 might read "0 to 12 days".
 *
 * NaN values are scored 1 by {@link quantileScores} (they compare as "nothing below"); they are
 * counted in bin 1 here too but left out of its min and max.
 *
 * @returns bins in score order: element `s - 1` describes score `s`.
 */
export function scoreThresholds(values: ArrayLike<number>, bins: number, higherIsBetter = true): ScoreBin[] {
  if (!Number.isInteger(bins) || bins < 2 || bins > 255) throw new Error(`scoreThresholds: bins must be an integer 2..255, got ${bins}`);
  const n = values.length;
  // Sort in "better is larger" orientation, exactly as quantileScores does, so `below` agrees.
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = higherIsBetter ? values[i] : -values[i];
  sorted.sort();
  const result: ScoreBin[] = [];
  for (let s = 1; s <= bins; s++) result.push({ score: s, count: 0, min: NaN, max: NaN });

  let start = 0;
  while (start < n && !Number.isNaN(sorted[start])) {
    // `start` is the first index of a tie group, i.e. the count of values strictly below it.
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    const bin = result[Math.min(bins, Math.floor((bins * start) / n) + 1) - 1];
    // `+ 0` turns the -0 that negation makes of a zero back into 0 (Intl prints "-0").
    const value = (higherIsBetter ? sorted[start] : -sorted[start]) + 0;
    bin.count += end - start;
    if (!(value >= bin.min)) bin.min = value;
    if (!(value <= bin.max)) bin.max = value;
    start = end;
  }
  result[0].count += n - start;
  return result;
}
