/** What a selection of customers holds, against all of them. */
export interface SelectionSummary {
  customers: number;
  /** The selected customers' share of all customers, 0..1. */
  customerShare: number;
  revenue: number;
  /** Their share of all net revenue, 0..1 (0 when all revenue is 0 or less). */
  revenueShare: number;
  /** Means over the selected customers, empty values (NaN) left out; NaN when none. */
  means: { recency: number; frequency: number; monetary: number };
}

/**
 * Sums a selection (a 0/1 mask over the customers) in one pass: its size, its share of customers
 * and revenue, and its mean recency, orders and revenue.
 */
export function summarizeSelection(
  mask: Uint8Array,
  metrics: { recency: ArrayLike<number>; frequency: ArrayLike<number>; monetary: ArrayLike<number> },
): SelectionSummary {
  const { recency, frequency, monetary } = metrics;
  let customers = 0;
  let revenue = 0;
  let total = 0;
  let sumR = 0;
  let nR = 0;
  let sumF = 0;
  for (let i = 0; i < mask.length; i++) {
    const m = monetary[i];
    total += m;
    if (!mask[i]) continue;
    customers++;
    revenue += m;
    sumF += frequency[i];
    const r = recency[i];
    if (!Number.isNaN(r)) {
      sumR += r;
      nR++;
    }
  }
  return {
    customers,
    customerShare: mask.length ? customers / mask.length : 0,
    revenue,
    revenueShare: total > 0 ? revenue / total : 0,
    means: { recency: nR ? sumR / nR : NaN, frequency: customers ? sumF / customers : NaN, monetary: customers ? revenue / customers : NaN },
  };
}

/**
 * A selection's mix over a segmentation (`groups[i]` 1-based into `names`, 0 for none): selected
 * customers per group, in its order, as [name, customers], groups with none left out. Apart from
 * the sums, as the colouring changes without the selection (clusters found, another "Colour by").
 */
export function selectionMix(mask: Uint8Array, groups: ArrayLike<number>, names: readonly string[]): Array<[string, number]> {
  const perGroup = new Array<number>(names.length).fill(0);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const g = groups[i];
    if (g > 0 && g <= names.length) perGroup[g - 1]++;
  }
  return names.map((name, g): [string, number] => [name, perGroup[g]]).filter(([, c]) => c > 0);
}
