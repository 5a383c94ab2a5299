import { basicMetrics, type MetricTable } from '../metrics/metric-table.ts';
import { paretoCurve, type ParetoCurve } from '../segments/pareto-curve.ts';
import { paretoSteps } from '../segments/pareto-selection.ts';
import type { CustomerTable, DayNumber } from '../types.ts';
import { rankBelow } from './rank-scores.ts';

/** Points of the Pareto curve sent to the chart: enough for a smooth line, few enough to post. */
export const PARETO_POINTS = 201;

/**
 * What the segment model needs of a customer table that no setting changes, computed once per
 * table: the metrics, each customer's rank on recency, frequency and both monetary bases (the
 * slow part of quantile scoring: sorts), and the Pareto curve.
 */
export interface PreparedCustomers {
  customers: CustomerTable;
  metrics: MetricTable;
  /** The day after the last transaction: the analysis day unless the analyst sets another. */
  defaultAnalysisDay: DayNumber;
  /** Per customer, how many customers are strictly worse on each (see rankBelow). */
  ranks: { r: Uint32Array; f: Uint32Array; revenue: Uint32Array; averageOrderValue: Uint32Array };
  pareto: ParetoCurve;
  /** Per customer, the Pareto curve's point from which it counts (see paretoSteps): a selection's part of the curve in one pass. */
  paretoSteps: Uint8Array;
  /** Sum of net revenue over all customers. */
  revenue: number;
  /** Whether any customer has a number of items (the file had a quantity column). */
  hasItems: boolean;
}

/**
 * Prepares a customer table for scoring. Without a metric table (a table that came without its
 * transactions) the metrics that need transactions are unknown, and the default analysis day is
 * the day after the last purchase.
 */
export function prepareCustomers(customers: CustomerTable, metrics: MetricTable | null = null): PreparedCustomers {
  const { n } = customers;
  if (metrics && metrics.metrics.n !== n) throw new Error(`prepareCustomers: ${metrics.metrics.n} metric rows for ${n} customers`);
  let lastDay = -Infinity;
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    if (customers.lastDay[i] > lastDay) lastDay = customers.lastDay[i];
    revenue += customers.monetary[i];
  }
  const defaultAnalysisDay = metrics?.metrics.analysisDay ?? (n > 0 ? lastDay + 1 : 0);
  const table = metrics ?? basicMetrics(customers, defaultAnalysisDay);
  return {
    customers,
    metrics: table,
    defaultAnalysisDay,
    ranks: {
      // Recency = analysis day − last day, so its order is the last day's whatever the analysis day.
      r: rankBelow(customers.lastDay),
      f: rankBelow(customers.frequency),
      revenue: rankBelow(customers.monetary),
      averageOrderValue: rankBelow(table.metrics.averageOrderValue),
    },
    pareto: paretoCurve(customers.monetary, PARETO_POINTS),
    paretoSteps: paretoSteps(customers.monetary, PARETO_POINTS),
    revenue,
    hasItems: table.metrics.items.some((x) => !Number.isNaN(x)),
  };
}
