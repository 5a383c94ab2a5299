import { describe, expect, it } from 'vitest';
import { axisLayout } from '../../../src/charts/d3/axis-layout.ts';

/** An array that counts the values read from it. */
function counted(values: number[]): { array: ArrayLike<number>; reads: () => number } {
  let reads = 0;
  const array = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads: () => reads };
}

describe('axisLayout(values, kind, unit, length, flip)', () => {
  it('lays the same values out at another length without reading them again, to the same domain', () => {
    const { array, reads } = counted([3, 40, 7, 0, 12]);
    const narrow = axisLayout(array, 'linear', 'count', 200, false);
    const first = reads();
    expect(first).toBe(5);
    const wide = axisLayout(array, 'linear', 'count', 800, true);
    expect(reads()).toBe(first);
    expect(wide.scale.domain()).toEqual(narrow.scale.domain());
    expect(narrow.position(40)).toBeCloseTo((40 / 40) * 200);
    expect(wide.position(40)).toBeCloseTo(0);
  });

  it('reads the values again for another scale or unit, and for another array with other values', () => {
    const { array, reads } = counted([0.001, 5, 50]);
    axisLayout(array, 'linear', 'money', 100, false);
    const log = axisLayout(array, 'log', 'money', 100, false);
    expect(reads()).toBe(6);
    // Money below half a cent is zero: on a log axis it goes to the "≤ 0" band.
    expect(log.nonPositive).toBe(1);
    expect(log.scale.domain()).toEqual([5, 50]);
    const other = axisLayout([1, 2, 500], 'linear', 'count', 100, false);
    expect(other.scale.domain()[1]).toBeGreaterThanOrEqual(500);
  });
});
