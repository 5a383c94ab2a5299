import { describe, expect, it } from 'vitest';
import type { TransactionColumns } from '../../../src/core/types.ts';
import { aggregateCustomers } from '../../../src/core/metrics/aggregate-customers.ts';
import { RECENT_WINDOW_DAYS, customerMetrics, type CustomerMetrics } from '../../../src/core/metrics/customer-metrics.ts';

type Line = [customer: string, day: number, amount: number, order: string, quantity: number, category: number, channel: number];

const CATEGORIES = ['toys', 'books', 'games'];
const CHANNELS = ['web', 'store'];

/** Dictionary-encodes ids in order of first appearance, as ingest does. */
function encode(values: string[]): { codes: Int32Array; names: string[] } {
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (!index.has(v)) index.set(v, index.size);
    return index.get(v)!;
  });
  return { codes, names: [...index.keys()] };
}

function tx(lines: Line[]): TransactionColumns {
  const customers = encode(lines.map((l) => l[0]));
  const orders = encode(lines.map((l) => l[3]));
  return {
    length: lines.length,
    customer: customers.codes,
    day: Int32Array.from(lines, (l) => l[1]),
    amount: Float64Array.from(lines, (l) => l[2]),
    order: orders.codes,
    customerIds: customers.names,
    orderIds: orders.names,
    orderCount: orders.names.length,
    quantity: Float64Array.from(lines, (l) => l[4]),
    category: Int32Array.from(lines, (l) => l[5]),
    categoryNames: CATEGORIES,
    channel: Int32Array.from(lines, (l) => l[6]),
    channelNames: CHANNELS,
  };
}

function metricsOf(t: TransactionColumns, analysisDay: number) {
  const { customers } = aggregateCustomers(t);
  return { customers, metrics: customerMetrics(t, customers, analysisDay) };
}

/** One customer's values, for readable expectations. */
function row(m: CustomerMetrics, r: number) {
  return {
    tenureDays: m.tenureDays[r],
    averageOrderValue: m.averageOrderValue[r],
    items: m.items[r],
    returnLines: m.returnLines[r],
    returnValue: m.returnValue[r],
    purchaseDays: m.purchaseDays[r],
    meanGapDays: m.meanGapDays[r],
    medianGapDays: m.medianGapDays[r],
    daysOverdue: m.daysOverdue[r],
    preferredChannel: m.preferredChannel[r],
    preferredChannelShare: m.preferredChannelShare[r],
    topCategory: m.topCategory[r],
    topCategoryShare: m.topCategoryShare[r],
    categoriesBought: m.categoriesBought[r],
  };
}

// Categories: 0 toys, 1 books, 2 games. Channels: 0 web, 1 store. -1 = none on the line.
// Analysis day 221, the day after the last line (e's return on day 220).
const SHOP: Line[] = [
  ['a', 100, 30, 'o1', 3, 0, 0],
  ['a', 100, 20, 'o1', 2, 1, 0],
  ['a', 102, 50, 'o2', 5, 0, 1],
  ['a', 130, 40, 'o3', 1, 2, 1],
  ['a', 135, -20, 'r1', -2, 0, 1], // return
  ['a', 160, 60, 'o5', 6, 0, -1], // no channel
  ['a', 161, 10, 'o6', 1, -1, 0], // no category
  ['b', 150, 25, 'o7', 1, 1, -1], // one order, one line, no channel
  ['c', 120, -15, 'r2', -1, 0, 0], // only a return: not a customer
  ['d', 140, 40, 'o8', 4, 1, 1], // ties: store then web, books then games
  ['d', 140, 40, 'o8', 4, 2, 0],
  ['e', 200, 10, 'o10', 1, 0, 0], // two orders on day 200
  ['e', 200, 20, 'o11', 2, 0, 0],
  ['e', 203, 30, 'o12', 3, 1, 1],
  ['e', 210, 15, 'o13', 1, 1, 1],
  ['e', 215, 0, 'o14', 1, 2, 0], // zero value: neither purchase nor return
  ['e', 220, -5, 'r3', -1, 1, 1], // return after the last purchase
];

describe('customerMetrics(tx, customers, analysisDay)', () => {
  const { customers, metrics } = metricsOf(tx(SHOP), 221);

  it('has one row per customer of the table, in its order', () => {
    expect(customers.ids).toEqual(['a', 'b', 'd', 'e']);
    expect(metrics.n).toBe(4);
    expect(metrics.analysisDay).toBe(221);
  });

  it('computes every metric for a repeat customer with a return', () => {
    // a: orders o1 o2 o3 o5 o6 = 5; net revenue 30+20+50+40−20+60+10 = 190.
    // Purchase days 100, 102, 130, 160, 161: gaps 2, 28, 30, 1.
    // Purchase revenue 210: web 30+20+10 = 60, store 50+40 = 90, no channel 60;
    // toys 30+50+60 = 140, books 20, games 40, no category 10.
    expect(customers.frequency[0]).toBe(5);
    expect(customers.monetary[0]).toBe(190);
    const a = row(metrics, 0);
    expect(a).toEqual({
      tenureDays: 61, // 161 − 100
      averageOrderValue: 38, // 190 / 5
      items: 18, // 3+2+5+1+6+1, the return's −2 left out
      returnLines: 1,
      returnValue: 20,
      purchaseDays: 5,
      meanGapDays: 15.25, // (2+28+30+1) / 4 = (161 − 100) / 4
      medianGapDays: 15, // sorted 1, 2, 28, 30: (2 + 28) / 2
      daysOverdue: 45, // recency 221 − 161 = 60, minus 15
      preferredChannel: 1, // store
      preferredChannelShare: a.preferredChannelShare,
      topCategory: 0, // toys
      topCategoryShare: a.topCategoryShare,
      categoriesBought: 3,
    });
    expect(a.preferredChannelShare).toBeCloseTo(90 / 210, 12);
    expect(a.topCategoryShare).toBeCloseTo(140 / 210, 12);
  });

  it('gives a one-order customer no gaps and no overdue days', () => {
    // b: one line of 25 on day 150, channel -1, category books.
    expect(row(metrics, 1)).toEqual({
      tenureDays: 0,
      averageOrderValue: 25,
      items: 1,
      returnLines: 0,
      returnValue: 0,
      purchaseDays: 1,
      meanGapDays: NaN,
      medianGapDays: NaN,
      daysOverdue: NaN,
      preferredChannel: -1, // the only line has no channel
      preferredChannelShare: NaN,
      topCategory: 1,
      topCategoryShare: 1,
      categoriesBought: 1,
    });
  });

  it('breaks ties in revenue by the lower code, whichever line comes first', () => {
    // d: store 40 is reached first, then web 40: web (0) wins the tie.
    //    books 40 is reached first, then games 40: books (1) keeps it.
    const d = row(metrics, 2);
    expect(d.preferredChannel).toBe(0);
    expect(d.preferredChannelShare).toBe(0.5); // 40 / 80
    expect(d.topCategory).toBe(1);
    expect(d.topCategoryShare).toBe(0.5);
    expect(d.categoriesBought).toBe(2);
    expect(d.averageOrderValue).toBe(80); // one order o8 of 40 + 40
  });

  it('counts several orders on one day as one purchase day, and nets returns without dating them', () => {
    // e: orders o10 o11 o12 o13 = 4 (o14 is zero-value, r3 a return); net 10+20+30+15−5 = 70.
    // Purchase days 200, 203, 210 (the return on day 220 does not move the last purchase).
    expect(customers.frequency[3]).toBe(4);
    expect(customers.monetary[3]).toBe(70);
    const e = row(metrics, 3);
    expect(e).toEqual({
      tenureDays: 10, // 210 − 200
      averageOrderValue: 17.5, // 70 / 4
      items: 7, // 1+2+3+1; the zero-value line's unit does not count
      returnLines: 1,
      returnValue: 5,
      purchaseDays: 3,
      meanGapDays: 5, // gaps 3, 7
      medianGapDays: 5,
      daysOverdue: 6, // recency 221 − 210 = 11, minus 5
      preferredChannel: 1, // web 10+20 = 30, store 30+15 = 45
      preferredChannelShare: 0.6, // 45 / 75
      topCategory: 1, // toys 30, books 45; games only on the zero-value line
      topCategoryShare: 0.6,
      categoriesBought: 2,
    });
  });

  it('leaves a customer with only returns out, returns and all', () => {
    // c's return of 15 is not on any row: the table has no c.
    expect(Array.from(metrics.returnLines)).toEqual([1, 0, 0, 1]);
    expect(Array.from(metrics.returnValue)).toEqual([20, 0, 0, 5]);
  });

  it('measures overdue days against the analysis day given', () => {
    // a: recency 300 − 161 = 139, minus median gap 15; e: 300 − 210 − 5.
    const later = metricsOf(tx(SHOP), 300).metrics;
    expect(Array.from(later.daysOverdue)).toEqual([124, NaN, NaN, 85]);
    // A negative value: the next purchase is not due yet (a, on day 170: 9 − 15).
    expect(metricsOf(tx(SHOP), 170).metrics.daysOverdue[0]).toBe(-6);
  });
});

describe('customerMetrics without the optional columns', () => {
  // The same lines with no quantity, category, channel or order column: orders become
  // purchase days, items and categories are empty, no preferences.
  const plain: TransactionColumns = { ...tx(SHOP), order: null, orderIds: null, orderCount: 0, quantity: null, category: null, categoryNames: null, channel: null, channelNames: null };
  const { customers, metrics } = metricsOf(plain, 221);

  it('leaves items and categories empty (NaN) and preferences at -1', () => {
    expect(Array.from(metrics.items)).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(metrics.categoriesBought)).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(metrics.preferredChannel)).toEqual([-1, -1, -1, -1]);
    expect(Array.from(metrics.topCategory)).toEqual([-1, -1, -1, -1]);
    expect(Array.from(metrics.preferredChannelShare)).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(metrics.topCategoryShare)).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('still computes what needs only customer, day and amount', () => {
    // Orders are now purchase days: a 5, b 1, d 1, e 3. AOV: 190/5, 25/1, 80/1, 70/3.
    expect(Array.from(customers.frequency)).toEqual([5, 1, 1, 3]);
    expect(Array.from(metrics.averageOrderValue)).toEqual([38, 25, 80, 70 / 3]);
    expect(Array.from(metrics.purchaseDays)).toEqual([5, 1, 1, 3]);
    expect(Array.from(metrics.medianGapDays)).toEqual([15, NaN, NaN, 5]);
    expect(Array.from(metrics.meanGapDays)).toEqual([15.25, NaN, NaN, 5]);
    expect(Array.from(metrics.tenureDays)).toEqual([61, 0, 0, 10]);
    expect(Array.from(metrics.returnLines)).toEqual([1, 0, 0, 1]);
  });
});

describe('customerMetrics checks its inputs', () => {
  it('refuses a customer table that was not aggregated from the transactions', () => {
    const other = aggregateCustomers(tx(SHOP.filter((l) => l[0] !== 'b'))).customers;
    expect(() => customerMetrics(tx(SHOP), other, 221)).toThrow(/customer table does not match/);
  });

  it('refuses a code beyond the names it is given', () => {
    const bad = { ...tx(SHOP), channelNames: ['web'] };
    expect(() => customerMetrics(bad, aggregateCustomers(bad).customers, 221)).toThrow(/code 1 is out of range: there are 1 names/);
  });
});

describe('customerMetrics: the last 6 months', () => {
  it('counts orders and nets revenue in the 182 days before the analysis day', () => {
    // Analysis day 1000: the window is days 818..999.
    // a: order 0 on day 700 (outside), orders 1 and 2 on days 818 and 999 (two lines), a return on 900.
    // b: no order column would count days; here order 3 on day 817 (just outside).
    const tx: TransactionColumns = {
      length: 6,
      customer: Int32Array.of(0, 0, 0, 0, 0, 1),
      day: Int32Array.of(700, 818, 999, 999, 900, 817),
      amount: Float64Array.of(10, 20, 30, 5, -8, 40),
      order: Int32Array.of(0, 1, 2, 2, 4, 3),
      orderCount: 5,
      customerIds: ['a', 'b'],
      orderIds: null,
      quantity: null,
      category: null,
      categoryNames: null,
      channel: null,
      channelNames: null,
    };
    expect(RECENT_WINDOW_DAYS).toBe(182);
    const m = customerMetrics(tx, aggregateCustomers(tx).customers, 1000);
    expect([...m.recentOrders]).toEqual([2, 0]);
    // a: 20 + 30 + 5 - 8 = 47; b: nothing in the window.
    expect([...m.recentRevenue]).toEqual([47, 0]);
  });
});
