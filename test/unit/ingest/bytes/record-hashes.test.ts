import { describe, expect, it } from 'vitest';
import { recordHashes, seededRandom } from '../../../../src/core/index.ts';

const enc = new TextEncoder();

function hashes(bytes: Uint8Array, start = 0, end = bytes.length): [number, number] {
  const out = new Int32Array(2);
  recordHashes(bytes, start, end, out);
  return [out[0], out[1]];
}

describe('recordHashes', () => {
  it('depends only on the record bytes, not on where they sit', () => {
    const a = enc.encode('xx536365,17850,2010-12-01,15.30yy');
    const b = enc.encode('536365,17850,2010-12-01,15.30');
    expect(hashes(a, 2, a.length - 2)).toEqual(hashes(b));
  });

  it('gives two hashes that each tell apart 200,000 distinct lines, and never both collide', () => {
    // Lines like an export's: most bytes shared, a few digits apart. For 32-bit hashes of n
    // distinct inputs about n^2 / 2^33 colliding pairs are expected (4.7 here); both hashes of
    // one pair colliding would be a 64-bit collision.
    const random = seededRandom(7);
    const n = 200_000;
    const first = new Map<number, number>();
    const second = new Map<number, number>();
    const both = new Set<string>();
    let collisions1 = 0;
    let collisions2 = 0;
    for (let i = 0; i < n; i++) {
      const line = enc.encode(`O${100000 + (i >> 1)},CUST${Math.floor(random() * 250000)},2024-0${1 + (i % 9)}-1${i % 10},${(i % 9000) / 100},Kitchen,store,France`);
      const [h1, h2] = hashes(line);
      collisions1 += first.has(h1) ? 1 : 0;
      collisions2 += second.has(h2) ? 1 : 0;
      first.set(h1, i);
      second.set(h2, i);
      both.add(`${h1},${h2}`);
    }
    expect(both.size).toBe(n);
    expect(collisions1).toBeLessThan(20);
    expect(collisions2).toBeLessThan(20);
  });

  it('tells apart records that differ in one byte, or by two bytes swapped, or in length', () => {
    const base = enc.encode('536365,17850,2010-12-01,15.30,United Kingdom');
    const seen = new Set<string>([hashes(base).join()]);
    const variants: Uint8Array[] = [];
    for (let i = 0; i < base.length; i++) {
      const changed = base.slice();
      changed[i] ^= 1;
      variants.push(changed);
      if (i + 1 < base.length && base[i] !== base[i + 1]) {
        const swapped = base.slice();
        [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
        variants.push(swapped);
      }
    }
    variants.push(base.subarray(0, base.length - 1), enc.encode('536365,17850,2010-12-01,15.30,United Kingdom '));
    for (const v of variants) {
      const h = hashes(v);
      expect(h[0]).not.toBe(hashes(base)[0]);
      expect(h[1]).not.toBe(hashes(base)[1]);
      seen.add(h.join());
    }
    expect(seen.size).toBe(variants.length + 1);
    expect(new Set(variants.map((v) => hashes(v)[1])).size).toBe(variants.length);
  });
});
