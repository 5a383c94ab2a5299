import { describe, expect, it } from 'vitest';
import { countMask, pointInPolygon, selectPolygon, selectRange, selectRectangle } from '../../../src/core/explore/selection-geometry.ts';

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Winding number: an independent test of insideness (for simple polygons it agrees with even-odd). */
function winding(x: number, y: number, poly: number[]): boolean {
  let w = 0;
  const m = poly.length / 2;
  for (let i = 0; i < m; i++) {
    const [x0, y0, x1, y1] = [poly[2 * i], poly[2 * i + 1], poly[(2 * i + 2) % poly.length], poly[(2 * i + 3) % poly.length]];
    const cross = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
    if (y0 <= y && y1 > y && cross > 0) w++;
    else if (y0 > y && y1 <= y && cross < 0) w--;
  }
  return w !== 0;
}

describe('selectRectangle', () => {
  it('selects exactly the points a brute-force check puts in the rectangle, ends included', () => {
    const rand = random(11);
    const n = 5000;
    const xs = Float64Array.from({ length: n }, () => Math.round(rand() * 100));
    const ys = Float64Array.from({ length: n }, () => rand() * 1000 - 100);
    ys[3] = NaN;
    const x = { min: 20, max: 45 };
    const y = { min: -Infinity, max: 300 };
    const mask = selectRectangle(xs, ys, x, y);
    for (let i = 0; i < n; i++) expect(mask[i], `point ${i}`).toBe(xs[i] >= 20 && xs[i] <= 45 && ys[i] <= 300 ? 1 : 0);
    expect(mask[3]).toBe(0);
    expect(countMask(mask)).toBe(Array.from(mask).filter(Boolean).length);
    expect(countMask(mask)).toBeGreaterThan(0);
  });
});

describe('selectRange', () => {
  it('selects exactly the values in the range, ends included, NaN never', () => {
    const values = Float64Array.of(-3, 0, 2.5, 10, NaN, 10.0001, 1e-11);
    expect(Array.from(selectRange(values, { min: 0, max: 10 }))).toEqual([0, 1, 1, 1, 0, 0, 1]);
    expect(Array.from(selectRange(values, { min: -Infinity, max: 0 }))).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });
});

describe('pointInPolygon and selectPolygon', () => {
  it('agree with a winding-number test on a concave lasso', () => {
    // A "C" shape: concave, so a bounding box or convex test would be wrong.
    const poly = [0, 0, 100, 0, 100, 20, 20, 20, 20, 80, 100, 80, 100, 100, 0, 100];
    const rand = random(5);
    const n = 20_000;
    const px = Float32Array.from({ length: n }, () => rand() * 140 - 20);
    const py = Float32Array.from({ length: n }, () => rand() * 140 - 20);
    const mask = selectPolygon(px, py, poly);
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const expected = winding(px[i], py[i], poly);
      expect(pointInPolygon(px[i], py[i], poly)).toBe(expected);
      expect(mask[i]).toBe(expected ? 1 : 0);
      inside += mask[i];
    }
    expect(inside).toBeGreaterThan(1000);
    // The hollow of the C is outside.
    expect(pointInPolygon(60, 50, poly)).toBe(false);
    expect(pointInPolygon(10, 50, poly)).toBe(true);
  });

  it('selects nothing with fewer than three corners', () => {
    expect(countMask(selectPolygon(Float32Array.of(1), Float32Array.of(1), [0, 0, 2, 2]))).toBe(0);
  });
});
