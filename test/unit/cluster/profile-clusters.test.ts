import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { profileClusters, type ProfileFeature } from '../../../src/core/cluster/profile-clusters.ts';

/*
 * Nine customers in three clusters of three:
 *   cluster 0: bought recently, often, a lot
 *   cluster 1: lapsed, once, little
 *   cluster 2: in between on everything
 */
const labels = Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2);
const features: ProfileFeature[] = [
  { name: 'recency', values: [2, 5, 8, 300, 400, 500, 60, 70, 80], terms: { low: 'recent', high: 'lapsed' } },
  { name: 'orders', values: [20, 25, 30, 1, 1, 1, 4, 5, 6], terms: { low: 'one-off', high: 'frequent' } },
  { name: 'revenue', values: [900, 1000, 1100, 10, 20, 30, 200, 250, 300], terms: { low: 'low spend', high: 'high spend' } },
];

describe('profileClusters', () => {
  it('names each cluster from where its members stand among all customers', () => {
    const profiles = profileClusters(labels, 3, features);
    expect(profiles.map((p) => p.name)).toEqual(['Recent, frequent, high spend', 'Lapsed, one-off, low spend', 'Typical']);
    expect(profiles[0].standing).toEqual(['low', 'high', 'high']);
  });

  it('gives the centroid in original units as the mean of the members values', () => {
    const [top] = profileClusters(labels, 3, features);
    expect(Array.from(top.mean)).toEqual([5, 25, 1000]);
    expect(top).toMatchObject({ cluster: 0, size: 3, share: 1 / 3 });
  });

  it('reports the members mean percentile rank per feature, 0.5 being the population average', () => {
    const profiles = profileClusters(labels, 3, features);
    // Recency ranks of cluster 0 are 0, 1/8, 2/8 of 0..1: mean 1/8.
    expect(profiles[0].percentile[0]).toBeCloseTo(1 / 8, 12);
    const average = profiles.reduce((s, p) => s + p.percentile[1] * p.share, 0);
    expect(average).toBeCloseTo(0.5, 12);
  });

  it('includes a mid term when the caller gives one', () => {
    const withMid = features.map((f, j) => (j === 2 ? { ...f, terms: { ...f.terms, mid: 'mid spend' } } : f));
    expect(profileClusters(labels, 3, withMid)[2].name).toBe('Mid spend');
  });

  it('is not fooled by one huge spender: standing follows the typical member, not the mean', () => {
    // Cluster 1 holds the five smallest spenders and one enormous order, which drags its mean far
    // above the top tercile; its members' mean rank, (0 + 1 + 2 + 3 + 4) / 11 and 1 over six
    // members = 0.32, still says low spend.
    const spend = [100, 110, 120, 130, 140, 150, 1, 2, 3, 4, 5, 100_000];
    const cluster = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    const [, small] = profileClusters(cluster, 2, [{ name: 'revenue', values: spend, terms: { low: 'low spend', high: 'high spend' } }]);
    expect(small.mean[0]).toBeGreaterThan(150);
    expect(small.standing).toEqual(['low']);
  });

  it('keeps names unique, numbering look-alikes from the largest down', () => {
    const values = [1, 2, 3, 4, 5, 6, 7];
    const cluster = Int32Array.of(0, 1, 1, 2, 2, 2, 2);
    const names = profileClusters(cluster, 3, [{ name: 'x', values, terms: { low: 'low', high: 'high' } }], { lowBelow: 0, highAbove: 1 }).map((p) => p.name);
    expect(names).toEqual(['Typical (3)', 'Typical (2)', 'Typical (1)']);
  });

  it('accepts custom thresholds and a custom typical name', () => {
    const profiles = profileClusters(labels, 3, features, { lowBelow: 0.1, highAbove: 0.9, typicalName: 'Middle of the road' });
    expect(profiles.every((p) => p.name.startsWith('Middle of the road'))).toBe(true);
  });

  it('describes a cluster no point carries as empty rather than failing', () => {
    const profiles = profileClusters(Int32Array.of(0, 0, 2), 3, [{ name: 'x', values: [1, 2, 3], terms: { low: 'low', high: 'high' } }]);
    expect(profiles[1]).toMatchObject({ size: 0, share: 0, name: 'Empty' });
  });

  it('reports missing values, and treats mismatched input as a programming error', () => {
    const bad = [{ name: 'revenue', values: [1, Number.NaN, 3], terms: { low: 'low', high: 'high' } }];
    expect(() => profileClusters(Int32Array.of(0, 0, 1), 2, bad)).toThrow(ClusterError);
    expect(() => profileClusters(Int32Array.of(0, 1), 2, features)).toThrow(RangeError);
    expect(() => profileClusters(Int32Array.of(0, 5, 1, 1, 1, 1, 1, 1, 1), 2, features)).toThrow(RangeError);
  });
});
