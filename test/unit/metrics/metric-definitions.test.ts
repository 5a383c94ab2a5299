import { describe, expect, it } from 'vitest';
import { aggregateCustomers } from '../../../src/core/metrics/aggregate-customers.ts';
import { customerMetrics } from '../../../src/core/metrics/customer-metrics.ts';
import { METRIC_DEFINITIONS } from '../../../src/core/metrics/metric-definitions.ts';
import type { TransactionColumns } from '../../../src/core/types.ts';

describe('METRIC_DEFINITIONS', () => {
  it('defines recency, frequency, monetary and every column customerMetrics returns', () => {
    const tx: TransactionColumns = {
      length: 1, customer: Int32Array.of(0), day: Int32Array.of(1), amount: Float64Array.of(1), customerIds: ['a'],
      order: null, orderIds: null, orderCount: 0, quantity: null, category: null, categoryNames: null, channel: null, channelNames: null,
    };
    const m = customerMetrics(tx, aggregateCustomers(tx).customers, 2);
    const columns = Object.keys(m).filter((k) => k !== 'n' && k !== 'analysisDay');
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual(['recency', 'frequency', 'monetary', ...columns].sort());
  });

  it('gives each a label and a one-line definition ending in a full stop', () => {
    for (const [key, d] of Object.entries(METRIC_DEFINITIONS)) {
      expect(d.label, key).toMatch(/^[A-Z]/);
      expect(d.definition, key).toMatch(/^[A-Z].*\.$/);
      expect(d.definition, key).not.toContain('\n');
    }
  });
});
