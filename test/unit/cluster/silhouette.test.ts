import { describe, expect, it } from 'vitest';
import { kmeans } from '../../../src/core/cluster/kmeans.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import { silhouette } from '../../../src/core/cluster/silhouette.ts';
import { blobs, irisMeasurements } from './synthetic.ts';

/*
 * A case small enough to do by hand: five points on a line, clusters A = {0, 1}, B = {4, 6},
 * C = {20}. For each point, a = mean distance within its cluster, b = lowest mean distance to
 * another cluster, s = (b - a) / max(a, b):
 *   x = 0  (A): a = 1, b = min((4 + 6) / 2, 20) = 5,      s = 4 / 5
 *   x = 1  (A): a = 1, b = min((3 + 5) / 2, 19) = 4,      s = 3 / 4
 *   x = 4  (B): a = 2, b = min((4 + 3) / 2, 16) = 3.5,    s = 1.5 / 3.5 = 3 / 7
 *   x = 6  (B): a = 2, b = min((6 + 5) / 2, 14) = 5.5,    s = 3.5 / 5.5 = 7 / 11
 *   x = 20 (C): alone in its cluster,                      s = 0
 * Mean: (4/5 + 3/4 + 3/7 + 7/11 + 0) / 5 = 0.52298701...
 */
const HAND_VALUE = (4 / 5 + 3 / 4 + 3 / 7 + 7 / 11 + 0) / 5;
const handPoints = Float64Array.of(0, 1, 4, 6, 20);
const handLabels = Int32Array.of(0, 0, 1, 1, 2);

/** The hand case placed along one axis of a d-dimensional space: the distances do not change. */
function embedded(d: number): Float64Array {
  const data = new Float64Array(5 * d);
  handPoints.forEach((x, i) => (data[i * d + d - 1] = x));
  return data;
}

describe('silhouette', () => {
  it('matches the value worked out by hand, singleton cluster scoring 0', () => {
    const result = silhouette(handPoints, 1, handLabels, 3, { random: seededRandom(1) });
    expect(result.mean).toBeCloseTo(HAND_VALUE, 12);
    expect(result).toMatchObject({ points: 5, sampled: false });
  });

  it('gives the same value in any number of dimensions (small-d and general kernels agree)', () => {
    for (const d of [2, 3, 4, 5, 7]) {
      expect(silhouette(embedded(d), d, handLabels, 3, { random: seededRandom(1) }).mean).toBeCloseTo(HAND_VALUE, 12);
    }
  });

  it('does not depend on the order of the points or the numbering of the clusters', () => {
    const data = Float64Array.of(20, 6, 1, 4, 0);
    const labels = Int32Array.of(0, 2, 1, 2, 1);
    expect(silhouette(data, 1, labels, 3, { random: seededRandom(1) }).mean).toBeCloseTo(HAND_VALUE, 12);
  });

  it('is about 0.5528 for the k = 3 k-means clustering of iris', () => {
    const data = irisMeasurements();
    const { labels } = kmeans(data, 4, { k: 3, random: seededRandom(1) });
    expect(silhouette(data, 4, labels, 3, { random: seededRandom(1) }).mean).toBeCloseTo(0.5528, 4);
  });

  it('ignores cluster numbers no point carries', () => {
    const labels = Int32Array.of(0, 0, 3, 3, 1);
    expect(silhouette(handPoints, 1, labels, 5, { random: seededRandom(1) }).mean).toBeCloseTo(HAND_VALUE, 12);
  });

  it('above the exact limit, estimates from a seeded sample of the stated size', () => {
    const { data, d, truth } = blobs(
      [
        [0, 0],
        [3, 0],
        [0, 3],
      ],
      400,
      1,
    );
    const exact = silhouette(data, d, truth, 3, { random: seededRandom(1) });
    const options = { random: seededRandom(2), exactLimit: 500, sampleSize: 300 };
    const estimate = silhouette(data, d, truth, 3, options);
    expect(exact.sampled).toBe(false);
    expect(estimate).toMatchObject({ points: 300, sampled: true });
    expect(Math.abs(estimate.mean - exact.mean)).toBeLessThan(0.03);
    expect(silhouette(data, d, truth, 3, { ...options, random: seededRandom(2) }).mean).toBe(estimate.mean);
  });

  it('uses given sample indices, so clusterings can be compared on the same points', () => {
    const result = silhouette(handPoints, 1, handLabels, 3, { random: seededRandom(1), indices: Int32Array.of(0, 1, 2, 3) });
    // Leaving out x = 20 changes no a or b above (C was never the nearest other cluster).
    expect(result.mean).toBeCloseTo((4 / 5 + 3 / 4 + 3 / 7 + 7 / 11) / 4, 12);
    expect(result).toMatchObject({ points: 4, sampled: true });
  });

  it('is 0, not NaN, when every point is alone in its cluster', () => {
    expect(silhouette(Float64Array.of(1, 2, 3), 1, Int32Array.of(0, 1, 2), 3, { random: seededRandom(1) }).mean).toBe(0);
  });

  it('is undefined for a single cluster, which is a programming error', () => {
    expect(() => silhouette(handPoints, 1, new Int32Array(5), 1, { random: seededRandom(1) })).toThrow(/at least 2/);
    expect(() => silhouette(handPoints, 1, new Int32Array(5), 3, { random: seededRandom(1) })).toThrow(RangeError);
  });
});
