import { describe, expect, it } from 'vitest';
import { rangeRule } from '../../../src/core/explore/range-rule.ts';
import { summarizeSelection } from '../../../src/core/explore/summarize-selection.ts';

describe('summarizeSelection', () => {
  it('gives the size, shares, means and mix of the selected customers', () => {
    const mask = Uint8Array.of(1, 0, 1, 1);
    const s = summarizeSelection(mask, { recency: [10, 20, 30, 50], frequency: [1, 9, 2, 3], monetary: [100, 500, 300, 100] }, [1, 2, 2, 1], ['A', 'B', 'C']);
    expect(s.customers).toBe(3);
    expect(s.customerShare).toBe(0.75);
    expect(s.revenue).toBe(500);
    expect(s.revenueShare).toBe(0.5);
    expect(s.means).toEqual({ recency: 30, frequency: 2, monetary: 500 / 3 });
    expect(s.mix).toEqual([['A', 2], ['B', 1]]);
  });
});

describe('rangeRule', () => {
  it('turns closed, half-open and open ranges into JSON conditions without infinities', () => {
    const rule = rangeRule([
      { field: 'recency', min: 10, max: 40 },
      { field: 'monetary', min: -Infinity, max: 200 },
    ]);
    expect(rule).toEqual({ all: [{ field: 'recency', op: 'between', min: 10, max: 40 }, { field: 'monetary', op: 'le', value: 200 }] });
    expect(JSON.parse(JSON.stringify(rule))).toEqual(rule);
    expect(rangeRule([{ field: 'x', min: 3, max: Infinity }, { field: 'y', min: -Infinity, max: Infinity }])).toEqual({ all: [{ field: 'x', op: 'ge', value: 3 }] });
  });
});
