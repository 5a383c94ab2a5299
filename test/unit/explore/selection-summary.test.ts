import { describe, expect, it } from 'vitest';
import { rangeRule } from '../../../src/core/explore/range-rule.ts';
import { selectionMix, summarizeSelection } from '../../../src/core/explore/summarize-selection.ts';

describe('summarizeSelection', () => {
  it('gives the size, shares and means of the selected customers', () => {
    const mask = Uint8Array.of(1, 0, 1, 1);
    const s = summarizeSelection(mask, { recency: [10, 20, 30, 50], frequency: [1, 9, 2, 3], monetary: [100, 500, 300, 100] });
    expect(s.customers).toBe(3);
    expect(s.customerShare).toBe(0.75);
    expect(s.revenue).toBe(500);
    expect(s.revenueShare).toBe(0.5);
    expect(s.means).toEqual({ recency: 30, frequency: 2, monetary: 500 / 3 });
  });

  it('leaves empty recencies out of the mean, and has NaN means and no shares for an empty selection', () => {
    const s = summarizeSelection(Uint8Array.of(1, 1, 0), { recency: [NaN, 4, 8], frequency: [2, 4, 6], monetary: [10, 30, 60] });
    expect(s.means.recency).toBe(4);
    const none = summarizeSelection(new Uint8Array(3), { recency: [1, 2, 3], frequency: [1, 1, 1], monetary: [0, 0, 0] });
    expect(none.customers).toBe(0);
    expect(none.revenueShare).toBe(0);
    expect(Number.isNaN(none.means.frequency)).toBe(true);
  });
});

describe('selectionMix', () => {
  it('counts the selected customers per group in the segmentation\'s order, leaving out empty groups and customers in none', () => {
    const mask = Uint8Array.of(1, 0, 1, 1, 1);
    expect(selectionMix(mask, [1, 2, 2, 1, 0], ['A', 'B', 'C'])).toEqual([['A', 2], ['B', 1]]);
    expect(selectionMix(mask, [3, 3, 1, 3, 9], ['A', 'B', 'C'])).toEqual([['A', 1], ['C', 2]]);
    expect(selectionMix(new Uint8Array(5), [1, 1, 1, 1, 1], ['A'])).toEqual([]);
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
