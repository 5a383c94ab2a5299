import { describe, expect, it } from 'vitest';
import { clusterOutcome } from '../../../src/core/cluster/cluster-error.ts';
import { DEFAULT_FEATURES } from '../../../src/core/cluster/customer-features.ts';
import { sweepCustomers, type SweepSettings } from '../../../src/core/cluster/sweep-customers.ts';
import { clusterCustomers } from '../../../src/core/cluster/cluster-customers.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import type { CustomerTable } from '../../../src/core/types.ts';
import { ANALYSIS_DAY, threeGroups, tiny } from './customers-fixture.ts';

const settings: SweepSettings = { analysisDay: ANALYSIS_DAY, features: [...DEFAULT_FEATURES], scaling: 'zscore', seed: 3 };

describe('sweepCustomers(customers, settings)', () => {
  const { table } = threeGroups();

  it('tries k = 2..10 and suggests the three groups there are, with the reason', () => {
    const sweep = sweepCustomers(table, settings);
    expect(sweep.sweep.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sweep.suggestedK).toBe(3);
    expect(sweep.reason).toMatch(/^k = 3 gives the highest silhouette/);
    expect(sweep.customers).toBe(90);
    expect(sweep.silhouettePoints).toBe(90);
    expect(sweep.settings).toBe(settings);
  });

  it('is reproducible from the seed', () => {
    const a = sweepCustomers(table, settings);
    const b = sweepCustomers(table, settings);
    expect(b.sweep.map((p) => [p.inertia, p.silhouette])).toEqual(a.sweep.map((p) => [p.inertia, p.silhouette]));
  });

  it('reports rising progress up to 1', () => {
    const seen: number[] = [];
    sweepCustomers(table, settings, (f) => seen.push(f));
    expect(seen.at(-1)).toBeCloseTo(1, 12);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });

  it('stops at the number of customers when there are fewer than 10', () => {
    expect(sweepCustomers(tiny(3), settings).sweep.map((p) => p.k)).toEqual([2, 3]);
  });

  it('says clearly when not even two clusters can be formed', () => {
    expect(clusterOutcome(() => sweepCustomers(tiny(1), settings))).toMatchObject({
      ok: false,
      problem: { code: 'too-few-points', message: 'There is 1 customer, too few to form 2 clusters.' },
    });
  });
});

describe('sweepCustomers and clusterCustomers above the sample limits', () => {
  // 30,000 customers in overlapping groups: past both the 10,000 exact-silhouette limit and the
  // 25,000 start-sample limit.
  const n = 30_000;
  const random = seededRandom(99);
  const lastDay = new Int32Array(n);
  const frequency = new Uint32Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % 4;
    lastDay[i] = ANALYSIS_DAY - Math.round(5 + g * 60 + random() * 120);
    frequency[i] = 1 + Math.floor(random() * (2 + g * 3));
    monetary[i] = Math.round((20 + g * 150) * (0.3 + random() * 1.4) * 100) / 100;
  }
  const table: CustomerTable = { n, ids: Array.from({ length: n }, (_, i) => `c${i}`), firstDay: new Int32Array(n), lastDay, frequency, monetary };
  const segments = { codes: new Uint8Array(n), names: ['All'] };

  it('gives a k the same clusters, inertia and silhouette (on the same sample) in "Suggest k" as in the run with that k', () => {
    const sweep = sweepCustomers(table, { ...settings, kMax: 5 });
    expect(sweep.silhouettePoints).toBe(4_000);
    for (const k of [3, 5]) {
      const run = clusterCustomers(table, { ...settings, k }, segments);
      const point = sweep.sweep.find((p) => p.k === k)!;
      expect(run.silhouette.points).toBe(4_000);
      expect(run.silhouette.mean).toBe(point.silhouette);
      expect(run.inertia).toBe(point.inertia);
      expect(Array.from(run.clusters.map((c) => c.customers)).sort()).toEqual(Array.from(point.sizes).sort());
    }
  });
});
