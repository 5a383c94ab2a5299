import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { kmeansPlusPlus } from '../../../src/core/cluster/kmeans-plus-plus.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

function rows(data: Float64Array, d: number): string[] {
  return Array.from({ length: data.length / d }, (_, i) => Array.from(data.subarray(i * d, i * d + d)).join(','));
}

describe('kmeansPlusPlus', () => {
  it('picks k distinct data points as centres', () => {
    const data = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 101);
    const centers = new Float64Array(5 * 2);
    kmeansPlusPlus(data, 2, 5, seededRandom(1), centers, new Float64Array(100));
    const picked = rows(centers, 2);
    expect(new Set(picked).size).toBe(5);
    const points = new Set(rows(data, 2));
    for (const c of picked) expect(points.has(c)).toBe(true);
  });

  it('finds every distinct point when there are exactly k among many duplicates', () => {
    const data = Float64Array.from({ length: 60 }, (_, i) => [0, 5, 9][i % 3]);
    const centers = new Float64Array(3);
    kmeansPlusPlus(data, 1, 3, seededRandom(2), centers, new Float64Array(60));
    expect(Array.from(centers).sort((a, b) => a - b)).toEqual([0, 5, 9]);
  });

  it('prefers far points: an outlier is almost always the second centre', () => {
    // 99 points at 0 and one at 100: the outlier carries all the weight once 0 is a centre.
    const data = new Float64Array(100);
    data[99] = 100;
    let outlierPicked = 0;
    for (let seed = 0; seed < 20; seed++) {
      const centers = new Float64Array(2);
      kmeansPlusPlus(data, 1, 2, seededRandom(seed), centers, new Float64Array(100));
      if (centers.includes(100)) outlierPicked++;
    }
    expect(outlierPicked).toBe(20);
  });

  it('reports fewer distinct points than k instead of picking a duplicate centre', () => {
    const data = Float64Array.from({ length: 40 }, (_, i) => i % 2);
    const attempt = () => kmeansPlusPlus(data, 1, 3, seededRandom(1), new Float64Array(3), new Float64Array(40));
    expect(attempt).toThrow(ClusterError);
    expect(attempt).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'too-few-distinct-points', count: 2 }) }));
  });
});
