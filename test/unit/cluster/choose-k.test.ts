import { describe, expect, it } from 'vitest';
import { chooseK } from '../../../src/core/cluster/choose-k.ts';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import { blobs } from './synthetic.ts';

const corners = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
  [8, 8, 8],
];

describe('chooseK', () => {
  it.each([3, 4, 5])('suggests k = %i on %i clear blobs, and says the elbow agrees', (count) => {
    const { data, d } = blobs(corners.slice(0, count), 150, 0.8, count);
    const result = chooseK(data, d, { random: seededRandom(1) });
    expect(result.suggestedK).toBe(count);
    expect(result.elbowK).toBe(count);
    expect(result.reason).toContain(`k = ${count} gives the highest silhouette`);
    expect(result.reason).toContain('clearly separated');
    expect(result.reason).toContain(`The elbow of the inertia curve is also at k = ${count}.`);
  });

  it('reports inertia and silhouette for every k from kMin to kMax', () => {
    const { data, d } = blobs(corners.slice(0, 3), 100, 0.8);
    const result = chooseK(data, d, { random: seededRandom(1), kMin: 2, kMax: 6 });
    expect(result.sweep.map((p) => p.k)).toEqual([2, 3, 4, 5, 6]);
    for (const p of result.sweep) {
      expect(p.inertia).toBeGreaterThan(0);
      expect(p.silhouette).toBeGreaterThan(-1);
      expect(p.silhouette).toBeLessThanOrEqual(1);
      expect(p.sizes.reduce((s, v) => s + v, 0)).toBe(300);
    }
    expect(result.silhouettePoints).toBe(300);
  });

  it('is reproducible from the seed', () => {
    const { data, d } = blobs(corners, 60, 2);
    const a = chooseK(data, d, { random: seededRandom(7) });
    const b = chooseK(data, d, { random: seededRandom(7) });
    expect(a).toEqual(b);
  });

  it('computes silhouettes on one shared sample above the exact limit', () => {
    const { data, d } = blobs(corners.slice(0, 4), 200, 0.8);
    const result = chooseK(data, d, { random: seededRandom(3), kMax: 6, silhouetteExactLimit: 400, silhouetteSampleSize: 250 });
    expect(result.silhouettePoints).toBe(250);
    expect(result.suggestedK).toBe(4);
  });

  it('stops the sweep, and says why, when there are fewer distinct points than the next k', () => {
    const data = Float64Array.from({ length: 400 }, (_, i) => [0, 10, 20, 100][i % 4]);
    const result = chooseK(data, 1, { random: seededRandom(1) });
    expect(result.sweep.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(result.reason).toContain('Larger k were not tried: There are only 4 distinct customers');
  });

  it('throws the k-means problem when not even kMin clusters are possible', () => {
    expect(() => chooseK(new Float64Array(50).fill(1), 1, { random: seededRandom(1) })).toThrow(ClusterError);
    expect(() => chooseK(Float64Array.of(1), 1, { random: seededRandom(1) })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'too-few-points' }) }),
    );
  });

  it('reports rising progress that ends at 1, and stops when asked', () => {
    const { data, d } = blobs(corners.slice(0, 3), 100, 0.8);
    const seen: number[] = [];
    chooseK(data, d, { random: seededRandom(1), kMax: 5, onProgress: (f) => seen.push(f) });
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen.at(-1)).toBeCloseTo(1, 12);
  });

  it('rejects kMin below 2 (the silhouette needs two clusters) and kMax below kMin', () => {
    const data = Float64Array.of(1, 2, 3, 4);
    expect(() => chooseK(data, 1, { random: seededRandom(1), kMin: 1 })).toThrow(RangeError);
    expect(() => chooseK(data, 1, { random: seededRandom(1), kMin: 3, kMax: 2 })).toThrow(RangeError);
  });
});
