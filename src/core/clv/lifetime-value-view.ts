import type { LifetimeValue } from './lifetime-value.ts';
import { fromMoneyUnits, moneyUnits } from '../metrics/money.ts';

/** What the main thread gets of a {@link LifetimeValue}: everything but the per-customer columns, plus tier totals. */
export interface LifetimeValueView extends Omit<LifetimeValue, 'columns'> {
  /** Per CLV tier: customers, predicted CLV and net revenue to date; null when nothing could be predicted. */
  tiers: { names: string[]; counts: number[]; clv: number[] } | null;
  /**
   * Sums over all customers: predicted CLV, expected purchase days, and to date the gross margin
   * and the value after acquisition cost (these two summed exactly, in money units, as revenue is).
   */
  totals: { clv: number; expectedOrders: number; customers: number; grossMargin: number; valueToDate: number } | null;
}

/** The small view of a result (columns summed per tier). */
export function lifetimeValueView(lv: LifetimeValue): LifetimeValueView {
  const { columns, ...rest } = lv;
  if (!columns) return { ...rest, tiers: null, totals: null };
  const k = lv.tierNames.length;
  const counts = new Array<number>(k).fill(0);
  const clv = new Array<number>(k).fill(0);
  let total = 0;
  let orders = 0;
  let margin = 0;
  let toDate = 0;
  for (let i = 0; i < columns.clv.length; i++) {
    margin += moneyUnits(columns.grossMargin[i]);
    toDate += moneyUnits(columns.valueToDate[i]);
    counts[columns.tier[i]]++;
    clv[columns.tier[i]] += columns.clv[i];
    total += columns.clv[i];
    orders += columns.expectedOrders[i];
  }
  return { ...rest, tiers: { names: lv.tierNames, counts, clv }, totals: { clv: total, expectedOrders: orders, customers: columns.clv.length, grossMargin: fromMoneyUnits(margin), valueToDate: fromMoneyUnits(toDate) } };
}
