import { schemeTableau10 } from 'd3';
import { describe, expect, it } from 'vitest';
import { categoryPalette, oneBased, OTHER_COLOUR } from '../../../src/charts/d3/category-palette.ts';
import { parseRgb } from '../../../src/charts/d3/paint-points.ts';

describe('categoryPalette(names, otherName)', () => {
  it('starts with Tableau 10 and gives every group of up to 17 its own colour', () => {
    const colours = categoryPalette(Array.from({ length: 17 }, (_, i) => `g${i}`));
    expect(colours[0]).toBe(schemeTableau10[0]);
    expect(new Set(colours).size).toBe(17);
    expect(colours).not.toContain(OTHER_COLOUR);
  });

  it('paints the catch-all group grey without shifting the others', () => {
    expect(categoryPalette(['A', 'Other', 'B'], 'Other')).toEqual([schemeTableau10[0], OTHER_COLOUR, schemeTableau10[1]]);
  });

  it('gives colours the scatter can paint', () => {
    for (const c of categoryPalette(Array.from({ length: 20 }, (_, i) => `g${i}`))) expect(parseRgb(c)).toHaveLength(3);
  });
});

describe('oneBased(codes)', () => {
  it('shifts 0-based codes to the 1-based groups the scatter paints', () => {
    expect(Array.from(oneBased(Uint8Array.of(0, 2, 1)))).toEqual([1, 3, 2]);
  });
});
