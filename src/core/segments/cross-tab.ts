/** Customer counts for every pair of segments from two segmentations. */
export interface CrossTab {
  /** Names of the first segmentation (rows). */
  rows: string[];
  /** Names of the second segmentation (columns). */
  columns: string[];
  /** `counts[a][b]`: customers in row segment a and column segment b. */
  counts: number[][];
  rowTotals: number[];
  columnTotals: number[];
  /** Customers counted: those with a valid code in both segmentations. */
  total: number;
}

/**
 * Cross-tabulates two segmentations of the same customers (country × RFM segment, value band ×
 * lifecycle). A customer with a code outside its names (such as -1 for "no country") is left
 * out of the table and of every total.
 */
export function crossTab(
  codesA: ArrayLike<number>,
  namesA: readonly string[],
  codesB: ArrayLike<number>,
  namesB: readonly string[],
): CrossTab {
  if (codesA.length !== codesB.length) throw new Error(`crossTab: ${codesA.length} codes against ${codesB.length}`);
  const ka = namesA.length;
  const kb = namesB.length;
  const flat = new Float64Array(ka * kb);
  for (let i = 0; i < codesA.length; i++) {
    const a = codesA[i];
    const b = codesB[i];
    if (a >= 0 && a < ka && b >= 0 && b < kb) flat[a * kb + b]++;
  }
  const counts = namesA.map((_, a) => Array.from(flat.subarray(a * kb, (a + 1) * kb)));
  const rowTotals = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const columnTotals = namesB.map((_, b) => counts.reduce((s, row) => s + row[b], 0));
  return {
    rows: [...namesA],
    columns: [...namesB],
    counts,
    rowTotals,
    columnTotals,
    total: rowTotals.reduce((s, x) => s + x, 0),
  };
}
