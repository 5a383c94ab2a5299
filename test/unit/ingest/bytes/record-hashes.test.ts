import { describe, expect, it } from 'vitest';
import { recordHashes, seededRandom } from '../../../../src/core/index.ts';

const enc = new TextEncoder();

function hashes(bytes: Uint8Array, start = 0, end = bytes.length): [number, number] {
  const out = new Int32Array(2);
  recordHashes(bytes, start, end, out);
  return [out[0], out[1]];
}

/** Fletcher's sums one byte at a time, as the definition gives them. */
function fletcher(bytes: Uint8Array): { s1: number; s2: number } {
  let s1 = 0;
  let s2 = 0;
  for (const b of bytes) {
    s1 = (s1 + b) | 0;
    s2 = (s2 + s1) | 0;
  }
  return { s1, s2 };
}

describe('recordHashes', () => {
  it('depends only on the record bytes, not on where they sit', () => {
    const a = enc.encode('xx536365,17850,2010-12-01,15.30yy');
    const b = enc.encode('536365,17850,2010-12-01,15.30');
    expect(hashes(a, 2, a.length - 2)).toEqual(hashes(b));
  });

  it('gives the second hash from Fletcher\'s sums, four bytes a step or one', () => {
    const random = seededRandom(3);
    for (let len = 0; len < 40; len++) {
      const bytes = Uint8Array.from({ length: len }, () => Math.floor(random() * 256));
      const { s1, s2 } = fletcher(bytes);
      expect(hashes(bytes)[1]).toBe(s2 ^ Math.imul(s1, 0x7feb352d));
    }
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
      seen.add(h.join());
    }
    expect(seen.size).toBe(variants.length + 1);
  });
});
