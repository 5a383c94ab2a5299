import type { CustomerTable, DayNumber, TransactionColumns } from '../types.ts';
import { fromMoneyUnits, moneyUnits } from './money.ts';
import { releaseBuffers } from '../release-buffers.ts';

/**
 * Every customer's purchase days in compressed sparse rows, indexed like the
 * {@link CustomerTable}: row r's days are entries `start[r] .. start[r + 1] - 1` of `day` and
 * `revenue`, ascending and distinct. A purchase day is a day with a purchase line (amount > 0);
 * its revenue is the net of all the customer's lines that day (returns that day netted), summed
 * exactly as money is (see {@link moneyUnits}).
 * Returns on a day without a purchase belong to no purchase day.
 *
 * This is what lifetime-value models need from the transactions (the repeat-purchase summary
 * at any calibration end, the holdout counts), in two typed arrays that cross to the analysis
 * worker transferred, instead of the transaction table.
 */
export interface PurchaseDayHistory {
  start: Int32Array;
  day: Int32Array;
  revenue: Float64Array;
}

/**
 * Builds the {@link PurchaseDayHistory} of the customers of `customers` (the table
 * {@link aggregateCustomers} made from `tx`: customers with a purchase line, in code order).
 *
 * Cost: a counting sort of the lines by customer, then one numeric sort per customer of keys that
 * pack (day, line number) into a double, so no comparator and no per-line objects. The key holds
 * the line's number in the file, not a copy of its amount: a second array of 8 bytes a line (80 MB
 * at 10M lines) was the largest part of the load's peak memory while the metrics were made.
 *
 * @throws Error when `customers` is not the table aggregated from `tx`.
 */
export function purchaseDayHistory(tx: TransactionColumns, customers: CustomerTable): PurchaseDayHistory {
  const { customer, amount, day, length } = tx;
  const nAll = tx.customerIds.length;
  const lines = new Int32Array(nAll);
  const buys = new Uint8Array(nAll);
  let minDay = 2147483647;
  for (let i = 0; i < length; i++) {
    if (amount[i] === 0) continue;
    const c = customer[i];
    lines[c]++;
    if (amount[i] > 0) buys[c] = 1;
    if (day[i] < minDay) minDay = day[i];
  }
  const n = customers.n;
  const rowOf = new Int32Array(nAll).fill(-1);
  const lineStart = new Int32Array(n + 1);
  let r = 0;
  for (let c = 0; c < nAll; c++) {
    if (!buys[c]) continue;
    if (r >= n || customers.ids[r] !== tx.customerIds[c]) {
      throw new Error(`purchaseDayHistory: the customer table does not match the transactions (row ${r}: table id ${JSON.stringify(customers.ids[r])}, transactions id ${JSON.stringify(tx.customerIds[c])})`);
    }
    rowOf[c] = r;
    lineStart[r + 1] = lineStart[r] + lines[c];
    r++;
  }
  if (r !== n) throw new Error(`purchaseDayHistory: the customer table has ${n} customers, the transactions ${r} with a purchase`);

  // Key = (day − minDay) · 2^32 + line number: exact in a double for 2^20 days. A row's lines
  // are placed in file order, so the sort keeps a day's lines in file order, as before.
  const total = lineStart[n];
  const keys = new Float64Array(total);
  const next = lineStart.slice(0, n);
  for (let i = 0; i < length; i++) {
    const row = rowOf[customer[i]];
    if (row < 0 || amount[i] === 0) continue;
    keys[next[row]++] = (day[i] - minDay) * 4294967296 + i;
  }

  // Two passes over the sorted keys: the first counts the purchase days, so the second writes
  // them into arrays of their exact size. Arrays sized for every line and then cut (12 bytes a
  // line, about 115 MB at 10M rows) were the largest part of the import's peak memory here.
  const start = new Int32Array(n + 1);
  for (let row = 0; row < n; row++) {
    const s = lineStart[row];
    const e = lineStart[row + 1];
    keys.subarray(s, e).sort();
    start[row + 1] = start[row] + eachPurchaseDay(keys, amount, s, e, () => {});
  }
  const outDay = new Int32Array(start[n]);
  const outRevenue = new Float64Array(start[n]);
  let o = 0;
  for (let row = 0; row < n; row++) {
    eachPurchaseDay(keys, amount, lineStart[row], lineStart[row + 1], (d, net) => {
      outDay[o] = d + minDay;
      outRevenue[o++] = fromMoneyUnits(net);
    });
  }
  releaseBuffers(keys, lines, buys, rowOf, lineStart, next);
  return { start, day: outDay, revenue: outRevenue };
}

/**
 * Calls `use(day offset, net money units)` for each purchase day of one row's sorted keys
 * `s .. e - 1` (a day with a purchase line; returns that day netted); returns how many.
 * `amount` is the transactions' column, read by the line number in each key.
 */
function eachPurchaseDay(keys: Float64Array, amount: Float64Array, s: number, e: number, use: (d: number, net: number) => void): number {
  let days = 0;
  let k = s;
  while (k < e) {
    const d = Math.floor(keys[k] / 4294967296);
    let net = 0;
    let bought = false;
    while (k < e && Math.floor(keys[k] / 4294967296) === d) {
      const a = amount[keys[k] % 4294967296];
      net += moneyUnits(a);
      if (a > 0) bought = true;
      k++;
    }
    if (bought) {
      use(d, net);
      days++;
    }
  }
  return days;
}

/** The buffers of a history, to transfer across a worker boundary. */
export function historyBuffers(h: PurchaseDayHistory): ArrayBuffer[] {
  return [h.start.buffer as ArrayBuffer, h.day.buffer as ArrayBuffer, h.revenue.buffer as ArrayBuffer];
}

/**
 * The entry range of row `r`'s purchase days on or before `lastDay` (the analysis date or a
 * calibration end): `[start[r], end)`. Windowing by date in one place, so the calibration period
 * and the holdout use the same cut.
 */
export function daysThrough(h: PurchaseDayHistory, r: number, lastDay: DayNumber): number {
  let lo = h.start[r];
  let hi = h.start[r + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.day[mid] <= lastDay) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
