import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { customerFeatures, customerMetricColumns, DEFAULT_FEATURES } from '../../../src/core/cluster/customer-features.ts';
import type { CustomerTable } from '../../../src/core/types.ts';

const table: CustomerTable = {
  n: 3,
  ids: ['a', 'b', 'c'],
  firstDay: Int32Array.of(0, 0, 0),
  lastDay: Int32Array.of(100, 90, 10),
  frequency: Uint32Array.of(5, 1, 2),
  monetary: Float64Array.of(250, -20, 40),
};

describe('customerMetricColumns(customers, analysisDay)', () => {
  it('measures recency to the analysis day and passes orders and revenue through', () => {
    const columns = customerMetricColumns(table, 101);
    expect(Array.from(columns.recency)).toEqual([1, 11, 91]);
    expect(columns.frequency).toBe(table.frequency);
    expect(columns.monetary).toBe(table.monetary);
  });
});

describe('customerFeatures(columns, features)', () => {
  const columns = customerMetricColumns(table, 101);

  it('by default uses recency, frequency and monetary, each through the log', () => {
    expect(DEFAULT_FEATURES).toEqual([
      { feature: 'recency', log: true },
      { feature: 'frequency', log: true },
      { feature: 'monetary', log: true },
    ]);
    const { inputs, profile } = customerFeatures(columns, DEFAULT_FEATURES);
    expect(inputs.map((f) => [f.name, f.log])).toEqual([
      ['recency', true],
      ['frequency', true],
      ['monetary', true],
    ]);
    expect(profile.map((f) => f.terms)).toEqual([
      { low: 'recent', high: 'lapsed' },
      { low: 'infrequent', high: 'frequent' },
      { low: 'low spend', high: 'high spend' },
    ]);
  });

  it('takes the features in the order given, each with its own log choice', () => {
    const { inputs } = customerFeatures(columns, [
      { feature: 'monetary', log: false },
      { feature: 'recency', log: true },
    ]);
    expect(inputs.map((f) => [f.name, f.log, Array.from(f.values)])).toEqual([
      ['monetary', false, [250, -20, 40]],
      ['recency', true, [1, 11, 91]],
    ]);
  });

  it('counts net revenue below zero as 0 on the log scale, says so, and keeps the real value for profiles', () => {
    const { inputs, profile, warnings } = customerFeatures(columns, [{ feature: 'monetary', log: true }]);
    expect(Array.from(inputs[0].values)).toEqual([250, 0, 40]);
    expect(Array.from(profile[0].values)).toEqual([250, -20, 40]);
    expect(warnings).toEqual([
      {
        code: 'clipped-for-log',
        column: 'monetary',
        count: 1,
        message: '1 customers have net revenue below zero (their returns exceed their purchases); on the log scale they count as 0.',
      },
    ]);
  });

  it('leaves negative values alone when the log is off', () => {
    const { inputs, warnings } = customerFeatures(columns, [{ feature: 'monetary', log: false }]);
    expect(Array.from(inputs[0].values)).toEqual([250, -20, 40]);
    expect(warnings).toEqual([]);
  });

  it('refuses an empty choice with a clear problem', () => {
    expect(() => customerFeatures(columns, [])).toThrow(ClusterError);
    expect(() => customerFeatures(columns, [])).toThrow('Choose at least one feature');
  });

  it('refuses a feature chosen twice or an unknown one as programming errors', () => {
    expect(() => customerFeatures(columns, [{ feature: 'recency', log: true }, { feature: 'recency', log: false }])).toThrow('chosen twice');
    expect(() => customerFeatures(columns, [{ feature: 'tenure' as 'recency', log: true }])).toThrow('unknown feature');
  });
});
