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

  test('agrees with a plain per-customer map on 3,000 random lines with returns, zero lines and shared days; arrays of their exact size', () => {
    const rnd = mulberry32(20261204);
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const lines: Array<[string, number, number]> = [];
    for (let i = 0; i < 3000; i++) {
      const cents = Math.floor(rnd() * 4000) - 800;
      lines.push([ids[Math.floor(rnd() * ids.length)], 100 + Math.floor(rnd() * 40), cents / 100]);
    }
    const t = dayLines(lines, ids);
    const customers = aggregateCustomers(t).customers;
    const h = purchaseDayHistory(t, customers);
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
    let total = 0;
    for (let r = 0; r < customers.n; r++) {
      const expected = [...(byCustomer.get(customers.ids[r])?.entries() ?? [])].filter(([, d]) => d.bought).sort((a, b) => a[0] - b[0]);
      expect(Array.from(h.day.subarray(h.start[r], h.start[r + 1]))).toEqual(expected.map(([day]) => day));
      expect(Array.from(h.revenue.subarray(h.start[r], h.start[r + 1]))).toEqual(expected.map(([, d]) => d.cents / 100));
      total += expected.length;
    }
    expect(h.start[customers.n]).toBe(total);
    expect(h.day.buffer.byteLength).toBe(total * 4);
    expect(h.revenue.buffer.byteLength).toBe(total * 8);
  });

  test('a table that was not made from these transactions is refused', () => {
    const t = dayLines([['a', 1, 5]]);
    expect(() => purchaseDayHistory(t, { ...aggregateCustomers(t).customers, ids: ['z'] })).toThrow('purchaseDayHistory: the customer table does not match the transactions (row 0: table id "z", transactions id "a")');
  });
});
