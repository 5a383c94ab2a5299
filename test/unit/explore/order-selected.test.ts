import { describe, expect, it } from 'vitest';
import { orderSelected } from '../../../src/core/explore/order-selected.ts';

describe('orderSelected', () => {
  it('orders the selected customers by a number, empty values last, ties in customer order', () => {
    const mask = Uint8Array.of(1, 1, 0, 1, 1, 1);
    const values = Float64Array.of(5, NaN, 1, 5, -2, 9);
    expect(Array.from(orderSelected(mask, values))).toEqual([4, 0, 3, 5, 1]);
    expect(Array.from(orderSelected(mask, values, true))).toEqual([5, 0, 3, 4, 1]);
    expect(Array.from(orderSelected(mask, null))).toEqual([0, 1, 3, 4, 5]);
  });

  it('orders text naturally (c2 before c10), empty text last', () => {
    const mask = Uint8Array.of(1, 1, 1, 1);
    expect(Array.from(orderSelected(mask, ['c10', 'c2', '', 'b']))).toEqual([3, 1, 0, 2]);
    expect(Array.from(orderSelected(mask, ['c10', 'c2', '', 'b'], true))).toEqual([0, 1, 3, 2]);
  });

  it('agrees with a brute-force sort on random data', () => {
    let s = 3;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const n = 3000;
    const mask = Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
    const values = Float64Array.from({ length: n }, () => Math.round(rand() * 50));
    const expected = [...Array(n).keys()].filter((i) => mask[i]).sort((a, b) => values[b] - values[a] || a - b);
    expect(Array.from(orderSelected(mask, values, true))).toEqual(expected);
  });
});
