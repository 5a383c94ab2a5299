import { describe, expect, it } from 'vitest';
import { lloyd, lloydBuffers } from '../../../src/core/cluster/lloyd.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import { blobs } from './synthetic.ts';

/** Textbook Lloyd's: assign every point to the nearest centre, move centres to means, until nothing changes. */
function plainLloyd(data: Float64Array, d: number, k: number, start: Float64Array): { labels: Int32Array; centers: Float64Array } {
  const n = data.length / d;
  const centers = start.slice();
  const labels = new Int32Array(n).fill(-1);
  for (;;) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (data[i * d + t] - centers[c * d + t]) ** 2;
        if (s < bestD) [best, bestD] = [c, s];
      }
      if (labels[i] !== best) [labels[i], changed] = [best, true];
    }
    if (!changed) return { labels, centers };
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let t = 0; t < d; t++) sums[labels[i] * d + t] += data[i * d + t];
    }
    for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) centers[c * d + t] = sums[c * d + t] / counts[c];
  }
}

function nearest(data: Float64Array, d: number, i: number, centers: Float64Array): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centers.length / d; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (data[i * d + t] - centers[c * d + t]) ** 2;
    if (s < bestD) [best, bestD] = [c, s];
  }
  return best;
}

describe('lloyd', () => {
  it('ends where textbook Lloyd ends from the same centres: the bounds only skip work', () => {
    const random = seededRandom(11);
    const d = 3;
    const n = 2000;
    const k = 7;
    // Structureless data is the hard case for the bounds: many points sit near boundaries.
    const data = Float64Array.from({ length: n * d }, () => random());
    const start = data.slice(0, k * d);
    const expected = plainLloyd(data, d, k, start);
    const centers = start.slice();
    const b = lloydBuffers(n, k, d);
    const run = lloyd(data, d, k, centers, b, 1000, 0);
    expect(run.converged).toBe(true);
    expect(Array.from(b.labels)).toEqual(Array.from(expected.labels));
    Array.from(centers).forEach((v, i) => expect(v).toBeCloseTo(expected.centers[i], 9));
  });

  it('gives an empty cluster the point farthest from its centre, so every cluster ends non-empty', () => {
    const { data, d } = blobs(
      [
        [0, 0],
        [10, 0],
      ],
      50,
      0.5,
    );
    // The third centre is far from everything, so the first assignment leaves it empty.
    const centers = Float64Array.of(0, 0, 10, 0, 1000, 1000);
    const b = lloydBuffers(100, 3, d);
    lloyd(data, d, 3, centers, b, 100, 0);
    expect(Array.from(b.counts).every((c) => c > 0)).toBe(true);
    expect(b.counts.reduce((s, c) => s + c, 0)).toBe(100);
    for (let i = 0; i < 100; i++) expect(b.labels[i]).toBe(nearest(data, d, i, centers));
  });

  it('leaves labels that are the nearest centres, and sums and counts that match them, even when stopped by the cap', () => {
    const random = seededRandom(4);
    const n = 1000;
    const data = Float64Array.from({ length: n * 3 }, () => random());
    const centers = data.slice(0, 12);
    const b = lloydBuffers(n, 4, 3);
    const run = lloyd(data, 3, 4, centers, b, 2, 0);
    expect(run).toEqual({ iterations: 2, converged: false });
    const sums = new Float64Array(12);
    const counts = new Int32Array(4);
    for (let i = 0; i < n; i++) {
      expect(b.labels[i]).toBe(nearest(data, 3, i, centers));
      counts[b.labels[i]]++;
      for (let t = 0; t < 3; t++) sums[b.labels[i] * 3 + t] += data[i * 3 + t];
    }
    expect(Array.from(b.counts)).toEqual(Array.from(counts));
    Array.from(b.sums).forEach((v, i) => expect(v).toBeCloseTo(sums[i], 9));
  });
});
