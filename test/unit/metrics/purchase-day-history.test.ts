import { describe, expect, test } from 'vitest';
import { aggregateCustomers } from '../../../src/core/index.ts';
import { dayLines } from '../day-lines.ts';
import { daysThrough, purchaseDayHistory } from '../../../src/core/metrics/purchase-day-history.ts';
import { mulberry32 } from '../../../scripts/mulberry32.mjs';

describe('purchaseDayHistory(tx, customers)', () => {
  test('distinct purchase days ascending per customer row, with the day\'s net revenue; customers with only returns have no row', () => {
    // Customer 1 ("b") has only a return: not in the table. Lines out of date order.
    const t = dayLines([['a', 20, 5], ['c', 3, 7], ['b', 4, -9], ['a', 10, 4], ['a', 20, -2], ['a', 10, 6], ['a', 15, -1]], ['a', 'b', 'c']);
    const h = purchaseDayHistory(t, aggregateCustomers(t).customers);
    expect(Array.from(h.start)).toEqual([0, 2, 3]);
    expect(Array.from(h.day)).toEqual([10, 20, 3]);
    expect(Array.from(h.revenue)).toEqual([10, 3, 7]);
    expect(daysThrough(h, 0, 19)).toBe(1);
    expect(daysThrough(h, 0, 20)).toBe(2);
    expect(daysThrough(h, 1, 2)).toBe(2);
  });

  // 60 customers: 50 lines each on average (sorted as a typed array); 600: 5 (sorted by insertion).
  // Key budgets: all lines at once, blocks of a few customers, every customer alone.
  test.each([60, 600])('agrees with a plain per-customer map on 3,000 random lines of %i customers with returns, zero lines and shared days, in blocks of any size; arrays of their exact size', (customerCount) => {
    const rnd = mulberry32(20261204);
    const ids = Array.from({ length: customerCount }, (_, i) => `c${i}`);
    const lines: Array<[string, number, number]> = [];
    for (let i = 0; i < 3000; i++) {
      const cents = Math.floor(rnd() * 4000) - 800;
      lines.push([ids[Math.floor(rnd() * ids.length)], 100 + Math.floor(rnd() * 40), cents / 100]);
    }
    const t = dayLines(lines, ids);
    const customers = aggregateCustomers(t).customers;
    // Reference: per customer, per day, the net in cents and whether a purchase line is there.
    const byCustomer = new Map<string, Map<number, { cents: number; bought: boolean }>>();
    for (const [id, day, amount] of lines) {
      if (amount === 0) continue;
      const days = byCustomer.get(id) ?? new Map();
      byCustomer.set(id, days);
      const d = days.get(day) ?? { cents: 0, bought: false };
      d.cents += Math.round(amount * 100);
      d.bought ||= amount > 0;
      days.set(day, d);
    }
    const expected = Array.from({ length: customers.n }, (_, r) => [...(byCustomer.get(customers.ids[r])?.entries() ?? [])].filter(([, d]) => d.bought).sort((a, b) => a[0] - b[0]));
    const total = expected.reduce((n, e) => n + e.length, 0);
    const purchaseDays = Uint32Array.from(expected, (e) => e.length);
    for (const options of [{}, { keyBudget: 150 }, { keyBudget: 1 }, { keyBudget: 150, purchaseDays }, { purchaseDays }]) {
      const h = purchaseDayHistory(t, customers, options);
      for (let r = 0; r < customers.n; r++) {
        expect(Array.from(h.day.subarray(h.start[r], h.start[r + 1]))).toEqual(expected[r].map(([day]) => day));
        expect(Array.from(h.revenue.subarray(h.start[r], h.start[r + 1]))).toEqual(expected[r].map(([, d]) => d.cents / 100));
      }
      expect(h.start[customers.n]).toBe(total);
      expect(h.day.buffer.byteLength).toBe(total * 4);
      expect(h.revenue.buffer.byteLength).toBe(total * 8);
    }
    // Counts that do not match the lines are refused, not written past.
    const wrong = purchaseDays.slice();
    wrong[3]++;
    expect(() => purchaseDayHistory(t, customers, { purchaseDays: wrong })).toThrow(/row 3 has \d+ purchase days, \d+ were counted/);
  });

  test('a table that was not made from these transactions is refused', () => {
    const t = dayLines([['a', 1, 5]]);
    expect(() => purchaseDayHistory(t, { ...aggregateCustomers(t).customers, ids: ['z'] })).toThrow('purchaseDayHistory: the customer table does not match the transactions (row 0: table id "z", transactions id "a")');
  });
});
