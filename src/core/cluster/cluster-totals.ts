import type { CustomerMetricColumns } from './customer-features.ts';

/** Per cluster: members, their net revenue, and their mean recency, orders and revenue. */
export interface ClusterTotals {
  customers: Int32Array;
  revenue: Float64Array;
  /** Means in original units (days, orders, money); NaN for an empty cluster. */
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** Net revenue of all customers. */
  totalRevenue: number;
}

/**
 * Sizes, revenue and mean metrics of the clusters in one pass over the customers (no sorting:
 * at 250k customers the medians a full segment profile adds would cost more than the k-means).
 */
export function clusterTotals(labels: ArrayLike<number>, k: number, metrics: CustomerMetricColumns): ClusterTotals {
  const n = labels.length;
  const { recency, frequency, monetary } = metrics;
  if (recency.length !== n || frequency.length !== n || monetary.length !== n) throw new RangeError(`clusterTotals: metric columns do not have ${n} values`);
  const customers = new Int32Array(k);
  const revenue = new Float64Array(k);
  const days = new Float64Array(k);
  const orders = new Float64Array(k);
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < k)) throw new RangeError(`clusterTotals: label ${c} at ${i} is outside 0..${k - 1}`);
    customers[c]++;
    revenue[c] += monetary[i];
    days[c] += recency[i];
    orders[c] += frequency[i];
    totalRevenue += monetary[i];
  }
  const mean = (sums: Float64Array): Float64Array => sums.map((s, c) => (customers[c] > 0 ? s / customers[c] : NaN));
  return { customers, revenue, recency: mean(days), frequency: mean(orders), monetary: mean(revenue), totalRevenue };
}
