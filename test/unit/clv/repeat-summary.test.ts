import { describe, expect, test } from 'vitest';
import { repeatSummary, purchaseDaysBetween } from '../../../src/core/clv/repeat-summary.ts';
import { purchaseDayHistory } from '../../../src/core/metrics/purchase-day-history.ts';
import { aggregateCustomers } from '../../../src/core/index.ts';
import { dayLines } from '../day-lines.ts';
import { CALIBRATION_END, HOLDOUT_END, cdnowTransactions, publishedSummary } from './cdnow.ts';

describe('repeatSummary(history, endDay, unitDays)', () => {
  test('counts purchase days, not orders: x = days − 1, t_x and T in the unit, m the mean of the repeat days', () => {
    // c1: two orders on day 10 (one day), day 17 (30 + a 5 return that day), day 31 after the end.
    // c2: one purchase day only. c3: first purchase after the end, so not summarised.
    const tx = dayLines([
      ['c1', 10, 20], ['c1', 10, 15], ['c1', 17, 30], ['c1', 17, -5], ['c1', 24, 12], ['c1', 31, 99],
      ['c2', 12, 40],
      ['c3', 29, 10],
    ]);
    const { customers } = aggregateCustomers(tx);
    const s = repeatSummary(purchaseDayHistory(tx, customers), 24, 7);
    expect(Array.from(s.rows)).toEqual([0, 1]);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(Array.from(s.txDays)).toEqual([14, 0]);
    expect(Array.from(s.TDays)).toEqual([14, 12]);
    expect(s.tx[0]).toBe(2);
    expect(s.T[1]).toBeCloseTo(12 / 7, 12);
    expect(s.m[0]).toBe((25 + 12) / 2);
    expect(s.m[1]).toBeNaN();
    // In days the same counts, other units.
    expect(repeatSummary(purchaseDayHistory(tx, customers), 24, 1).T[0]).toBe(14);
    expect(Array.from(purchaseDaysBetween(purchaseDayHistory(tx, customers), s.rows, 24, 31))).toEqual([1, 0]);
  });

  test('a return on a day without a purchase belongs to no purchase day', () => {
    const tx = dayLines([['c1', 1, 10], ['c1', 2, -4], ['c1', 3, 6]]);
    const h = purchaseDayHistory(tx, aggregateCustomers(tx).customers);
    expect(Array.from(h.day)).toEqual([1, 3]);
    expect(Array.from(h.revenue)).toEqual([10, 6]);
  });
});

describe('the CDNOW sample summarised by the app equals the published summary', () => {
  const published = publishedSummary();

  function compare(freePurchases: boolean) {
    const { history, customers } = cdnowTransactions('sample', { freePurchases });
    const s = repeatSummary(history, CALIBRATION_END, 7);
    const seen = new Set<string>();
    const holdout = purchaseDaysBetween(history, s.rows, CALIBRATION_END, HOLDOUT_END);
    for (let i = 0; i < s.rows.length; i++) {
      const id = customers.ids[s.rows[i]];
      const p = published.get(id)!;
      seen.add(id);
      // The published file has 2 decimals (22.345 is written 22.35): equal within half a cent.
      const near = (a: number, b: number) => Math.abs(a - b) <= 0.005 + 1e-9;
      const m = s.x[i] > 0 ? s.m[i] : 0;
      expect([id, s.x[i], near(s.tx[i], p.tx), near(s.T[i], p.T), near(m, p.zbar), holdout[i]]).toEqual([id, p.x, true, true, true, p.xStar]);
    }
    return { s, missing: [...published.keys()].filter((id) => !seen.has(id)) };
  }

  test('x, t_x, T, m and the holdout counts agree for every customer the app has (2,349)', () => {
    const { s, missing } = compare(false);
    expect(s.rows.length).toBe(2349);
    // The 8 left out bought one CD for $0.00 and nothing else: the app counts purchases by amount > 0.
    expect(missing.sort()).toEqual(['1080', '1195', '1293', '155', '2086', '227', '286', '87']);
    expect(missing.every((id) => published.get(id)!.x === 0)).toBe(true);
  });

  test('counting a $0.00 purchase as one, as the papers do, all 2,357 agree', () => {
    const { s, missing } = compare(true);
    expect(s.rows.length).toBe(2357);
    expect(missing).toEqual([]);
    expect(Array.from(s.x).filter((x) => x > 0).length).toBe(946);
  });
});

test('the calibration cut on the purchase days is the cut transactionsThrough makes on the transactions', async () => {
  const { transactionsThrough } = await import('../../../src/core/metrics/transactions-through.ts');
  const { tx, customers, history } = cdnowTransactions('sample');
  const cut = repeatSummary(history, CALIBRATION_END, 7);
  const windowed = transactionsThrough(tx, CALIBRATION_END).transactions;
  const wCustomers = aggregateCustomers(windowed).customers;
  const viaTx = repeatSummary(purchaseDayHistory(windowed, wCustomers), CALIBRATION_END, 7);
  expect(Array.from(cut.rows, (r) => customers.ids[r])).toEqual(Array.from(viaTx.rows, (r) => wCustomers.ids[r]));
  for (const key of ['x', 'tx', 'T', 'm'] as const) expect(Array.from(cut[key])).toEqual(Array.from(viaTx[key]));
});
