import { describe, expect, it } from 'vitest';
import { CLASSIC_RFM_SEGMENTS } from '../../../src/core/segments/classic-rfm-segments.ts';
import { segmentGrid, validateSegmentRules, type SegmentRule } from '../../../src/core/segments/rfm-segment-map.ts';

/** The grid as names, row r = 1..bins from the top, column f = 1..bins. */
function gridNames(rules: readonly SegmentRule[], bins: number): string[][] {
  const { names, cells } = segmentGrid(rules, bins);
  return Array.from({ length: bins }, (_, r) => Array.from({ length: bins }, (_, f) => names[cells[r * bins + f]]));
}

describe('CLASSIC_RFM_SEGMENTS', () => {
  it('draws the classic R×F map on 5 bins, covering every cell', () => {
    const PL = 'Potential loyalists';
    const LC = 'Loyal customers';
    expect(gridNames(CLASSIC_RFM_SEGMENTS, 5)).toEqual([
      // R = 1                                              F = 1 .. 5
      ['Lost', 'Lost', 'At risk', 'At risk', "Can't lose them"],
      ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose them"],
      ['About to sleep', 'About to sleep', 'Need attention', LC, LC],
      ['Promising', PL, PL, LC, LC],
      ['New customers', PL, PL, 'Champions', 'Champions'],
    ]);
  });

  it('keeps to the grid rows 3 bins reach (1, 3, 5), so Promising and Hibernating drop out', () => {
    expect(gridNames(CLASSIC_RFM_SEGMENTS, 3)).toEqual([
      ['Lost', 'At risk', "Can't lose them"],
      ['About to sleep', 'Need attention', 'Loyal customers'],
      ['New customers', 'Potential loyalists', 'Champions'],
    ]);
  });

  it('names the eleven segments in table order, then Other', () => {
    expect(segmentGrid(CLASSIC_RFM_SEGMENTS, 5).names).toEqual([
      'Champions', 'Loyal customers', 'Potential loyalists', 'New customers', 'Promising', 'Need attention',
      'About to sleep', 'At risk', "Can't lose them", 'Hibernating', 'Lost', 'Other',
    ]);
  });

  it('is a valid rules table', () => {
    expect(validateSegmentRules(CLASSIC_RFM_SEGMENTS)).toEqual([]);
  });
});
