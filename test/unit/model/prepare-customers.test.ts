import { describe, expect, it } from 'vitest';
import { prepareCustomers, PARETO_POINTS } from '../../../src/core/model/prepare-customers.ts';
import { paretoCurve } from '../../../src/core/segments/pareto-curve.ts';
import type { CustomerTable } from '../../../src/core/types.ts';
import { randomShop } from './fixture.ts';

const table: CustomerTable = {
  n: 4,
  ids: ['a', 'b', 'c', 'd'],
  firstDay: Int32Array.of(1, 5, 5, 9),
  lastDay: Int32Array.of(10, 5, 30, 30),
  frequency: Uint32Array.of(2, 1, 4, 1),
  monetary: Float64Array.of(100, 20, 300, -10),
};

describe('prepareCustomers(customers, metrics)', () => {
  it('ranks recency by the last day (later is better), frequency and both monetary bases', () => {
    const p = prepareCustomers(table);
    expect([...p.ranks.r]).toEqual([1, 0, 2, 2]);
    expect([...p.ranks.f]).toEqual([2, 0, 3, 0]);
    expect([...p.ranks.revenue]).toEqual([2, 1, 3, 0]);
    // Order values 50, 20, 75, -10.
    expect([...p.ranks.averageOrderValue]).toEqual([2, 1, 3, 0]);
    expect(p.revenue).toBe(410);
    expect(p.pareto).toEqual(paretoCurve(table.monetary, PARETO_POINTS));
  });

  it('without metrics: the default day is the day after the last purchase and only tenure and order value are known', () => {
    const p = prepareCustomers(table);
    expect(p.defaultAnalysisDay).toBe(31);
    expect(p.metrics.fromTransactions).toBe(false);
    expect([...p.metrics.metrics.tenureDays]).toEqual([9, 0, 25, 21]);
  });

  it('with metrics: their analysis day (the day after the last transaction) is the default', () => {
    const shop = randomShop(50);
    const p = prepareCustomers(shop.table, shop.metrics);
    expect(p.defaultAnalysisDay).toBe(shop.metrics.metrics.analysisDay);
    expect(p.metrics).toBe(shop.metrics);
  });

  it('refuses metrics of another table', () => {
    const shop = randomShop(50);
    expect(() => prepareCustomers(table, shop.metrics)).toThrow(/50 metric rows for 4 customers/);
  });
});
