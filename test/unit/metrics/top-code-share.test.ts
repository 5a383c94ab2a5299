import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/index.ts';
import { topCodeShare, type CodedLines } from '../../../src/core/metrics/top-code-share.ts';

/** Lines as [customer code, amount, code]; customer codes are table rows unless `rowOf` says otherwise. */
function lines(rows: Array<[number, number, number]>, n: number, codeCount: number, rowOf?: number[]): CodedLines {
  return {
    rowOf: Int32Array.from(rowOf ?? Array.from({ length: n }, (_, r) => r)),
    n,
    customer: Int32Array.from(rows.map((l) => l[0])),
    amount: Float64Array.from(rows.map((l) => l[1])),
    codes: Int32Array.from(rows.map((l) => l[2])),
    codeCount,
    length: rows.length,
  };
}

/** The definition, line by line: per row, per code, the sum in file order; the largest, the lower code on a tie. */
function reference(l: CodedLines) {
  const top: number[] = [];
  const share: number[] = [];
  const distinct: number[] = [];
  for (let r = 0; r < l.n; r++) {
    const sums = new Map<number, number>();
    let total = 0;
    for (let i = 0; i < l.length; i++) {
      if (l.rowOf[l.customer[i]] !== r || !(l.amount[i] > 0)) continue;
      total += l.amount[i];
      if (l.codes[i] >= 0) sums.set(l.codes[i], (sums.get(l.codes[i]) ?? 0) + l.amount[i]);
    }
    const ranked = [...sums].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    top.push(ranked[0]?.[0] ?? -1);
    share.push(ranked.length ? ranked[0][1] / total : NaN);
    distinct.push(sums.size);
  }
  return { top, share, distinct };
}

const plain = (r: ReturnType<typeof topCodeShare>) => ({ top: Array.from(r.top), share: Array.from(r.share), distinct: Array.from(r.distinct) });

describe('topCodeShare(lines)', () => {
  // Row 0: code 2 gets 10 + 30 = 40, code 0 gets 25, uncoded 15 → top 2, share 40 / 80.
  // Row 1: only uncoded lines → -1, NaN, 0 distinct.
  // Row 2: code 3 reaches 20 first, code 1 then ties at 20 → the lower code, 1.
  // Row 3: code 0 reaches 20 first, code 3 ties later → 0 stays.
  // Returns (< 0) and zero lines count for nothing; the lines of the rows are interleaved.
  const shop = lines(
    [[0, 10, 2], [2, 20, 3], [0, 25, 0], [1, 5, -1], [0, 15, -1], [3, 20, 0], [2, 20, 1], [0, -40, 0], [0, 30, 2], [3, 20, 3], [3, 0, 1]],
    4,
    4,
  );
  const result = topCodeShare(shop);

  it('picks the code with the most revenue, the lower one on a tie', () => {
    expect(Array.from(result.top)).toEqual([2, -1, 1, 0]);
  });

  it('gives its share of all the purchase revenue, coded or not', () => {
    expect(Array.from(result.share)).toEqual([0.5, NaN, 0.5, 0.5]);
  });

  it('counts the distinct codes', () => {
    expect(Array.from(result.distinct)).toEqual([2, 0, 2, 2]);
  });

  it('reads codes as narrow as the transactions hold them, -1 (no code) included', () => {
    for (const Narrow of [Int8Array, Int16Array]) {
      const r = topCodeShare({ ...shop, codes: Narrow.from(shop.codes) });
      expect(plain(r)).toEqual(plain(result));
    }
  });

  it('leaves out customers that are not in the table', () => {
    // Customer code 1 has no row: its lines go nowhere; code 2 is row 1.
    const r = topCodeShare(lines([[0, 100, 0], [1, 500, 1], [2, 5, 1], [0, 1, 1], [2, 3, 0]], 2, 2, [0, -1, 1]));
    expect(plain(r)).toEqual({ top: [0, 1], share: [100 / 101, 5 / 8], distinct: [2, 2] });
  });

  it('gives the definition\'s answer whether the sums fit in one pass, take several, or go row by row', () => {
    // 2 codes: one pass. 300,000 codes: 13 rows a pass, 4 passes for 40 rows. 3,000,000 codes:
    // more passes than allowed, so row by row. Amounts in cents make ties common.
    const random = seededRandom(20261205);
    for (const codeCount of [2, 300_000, 3_000_000]) {
      const n = 40;
      const used = Math.min(codeCount, 5);
      const rows: Array<[number, number, number]> = [];
      for (let i = 0; i < 2000; i++) {
        const code = random() < 0.1 ? -1 : codeCount - 1 - Math.floor(random() * used);
        rows.push([Math.floor(random() * n), random() < 0.1 ? -Math.round(random() * 500) / 100 : Math.round(random() * 4) * 2.5, code]);
      }
      const l = lines(rows, n, codeCount);
      expect(plain(topCodeShare(l)), `${codeCount} codes`).toEqual(reference(l));
    }
  });

  it('refuses a code beyond the names it is given, either way', () => {
    expect(() => topCodeShare(lines([[0, 1, 2]], 1, 2))).toThrow(/code 2 is out of range: there are 2 names/);
    expect(() => topCodeShare(lines([[0, 1, 3_000_000]], 40, 3_000_000))).toThrow(/code 3000000 is out of range/);
  });
});
