import { describe, expect, it } from 'vitest';
import { paintPoints, parseRgb, warmUpPainting } from '../../../src/charts/d3/paint-points.ts';

function layer(width: number, height: number) {
  return { pixels: new Uint8ClampedArray(width * height * 4), width, height };
}
const at = (l: ReturnType<typeof layer>, x: number, y: number) => [...l.pixels.slice((y * l.width + x) * 4, (y * l.width + x) * 4 + 4)];

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

  it('blends a translucent point over another (source-over)', () => {
    const l = layer(4, 4);
    paintPoints(l, Float32Array.of(2, 2), Float32Array.of(2, 2), Uint8Array.of(1, 2), [[255, 0, 0], [0, 0, 255]], 1, 0.5);
    // First: red at 0.5 on transparent -> red, alpha byte round(127.5) = 128. Second: blue at
    // 0.5 over it -> alpha 0.5 + (128/255)*0.5 = 0.751 (byte 192); red 255*0.251/0.751 = 85,
    // blue 255*0.5/0.751 = 170.
    expect(at(l, 2, 2)).toEqual([85, 0, 170, 192]);
  });

  it('clips points at the edges and skips ones outside', () => {
    const l = layer(4, 4);
    const n = paintPoints(l, Float32Array.of(0, -10), Float32Array.of(0, 2), Uint8Array.of(1, 1), [[9, 9, 9]], 3, 1);
    expect(n).toBe(1);
    expect(at(l, 0, 0)).toEqual([9, 9, 9, 255]);
    expect(at(l, 1, 1)).toEqual([9, 9, 9, 255]);
    expect(at(l, 2, 2)).toEqual([0, 0, 0, 0]);
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
    expect(paintPoints(whole, px, py, group, colors, 3, 0.75)).toBe(n);
    let painted = 0;
    for (const [from, to] of [[0, 120], [120, 121], [121, 500]]) painted += paintPoints(parts, px, py, group, colors, 3, 0.75, from, to);
    expect(painted).toBe(n);
    expect(parts.pixels).toEqual(whole.pixels);
  });
});

describe('warmUpPainting', () => {
  it('paints every made-up point', () => {
    expect(warmUpPainting()).toBe(20_000);
  });
});
