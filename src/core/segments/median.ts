/**
 * Median of `sorted[start..end)`, which must be sorted ascending; NaN when the range is empty.
 * For an even count, the mean of the two middle values.
 */
export function medianOfSorted(sorted: ArrayLike<number>, start = 0, end = sorted.length): number {
  const count = end - start;
  if (count <= 0) return NaN;
  const mid = start + (count >> 1);
  return count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of the values that are not NaN (NaN when there are none). Sorts a copy. */
export function median(values: ArrayLike<number>): number {
  const copy = Float64Array.from(values);
  copy.sort(); // NaN sorts last
  let end = copy.length;
  while (end > 0 && Number.isNaN(copy[end - 1])) end--;
  return medianOfSorted(copy, 0, end);
}

/**
 * Median of `values[0..count)` (no NaN among them) by selection instead of a sort: linear on
 * average, so profiling a quarter of a million customers is a few passes, not four sorts. The
 * range is reordered. NaN when count is 0; for an even count, the mean of the two middle values.
 */
export function medianSelect(values: Float64Array, count: number): number {
  if (count <= 0) return NaN;
  const k = count >> 1;
  const upper = select(values, 0, count - 1, k);
  if (count % 2 === 1) return upper;
  // After selecting k, everything left of it is ≤ it: the lower middle is their largest.
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Hoare's selection: puts the k-th smallest of values[lo..hi] at k and returns it. */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and reversed input linear.
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
