import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../../src/core/index.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('ByteDictionary', () => {
  it('gives dense codes in order of first appearance', () => {
    const d = new ByteDictionary(2);
    const codes = ['b', 'a', 'b', 'ccc', 'a', '', 'ccc'].map((s) => {
      const b = enc.encode(`xx${s}yy`);
      return d.intern(b, 2, b.length - 2);
    });
    expect(codes).toEqual([0, 1, 0, 2, 1, 3, 2]);
    expect(d.values((b) => dec.decode(b))).toEqual(['b', 'a', 'ccc', '']);
  });

  it('keeps 100,000 distinct values apart through many rehashes, like a Map does', () => {
    const d = new ByteDictionary(4);
    const reference = new Map<string, number>();
    for (let i = 0; i < 200_000; i++) {
      const s = `C${(i * 7919) % 100_000}`;
      const b = enc.encode(s);
      const code = d.intern(b, 0, b.length);
      if (!reference.has(s)) reference.set(s, reference.size);
      if (code !== reference.get(s)) throw new Error(`${s}: ${code} != ${reference.get(s)}`);
    }
    expect(d.size).toBe(100_000);
  });

  it('exposes its values as UTF-8 bytes with offsets, and knows when they are all ASCII', () => {
    const d = new ByteDictionary();
    for (const s of ['ab', 'Zoë']) {
      const b = enc.encode(s);
      d.intern(b, 0, b.length);
    }
    const raw = d.rawValues();
    expect([...raw.offsets]).toEqual([0, 2, 6]);
    expect(dec.decode(raw.data)).toBe('abZoë');
    expect(d.isAscii()).toBe(false);
  });
});
