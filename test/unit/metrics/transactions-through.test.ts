import { describe, expect, it } from 'vitest';
import { aggregateCustomers, customerMetrics, transactionsThrough, type TransactionColumns } from '../../../src/core/index.ts';

// Customer a buys on days 10 and 20 and returns on 25; b buys on 30 only; c has only a return, on 5.
function tx(): TransactionColumns {
  return {
    length: 5,
    customer: Int32Array.of(0, 0, 0, 1, 2),
    day: Int32Array.of(10, 20, 25, 30, 5),
    amount: Float64Array.of(100, 50, -20, 70, -5),
    order: Int32Array.of(0, 1, 2, 3, 4),
    customerIds: ['a', 'b', 'c'],
    orderIds: ['o1', 'o2', 'r1', 'o3', 'r2'],
    orderCount: 5,
    quantity: Float64Array.of(1, 2, -1, 3, -1),
    category: null,
    categoryNames: null,
    channel: null,
    channelNames: null,
  };
}

describe('transactionsThrough(tx, lastDay)', () => {
  it('keeps the lines dated on or before the day, in order, and counts the later ones', () => {
    const w = transactionsThrough(tx(), 20);
    expect(w.linesAfter).toBe(2);
    expect(w.transactions.length).toBe(3);
    expect([...w.transactions.day]).toEqual([10, 20, 5]);
    expect([...w.transactions.amount]).toEqual([100, 50, -5]);
    expect([...w.transactions.order!]).toEqual([0, 1, 4]);
    expect([...w.transactions.quantity!]).toEqual([1, 2, -1]);
    expect(w.transactions.customerIds).toEqual(['a', 'b', 'c']);
    expect(w.transactions.orderIds).toEqual(['o1', 'o2', 'r1', 'o3', 'r2']);
  });

  it('gives the input back untouched when no line is later', () => {
    const all = tx();
    const w = transactionsThrough(all, 30);
    expect(w.transactions).toBe(all);
    expect(w.linesAfter).toBe(0);
  });

  it('leaves later lines out of every customer figure, so recency is never negative', () => {
    const w = transactionsThrough(tx(), 20);
    const agg = aggregateCustomers(w.transactions);
    // b's only purchase is later: b is not a customer yet; a's return on day 25 is not netted.
    expect(agg.customers.ids).toEqual(['a']);
    expect([...agg.customers.monetary]).toEqual([150]);
    expect([...agg.customers.lastDay]).toEqual([20]);
    expect(agg.customersWithoutPurchase).toBe(1);
    const m = customerMetrics(w.transactions, agg.customers, 20);
    expect(20 - agg.customers.lastDay[0]).toBe(0);
    expect([...m.returnLines]).toEqual([0]);
    expect([...m.items]).toEqual([3]);
  });
});
