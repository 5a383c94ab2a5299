import type { CustomerTable, DayNumber, TransactionColumns } from '../types.ts';
import { customerMetrics, type CustomerMetrics } from './customer-metrics.ts';
import { moneyPer } from './money.ts';
import { historyBuffers, purchaseDayHistory, type PurchaseDayHistory } from './purchase-day-history.ts';

/**
 * The per-customer metrics with the names their channel and category codes index: what the
 * ingest worker (which holds the transactions) sends along with the customer table.
 */
export interface MetricTable {
  metrics: CustomerMetrics;
  channelNames: string[] | null;
  categoryNames: string[] | null;
  /** False for {@link basicMetrics}: only tenure and average order value are known. */
  fromTransactions: boolean;
  /**
   * Every customer's purchase days and day revenue, for the lifetime-value models (absent
   * without transactions): they ride along with the metrics to the analysis worker, so the
   * transaction table never has to leave the ingest worker.
   */
  history?: PurchaseDayHistory | null;
}

/** {@link customerMetrics} at `analysisDay` (the default: the day after the last transaction), with the code names. */
export function metricTable(tx: TransactionColumns, customers: CustomerTable, analysisDay: DayNumber): MetricTable {
  const metrics = customerMetrics(tx, customers, analysisDay);
  return {
    metrics,
    channelNames: tx.channelNames,
    categoryNames: tx.categoryNames,
    fromTransactions: true,
    history: purchaseDayHistory(tx, customers, { purchaseDays: metrics.purchaseDays }),
  };
}

/** The buffers of every metric column, to transfer rather than copy across a worker boundary. */
export function metricBuffers(table: MetricTable): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(table.metrics)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer && !buffers.includes(value.buffer)) buffers.push(value.buffer);
  }
  if (table.history) buffers.push(...historyBuffers(table.history));
  return buffers;
}

/**
 * The metrics that follow from the customer table alone, for a table that came without its
 * transactions (before the ingest worker's metrics arrive): tenure and average order value; the other columns are filled
 * with NaN, 0 or -1 and marked unknown (`fromTransactions: false`), so the model offers no rule
 * fields on them.
 */
export function basicMetrics(customers: CustomerTable, analysisDay: DayNumber): MetricTable {
  const { n } = customers;
  const empty = () => new Float64Array(n).fill(NaN);
  return {
    metrics: {
      n,
      analysisDay,
      tenureDays: Int32Array.from(customers.lastDay, (last, i) => last - customers.firstDay[i]),
      averageOrderValue: Float64Array.from(customers.monetary, (m, i) => moneyPer(m, customers.frequency[i])),
      items: empty(),
      returnLines: new Uint32Array(n),
      returnValue: new Float64Array(n),
      purchaseDays: new Uint32Array(n),
      meanGapDays: empty(),
      medianGapDays: empty(),
      daysOverdue: empty(),
      preferredChannel: new Int32Array(n).fill(-1),
      preferredChannelShare: empty(),
      topCategory: new Int32Array(n).fill(-1),
      topCategoryShare: empty(),
      categoriesBought: empty(),
      recentOrders: new Uint32Array(n),
      recentRevenue: empty(),
      grossMargin: empty(),
    },
    channelNames: null,
    categoryNames: null,
    fromTransactions: false,
  };
}
