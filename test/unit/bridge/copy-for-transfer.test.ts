import { describe, expect, it } from 'vitest';
import { copyForTransfer } from '../../../src/bridge/copy-for-transfer.ts';

describe('copyForTransfer', () => {
  it('copies every typed array, keeps the rest, and lists the copies\' buffers once each', async () => {
    const original = { n: 2, ids: { data: Uint8Array.of(97, 98), offsets: Int32Array.of(0, 1, 2) }, names: ['a', 'b'], monetary: Float64Array.of(1.5, 2) };
    const { copy, buffers } = await copyForTransfer(original, async () => {});
    expect(copy).toEqual(original);
    expect(copy.monetary).not.toBe(original.monetary);
    expect(buffers).toHaveLength(3);
    expect(buffers).toContain(copy.monetary.buffer);
    copy.monetary[0] = 99;
    expect(original.monetary[0]).toBe(1.5);
  });

  it('yields to the event loop between large columns', async () => {
    let pauses = 0;
    const big = { a: new Float64Array(1 << 20), b: new Float64Array(1 << 20), c: new Float64Array(1 << 20) };
    await copyForTransfer(big, async () => void pauses++);
    // 8 MB each: a pause before the second and the third.
    expect(pauses).toBe(2);
  });
});
