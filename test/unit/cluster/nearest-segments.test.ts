import { describe, expect, it } from 'vitest';
import { nearestSegments } from '../../../src/core/cluster/nearest-segments.ts';
import { crossTab } from '../../../src/core/segments/cross-tab.ts';

describe('nearestSegments(table)', () => {
  it('gives each cluster the segment most of its customers are in, with their share', () => {
    // Cluster 0: 3 Champions, 1 Loyal; cluster 1: 1 Champions, 2 Lost.
    const table = crossTab([0, 0, 0, 0, 1, 1, 1], ['A', 'B'], [0, 0, 0, 1, 0, 2, 2], ['Champions', 'Loyal customers', 'Lost']);
    expect(nearestSegments(table)).toEqual([
      { segment: 0, name: 'Champions', share: 0.75 },
      { segment: 2, name: 'Lost', share: 2 / 3 },
    ]);
  });

  it('breaks a tie in favour of the segment listed first', () => {
    const table = crossTab([0, 0], ['A'], [1, 0], ['Champions', 'Lost']);
    expect(nearestSegments(table)[0]).toEqual({ segment: 0, name: 'Champions', share: 0.5 });
  });

  it('says "none" for a cluster without customers', () => {
    const table = crossTab([0], ['A', 'B'], [0], ['Champions']);
    expect(nearestSegments(table)[1]).toEqual({ segment: -1, name: '', share: 0 });
  });
});
