import { describe, expect, it } from 'vitest';
import { narrowCodes } from '../../../src/core/index.ts';

describe('narrowCodes', () => {
  it('holds the same codes, -1 included, in the narrowest signed array the dictionary allows', () => {
    const codes = Int32Array.from([0, -1, 127, 5, -1]);
    const small = narrowCodes(codes, 128);
    expect(small).toBeInstanceOf(Int8Array);
    expect([...small]).toEqual([0, -1, 127, 5, -1]);

    const wide = Int32Array.from([128, -1, 32767, 0]);
    const middle = narrowCodes(wide, 32768);
    expect(middle).toBeInstanceOf(Int16Array);
    expect([...middle]).toEqual([128, -1, 32767, 0]);
  });

  it('gives the codes themselves when no narrower array holds every code', () => {
    const codes = Int32Array.from([32768, -1, 0]);
    expect(narrowCodes(codes, 32769)).toBe(codes);
  });
});
