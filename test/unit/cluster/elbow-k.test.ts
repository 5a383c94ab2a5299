import { describe, expect, it } from 'vitest';
import { elbowK } from '../../../src/core/cluster/elbow-k.ts';

describe('elbowK', () => {
  it('finds the k where a falling inertia curve bends most', () => {
    expect(elbowK([1, 2, 3, 4, 5, 6], [1000, 500, 120, 100, 90, 85])).toBe(3);
  });

  it('returns null for a straight line: no elbow', () => {
    expect(elbowK([2, 3, 4, 5], [40, 30, 20, 10])).toBeNull();
  });

  it('returns null with fewer than three points or a curve that does not fall', () => {
    expect(elbowK([2, 3], [10, 5])).toBeNull();
    expect(elbowK([2, 3, 4], [10, 10, 10])).toBeNull();
  });
});
