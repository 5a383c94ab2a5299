import { describe, expect, it } from 'vitest';
import { aggregateCustomers, scoreRfm, type TransactionColumns } from '../../../src/core/index.ts';

function tx(rows: Array<[customer: number, day: number, amount: number, order?: number]>, customerIds: string[], orderIds?: string[]): TransactionColumns {
  return {
    length: rows.length,
    customer: Int32Array.from(rows.map((r) => r[0])),
    day: Int32Array.from(rows.map((r) => r[1])),
    amount: Float64Array.from(rows.map((r) => r[2])),
    order: orderIds ? Int32Array.from(rows.map((r) => r[3]!)) : null,
    customerIds,
    orderIds: orderIds ?? null,
    orderCount: orderIds?.length ?? 0,
    quantity: null,
    category: null,
    categoryNames: null,
    channel: null,
    channelNames: null,
  };
}

describe('aggregateCustomers', () => {
  it('nets returns into revenue but not into orders or dates', () => {
    const agg = aggregateCustomers(
      tx(
        [
          [0, 10, 100, 0],
          [0, 10, 50, 0],
          [0, 20, -30, 1],
          [0, 15, 20, 2],
        ],
        ['a'],
        ['o1', 'r1', 'o2'],
      ),
    );
    expect(agg.customers.ids).toEqual(['a']);
    expect([...agg.customers.frequency]).toEqual([2]);
    expect([...agg.customers.monetary]).toEqual([140]);
    expect([...agg.customers.firstDay]).toEqual([10]);
    expect([...agg.customers.lastDay]).toEqual([15]);
    expect(agg.returnLines).toBe(1);
  });

  it('leaves out customers without a purchase line and counts them', () => {
    const agg = aggregateCustomers(
      tx(
        [
          [0, 1, 10],
          [1, 1, -5],
          [2, 1, 0],
        ],
        ['buyer', 'returner', 'freebie'],
      ),
    );
    expect(agg.customers.ids).toEqual(['buyer']);
    expect(agg.customersWithoutPurchase).toBe(2);
    expect(agg.orders).toBe(1);
    expect(agg.revenue).toBe(10);
  });

  it('counts distinct purchase days as orders without an order column', () => {
    const agg = aggregateCustomers(
      tx(
        [
          [0, 5, 1],
          [0, 5, 1],
          [0, 6, 1],
          [1, 5, 1],
          [1, -3, 1],
        ],
        ['a', 'b'],
      ),
    );
    expect([...agg.customers.frequency]).toEqual([2, 2]);
  });

  it('with a mask of kept lines, gives what the kept lines alone give', () => {
    // Random lines over 40 customers and 120 orders, a random half of them kept.
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 2000 }, (): [number, number, number, number] => [
      Math.floor(rand() * 40),
      Math.floor(rand() * 700),
      Math.round((rand() - 0.15) * 20000) / 100,
      Math.floor(rand() * 120),
    ]);
    const kept = Uint8Array.from(rows, () => (rand() < 0.5 ? 1 : 0));
    const ids = Array.from({ length: 40 }, (_, c) => `c${c}`);
    const orders = Array.from({ length: 120 }, (_, o) => `o${o}`);
    for (const orderIds of [orders, undefined]) {
      const masked = aggregateCustomers(tx(rows, ids, orderIds), kept);
      const alone = aggregateCustomers(tx(rows.filter((_, i) => kept[i] === 1), ids, orderIds));
      expect(masked).toEqual(alone);
      // The mask changes the answer: without it every line counts.
      expect(aggregateCustomers(tx(rows, ids, orderIds)).revenue).not.toBeCloseTo(alone.revenue, 2);
    }
  });
});

describe('aggregateCustomers orders', () => {
  // Lines of 300 orders in ascending order, each of one customer, some of two (interleaved),
  // with returns and zero lines among them.
  let seed = 11;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  type Row = [number, number, number, number];
  const sorted: Row[] = [];
  for (let o = 0; o < 300; o++) {
    const buyers = rand() < 0.1 ? [Math.floor(rand() * 30), Math.floor(rand() * 30)] : [Math.floor(rand() * 30)];
    const day = Math.floor(rand() * 500);
    const lines = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < lines; k++) sorted.push([buyers[k % buyers.length], day, Math.round((rand() - 0.2) * 10000) / 100, o]);
  }
  const ids = Array.from({ length: 30 }, (_, c) => `c${c}`);
  const orderIds = Array.from({ length: 300 }, (_, o) => `o${o}`);
  /** Orders per customer counted the plain way: distinct (order, customer) pairs of purchase lines. */
  const reference = (rows: Row[]) => {
    const pairs = new Set(rows.filter((r) => r[2] > 0).map((r) => `${r[3]} ${r[0]}`));
    const freq = new Map<string, number>();
    for (const pair of pairs) {
      const c = ids[Number(pair.split(' ')[1])];
      freq.set(c, (freq.get(c) ?? 0) + 1);
    }
    return freq;
  };
  const counted = (rows: Row[], kept: Uint8Array | null = null) => {
    const { customers } = aggregateCustomers(tx(rows, ids, orderIds), kept);
    return new Map(customers.ids.map((id, j) => [id, customers.frequency[j]]));
  };

  it('counts each order once per customer, its lines together (order ids ascending) or scattered', () => {
    const shuffled = sorted.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    // Ascending to the last line, which goes back to an earlier order.
    const late = [...sorted, [sorted[0][0], 3, 12.5, 0] as Row];
    for (const rows of [sorted, shuffled, late]) expect(counted(rows)).toEqual(reference(rows));
    // Shared orders are there, and counted for both customers.
    const shared = sorted.filter((r, i) => i > 0 && r[3] === sorted[i - 1][3] && r[0] !== sorted[i - 1][0]);
    expect(shared.length).toBeGreaterThan(10);
    // The order of the lines changes nothing else either.
    expect(aggregateCustomers(tx(shuffled, ids, orderIds)).customers).toEqual(aggregateCustomers(tx(sorted, ids, orderIds)).customers);
  });

  it('counts the same with a mask of kept lines', () => {
    const kept = Uint8Array.from(sorted, () => (rand() < 0.6 ? 1 : 0));
    expect(counted(sorted, kept)).toEqual(reference(sorted.filter((_, i) => kept[i] === 1)));
  });
});

describe('aggregateCustomers money', () => {
  it('sums to the cent: 0.1 + 0.2 - 0.3 is exactly 0, where doubles leave a residue', () => {
    expect(0.1 + 0.2 - 0.3).not.toBe(0);
    const agg = aggregateCustomers(tx([[0, 1, 0.1], [0, 2, 0.2], [0, 3, -0.3], [1, 1, 0.1], [1, 1, 0.2]], ['a', 'b']));
    expect([...agg.customers.monetary]).toEqual([0, 0.3]);
    expect(Object.is(agg.customers.monetary[0], 0)).toBe(true);
    expect(agg.revenue).toBe(0.3);
  });

  it('keeps four decimals, and a line cancels its return whatever the rounding', () => {
    const agg = aggregateCustomers(tx([[0, 1, 3 * 0.295], [1, 1, 1.2345], [2, 1, 0.12345], [2, 2, -0.12345], [2, 3, 5]], ['a', 'b', 'c']));
    expect([...agg.customers.monetary]).toEqual([0.885, 1.2345, 5]);
  });

  it('gives two customers whose net revenue is 0 the same M score, and equal revenues the same score', () => {
    const rows: Array<[number, number, number]> = [
      [0, 1, 0.1], [0, 2, 0.2], [0, 3, -0.3],
      [1, 1, 0.7], [1, 2, -0.2], [1, 3, -0.5],
      [2, 1, 0.1], [2, 2, 0.2],
      [3, 1, 0.3],
      [4, 1, 100],
    ];
    const c = aggregateCustomers(tx(rows, ['a', 'b', 'c', 'd', 'e'])).customers;
    const m = scoreRfm(c, { bins: 5, analysisDay: 10 }).m;
    expect(m[0]).toBe(m[1]);
    expect(m[2]).toBe(m[3]);
    expect(m[4]).toBeGreaterThan(m[2]);
  });
});
