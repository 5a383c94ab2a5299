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
