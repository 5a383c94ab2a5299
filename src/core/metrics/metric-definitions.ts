import type { CustomerMetrics } from './customer-metrics.ts';

/** A per-customer metric: recency, frequency, monetary and every column of {@link CustomerMetrics}. */
export type MetricKey = 'recency' | 'frequency' | 'monetary' | Exclude<keyof CustomerMetrics, 'n' | 'analysisDay'>;

/** What a metric's numbers count, for formatting and axis titles. */
export type MetricUnit = 'days' | 'orders' | 'money' | 'units' | 'lines' | 'share' | 'code' | 'count';

export interface MetricDefinition {
  /** Name an analyst reads in a table header or a rule ("Average order value"). */
  label: string;
  /** One sentence: what is counted, and when it is empty. */
  definition: string;
  unit: MetricUnit;
}

/**
 * The definition of every per-customer metric, one line each, for hovers in the UI and the
 * README table. The code is the source of truth: these say what {@link customerMetrics} and
 * {@link aggregateCustomers} compute.
 */
export const METRIC_DEFINITIONS: Readonly<Record<MetricKey, Readonly<MetricDefinition>>> = Object.freeze({
  recency: { label: 'Recency', unit: 'days', definition: 'Days from the last purchase to the analysis date.' },
  frequency: { label: 'Orders', unit: 'orders', definition: 'Distinct orders with a purchase line; without an order id column, distinct days with a purchase.' },
  monetary: { label: 'Net revenue', unit: 'money', definition: 'Purchase lines minus returns and cancellations.' },
  tenureDays: { label: 'Tenure', unit: 'days', definition: 'Days from the first purchase to the last (0 when all purchases fall on one day).' },
  averageOrderValue: { label: 'Average order value', unit: 'money', definition: 'Net revenue divided by the number of orders.' },
  items: { label: 'Items', unit: 'units', definition: 'Units bought on purchase lines; a line with a blank quantity counts for none; empty when the file has no quantity column.' },
  returnLines: { label: 'Return lines', unit: 'lines', definition: 'Lines with a negative amount (returns and cancellations).' },
  returnValue: { label: 'Returned value', unit: 'money', definition: 'Total amount of the return lines, as a positive number.' },
  purchaseDays: { label: 'Purchase days', unit: 'count', definition: 'Distinct days with a purchase; several orders on one day count once.' },
  meanGapDays: { label: 'Mean days between purchases', unit: 'days', definition: 'Mean gap between consecutive purchase days; empty with fewer than 2 purchase days.' },
  medianGapDays: { label: 'Median days between purchases', unit: 'days', definition: 'Median gap between consecutive purchase days; empty with fewer than 2 purchase days.' },
  daysOverdue: { label: 'Days overdue', unit: 'days', definition: 'Recency minus the median days between purchases: above 0 means later than usual; empty without a median gap.' },
  preferredChannel: { label: 'Preferred channel', unit: 'code', definition: 'The channel with the most purchase revenue (on a tie, the one listed first); empty without channels.' },
  preferredChannelShare: { label: 'Preferred channel share', unit: 'share', definition: "The preferred channel's share of the customer's purchase revenue." },
  topCategory: { label: 'Top category', unit: 'code', definition: 'The category with the most purchase revenue (on a tie, the one listed first); empty without categories.' },
  topCategoryShare: { label: 'Top category share', unit: 'share', definition: "The top category's share of the customer's purchase revenue." },
  recentOrders: { label: 'Orders in the last 6 months', unit: 'orders', definition: 'Orders with a purchase line in the 182 days up to the analysis date.' },
  recentRevenue: { label: 'Revenue in the last 6 months', unit: 'money', definition: 'Net revenue of the lines in the 182 days up to the analysis date.' },
  grossMargin: { label: 'Gross margin', unit: 'money', definition: 'Net revenue minus the net cost of the goods (the cost column; returns take their cost back); empty when the file has no cost column.' },
  categoriesBought: { label: 'Categories bought', unit: 'count', definition: 'Distinct categories on purchase lines; empty when the file has no category column.' },
});
