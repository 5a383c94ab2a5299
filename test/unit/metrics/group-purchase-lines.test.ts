import { describe, expect, it } from 'vitest';
import type { CustomerTable, TransactionColumns } from '../../../src/core/types.ts';
import { groupPurchaseLines } from '../../../src/core/metrics/group-purchase-lines.ts';

const base = { order: null, orderIds: null, orderCount: 0, quantity: null, category: null, categoryNames: null, channel: null, channelNames: null };

/** Only `n` and `ids` are read. */
function table(ids: string[]): CustomerTable {
  const n = ids.length;
  return { n, ids, firstDay: new Int32Array(n), lastDay: new Int32Array(n), frequency: new Uint32Array(n), monetary: new Float64Array(n) };
}

describe('groupPurchaseLines(tx, customers)', () => {
  // Customers x (code 0), y (1: only a return), z (2). Lines in file order:
  // 0 z day 5 +1, 1 x day 3 +2, 2 y day 4 −1, 3 x day 1 +4, 4 z day 2 0 (zero value), 5 z day 9 +8.
  const tx: TransactionColumns = {
    ...base,
    length: 6,
    customer: Int32Array.from([2, 0, 1, 0, 2, 2]),
    day: Int32Array.from([5, 3, 4, 1, 2, 9]),
    amount: Float64Array.from([1, 2, -1, 4, 0, 8]),
    customerIds: ['x', 'y', 'z'],
  };

  it('groups the purchase lines by table row, in file order within a row', () => {
    const g = groupPurchaseLines(tx, table(['x', 'z']));
    expect(Array.from(g.rowOf)).toEqual([0, -1, 1]);
    expect(Array.from(g.start)).toEqual([0, 2, 4]);
    expect(Array.from(g.days)).toEqual([3, 1, 5, 9]);
  });

  it('refuses a table with other customers or another count', () => {
    expect(() => groupPurchaseLines(tx, table(['x', 'y']))).toThrow(/row 1: table id "y", transactions id "z"/);
    expect(() => groupPurchaseLines(tx, table(['x']))).toThrow(/does not match/);
    expect(() => groupPurchaseLines(tx, table(['x', 'z', 'w']))).toThrow(/has 3 customers, the transactions 2 with a purchase/);
  });
});
