/**
 * Each value's percentile rank among all the values, 0..1: the share of the other values below
 * it, counting ties as half below (mid-ranks). The ranks average exactly 0.5, and equal values
 * share a rank, so a feature where most customers tie (one order each) does not rank them
 * arbitrarily.
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const ranks = new Float64Array(n);
  if (n < 2) {
    ranks.fill(0.5);
    return ranks;
  }
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const below = bound(sorted, v, false);
    const equal = bound(sorted, v, true) - below;
    ranks[i] = (below + (equal - 1) / 2) / (n - 1);
  }
  return ranks;
}

/** First index whose value is >= v (or > v when `after`). */
function bound(sorted: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
