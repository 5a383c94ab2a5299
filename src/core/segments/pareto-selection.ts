import { rankBelow } from '../model/rank-scores.ts';

/**
 * Which point of the Pareto curve (see paretoCurve, same `points`) each customer first counts
 * at: customers ranked by revenue, highest first, revenue ≤ 0 as 0, equal revenue in file order;
 * the customer at rank p (0-based) is inside the top k from k = p + 1, so from the first curve
 * point j whose k_j = round(j·n / (m − 1)) exceeds p. Computed once per customer table, so that
 * any selection's share of the curve is one pass over the customers (see paretoSelection).
 */
export function paretoSteps(revenue: ArrayLike<number>, points: number): Uint8Array {
  if (!Number.isInteger(points) || points < 2 || points > 256) throw new Error(`paretoSteps: points must be an integer from 2 to 256, got ${points}`);
  const n = revenue.length;
  const steps = new Uint8Array(n);
  if (n === 0) return steps;
  const m = Math.min(points, n + 1);
  const clamped = new Float64Array(n);
  for (let i = 0; i < n; i++) clamped[i] = revenue[i] > 0 ? revenue[i] : 0;
  // Customers with strictly more revenue: rankBelow with the order reversed.
  const better = rankBelow(clamped, false);
  const stepAt = new Uint8Array(n);
  let from = 0;
  for (let j = 1; j < m; j++) {
    const to = Math.round((j * n) / (m - 1));
    stepAt.fill(j, from, to);
    from = to;
  }
  // Rank = customers strictly better + equal ones earlier in the file.
  const taken = new Uint32Array(n);
  for (let i = 0; i < n; i++) steps[i] = stepAt[better[i] + taken[better[i]]++];
  return steps;
}

/** A selection's part of the Pareto curve, at the curve's points. */
export interface ParetoSelection {
  /** Selected customers among the top `customerShare[j]` of all customers, as a share of all customers. */
  customerShare: Float64Array;
  /** Their net revenue (≤ 0 as 0) as a share of all customers' (the curve's y); 0 throughout when nobody has positive revenue. */
  revenueShare: Float64Array;
  /** Selected customers. */
  count: number;
}

/**
 * The selected customers' part of the Pareto curve: at each point, how much of the top customers'
 * revenue the selected ones bring. The curve minus it is the rest's part. `points` is the length
 * of the curve the steps were made for (min(points, n + 1)).
 */
export function paretoSelection(steps: Uint8Array, revenue: ArrayLike<number>, mask: ArrayLike<number>, points: number): ParetoSelection {
  const n = steps.length;
  if (revenue.length !== n || mask.length !== n) throw new Error(`paretoSelection: ${n} steps, ${revenue.length} revenues, ${mask.length} mask entries`);
  const addRevenue = new Float64Array(points);
  const addCount = new Float64Array(points);
  let total = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = revenue[i] > 0 ? revenue[i] : 0;
    total += r;
    if (mask[i]) {
      addRevenue[steps[i]] += r;
      addCount[steps[i]]++;
      count++;
    }
  }
  const customerShare = new Float64Array(points);
  const revenueShare = new Float64Array(points);
  let cumRevenue = 0;
  let cumCount = 0;
  for (let j = 0; j < points; j++) {
    cumRevenue += addRevenue[j];
    cumCount += addCount[j];
    customerShare[j] = n > 0 ? cumCount / n : 0;
    revenueShare[j] = total > 0 ? cumRevenue / total : 0;
  }
  return { customerShare, revenueShare, count };
}
