import { describe, expect, it } from 'vitest';
import { maskOfIds, packStrings, selectedIds } from '../../../src/core/index.ts';

describe('maskOfIds', () => {
  it('is the inverse of selectedIds: the ids a mask selects give that mask back', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `C-${(i * 7919) % 100003}`);
    const packed = packStrings(ids);
    let seed = 7;
    const mask = Uint8Array.from(ids, () => ((seed = (seed * 48271) % 2147483647) % 3 === 0 ? 1 : 0));
    const listed = selectedIds(mask, packed);
    expect(listed.length).toBe(mask.reduce((a, b) => a + b, 0));
    expect(maskOfIds(listed, packed)).toEqual({ mask, missing: 0 });
  });

  it('finds ids beyond ASCII (accents, CJK, emoji) and counts the listed ids no customer has', () => {
    const ids = ['Åsa', 'café-42', '客户-7', '🛒9', 'plain'];
    const packed = packStrings(ids);
    const { mask, missing } = maskOfIds(['客户-7', 'Åsa', '🛒9', 'not there', 'neither'], packed);
    expect([...mask]).toEqual([1, 0, 1, 1, 0]);
    expect(missing).toBe(2);
  });

  it('gives an empty mask for no customers and for an empty list', () => {
    expect(maskOfIds(['A'], packStrings([]))).toEqual({ mask: new Uint8Array(0), missing: 1 });
    expect(maskOfIds([], packStrings(['A', 'B']))).toEqual({ mask: new Uint8Array(2), missing: 0 });
  });
});
