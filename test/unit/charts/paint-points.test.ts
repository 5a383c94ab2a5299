import { describe, expect, it } from 'vitest';
import { paintPoints, parseRgb, warmUpPainting } from '../../../src/charts/d3/paint-points.ts';

function layer(width: number, height: number) {
  return { pixels: new Uint8ClampedArray(width * height * 4), width, height };
}
const at = (l: ReturnType<typeof layer>, x: number, y: number) => [...l.pixels.slice((y * l.width + x) * 4, (y * l.width + x) * 4 + 4)];

/** Source-over of straight RGBA colours, one point after another, in floating point: the reference. */
function sourceOver(points: Array<{ rgb: number[]; alpha: number }>): number[] {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (const { rgb, alpha } of points) {
    const out = alpha + a * (1 - alpha);
    r = (rgb[0] * alpha + r * a * (1 - alpha)) / out;
    g = (rgb[1] * alpha + g * a * (1 - alpha)) / out;
    b = (rgb[2] * alpha + b * a * (1 - alpha)) / out;
    a = out;
  }
  return [r, g, b, a * 255];
}

describe('parseRgb', () => {
  it('reads hex and rgb() colours', () => {
    expect(parseRgb('#ff8000')).toEqual([255, 128, 0]);
    expect(parseRgb('rgb(68, 1, 84)')).toEqual([68, 1, 84]);
    expect(() => parseRgb('teal')).toThrow(/teal/);
  });
});

describe('paintPoints', () => {
  it('paints a size x size square of the group colour, opaque at alpha 1', () => {
    const l = layer(10, 10);
    const n = paintPoints(l, Float32Array.of(5), Float32Array.of(5), Uint8Array.of(2), [[1, 2, 3], [200, 100, 50]], 3, 1);
    expect(n).toBe(1);
    expect(at(l, 4, 4)).toEqual([200, 100, 50, 255]);
    expect(at(l, 6, 6)).toEqual([200, 100, 50, 255]);
    expect(at(l, 7, 7)).toEqual([0, 0, 0, 0]);
    expect(at(l, 3, 5)).toEqual([0, 0, 0, 0]);
  });

  it('a lone translucent point keeps its own colour at its opacity', () => {
    const l = layer(4, 4);
    paintPoints(l, Float32Array.of(2), Float32Array.of(2), Uint8Array.of(1), [[31, 119, 180]], 1, 0.75);
    expect(at(l, 2, 2)).toEqual([31, 119, 180, 191]);
  });

  it('blends a translucent point over another (source-over): the later is in front', () => {
    const l = layer(4, 4);
    paintPoints(l, Float32Array.of(2, 2), Float32Array.of(2, 2), Uint8Array.of(1, 2), [[255, 0, 0], [0, 0, 255]], 1, 0.5);
    // First: red at 0.5 on transparent -> red, alpha byte round(127.5) = 128. Second: blue at
    // 0.5 over it -> alpha 0.5 + (128/255)*0.5 = 0.751 (byte 192); red 255*0.251/0.751 = 85,
    // blue 255*0.5/0.751 = 170.
    expect(at(l, 2, 2)).toEqual([85, 0, 170, 192]);
  });

  it('matches floating-point source-over for piles of points of many colours', () => {
    const colors: Array<[number, number, number]> = [[230, 159, 0], [86, 180, 233], [0, 158, 115], [213, 94, 0], [204, 121, 167]];
    for (let depth = 1; depth <= 12; depth++) {
      const l = layer(3, 3);
      const group = Uint8Array.from({ length: depth }, (_, i) => 1 + ((i * 7 + depth) % 5));
      paintPoints(l, new Float32Array(depth).fill(1), new Float32Array(depth).fill(1), group, colors, 1, 0.75);
        const want = sourceOver([...group].map((g) => ({ rgb: colors[g - 1], alpha: 0.75 })));
      const got = at(l, 1, 1);
      for (let c = 0; c < 4; c++) expect(Math.abs(got[c] - want[c]), `depth ${depth} channel ${c}: ${got} vs ${want}`).toBeLessThanOrEqual(2);
    }
  });

  it('clips points at the edges and skips ones outside or at NaN', () => {
    const l = layer(4, 4);
    const n = paintPoints(l, Float32Array.of(0, -10, NaN), Float32Array.of(0, 2, 1), Uint8Array.of(1, 1, 1), [[9, 9, 9]], 3, 1);
    expect(n).toBe(1);
    expect(at(l, 0, 0)).toEqual([9, 9, 9, 255]);
    expect(at(l, 1, 1)).toEqual([9, 9, 9, 255]);
    expect(at(l, 2, 2)).toEqual([0, 0, 0, 0]);
  });

  it('places points by the transform: position × k + offset', () => {
    const l = layer(20, 20);
    paintPoints(l, Float32Array.of(2), Float32Array.of(3), Uint8Array.of(1), [[9, 9, 9]], 1, 1, { k: 4, x: 5, y: -2 });
    expect(at(l, 13, 10)).toEqual([9, 9, 9, 255]);
    expect([...l.pixels].filter((v) => v > 0).length).toBe(4);
  });
});

describe('paintPoints over ranges', () => {
  it('paints the same pixels in consecutive ranges as in one call', () => {
    const n = 500;
    const px = Float32Array.from({ length: n }, (_, i) => (i * 37) % 50);
    const py = Float32Array.from({ length: n }, (_, i) => (i * 53) % 40);
    const group = Uint8Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const colors: Array<[number, number, number]> = [[255, 0, 0], [0, 128, 0], [0, 0, 255]];
    const whole = layer(50, 40);
    const parts = layer(50, 40);
    const id = { k: 1, x: 0, y: 0 };
    expect(paintPoints(whole, px, py, group, colors, 3, 0.75, id)).toBe(n);
    let painted = 0;
    for (const [from, to] of [[0, 120], [120, 121], [121, 500]]) painted += paintPoints(parts, px, py, group, colors, 3, 0.75, id, from, to);
    expect(painted).toBe(n);
    expect(parts.pixels).toEqual(whole.pixels);
  });
});

describe('warmUpPainting', () => {
  it('paints every made-up point', () => {
    expect(warmUpPainting()).toBe(20_000);
  });
});
