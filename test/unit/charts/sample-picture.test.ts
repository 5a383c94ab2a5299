import { describe, expect, it } from 'vitest';
import { samplePicture, warmUpSampling } from '../../../src/charts/d3/sample-picture.ts';
import { mulberry32 } from '../../../scripts/mulberry32.mjs';

function randomLayer(width: number, height: number, seed: number) {
  const rand = mulberry32(seed);
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let o = 0; o < pixels.length; o++) pixels[o] = Math.floor(rand() * 256);
  return { pixels, width, height };
}

/** The sample of output pixel (u, v), one pixel at a time: the reference. */
function bruteForce(source: ReturnType<typeof randomLayer>, width: number, height: number, step: number, dx: number, dy: number) {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const c = Math.floor((u + 0.5) * step + dx);
      const r = Math.floor((v + 0.5) * step + dy);
      if (c < 0 || r < 0 || c >= source.width || r >= source.height) continue;
      for (let b = 0; b < 4; b++) pixels[(v * width + u) * 4 + b] = source.pixels[(r * source.width + c) * 4 + b];
    }
  }
  return pixels;
}

describe('samplePicture', () => {
  it('takes for each pixel the source pixel under its centre, blank outside the source, over whatever the output held', () => {
    const source = randomLayer(90, 60, 3);
    const rand = mulberry32(8);
    for (let trial = 0; trial < 40; trial++) {
      const width = 20 + Math.floor(rand() * 50);
      const height = 10 + Math.floor(rand() * 40);
      const step = 0.5 + rand() * 2;
      const dx = (rand() - 0.5) * 80;
      const dy = (rand() - 0.5) * 60;
      const out = randomLayer(width, height, 100 + trial);
      expect(samplePicture(source, out, step, dx, dy, true, new Int32Array(width))).toBe(true);
      expect(out.pixels, `trial ${trial}`).toEqual(bruteForce(source, width, height, step, dx, dy));
    }
  });

  it('writes nothing and says so when a sample falls outside the source and outside is not known blank', () => {
    const source = randomLayer(40, 40, 1);
    const out = randomLayer(20, 20, 2);
    const before = out.pixels.slice();
    expect(samplePicture(source, out, 1, -3, 0, false, new Int32Array(20))).toBe(false);
    expect(samplePicture(source, out, 2.1, 0, 0, false, new Int32Array(20))).toBe(false);
    expect(out.pixels).toEqual(before);
    expect(samplePicture(source, out, 1.5, 5, 5, false, new Int32Array(20))).toBe(true);
    expect(out.pixels).toEqual(bruteForce(source, 20, 20, 1.5, 5, 5));
  });

  it('warms up on a made-up picture', () => {
    expect(warmUpSampling()).toBe(7);
  });
});
