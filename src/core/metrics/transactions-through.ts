import type { CodeColumn, DayNumber, TransactionColumns } from '../types.ts';

/** The transactions of a period, and how many lines fell after it. */
export interface TransactionWindow {
  /** The lines dated on or before the end day, in their order; the input itself when none is later. */
  transactions: TransactionColumns;
  /** Lines dated after the end day, left out. */
  linesAfter: number;
}

/**
 * The transactions dated on or before `lastDay`: the one place where the data is cut by date,
 * before anything is aggregated, so every metric (recency, frequency, revenue, gaps, the last
 * 6 months...) sees the same lines. The analysis date cuts here (lines after it are left out,
 * so recency is never negative), and a lifetime-value calibration period or holdout cuts the
 * same way. Dictionaries (ids, names) are shared with the input, not copied; a customer whose
 * lines all fall later keeps its code but has no line.
 */
export function transactionsThrough(tx: TransactionColumns, lastDay: DayNumber): TransactionWindow {
  const { day, length } = tx;
  let kept = 0;
  for (let i = 0; i < length; i++) if (day[i] <= lastDay) kept++;
  if (kept === length) return { transactions: tx, linesAfter: 0 };
  const keep = <T extends CodeColumn | Float64Array>(col: T): T => {
    const out = new (col.constructor as new (n: number) => T)(kept);
    for (let i = 0, j = 0; i < length; i++) if (day[i] <= lastDay) out[j++] = col[i];
    return out;
  };
  const window: TransactionColumns = {
    length: kept,
    customer: keep(tx.customer),
    day: keep(tx.day),
    amount: keep(tx.amount),
    order: tx.order && keep(tx.order),
    customerIds: tx.customerIds,
    orderIds: null,
    orderCount: tx.orderCount,
    quantity: tx.quantity && keep(tx.quantity),
    cost: tx.cost ? keep(tx.cost) : null,
    category: tx.category && keep(tx.category),
    categoryNames: tx.categoryNames,
    channel: tx.channel && keep(tx.channel),
    channelNames: tx.channelNames,
  };
  // The order ids may be decoded only when first read (see TransactionIngest): read them through.
  Object.defineProperty(window, 'orderIds', { enumerable: true, get: () => tx.orderIds });
  if (tx.rawDictionaries) window.rawDictionaries = tx.rawDictionaries;
  return { transactions: window, linesAfter: length - kept };
}
