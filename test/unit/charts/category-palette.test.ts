import { describe, expect, it } from 'vitest';
import { categoryPalette, oneBased, OTHER_COLOUR, SAFE_COLOURS } from '../../../src/charts/d3/category-palette.ts';
import { parseRgb } from '../../../src/charts/d3/paint-points.ts';

/**
 * Colour vision deficiency simulated with Machado, Oliveira and Fernandes, "A Physiologically-based
 * Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009: their severity 1.0
 * matrices, applied to linear sRGB. Colours are then compared in CIE Lab (D65, ΔE 1976).
 */
const VISION = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
} as const;

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function seenAs(hex: string, vision: keyof typeof VISION): [number, number, number] {
  const rgb = parseRgb(hex).map((c) => linear(c / 255));
  const [r, g, b] = VISION[vision].map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  // sRGB (D65) to XYZ, normalised by the white point, then Lab.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function closestPair(colours: readonly string[], vision: keyof typeof VISION): number {
  let least = Infinity;
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const [a, b] = [seenAs(colours[i], vision), seenAs(colours[j], vision)];
      least = Math.min(least, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  }
  return least;
}

// ΔE 15: well past "just noticeable" (~2.3) and the ~10 under which small marks get mistaken.
const APART = 15;

describe('categoryPalette(names, otherName)', () => {
  it('starts with the colour-blind-safe eight and gives every group of up to 17 its own colour', () => {
    const colours = categoryPalette(Array.from({ length: 17 }, (_, i) => `g${i}`));
    expect(colours.slice(0, 8)).toEqual([...SAFE_COLOURS]);
    expect(new Set(colours).size).toBe(17);
    expect(colours).not.toContain(OTHER_COLOUR);
  });

  it('keeps the first eight colours and the catch-all grey apart with protanopia and deuteranopia (simulated), and with normal vision', () => {
    const first = categoryPalette(Array.from({ length: 8 }, (_, i) => `g${i}`));
    for (const vision of ['normal', 'protanopia', 'deuteranopia'] as const) {
      expect(closestPair(first, vision), vision).toBeGreaterThan(APART);
      expect(closestPair([...first, OTHER_COLOUR], vision), `${vision} with grey`).toBeGreaterThan(APART);
    }
  });

  it('would catch an unsafe palette: Tableau 10 red and green are within ΔE 2 for a deuteranope', () => {
    expect(closestPair(['#e15759', '#59a14f'], 'normal')).toBeGreaterThan(APART);
    expect(closestPair(['#e15759', '#59a14f'], 'deuteranopia')).toBeLessThan(2);
  });

  it('paints the catch-all group grey without shifting the others', () => {
    expect(categoryPalette(['A', 'Other', 'B'], 'Other')).toEqual([SAFE_COLOURS[0], OTHER_COLOUR, SAFE_COLOURS[1]]);
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
