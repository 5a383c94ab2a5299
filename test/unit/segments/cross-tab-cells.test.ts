import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import { crossTab } from '../../../src/core/segments/cross-tab.ts';
import { cellMask, countByCell, crossTabCells } from '../../../src/core/segments/cross-tab-cells.ts';

describe('crossTabCells, countByCell and cellMask', () => {
  it('numbers the cells row-major and leaves out codes outside the names', () => {
    expect(Array.from(crossTabCells([0, 1, -1, 1, 2], 2, [2, 0, 1, 3, 0], 3))).toEqual([2, 3, -1, -1, -1]);
  });

  it('agree with crossTab and with a brute-force count over each cell, with and without a selection', () => {
    const random = seededRandom(5);
    const n = 5000;
    const ka = 4;
    const kb = 6;
    // Codes -1..k: some customers without a value on either side.
    const a = Array.from({ length: n }, () => Math.floor(random() * (ka + 2)) - 1);
    const b = Array.from({ length: n }, () => Math.floor(random() * (kb + 2)) - 1);
    const mask = Uint8Array.from({ length: n }, () => (random() < 0.25 ? 1 : 0));
    const cells = crossTabCells(a, ka, b, kb);
    const table = crossTab(a, Array.from({ length: ka }, (_, i) => `a${i}`), b, Array.from({ length: kb }, (_, i) => `b${i}`));
    const all = countByCell(cells, ka * kb);
    const selected = countByCell(cells, ka * kb, mask);
    for (let r = 0; r < ka; r++) {
      for (let c = 0; c < kb; c++) {
        let count = 0;
        let picked = 0;
        for (let i = 0; i < n; i++) {
          if (a[i] === r && b[i] === c) {
            count++;
            picked += mask[i];
          }
        }
        expect(all[r * kb + c]).toBe(count);
        expect(table.counts[r][c]).toBe(count);
        expect(selected[r * kb + c]).toBe(picked);
        const m = cellMask(cells, r * kb + c);
        expect(m.reduce((s, x) => s + x, 0)).toBe(count);
        for (let i = 0; i < n; i++) if (m[i]) expect([a[i], b[i]]).toEqual([r, c]);
      }
    }
    expect(all.reduce((s, x) => s + x, 0)).toBe(table.total);
  });

  it('refuses codes and masks of other lengths', () => {
    expect(() => crossTabCells([0], 1, [0, 0], 1)).toThrow(/1 codes against 2/);
    expect(() => countByCell(Int32Array.of(0, 0), 1, [1])).toThrow(/2 cells against a mask of 1/);
  });
});
