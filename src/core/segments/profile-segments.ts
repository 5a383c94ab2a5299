import { medianSelect } from './median.ts';

/** Mean and median of a metric over a segment's customers; NaN when none has a value. */
export interface MetricSummary {
  mean: number;
  median: number;
}

/** What a segment looks like: its size, its revenue, and its typical customer. */
export interface SegmentProfile {
  name: string;
  customers: number;
  /** Of all customers passed in. */
  customerShare: number;
  /** Net revenue (sum of monetary). */
  revenue: number;
  /** Of the net revenue of all customers passed in; 0 when that is 0. */
  revenueShare: number;
  recency: MetricSummary;
  frequency: MetricSummary;
  monetary: MetricSummary;
  avgOrderValue: MetricSummary;
}

/** Per-customer columns a profile summarises, indexed by customer code. */
export interface ProfileMetrics {
  /** Days since the last purchase. */
  recency: ArrayLike<number>;
  /** Orders. */
  frequency: ArrayLike<number>;
  /** Net revenue. */
  monetary: ArrayLike<number>;
  /** Per customer; defaults to monetary / frequency (NaN for 0 orders). */
  avgOrderValue?: ArrayLike<number>;
}

/**
 * Profiles every segment of a segmentation (any codes + names: RFM segments, value bands,
 * lifecycle, clusters, a rule's 0/1 mask). NaN values are left out of means and medians. A code
 * outside 0..names.length-1 (such as -1 for "none") counts in the totals behind the shares but
 * in no segment.
 *
 * Customers are grouped with a counting sort into one index array, and each segment's medians
 * are selected (not sorted) in one shared scratch buffer: linear on average, no per-customer objects.
 */
export function profileSegments(codes: ArrayLike<number>, names: readonly string[], metrics: ProfileMetrics): SegmentProfile[] {
  const n = codes.length;
  const { recency, frequency, monetary } = metrics;
  for (const [label, column] of Object.entries(metrics)) {
    if (column !== undefined && column.length !== n) throw new Error(`profileSegments: ${label} has ${column.length} values for ${n} customers`);
  }
  const aov = metrics.avgOrderValue ?? Float64Array.from({ length: n }, (_, i) => (frequency[i] > 0 ? monetary[i] / frequency[i] : NaN));
  const k = names.length;

  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) if (codes[i] >= 0 && codes[i] < k) start[codes[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const members = new Int32Array(start[k]);
  const next = start.slice(0, k);
  for (let i = 0; i < n; i++) if (codes[i] >= 0 && codes[i] < k) members[next[codes[i]]++] = i;

  let totalRevenue = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(monetary[i])) totalRevenue += monetary[i];
  const scratch = new Float64Array(members.length);
  const summarise = (column: ArrayLike<number>, c: number): MetricSummary => {
    let m = 0;
    let sum = 0;
    for (let j = start[c]; j < start[c + 1]; j++) {
      const v = column[members[j]];
      if (Number.isNaN(v)) continue;
      scratch[m++] = v;
      sum += v;
    }
    return { mean: m > 0 ? sum / m : NaN, median: medianSelect(scratch, m) };
  };

  return names.map((name, c) => {
    const customers = start[c + 1] - start[c];
    let revenue = 0;
    for (let j = start[c]; j < start[c + 1]; j++) if (Number.isFinite(monetary[members[j]])) revenue += monetary[members[j]];
    return {
      name,
      customers,
      customerShare: n > 0 ? customers / n : 0,
      revenue,
      revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
      recency: summarise(recency, c),
      frequency: summarise(frequency, c),
      monetary: summarise(monetary, c),
      avgOrderValue: summarise(aov, c),
    };
  });
}
