import { describe, expect, it } from 'vitest';
import { axisLayout } from '../../../src/charts/d3/axis-layout.ts';
import { basePositions, warmUpPositions, type PositionAxis } from '../../../src/charts/d3/base-positions.ts';

const xs = Float64Array.from({ length: 500 }, (_, i) => (i % 37) * 12.5 - 40);
const ys = Float64Array.from({ length: 500 }, (_, i) => 1 + (i % 11));

describe('basePositions', () => {
  it('places each customer where the axes put its values, with equal integer values spread over most of a step', () => {
    const x: PositionAxis = { values: xs, kind: 'log', unit: 'money', length: 600, jitter: false };
    const y: PositionAxis = { values: ys, kind: 'linear', unit: 'count', length: 300, jitter: true };
    const { bx, by } = basePositions(x, y);
    const px = axisLayout(xs, 'log', 'money', 600, false).position;
    const py = axisLayout(ys, 'linear', 'count', 300, true).position;
    const step = Math.abs(py(1) - py(0));
    for (let i = 0; i < xs.length; i++) {
      expect(bx[i]).toBeCloseTo(px(xs[i]), 3);
      expect(Math.abs(by[i] - py(ys[i]))).toBeLessThanOrEqual(0.3 * step + 1e-3);
    }
    // Spread, not piled up: customers with the same value get different heights.
    expect(new Set(Array.from(by.filter((_, i) => ys[i] === 3))).size).toBeGreaterThan(10);
  });

  it('keeps the positions for the same axes, and works them out again when one changes', () => {
    const x: PositionAxis = { values: xs, kind: 'linear', unit: 'money', length: 600, jitter: false };
    const y: PositionAxis = { values: ys, kind: 'linear', unit: 'count', length: 300, jitter: false };
    const first = basePositions(x, y);
    expect(basePositions({ ...x }, { ...y })).toBe(first);
    const wider = basePositions({ ...x, length: 800 }, y);
    expect(wider).not.toBe(first);
    expect(wider.bx[5]).not.toBe(first.bx[5]);
    expect(basePositions(x, { ...y, values: ys.slice() })).not.toBe(wider);
  });
});

describe('warmUpPositions', () => {
  it('places its made-up customers without touching the positions the scatter keeps', () => {
    const x: PositionAxis = { values: xs, kind: 'linear', unit: 'money', length: 400, jitter: false };
    const y: PositionAxis = { values: ys, kind: 'linear', unit: 'count', length: 200, jitter: false };
    const kept = basePositions(x, y);
    expect(warmUpPositions(0)).toBe(40_000);
    expect(warmUpPositions(1)).toBe(40_000);
    expect(basePositions(x, y)).toBe(kept);
  });
});
