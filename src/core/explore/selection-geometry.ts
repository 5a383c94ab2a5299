/** A closed range of an axis' values; either end may be infinite. */
export interface ValueRange {
  min: number;
  max: number;
}

/**
 * The customers whose values fall in a rectangle of metric space, ends included: 1 in the mask
 * when `xs[i]` is in `x` and `ys[i]` in `y`. Empty values (NaN) are never in a range.
 */
export function selectRectangle(xs: ArrayLike<number>, ys: ArrayLike<number>, x: ValueRange, y: ValueRange): Uint8Array {
  const n = xs.length;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = xs[i];
    const b = ys[i];
    // Written so that NaN fails every comparison.
    if (a >= x.min && a <= x.max && b >= y.min && b <= y.max) mask[i] = 1;
  }
  return mask;
}

/** The customers whose value falls in a range, ends included (a histogram's brushed range); NaN never does. */
export function selectRange(values: ArrayLike<number>, range: ValueRange): Uint8Array {
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (values[i] >= range.min && values[i] <= range.max) mask[i] = 1;
  return mask;
}

/**
 * Whether (x, y) lies inside a polygon given as [x0, y0, x1, y1, ...] (closed implicitly), by
 * the even-odd rule: a ray to the right crosses the edges an odd number of times.
 */
export function pointInPolygon(x: number, y: number, polygon: ArrayLike<number>): boolean {
  let inside = false;
  const m = polygon.length >> 1;
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const xi = polygon[2 * i];
    const yi = polygon[2 * i + 1];
    const xj = polygon[2 * j];
    const yj = polygon[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The points inside a polygon (a lasso), as a mask. Points outside its bounding box are ruled
 * out with four comparisons, so a small lasso over a quarter of a million points costs little
 * more than one pass.
 */
export function selectPolygon(px: ArrayLike<number>, py: ArrayLike<number>, polygon: ArrayLike<number>): Uint8Array {
  const n = px.length;
  const mask = new Uint8Array(n);
  if (polygon.length < 6) return mask;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < polygon.length; i += 2) {
    x0 = Math.min(x0, polygon[i]);
    x1 = Math.max(x1, polygon[i]);
    y0 = Math.min(y0, polygon[i + 1]);
    y1 = Math.max(y1, polygon[i + 1]);
  }
  for (let i = 0; i < n; i++) {
    const x = px[i];
    const y = py[i];
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (pointInPolygon(x, y, polygon)) mask[i] = 1;
  }
  return mask;
}

/** How many customers a mask holds. */
export function countMask(mask: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return count;
}
