import { describe, expect, it } from 'vitest';
import { clusterCustomers, type ClusterSettings } from '../../../src/core/cluster/cluster-customers.ts';
import { ClusterError, clusterOutcome } from '../../../src/core/cluster/cluster-error.ts';
import { DEFAULT_FEATURES } from '../../../src/core/cluster/customer-features.ts';
import { scoreAndSegment } from '../../../src/core/segments/score-and-segment.ts';
import type { CustomerTable } from '../../../src/core/types.ts';
import { ANALYSIS_DAY, threeGroups, tiny } from './customers-fixture.ts';
import { samePartition } from './synthetic.ts';

const settings: ClusterSettings = { analysisDay: ANALYSIS_DAY, features: [...DEFAULT_FEATURES], scaling: 'zscore', seed: 7, k: 3 };
const segmentsOf = (table: CustomerTable) => scoreAndSegment(table, { bins: 5, analysisDay: ANALYSIS_DAY }).segment;

describe('clusterCustomers(customers, settings, segments)', () => {
  const { table, truth } = threeGroups();
  const segments = segmentsOf(table);
  const result = clusterCustomers(table, settings, segments);
  const byName = (name: string) => result.clusters.find((c) => c.name === name)!;

  it('recovers three clear groups of customers exactly, one byte per customer', () => {
    expect(result.labels).toBeInstanceOf(Uint8Array);
    expect(samePartition(Int32Array.from(result.labels), truth)).toBe(true);
    expect(result.k).toBe(3);
    expect(result.converged).toBe(true);
  });

  it('names the clusters from where their customers stand on each feature', () => {
    expect(result.clusters.map((c) => c.name).sort()).toEqual(['Lapsed, infrequent, low spend', 'Recent, frequent, high spend', 'Typical']);
    expect(byName('Recent, frequent, high spend').standing).toEqual(['low', 'high', 'high']);
  });

  it('describes each cluster in original units: days, orders, revenue, and shares', () => {
    const top = byName('Recent, frequent, high spend');
    const members = Array.from({ length: table.n }, (_, i) => i).filter((i) => result.labels[i] === top.cluster);
    const mean = (f: (i: number) => number) => members.reduce((s, i) => s + f(i), 0) / members.length;
    expect(top.customers).toBe(30);
    expect(top.customerShare).toBeCloseTo(1 / 3, 12);
    expect(top.meanRecency).toBeCloseTo(mean((i) => ANALYSIS_DAY - table.lastDay[i]), 9);
    expect(top.meanFrequency).toBeCloseTo(mean((i) => table.frequency[i]), 9);
    expect(top.meanMonetary).toBeCloseTo(mean((i) => table.monetary[i]), 9);
    expect(result.clusters.reduce((s, c) => s + c.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(top.revenueShare).toBeGreaterThan(0.8);
  });

  it('relates each cluster to the classic RFM segment most of its customers are in', () => {
    for (const c of result.clusters) {
      // Counted the plain way: the members' segment names in a Map.
      const counts = new Map<string, number>();
      for (let i = 0; i < table.n; i++) {
        if (result.labels[i] !== c.cluster) continue;
        const name = segments.names[segments.codes[i]];
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      const [name, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
      expect(c.nearestSegment).toMatchObject({ name, share: count / c.customers });
    }
    // The lapsed one-off buyers are mostly "Lost" (R = 1), the rest "Hibernating" (R = 2).
    expect(byName('Lapsed, infrequent, low spend').nearestSegment).toMatchObject({ name: 'Lost', share: 0.6 });
  });

  it('cross-tabulates clusters against the RFM segments of all customers', () => {
    expect(result.crossTab.rows).toEqual(result.clusters.map((c) => c.name));
    expect(result.crossTab.columns).toEqual(segments.names);
    expect(result.crossTab.total).toBe(table.n);
    expect(result.crossTab.rowTotals).toEqual(result.clusters.map((c) => c.customers));
  });

  it('gives the same clustering for the same seed', () => {
    const again = clusterCustomers(table, settings, segments);
    expect(again.labels).toEqual(result.labels);
    expect(again.inertia).toBe(result.inertia);
  });

  it('measures the silhouette, exactly for a small table', () => {
    expect(result.silhouette.sampled).toBe(false);
    expect(result.silhouette.mean).toBeGreaterThan(0.5);
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    clusterCustomers(table, settings, segments, (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });

  it('passes on warnings that did not stop the run', () => {
    const withReturns = { ...table, monetary: table.monetary.map((m, i) => (i === 1 ? -5 : m)) };
    expect(clusterCustomers(withReturns, settings, segments).warnings.map((w) => w.code)).toEqual(['clipped-for-log']);
  });
});

describe('clusterCustomers: input it cannot cluster is a clear problem, never NaN or a hang', () => {
  it('more clusters than customers', () => {
    const table = tiny(3);
    const outcome = clusterOutcome(() => clusterCustomers(table, { ...settings, k: 5 }, segmentsOf(table)));
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'too-few-points', message: 'There are 3 customers, too few to form 5 clusters.' } });
  });

  it('customers that are all alike', () => {
    const table = tiny(6);
    const same = { ...table, lastDay: new Int32Array(6).fill(900), frequency: new Uint32Array(6).fill(2), monetary: new Float64Array(6).fill(50) };
    const outcome = clusterOutcome(() => clusterCustomers(same, settings, segmentsOf(same)));
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'all-features-constant' } });
  });

  it('duplicates only: fewer distinct customers than clusters', () => {
    const table = tiny(6);
    const two = { ...table, lastDay: Int32Array.of(900, 900, 900, 10, 10, 10), frequency: Uint32Array.of(2, 2, 2, 9, 9, 9), monetary: Float64Array.of(5, 5, 5, 80, 80, 80) };
    const outcome = clusterOutcome(() => clusterCustomers(two, settings, segmentsOf(two)));
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'too-few-distinct-points', count: 2 } });
    if (!outcome.ok) expect(outcome.problem.message).toContain('choose at most 2');
  });

  it('a feature missing for some customers', () => {
    const { table } = threeGroups();
    const gaps = { ...table, monetary: table.monetary.map((m, i) => (i < 4 ? NaN : m)) };
    const outcome = clusterOutcome(() => clusterCustomers(gaps, settings, segmentsOf(table)));
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'missing-values', column: 'monetary', count: 4 } });
  });

  it('no feature chosen', () => {
    const { table } = threeGroups();
    expect(() => clusterCustomers(table, { ...settings, features: [] }, segmentsOf(table))).toThrow(ClusterError);
  });

  it('a k outside 2..20 is a programming error', () => {
    const { table } = threeGroups();
    expect(() => clusterCustomers(table, { ...settings, k: 21 }, segmentsOf(table))).toThrow(RangeError);
    expect(() => clusterCustomers(table, { ...settings, k: 2.5 }, segmentsOf(table))).toThrow(RangeError);
  });
});
