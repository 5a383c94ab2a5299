import { describe, expect, it } from 'vitest';
import { clusterOutcome } from '../../../src/core/cluster/cluster-error.ts';
import { DEFAULT_FEATURES } from '../../../src/core/cluster/customer-features.ts';
import { sweepCustomers, type SweepSettings } from '../../../src/core/cluster/sweep-customers.ts';
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
