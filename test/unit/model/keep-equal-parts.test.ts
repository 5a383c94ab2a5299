import { describe, expect, it } from 'vitest';
import { keepEqualParts, keepEqualPartsInSlices, sameContent } from '../../../src/core/index.ts';

describe('sameContent(a, b)', () => {
  it('compares typed arrays element by element, and only of one kind', () => {
    expect(sameContent(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(sameContent(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(sameContent(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(sameContent(new Uint8Array([1, 2]), new Int8Array([1, 2]))).toBe(false);
    expect(sameContent(new Float64Array([NaN, 0]), new Float64Array([NaN, 0]))).toBe(true);
    expect(sameContent(new Float64Array([0]), new Float64Array([-0]))).toBe(false);
    expect(sameContent(new Uint8Array([1]), [1])).toBe(false);
  });

  it('finds a difference in any byte, whatever the length and the offset of the views', () => {
    for (const n of [1, 3, 4, 7, 8, 13, 1000]) {
      for (const offset of [0, 1, 4]) {
        const a = new Uint8Array(new ArrayBuffer(n + 8), offset, n).map((_, i) => (i * 7) % 251);
        const b = new Uint8Array(new ArrayBuffer(n + 8), 4 - (offset % 4), n).map((_, i) => (i * 7) % 251);
        expect(sameContent(a, b)).toBe(true);
        for (const at of new Set([0, n >> 1, n - 1])) {
          const c = b.slice();
          c[at] ^= 1;
          expect(sameContent(a, c), `length ${n}, offset ${offset}, byte ${at}`).toBe(false);
        }
      }
    }
  });

  it('compares arrays and plain objects part by part, keys and all', () => {
    const a = { names: ['A', 'B'], counts: [3, 4], codes: new Uint8Array([0, 1, 1]), mask: null };
    expect(sameContent(a, { names: ['A', 'B'], counts: [3, 4], codes: new Uint8Array([0, 1, 1]), mask: null })).toBe(true);
    expect(sameContent(a, { names: ['A', 'B'], counts: [3, 5], codes: new Uint8Array([0, 1, 1]), mask: null })).toBe(false);
    expect(sameContent(a, { names: ['A', 'B'], counts: [3, 4], codes: new Uint8Array([0, 1, 1]) })).toBe(false);
    expect(sameContent(a, { names: ['A', 'B'], counts: [3, 4], codes: new Uint8Array([0, 1, 1]), mask: undefined })).toBe(false);
    expect(sameContent([1, [2, 3]], [1, [2, 3]])).toBe(true);
    expect(sameContent([1, [2, 3]], [1, [3, 2]])).toBe(false);
    expect(sameContent([], {})).toBe(false);
    expect(sameContent(NaN, NaN)).toBe(true);
    expect(sameContent('1', 1)).toBe(false);
  });

  it('does not take a class instance for a plain object', () => {
    expect(sameContent(new Map([[1, 2]]), new Map([[1, 3]]))).toBe(false);
    expect(sameContent(new Date(0), new Date(0))).toBe(false);
  });
});

describe('keepEqualParts(previous, next)', () => {
  const model = (counts: number[], fields: string[]) => ({
    customers: 4,
    r: new Uint8Array([1, 2, 3, 3]),
    rfm: { names: ['Champions', 'Other'], counts, codes: new Uint8Array([0, 1, 1, 0]) },
    fields: fields.map((id) => ({ id })),
  });

  it('hands back the parts of the previous value that hold the same data, and names the others', () => {
    const before = model([2, 2], ['recency']);
    const after = model([2, 2], ['recency', 'clv']);
    const { value, changed } = keepEqualParts(before, after);
    expect(changed).toEqual(['fields']);
    expect(value.r).toBe(before.r);
    expect(value.rfm).toBe(before.rfm);
    expect(value.fields).toBe(after.fields);
    expect(value.fields.map((f) => f.id)).toEqual(['recency', 'clv']);
    // The inputs are left as they were.
    expect(after.r).not.toBe(before.r);
  });

  it('keeps nothing of the previous value where the data moved, even one count', () => {
    const before = model([2, 2], ['recency']);
    const after = model([3, 1], ['recency']);
    const { value, changed } = keepEqualParts(before, after);
    expect(changed).toEqual(['rfm']);
    expect(value.rfm).toBe(after.rfm);
    expect(value.fields).toBe(before.fields);
  });

  it('takes every part of the next value when there is no previous one', () => {
    const after = model([2, 2], ['recency']);
    const { value, changed } = keepEqualParts(null, after);
    expect(value).toBe(after);
    expect(changed).toEqual(['customers', 'r', 'rfm', 'fields']);
  });
});

describe('keepEqualPartsInSlices(previous, next, pause, sliceMs)', () => {
  const model = (counts: number[]) => ({
    customers: 4,
    r: new Uint8Array([1, 2, 3, 3]),
    rfm: { names: ['Champions', 'Other'], counts, codes: new Uint8Array([0, 1, 1, 0]) },
    fields: [{ id: 'recency' }],
  });

  it('gives what keepEqualParts gives, pausing between parts once a slice of time is spent', async () => {
    const before = model([2, 2]);
    const after = model([3, 1]);
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    // A slice of no time: a pause before every part after the first.
    const sliced = await keepEqualPartsInSlices(before, after, pause, 0);
    expect(pauses).toBe(3);
    const whole = keepEqualParts(before, after);
    expect(sliced.changed).toEqual(whole.changed);
    expect(sliced.value.r).toBe(before.r);
    expect(sliced.value.rfm).toBe(after.rfm);
    expect(sliced.value.fields).toBe(before.fields);
  });

  it('pauses inside a long typed array too, and still finds a difference in its last byte', async () => {
    // A quarter of a million customers' revenue, and segment codes in a view one byte off (compared byte by byte).
    const n = 250_000;
    const revenue = Float64Array.from({ length: n }, (_, i) => i / 7);
    const codes = new Uint8Array(new ArrayBuffer(n + 1), 1, n).fill(3);
    const before = { revenue, codes, k: 3 };
    const changedRevenue = revenue.slice();
    changedRevenue[n - 1] = -0;
    const changedCodes = new Uint8Array(new ArrayBuffer(n + 1), 1, n).fill(3);
    changedCodes[n - 1] = 4;
    let pauses = 0;
    const pause = async () => void pauses++;
    const same = await keepEqualPartsInSlices(before, { revenue: revenue.slice(), codes: new Uint8Array(new ArrayBuffer(n + 1), 1, n).fill(3), k: 3 }, pause, 0);
    expect(same.changed).toEqual([]);
    expect(same.value.revenue).toBe(revenue);
    expect(same.value.codes).toBe(codes);
    // Three parts are two pauses between them; the long arrays make many more.
    expect(pauses).toBeGreaterThan(4);
    const moved = await keepEqualPartsInSlices(before, { revenue: changedRevenue, codes: changedCodes, k: 3 }, pause, 0);
    expect(moved.changed).toEqual(['revenue', 'codes']);
    expect(keepEqualParts(before, { revenue: changedRevenue, codes: changedCodes, k: 3 }).changed).toEqual(['revenue', 'codes']);
  });

  it('does not pause while the comparing stays within its slice', async () => {
    let pauses = 0;
    await keepEqualPartsInSlices(model([2, 2]), model([2, 2]), async () => void pauses++, 60_000);
    expect(pauses).toBe(0);
  });
});
