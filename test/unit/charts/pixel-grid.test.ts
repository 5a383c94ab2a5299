import { describe, expect, it } from 'vitest';
import { PixelGrid } from '../../../src/charts/d3/pixel-grid.ts';

function bruteNearest(px: Float32Array, py: Float32Array, x: number, y: number, r: number): number {
  let best = -1;
  let bestD = r * r;
  for (let i = 0; i < px.length; i++) {
    const d = (px[i] - x) ** 2 + (py[i] - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

describe('PixelGrid', () => {
  it('finds the same nearest point as a brute-force search', () => {
    let s = 7;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const n = 5000;
    const px = Float32Array.from({ length: n }, () => rand() * 800);
    const py = Float32Array.from({ length: n }, () => rand() * 400);
    const grid = new PixelGrid(px, py, 800, 400, 12);
    for (let t = 0; t < 500; t++) {
      const x = rand() * 820 - 10;
      const y = rand() * 420 - 10;
      const got = grid.find(x, y, 12);
      const want = bruteNearest(px, py, x, y, 12);
      if (want === -1) expect(got).toBe(-1);
      else expect((px[got] - x) ** 2 + (py[got] - y) ** 2).toBeCloseTo((px[want] - x) ** 2 + (py[want] - y) ** 2, 6);
    }
  });

  it('returns -1 when nothing is within the radius', () => {
    const grid = new PixelGrid(Float32Array.of(10), Float32Array.of(10), 100, 100, 12);
    expect(grid.find(50, 50, 12)).toBe(-1);
    expect(grid.find(14, 13, 12)).toBe(0);
  });

  it('keeps points outside the plot area in the edge cells', () => {
    const grid = new PixelGrid(Float32Array.of(-5, 105), Float32Array.of(-5, 50), 100, 100, 12);
    expect(grid.find(0, 0, 12)).toBe(0);
    expect(grid.find(99, 50, 12)).toBe(1);
  });
});
