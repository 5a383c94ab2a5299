import { releaseBuffers } from '../release-buffers.ts';
import type { CustomerTable, TransactionColumns } from '../types.ts';
import { fromMoneyUnits, moneyUnits } from './money.ts';

export interface CustomerAggregate {
  customers: CustomerTable;
  /** The customer code (index into the transactions' customerIds) of each row of the table. */
  codes: Int32Array;
  /** Customers with lines but no purchase line (only returns or zero-value lines). */
  customersWithoutPurchase: number;
  /** Sum of frequency over the customer table. */
  orders: number;
  /** Sum of net revenue over the customer table. */
  revenue: number;
  /** Lines with a negative amount (returns, cancellations), netted against their customer. */
  returnLines: number;
}

/**
 * Turns transactions into one row per customer in a single pass over typed columns.
 *
 * Definitions (also in the README and the UI):
 * - a purchase line has amount > 0; a return line has amount < 0 and is netted into revenue;
 * - frequency counts distinct orders that contain a purchase line (without an order column,
 *   distinct days with a purchase);
 * - first and last purchase are the days of the first and last purchase line;
 * - money is summed exactly, in ten-thousandths of the currency (see {@link moneyUnits}).
 *
 * With `kept`, only lines `i` with `kept[i] = 1` count: the lines cleaning keeps, without
 * copying the columns first.
 */
export function aggregateCustomers(tx: TransactionColumns, kept: Uint8Array | null = null): CustomerAggregate {
  return aggregateLineSpans(tx, [tx], kept);
}

/**
 * What {@link aggregateLineSpans} needs beside the lines: the ids by customer code, or (when
 * decoding them all would hold up the table) how many codes there are and a function that
 * decodes them when the table's ids are first read.
 */
export type AggregateNames = Pick<TransactionColumns, 'orderCount'> & ({ customerIds: readonly string[]; customerCount?: never } | { customerIds: () => readonly string[]; customerCount: number });

/** The columns {@link aggregateLineSpans} reads, for a run of lines. */
export interface AggregatedLines {
  length: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  order: Int32Array | null;
}

/**
 * {@link aggregateCustomers} over lines in runs, in order (a file read in parts has one per
 * part, not copied into one), numbered across them for `kept`. The runs all have an order
 * column or none do.
 */
export function aggregateLineSpans(names: AggregateNames, runs: ReadonlyArray<AggregatedLines>, kept: Uint8Array | null = null): CustomerAggregate {
  const nAll = typeof names.customerIds === 'function' ? names.customerCount! : names.customerIds.length;
  const first = new Int32Array(nAll).fill(2147483647);
  const last = new Int32Array(nAll).fill(-2147483648);
  const freq = new Uint32Array(nAll);
  const money = new Float64Array(nAll);
  // Codes without a line here (cleaned out, or after the analysis date) are no one's business.
  const hasLine = new Uint8Array(nAll);
  const byOrder = runs.length > 0 && runs[0].order !== null;
  const sums: Sums = { first, last, freq, money, hasLine, returnLines: 0 };
  if (!byOrder) sumLines(runs, kept, sums, Count.ByDay, nAll, 0);
  else if (!sumLines(runs, kept, sums, Count.ByRun, nAll, 0)) {
    // An order met again after others: start over, with every order's customer remembered.
    first.fill(2147483647);
    last.fill(-2147483648);
    freq.fill(0);
    money.fill(0);
    hasLine.fill(0);
    sumLines(runs, kept, sums, Count.ByOwner, nAll, names.orderCount);
  }
  const returnLines = sums.returnLines;

  let n = 0;
  let withLines = 0;
  for (let c = 0; c < nAll; c++) {
    if (freq[c] > 0) n++;
    withLines += hasLine[c];
  }
  const codes = new Int32Array(n);
  const customers: CustomerTable = {
    n,
    ids: [],
    firstDay: new Int32Array(n),
    lastDay: new Int32Array(n),
    frequency: new Uint32Array(n),
    monetary: new Float64Array(n),
  };
  let orders = 0;
  let revenue = 0;
  for (let c = 0, j = 0; c < nAll; c++) {
    if (freq[c] === 0) continue;
    codes[j] = c;
    customers.firstDay[j] = first[c];
    customers.lastDay[j] = last[c];
    customers.frequency[j] = freq[c];
    customers.monetary[j] = fromMoneyUnits(money[c]);
    orders += freq[c];
    revenue += money[c];
    j++;
  }
  const ids = names.customerIds;
  const pick = (all: readonly string[]) => {
    const out = new Array<string>(n);
    for (let j = 0; j < n; j++) out[j] = all[codes[j]];
    return out;
  };
  if (typeof ids === 'function') {
    // Decoded on first read (their bytes cross to the page packed without it: see packValues).
    let decoded: string[] | null = null;
    Object.defineProperty(customers, 'ids', {
      enumerable: true,
      configurable: true,
      get: () => (decoded ??= pick(ids())),
      set: (value: string[]) => (decoded = value),
    });
  } else customers.ids = pick(ids);
  return { customers, codes, customersWithoutPurchase: withLines - n, orders, revenue: fromMoneyUnits(revenue), returnLines };
}

/** The per-customer sums {@link aggregateLineSpans} fills, by customer code. */
interface Sums {
  first: Int32Array;
  last: Int32Array;
  freq: Uint32Array;
  money: Float64Array;
  hasLine: Uint8Array;
  returnLines: number;
}

/** How {@link sumLines} counts a customer's orders. */
const enum Count {
  /**
   * Order codes that never go down along the purchase lines: then each order's lines come
   * together (codes are given in order of first appearance, so a file whose order ids ascend, as
   * shop exports sorted by date do, reads so), and an order is counted for a customer once per
   * run of its code, with no memory of earlier orders. Remembering every order's customer instead
   * wrote 4 bytes per order for the first time, about 10 MB at 5M lines, before the first answer.
   */
  ByRun,
  /** Order codes in any order: each order's first buyer is remembered, and a set holds the rare order shared by two customers. */
  ByOwner,
  /** No order ids: a customer's distinct purchase days are its orders. */
  ByDay,
}

/**
 * Adds the lines to the sums, counting orders as `count` says; one loop for all three ways, with
 * no function called per line. Returns false, the sums half made, when counting by runs meets a
 * purchase line whose order code is below the one before it.
 */
function sumLines(runs: ReadonlyArray<AggregatedLines>, kept: Uint8Array | null, sums: Sums, count: Count, nAll: number, orderCount: number): boolean {
  const { first, last, freq, money, hasLine } = sums;
  // By runs: the run's order, its first buyer, and any other (an order id shared by two customers: rare).
  let order = -1;
  let buyer = -1;
  let others: number[] | null = null;
  // By owner: each order's first buyer (-1: none yet), and the other (order, customer) pairs.
  const owners = count === Count.ByOwner ? new Int32Array(orderCount).fill(-1) : null;
  // By day: (customer, day) pairs counted, and the day they count from.
  const seen = new Set<number>();
  let minDay = 2147483647;
  let span = 0;
  if (count === Count.ByDay) {
    let maxDay = -2147483648;
    for (const { day, length } of runs) {
      for (let i = 0; i < length; i++) {
        if (day[i] < minDay) minDay = day[i];
        if (day[i] > maxDay) maxDay = day[i];
      }
    }
    span = maxDay - minDay + 1;
  }
  let returnLines = 0;
  let at = 0;
  for (const { customer, day, amount, order: orders, length } of runs) {
    for (let i = 0; i < length; i++) {
      if (kept !== null && kept[at + i] === 0) continue;
      const c = customer[i];
      const a = amount[i];
      hasLine[c] = 1;
      money[c] += moneyUnits(a);
      if (a > 0) {
        const d = day[i];
        if (d < first[c]) first[c] = d;
        if (d > last[c]) last[c] = d;
        if (count === Count.ByRun) {
          const o = orders![i];
          // (No order code is below 0: one that were is left to counting by owner.)
          if (o < order || o < 0) return false;
          if (o !== order) {
            order = o;
            buyer = c;
            others = null;
            freq[c]++;
          } else if (c !== buyer && !(others ??= []).includes(c)) {
            others.push(c);
            freq[c]++;
          }
        } else if (count === Count.ByOwner) {
          const o = orders![i];
          const own = owners![o];
          if (own === -1) {
            owners![o] = c;
            freq[c]++;
          } else if (own !== c) {
            const key = o * nAll + c;
            if (!seen.has(key)) {
              seen.add(key);
              freq[c]++;
            }
          }
        } else {
          const key = c * span + (d - minDay);
          if (!seen.has(key)) {
            seen.add(key);
            freq[c]++;
          }
        }
      } else if (a < 0) returnLines++;
    }
    at += length;
  }
  // One entry per order (16 MB at 4M orders), freed now rather than at a collection.
  releaseBuffers(owners);
  sums.returnLines = returnLines;
  return true;
}

/**
 * The customer count and revenue {@link aggregateCustomers} would give for these lines, in one
 * light pass: customers with a purchase line, and their net revenue (summed per customer in
 * code order and in the same exact units, as there, so the totals agree to the last bit). How the summary tells what the
 * cleaning rules changed without aggregating twice.
 */
export function buyersAndRevenue(runs: ReadonlyArray<{ customer: Int32Array; amount: Float64Array }>, customerCodes: number): { customers: number; revenue: number } {
  const buys = new Uint8Array(customerCodes);
  const money = new Float64Array(customerCodes);
  for (const { customer, amount } of runs) {
    for (let i = 0; i < customer.length; i++) {
      const a = amount[i];
      money[customer[i]] += moneyUnits(a);
      if (a > 0) buys[customer[i]] = 1;
    }
  }
  let customers = 0;
  let revenue = 0;
  for (let c = 0; c < customerCodes; c++) {
    if (buys[c] === 0) continue;
    customers++;
    revenue += money[c];
  }
  return { customers, revenue: fromMoneyUnits(revenue) };
}
