import { describe, expect, test } from 'vitest';
import { aggregateCustomers } from '../../../src/core/index.ts';
import type { TransactionColumns } from '../../../src/core/index.ts';
import { daysThrough, purchaseDayHistory } from '../../../src/core/metrics/purchase-day-history.ts';

function tx(lines: Array<[number, number, number]>, ids: string[]): TransactionColumns {
  return {
    length: lines.length,
    customer: Int32Array.from(lines, (l) => l[0]),
    day: Int32Array.from(lines, (l) => l[1]),
    amount: Float64Array.from(lines, (l) => l[2]),
    order: null, customerIds: ids, orderIds: null, orderCount: 0,
    quantity: null, category: null, categoryNames: null, channel: null, channelNames: null,
  };
}

describe('purchaseDayHistory(tx, customers)', () => {
  test('distinct purchase days ascending per customer row, with the day\'s net revenue; customers with only returns have no row', () => {
    // Customer 1 ("b") has only a return: not in the table. Lines out of date order.
    const t = tx([[0, 20, 5], [2, 3, 7], [1, 4, -9], [0, 10, 4], [0, 20, -2], [0, 10, 6], [0, 15, -1]], ['a', 'b', 'c']);
    const h = purchaseDayHistory(t, aggregateCustomers(t).customers);
    expect(Array.from(h.start)).toEqual([0, 2, 3]);
    expect(Array.from(h.day)).toEqual([10, 20, 3]);
    expect(Array.from(h.revenue)).toEqual([10, 3, 7]);
    expect(daysThrough(h, 0, 19)).toBe(1);
    expect(daysThrough(h, 0, 20)).toBe(2);
    expect(daysThrough(h, 1, 2)).toBe(2);
  });

  test('a table that was not made from these transactions is refused', () => {
    const t = tx([[0, 1, 5]], ['a']);
    expect(() => purchaseDayHistory(t, { ...aggregateCustomers(t).customers, ids: ['z'] })).toThrow('purchaseDayHistory: the customer table does not match the transactions (row 0: table id "z", transactions id "a")');
  });
});
