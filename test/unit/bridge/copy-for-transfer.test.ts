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
    const big = { a: new Float64Array(1 << 17), b: new Float64Array(1 << 17), c: new Float64Array(1 << 17) };
    await copyForTransfer(big, async () => void pauses++);
    // 1 MB each: a pause before the second and the third.
    expect(pauses).toBe(2);
  });

  it('copies a large column in pieces of 1 MB, a pause between each, and exactly', async () => {
    // 24 MB of doubles (a 5M-row file's purchase days are about this size), at an offset in its buffer.
    const whole = new Float64Array(3_000_001).map((_, i) => i * 0.5);
    const column = whole.subarray(1);
    let pauses = 0;
    const { copy, buffers } = await copyForTransfer({ column }, async () => void pauses++);
    // 23 pieces of 1 MB (the last smaller): a pause before each but the first.
    expect(pauses).toBe(Math.ceil(column.byteLength / (1 << 20)) - 1);
    expect(pauses).toBe(22);
    let differ = 0;
    for (let i = 0; i < column.length; i++) if (copy.column[i] !== column[i]) differ++;
    expect(differ).toBe(0);
    expect(copy.column).toBeInstanceOf(Float64Array);
    expect(copy.column.length).toBe(column.length);
    expect(copy.column.byteOffset).toBe(0);
    expect(buffers).toEqual([copy.column.buffer]);
    expect(copy.column.buffer.byteLength).toBe(column.byteLength);
  });
});
