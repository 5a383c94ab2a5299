import { describe, expect, it } from 'vitest';
import { customerCsvColumns } from '../../../src/core/export/customer-csv-columns.ts';

describe('customerCsvColumns(input)', () => {
  it('keeps the documented order when optional parts are absent', () => {
    const columns = customerCsvColumns({
      ids: ['a', 'b'],
      recencyDays: [1, 2],
      frequency: [2, 0],
      monetary: [10, 5],
      lifecycle: { codes: [0, 1], names: ['New', 'Active'] },
      ruleSegments: [{ name: 'Rare buyers', mask: [0, 1] }],
    });
    expect(columns.map((c) => c.header)).toEqual(['customer_id', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'lifecycle', 'Rare buyers']);
  });

  it('derives the average order value as revenue over orders, empty for no orders', () => {
    const [, , , monetary, aov] = customerCsvColumns({ ids: ['a', 'b'], recencyDays: [1, 2], frequency: [4, 0], monetary: [10, 5] });
    expect(monetary).toMatchObject({ kind: 'number', decimals: 2 });
    expect(aov.kind === 'number' && Array.from(aov.values)).toEqual([2.5, NaN]);
  });
});

describe('customerCsvColumns(input): the cluster column', () => {
  it('comes after the other segmentations and before the rule segments, with the names given', () => {
    const columns = customerCsvColumns({
      ids: ['a', 'b'],
      recencyDays: [1, 2],
      frequency: [2, 1],
      monetary: [10, 5],
      rfmSegment: { codes: [0, 0], names: ['Champions'] },
      cluster: { codes: Uint8Array.of(1, 0), names: ['Big spenders', 'Sleepers'] },
      ruleSegments: [{ name: 'Rare buyers', mask: [0, 1] }],
    });
    expect(columns.map((c) => c.header).slice(-3)).toEqual(['rfm_segment', 'cluster', 'Rare buyers']);
    expect(columns.find((c) => c.header === 'cluster')).toMatchObject({ kind: 'category', names: ['Big spenders', 'Sleepers'] });
  });
});
