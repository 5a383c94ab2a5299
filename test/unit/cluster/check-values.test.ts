import { describe, expect, it } from 'vitest';
import { checkValues } from '../../../src/core/cluster/check-values.ts';

describe('checkValues', () => {
  it('finds nothing wrong with finite values', () => {
    expect(checkValues('orders', [1, 2, 3], true)).toEqual([]);
  });

  it('counts missing, infinite and (for a log) negative values, naming the feature', () => {
    const problems = checkValues('revenue', [Number.NaN, -5, Infinity, Number.NaN, -1, 3], true);
    expect(problems.map((p) => [p.code, p.column, p.count])).toEqual([
      ['missing-values', 'revenue', 2],
      ['infinite-values', 'revenue', 1],
      ['negative-for-log', 'revenue', 2],
    ]);
    expect(problems[0].message).toContain('"revenue" is missing for 2 of 6 customers');
  });

  it('accepts negative values when there is no log', () => {
    expect(checkValues('balance', [-5, 3], false)).toEqual([]);
  });
});
