import { describe, expect, it } from 'vitest';
import { crossTab } from '../../../src/core/segments/cross-tab.ts';

describe('crossTab(codesA, namesA, codesB, namesB)', () => {
  it('counts customers in every pair of segments, with totals', () => {
    // Customers: DE/Lost, DE/Champions, FR/Lost, FR/Lost, UK/Champions, (no country)/Champions.
    const table = crossTab(Int32Array.of(0, 0, 1, 1, 2, -1), ['DE', 'FR', 'UK'], Uint8Array.of(1, 0, 1, 1, 0, 0), ['Champions', 'Lost']);
    expect(table).toEqual({
      rows: ['DE', 'FR', 'UK'],
      columns: ['Champions', 'Lost'],
      counts: [[1, 1], [0, 2], [1, 0]],
      rowTotals: [2, 2, 1],
      columnTotals: [2, 3],
      total: 5, // the customer without a country is left out
    });
  });

  it('refuses code arrays of different lengths', () => {
    expect(() => crossTab([0], ['a'], [0, 0], ['b'])).toThrow('1 codes against 2');
  });
});
