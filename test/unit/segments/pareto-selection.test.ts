import { describe, expect, it } from 'vitest';
import { paretoCurve } from '../../../src/core/segments/pareto-curve.ts';
import { paretoSelection, paretoSteps } from '../../../src/core/segments/pareto-selection.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

/** By definition: rank by revenue (≤ 0 as 0) highest first, ties in file order; sum the selected among the top k_j. */
function bruteForce(revenue: number[], mask: number[], points: number) {
  const n = revenue.length;
  const m = Math.min(points, n + 1);
  const clamp = (v: number) => (v > 0 ? v : 0);
  const order = revenue.map((_, i) => i).sort((a, b) => clamp(revenue[b]) - clamp(revenue[a]) || a - b);
  const total = revenue.reduce((s, v) => s + clamp(v), 0);
  const customerShare: number[] = [];
  const revenueShare: number[] = [];
  for (let j = 0; j < m; j++) {
    const k = Math.round((j * n) / (m - 1));
    let count = 0;
    let sum = 0;
    for (let p = 0; p < k; p++) if (mask[order[p]]) (count++, (sum += clamp(revenue[order[p]])));
    customerShare.push(count / n);
    revenueShare.push(total > 0 ? sum / total : 0);
  }
  return { customerShare, revenueShare, count: mask.filter(Boolean).length };
}

describe('paretoSteps and paretoSelection', () => {
  it('splits a small curve by hand: ranked 50, 30, 20, 0, -10', () => {
    const revenue = [20, 0, 50, -10, 30];
    const steps = paretoSteps(revenue, 10);
    // Ranks: 50 → 0, 30 → 1, 20 → 2, then the 0 and the −10 (as 0) in file order.
    expect(Array.from(steps)).toEqual([3, 4, 1, 5, 2]);
    const s = paretoSelection(steps, revenue, [1, 0, 0, 0, 1], 6);
    expect(Array.from(s.revenueShare)).toEqual([0, 0, 0.3, 0.5, 0.5, 0.5]);
    expect(Array.from(s.customerShare)).toEqual([0, 0, 0.2, 0.4, 0.4, 0.4]);
    expect(s.count).toBe(2);
  });

  it('matches a brute-force ranking on random data with ties, returns and downsampling', () => {
    const random = seededRandom(17);
    for (const [n, points] of [[1, 201], [7, 201], [500, 201], [2003, 37], [10_000, 201]] as const) {
      // Whole pounds from a small range: many ties; some returns and zeros.
      const revenue = Array.from({ length: n }, () => Math.floor(random() * 40) - 5);
      const mask = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
      const steps = paretoSteps(revenue, points);
      const m = Math.min(points, n + 1);
      const got = paretoSelection(steps, revenue, mask, m);
      const want = bruteForce(revenue, mask, points);
      expect(got.count).toBe(want.count);
      got.revenueShare.forEach((v, j) => expect(v).toBeCloseTo(want.revenueShare[j], 12));
      got.customerShare.forEach((v, j) => expect(v).toBeCloseTo(want.customerShare[j], 12));
      // Everyone selected gives the curve itself; nobody, zero.
      const all = paretoSelection(steps, revenue, new Uint8Array(n).fill(1), m);
      const curve = paretoCurve(revenue, points);
      all.revenueShare.forEach((v, j) => expect(v).toBeCloseTo(curve.revenueShare[j], 12));
      expect(paretoSelection(steps, revenue, new Uint8Array(n), m).revenueShare.every((v) => v === 0)).toBe(true);
    }
  });

  it('refuses a point budget its steps cannot hold and mismatched lengths', () => {
    expect(() => paretoSteps([1, 2], 300)).toThrow(/2 to 256/);
    expect(() => paretoSelection(new Uint8Array(2), [1], [1, 0], 3)).toThrow(/2 steps, 1 revenues/);
  });
});
