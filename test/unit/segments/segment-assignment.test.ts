import { describe, expect, it } from 'vitest';
import { countCodes } from '../../../src/core/segments/segment-assignment.ts';

describe('countCodes(codes, k)', () => {
  it('counts each code 0..k-1 and skips codes outside that range', () => {
    expect(countCodes(Int32Array.of(0, 2, 2, -1, 3, 1, 2), 3)).toEqual([1, 1, 3]);
  });
});
