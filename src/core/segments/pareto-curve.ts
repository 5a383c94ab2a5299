/** Points of a Pareto (concentration) curve, both shares 0..1, customer share ascending. */
export interface ParetoCurve {
  /** Share of customers, best customers first: point k covers the top `customerShare[k]`. */
  customerShare: Float64Array;
  /** Share of revenue those customers brought. */
  revenueShare: Float64Array;
}

/**
 * Share of customers (ranked by revenue, highest first) against the share of revenue they
 * bring: "the top 20% of customers bring 74% of revenue". Revenue ≤ 0 counts as 0, as in
 * valueBands, so the curve never falls and ends at exactly (1, 1); those customers make the flat
 * tail. When nobody has positive revenue the revenue share is 0 throughout.
 *
 * The full curve has n + 1 points (k = 0..n customers). It is downsampled to at most `points`
 * points evenly spaced in customer share, always keeping the exact endpoints (0, 0) and (1, 1).
 */
export function paretoCurve(revenue: ArrayLike<number>, points: number): ParetoCurve {
  if (!Number.isInteger(points) || points < 2) throw new Error(`paretoCurve: points must be an integer ≥ 2, got ${points}`);
  const n = revenue.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = revenue[i] > 0 ? -revenue[i] : 0; // negated: sort() ascends
  sorted.sort();
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumulative[k + 1] = cumulative[k] - sorted[k];
  const total = cumulative[n];

  const m = Math.min(points, n + 1);
  const customerShare = new Float64Array(m);
  const revenueShare = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    // m ≤ n + 1, so the indices are distinct and the last one is n.
    const k = m === 1 ? 0 : Math.round((j * n) / (m - 1));
    customerShare[j] = n === 0 ? 0 : k / n;
    revenueShare[j] = total > 0 ? cumulative[k] / total : 0;
  }
  if (n > 0) {
    customerShare[m - 1] = 1;
    if (total > 0) revenueShare[m - 1] = 1;
  }
  return { customerShare, revenueShare };
}
