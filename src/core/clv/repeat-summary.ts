import type { DayNumber } from '../types.ts';
import { daysThrough, type PurchaseDayHistory } from '../metrics/purchase-day-history.ts';

/**
 * The repeat-purchase summary the lifetime-value models are fitted on, for the customers whose
 * first purchase is on or before `endDay`. Definitions (also in the UI and the README):
 * - `x`: repeat purchase days, distinct purchase days − 1 (several orders on a day count once);
 * - `t_x`: time from the first to the last purchase day;
 * - `T`: time from the first purchase day to the end of the period (`endDay`, whose purchases count);
 * - `m`: the mean net revenue of the repeat purchase days (the first day left out); NaN when x = 0.
 *
 * Times are in `unitDays` (7: weeks), a display choice: predictions are asked for in days.
 */
export interface RepeatSummary {
  /** The customer-table row of each summarised customer, ascending. */
  rows: Int32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
  /** `t_x` and `T` in whole days, as counted. */
  txDays: Int32Array;
  TDays: Int32Array;
  endDay: DayNumber;
  unitDays: number;
}

/** The {@link RepeatSummary} of the purchase days on or before `endDay`. */
export function repeatSummary(h: PurchaseDayHistory, endDay: DayNumber, unitDays = 7): RepeatSummary {
  const n = h.start.length - 1;
  const rows: number[] = [];
  for (let r = 0; r < n; r++) if (h.start[r + 1] > h.start[r] && h.day[h.start[r]] <= endDay) rows.push(r);
  const k = rows.length;
  const s: RepeatSummary = {
    rows: Int32Array.from(rows),
    x: new Float64Array(k),
    tx: new Float64Array(k),
    T: new Float64Array(k),
    m: new Float64Array(k),
    txDays: new Int32Array(k),
    TDays: new Int32Array(k),
    endDay,
    unitDays,
  };
  for (let i = 0; i < k; i++) {
    const r = rows[i];
    const first = h.start[r];
    const end = daysThrough(h, r, endDay);
    const x = end - first - 1;
    s.x[i] = x;
    s.txDays[i] = h.day[end - 1] - h.day[first];
    s.TDays[i] = endDay - h.day[first];
    s.tx[i] = s.txDays[i] / unitDays;
    s.T[i] = s.TDays[i] / unitDays;
    let sum = 0;
    for (let j = first + 1; j < end; j++) sum += h.revenue[j];
    s.m[i] = x > 0 ? sum / x : NaN;
  }
  return s;
}

/** Per summarised customer, their purchase days after `afterDay` and on or before `lastDay`: the holdout counts. */
export function purchaseDaysBetween(h: PurchaseDayHistory, rows: Int32Array, afterDay: DayNumber, lastDay: DayNumber): Uint32Array {
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = daysThrough(h, rows[i], lastDay) - daysThrough(h, rows[i], afterDay);
  return out;
}
