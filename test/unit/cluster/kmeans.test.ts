import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { inertiaOf, kmeans } from '../../../src/core/cluster/kmeans.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import { blobs, irisMeasurements, samePartition } from './synthetic.ts';

const fourBlobs = () =>
  blobs(
    [
      [0, 0, 0],
      [10, 0, 0],
      [0, 10, 0],
      [0, 0, 10],
    ],
    250,
    0.7,
  );

function problemCode(attempt: () => unknown): string | undefined {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ClusterError) return error.problem.code;
    throw error;
  }
  return undefined;
}

describe('kmeans', () => {
  it('finds the best known iris clustering: k = 3 on the raw measurements has inertia 78.851', () => {
    const result = kmeans(irisMeasurements(), 4, { k: 3, random: seededRandom(1) });
    expect(result.inertia).toBeCloseTo(78.851, 2);
    expect(Array.from(result.sizes).sort((a, b) => a - b)).toEqual([38, 50, 62]);
    expect(result.converged).toBe(true);
  });

  it('gives identical labels and centroids for the same seed', () => {
    const data = irisMeasurements();
    const a = kmeans(data, 4, { k: 4, random: seededRandom(123) });
    const b = kmeans(data, 4, { k: 4, random: seededRandom(123) });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(a.inertia).toBe(b.inertia);
  });

  it('recovers well-separated blobs exactly (up to the numbering of clusters)', () => {
    const { data, d, truth } = fourBlobs();
    const result = kmeans(data, d, { k: 4, random: seededRandom(5) });
    expect(samePartition(result.labels, truth)).toBe(true);
    expect(Array.from(result.sizes)).toEqual([250, 250, 250, 250]);
  });

  it('recovers the blobs too when the starts are compared on a sample, and reports it', () => {
    const { data, d, truth } = fourBlobs();
    const result = kmeans(data, d, { k: 4, random: seededRandom(6), startSampleSize: 120 });
    expect(result.startPoints).toBe(120);
    expect(result.labels).toHaveLength(1000);
    expect(samePartition(result.labels, truth)).toBe(true);
    expect(result.inertia).toBeCloseTo(inertiaOf(data, d, result.centroids, result.labels), 9);
    const again = kmeans(data, d, { k: 4, random: seededRandom(6), startSampleSize: 120 });
    expect(Array.from(again.labels)).toEqual(Array.from(result.labels));
  });

  it('returns labels of the nearest centroid, centroids at their members means, and sizes that add up', () => {
    const random = seededRandom(8);
    const n = 3000;
    const data = Float64Array.from({ length: n * 2 }, () => random());
    const result = kmeans(data, 2, { k: 6, random: seededRandom(9), tol: 0 });
    const sums = new Float64Array(12);
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let c = 0; c < 6; c++) {
        const dist = (data[i * 2] - result.centroids[c * 2]) ** 2 + (data[i * 2 + 1] - result.centroids[c * 2 + 1]) ** 2;
        if (dist < bestD) [best, bestD] = [c, dist];
      }
      expect(result.labels[i]).toBe(best);
      sums[best * 2] += data[i * 2];
      sums[best * 2 + 1] += data[i * 2 + 1];
    }
    for (let c = 0; c < 6; c++) {
      expect(result.centroids[c * 2]).toBeCloseTo(sums[c * 2] / result.sizes[c], 9);
      expect(result.centroids[c * 2 + 1]).toBeCloseTo(sums[c * 2 + 1] / result.sizes[c], 9);
    }
    expect(result.sizes.reduce((s, v) => s + v, 0)).toBe(n);
    expect(result.inertia).toBeCloseTo(inertiaOf(data, 2, result.centroids, result.labels), 9);
  });

  it('with k = 1 puts the centroid at the mean', () => {
    const result = kmeans(Float64Array.of(1, 2, 3, 10), 1, { k: 1, random: seededRandom(1) });
    expect(Array.from(result.centroids)).toEqual([4]);
    expect(result.inertia).toBe(9 + 4 + 1 + 36);
  });

  it('with k = n gives every point its own cluster and zero inertia', () => {
    const result = kmeans(Float64Array.of(0, 1, 5, 9), 1, { k: 4, random: seededRandom(1) });
    expect(new Set(result.labels).size).toBe(4);
    expect(result.inertia).toBe(0);
  });

  it('separates exactly k distinct points even when each is repeated many times', () => {
    const data = Float64Array.from({ length: 300 }, (_, i) => [2, 7, 30][i % 3]);
    const result = kmeans(data, 1, { k: 3, random: seededRandom(3) });
    expect(result.inertia).toBe(0);
    expect(Array.from(result.sizes)).toEqual([100, 100, 100]);
  });

  it('reports fewer points than clusters', () => {
    expect(problemCode(() => kmeans(Float64Array.of(1, 2), 1, { k: 3, random: seededRandom(1) }))).toBe('too-few-points');
    expect(problemCode(() => kmeans(new Float64Array(0), 2, { k: 1, random: seededRandom(1) }))).toBe('too-few-points');
  });

  it('reports duplicate points only: fewer distinct points than clusters, with how many there are', () => {
    const data = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1 : 4));
    const attempt = () => kmeans(data, 1, { k: 3, random: seededRandom(1) });
    expect(problemCode(attempt)).toBe('too-few-distinct-points');
    expect(attempt).toThrow(expect.objectContaining({ problem: expect.objectContaining({ count: 2 }) }));
  });

  it('reports all points identical (every feature constant) rather than looping or returning NaN', () => {
    const attempt = () => kmeans(new Float64Array(90).fill(3), 3, { k: 2, random: seededRandom(1) });
    expect(problemCode(attempt)).toBe('too-few-distinct-points');
    expect(attempt).toThrow(/All 30 customers have identical values/);
  });

  it('finds the few distinct points a sample missed by falling back to all points', () => {
    // 5,000 copies of one point and a single other point: a 100-point sample almost surely misses it.
    const data = new Float64Array(5001);
    data[5000] = 1;
    const result = kmeans(data, 1, { k: 2, random: seededRandom(2), startSampleSize: 100 });
    expect(Array.from(result.sizes).sort((a, b) => a - b)).toEqual([1, 5000]);
    expect(result.startPoints).toBe(5001);
  });

  it('reports missing and infinite values instead of propagating NaN', () => {
    expect(problemCode(() => kmeans(Float64Array.of(1, Number.NaN, 3), 1, { k: 2, random: seededRandom(1) }))).toBe('missing-values');
    expect(problemCode(() => kmeans(Float64Array.of(1, -Infinity, 3), 1, { k: 2, random: seededRandom(1) }))).toBe('infinite-values');
  });

  it('reports progress after each start, rising to 1', () => {
    const { data, d } = fourBlobs();
    for (const startSampleSize of [Infinity, 200]) {
      const seen: number[] = [];
      kmeans(data, d, { k: 4, random: seededRandom(1), nInit: 4, startSampleSize, onProgress: (f) => seen.push(f) });
      expect(seen.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
      expect(seen.at(-1)).toBe(1);
    }
  });

  it('treats impossible settings as programming errors', () => {
    const data = Float64Array.of(1, 2, 3, 4);
    const random = seededRandom(1);
    expect(() => kmeans(data, 3, { k: 1, random })).toThrow(RangeError);
    expect(() => kmeans(data, 1, { k: 0, random })).toThrow(RangeError);
    expect(() => kmeans(data, 1, { k: 1.5, random })).toThrow(RangeError);
    expect(() => kmeans(data, 1, { k: 2, random, nInit: 0 })).toThrow(RangeError);
    expect(() => kmeans(data, 1, { k: 2, random, maxIter: 0 })).toThrow(RangeError);
    expect(() => kmeans(data, 1, { k: 2, random, tol: -1 })).toThrow(RangeError);
  });
});
