import { describe, expect, it } from 'vitest';
import { aggregateCustomers } from '../../../src/core/metrics/aggregate-customers.ts';
import { customerMetrics } from '../../../src/core/metrics/customer-metrics.ts';
import { basicMetrics, metricBuffers, metricTable } from '../../../src/core/metrics/metric-table.ts';
import { randomShop } from '../model/fixture.ts';

describe('metricTable(tx, customers, analysisDay)', () => {
  it('is customerMetrics with the names the channel and category codes index', () => {
    const { tx } = randomShop(30);
    const customers = aggregateCustomers(tx).customers;
    const t = metricTable(tx, customers, 20_001);
    expect(t.metrics).toEqual(customerMetrics(tx, customers, 20_001));
    expect(t.channelNames).toBe(tx.channelNames);
    expect(t.categoryNames).toBe(tx.categoryNames);
    expect(t.fromTransactions).toBe(true);
  });
});

describe('metricBuffers(table)', () => {
  it('lists each column buffer once, to transfer, with the purchase day history\'s three', () => {
    const { metrics } = randomShop(10);
    const buffers = metricBuffers(metrics);
    expect(buffers).toHaveLength(20);
    expect(new Set(buffers).size).toBe(20);
    expect(buffers).toContain(metrics.metrics.grossMargin!.buffer);
    expect(buffers).toContain(metrics.metrics.daysOverdue.buffer);
    expect(buffers).toContain(metrics.history!.revenue.buffer);
  });
});

describe('basicMetrics(customers, analysisDay)', () => {
  it('knows tenure and order value from the customer table; the rest is unknown', () => {
    const t = basicMetrics({ n: 2, ids: ['a', 'b'], firstDay: Int32Array.of(1, 4), lastDay: Int32Array.of(11, 4), frequency: Uint32Array.of(4, 1), monetary: Float64Array.of(100, -5) }, 12);
    expect([...t.metrics.tenureDays]).toEqual([10, 0]);
    expect([...t.metrics.averageOrderValue]).toEqual([25, -5]);
    expect([...t.metrics.medianGapDays]).toEqual([NaN, NaN]);
    expect([...t.metrics.preferredChannel]).toEqual([-1, -1]);
    expect(t.fromTransactions).toBe(false);
    expect(t.metrics.analysisDay).toBe(12);
  });
});
