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

/** Most sort keys held at once (8 bytes each: 16 MB); a customer with more lines is a block alone. */
const KEY_BUDGET = 1 << 21;

/**
 * Builds the {@link PurchaseDayHistory} of the customers of `customers` (the table
 * {@link aggregateCustomers} made from `tx`: customers with a purchase line, in code order).
 * `purchaseDays`, each row's count of purchase days when known (customerMetrics has them), sizes
 * the result without counting first; `keyBudget` is the most keys held at once ({@link KEY_BUDGET}).
 *
 * Cost: a counting sort of the lines by customer, then one numeric sort per customer of keys that
 * pack (day, line number) into a double, so no comparator and no per-line objects. The keys are
 * made for a block of customers at a time (one pass over the lines each, {@link KEY_BUDGET} keys
 * at most): keys for every line at once were 80 MB at 10M lines, the largest part of the metrics
 * step's peak memory. The key holds the line's number in the file, not a copy of its amount.
 *
 * @throws Error when `customers` is not the table aggregated from `tx`.
 */
export function purchaseDayHistory(tx: TransactionColumns, customers: CustomerTable, { purchaseDays, keyBudget = KEY_BUDGET }: { purchaseDays?: Uint32Array; keyBudget?: number } = {}): PurchaseDayHistory {
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
  if (purchaseDays && purchaseDays.length !== n) throw new Error(`purchaseDayHistory: ${purchaseDays.length} purchase-day counts for ${n} customers`);
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
  releaseBuffers(lines, buys);

  // Blocks of rows [from, to) with at most keyBudget lines (or one row with more).
  const blocks: Array<[number, number]> = [];
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && lineStart[to + 1] - lineStart[from] <= keyBudget) to++;
    blocks.push([from, to]);
    from = to;
  }
  let most = 0;
  for (const [from, to] of blocks) most = Math.max(most, lineStart[to] - lineStart[from]);
  const keys = new Float64Array(most);
  // Key = (day − minDay) · 2^32 + line number: exact in a double for 2^20 days. A row's lines are
  // placed in file order, so the sort keeps a day's lines in file order. Rows' keys start at
  // lineStart[row] − lineStart[from].
  const sortedKeys = (from: number, to: number) => {
    const base = lineStart[from];
    const next = lineStart.slice(from, to);
    for (let i = 0; i < length; i++) {
      const row = rowOf[customer[i]];
      if (row < from || row >= to || amount[i] === 0) continue;
      keys[next[row - from]++ - base] = (day[i] - minDay) * 4294967296 + i;
    }
    for (let row = from; row < to; row++) sortKeys(keys, lineStart[row] - base, lineStart[row + 1] - base);
  };

  const start = new Int32Array(n + 1);
  // With one block the keys sorted for counting serve for writing too.
  const counted = !purchaseDays && blocks.length === 1;
  if (purchaseDays) {
    for (let row = 0; row < n; row++) start[row + 1] = start[row] + purchaseDays[row];
  } else {
    for (const [from, to] of blocks) {
      sortedKeys(from, to);
      const base = lineStart[from];
      for (let row = from; row < to; row++) start[row + 1] = start[row] + eachPurchaseDay(keys, amount, lineStart[row] - base, lineStart[row + 1] - base, () => {});
    }
  }
  const outDay = new Int32Array(start[n]);
  const outRevenue = new Float64Array(start[n]);
  let o = 0;
  for (const [from, to] of blocks) {
    if (!counted) sortedKeys(from, to);
    const base = lineStart[from];
    for (let row = from; row < to; row++) {
      const days = eachPurchaseDay(keys, amount, lineStart[row] - base, lineStart[row + 1] - base, (d, net) => {
        outDay[o] = d + minDay;
        outRevenue[o++] = fromMoneyUnits(net);
      });
      if (days !== start[row + 1] - start[row]) throw new Error(`purchaseDayHistory: row ${row} has ${days} purchase days, ${start[row + 1] - start[row]} were counted`);
    }
  }
  releaseBuffers(keys, rowOf, lineStart);
  return { start, day: outDay, revenue: outRevenue };
}

/**
 * Sorts keys[s, e) ascending: short runs (most customers' lines) by insertion, in place, where a
 * typed-array sort per customer cost a view and a call each (seconds for 500k customers).
 */
function sortKeys(keys: Float64Array, s: number, e: number): void {
  if (e - s > 32) {
    keys.subarray(s, e).sort();
    return;
  }
  for (let i = s + 1; i < e; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= s && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
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
