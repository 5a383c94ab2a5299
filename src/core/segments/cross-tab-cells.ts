/**
 * Each customer's cell of a cross tab of two segmentations: `a · kb + b` for row segment a and
 * column segment b, or -1 when either code is outside its names (as crossTab leaves them out).
 * With it, a selection's count per cell and a cell's customers are one pass each.
 */
export function crossTabCells(codesA: ArrayLike<number>, ka: number, codesB: ArrayLike<number>, kb: number): Int32Array {
  if (codesA.length !== codesB.length) throw new Error(`crossTabCells: ${codesA.length} codes against ${codesB.length}`);
  const cells = new Int32Array(codesA.length);
  for (let i = 0; i < codesA.length; i++) {
    const a = codesA[i];
    const b = codesB[i];
    cells[i] = a >= 0 && a < ka && b >= 0 && b < kb ? a * kb + b : -1;
  }
  return cells;
}

/** Customers per cell (0..size-1), counting only those the mask selects when there is one. */
export function countByCell(cells: Int32Array, size: number, mask: ArrayLike<number> | null = null): number[] {
  if (mask && mask.length !== cells.length) throw new Error(`countByCell: ${cells.length} cells against a mask of ${mask.length}`);
  const counts = new Float64Array(size);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c >= 0 && c < size && (!mask || mask[i])) counts[c]++;
  }
  return Array.from(counts);
}

/** The customers of one cell as a selection mask. */
export function cellMask(cells: Int32Array, cell: number): Uint8Array {
  const mask = new Uint8Array(cells.length);
  for (let i = 0; i < cells.length; i++) if (cells[i] === cell) mask[i] = 1;
  return mask;
}
