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
  const counted = countedScores(values, bins, higherIsBetter);
  if (counted) return counted;
  const n = values.length;
  // Recency's order is reversed by negating: the smallest values then score highest.
  const sign = higherIsBetter ? 1 : -1;
  const cuts = cutPoints(values, sign, bins);
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = sign * values[i];
    let score = 1;
    // NaN is above no cut point: it scores 1, as it has no value below it.
    while (score < bins && v > cuts[score - 1]) score++;
    scores[i] = score;
  }
  return scores;
}

/**
 * Integer values spread over more than this many integers (and more than there are values) are
 * scored by selection instead: see {@link countedScores}.
 */
const MAX_COUNTED_SPAN = 1 << 16;

/**
 * {@link quantileScores} for integer values over a short span (days of recency, order counts,
 * whole amounts; at most MAX_COUNTED_SPAN integers, or as many as there are values): counted
 * by value, `below` is a running sum, and each value's score is looked up, in passes over the values without the copies that selection sorts in place. Those
 * copies were most of the time at a quarter of a million customers: memory written for the first
 * time. Null when a value is not an integer, or the span is too wide for a count per integer.
 */
function countedScores(values: ArrayLike<number>, bins: number, higherIsBetter: boolean): Uint8Array | null {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // NaN (an empty value) scores 1 and is below no value, as with selection.
    if (v !== v) continue;
    // Not an integer, or infinite.
    if (v % 1 !== 0) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scores = new Uint8Array(n);
  if (min > max) return scores.fill(1);
  const span = max - min;
  if (span > Math.max(MAX_COUNTED_SPAN, n)) return null;
  const counts = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === v) counts[v - min]++;
  }
  // Each integer's score from the count of values strictly below it (in the order that scores higher).
  const scoreOf = new Uint8Array(span + 1);
  let below = 0;
  for (let step = 0; step <= span; step++) {
    const k = higherIsBetter ? step : span - step;
    scoreOf[k] = Math.floor((bins * below) / n) + 1;
    below += counts[k];
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    scores[i] = v === v ? scoreOf[v - min] : 1;
  }
  return scores;
}

/**
 * A score is above s exactly when bins * below / n >= s, i.e. when at least m = ceil(s n / bins)
 * values are smaller, i.e. when the value is above the m-th smallest: so each value is compared
 * with bins - 1 cut points instead of being ranked among all n. Cut s is the m-th smallest key
 * (NaN, which no value is above, when fewer than m keys are numbers: NaN sorts last), found by
 * selection rather than a full sort: for 250k customers a few ms instead of about 25.
 */
function cutPoints(values: ArrayLike<number>, sign: number, bins: number): Float64Array {
  const n = values.length;
  // The keys (values times `sign`) that are numbers, in a copy that selection reorders.
  const numbers = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = sign * values[i];
    if (v === v) numbers[count++] = v;
  }
  const cuts = new Float64Array(bins - 1);
  let from = 0;
  for (let s = 1; s < bins; s++) {
    const k = Math.ceil((s * n) / bins) - 1;
    if (k < 0) cuts[s - 1] = -Infinity;
    else if (k >= count) cuts[s - 1] = NaN;
    else {
      // Selecting k leaves nothing above it before it: the next, larger k is found after it.
      cuts[s - 1] = selectKth(numbers, from, count, k);
      from = k;
    }
  }
  return cuts;
}

/**
 * The value that would be at index `k` if `a[lo, hi)` were sorted; reorders that range so that
 * nothing before `k` is larger and nothing after it smaller. Three-way partitions, so the many
 * ties of order counts and day numbers do not slow it down; pivots are the median of three
 * entries picked by a fixed pseudo-random sequence, so no input order is a worst case in practice.
 */
function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  let l = lo;
  let h = hi - 1;
  let seed = 0x9e3779b9;
  const pick = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return a[l + ((seed >>> 0) % (h - l + 1))];
  };
  while (l < h) {
    const x = pick();
    const y = pick();
    const z = pick();
    const p = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = l;
    let gt = h;
    let i = l;
    while (i <= gt) {
      const v = a[i];
      if (v < p) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > p) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) h = lt - 1;
    else if (k > gt) l = gt + 1;
    else return p;
  }
  return a[k];
}
