import { describe, expect, it } from 'vitest';
import { scoreRfm } from '../../../src/core/rfm/score-rfm.ts';
import { CLASSIC_RFM_SEGMENTS } from '../../../src/core/segments/classic-rfm-segments.ts';
import { assignSegments } from '../../../src/core/segments/rfm-segment-map.ts';
import { scoreAndSegment } from '../../../src/core/segments/score-and-segment.ts';
import type { CustomerTable } from '../../../src/core/types.ts';

const n = 50;
const table: CustomerTable = {
  n,
  ids: Array.from({ length: n }, (_, i) => `c${i}`),
  firstDay: new Int32Array(n),
  lastDay: Int32Array.from({ length: n }, (_, i) => (i * 37) % 101),
  frequency: Uint32Array.from({ length: n }, (_, i) => 1 + ((i * 11) % 7)),
  monetary: Float64Array.from({ length: n }, (_, i) => 10 + ((i * 53) % 89)),
};

describe('scoreAndSegment(customers, settings)', () => {
  it('scores like scoreRfm and names each customer with the classic segment map', () => {
    const settings = { bins: 5, analysisDay: 102 };
    const result = scoreAndSegment(table, settings);
    const scores = scoreRfm(table, settings);
    expect(result.r).toEqual(scores.r);
    expect(result.recency).toEqual(scores.recency);
    expect(result.segment).toEqual(assignSegments(scores.r, scores.f, CLASSIC_RFM_SEGMENTS, 5));
    expect(result.segment.counts.reduce((s, c) => s + c, 0)).toBe(n);
  });

  it('takes another segment map', () => {
    const result = scoreAndSegment(table, { bins: 5, analysisDay: 102 }, [{ name: 'Recent', rMin: 4, rMax: 5, fMin: 1, fMax: 5 }]);
    expect(result.segment.names).toEqual(['Recent', 'Other']);
  });
});
