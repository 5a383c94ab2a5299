import { describe, expect, test } from 'vitest';
import { aggregateCustomers } from '../../../src/core/index.ts';
import { dayLines } from '../day-lines.ts';
import { daysThrough, purchaseDayHistory } from '../../../src/core/metrics/purchase-day-history.ts';

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

  test('a table that was not made from these transactions is refused', () => {
    const t = dayLines([['a', 1, 5]]);
    expect(() => purchaseDayHistory(t, { ...aggregateCustomers(t).customers, ids: ['z'] })).toThrow('purchaseDayHistory: the customer table does not match the transactions (row 0: table id "z", transactions id "a")');
  });
});
