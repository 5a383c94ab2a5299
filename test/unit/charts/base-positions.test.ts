import { describe, expect, it } from 'vitest';
import { axisLayout } from '../../../src/charts/d3/axis-layout.ts';
import { STEP, basePositionSteps, basePositions, warmUpPositions, type PositionAxis } from '../../../src/charts/d3/base-positions.ts';

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

describe('basePositionSteps', () => {
  it('places every customer in steps of at most STEP, the positions one call gives, kept by the last step', () => {
    const n = 2 * STEP + 1234;
    const values = (seed: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7919 + seed) % 1000) / 7);
    const x: PositionAxis = { values: values(1), kind: 'linear', unit: 'days', length: 640, jitter: true };
    const y: PositionAxis = { values: values(2), kind: 'log', unit: 'money', length: 360, jitter: false };
    const steps = basePositionSteps(x, y);
    expect(steps).toHaveLength(4);
    for (const step of steps) step();
    const stepped = basePositions(x, y);
    // Another array of the same values: worked out in one call, not found kept.
    const same = { ...x, values: values(1) };
    const whole = basePositions(same, y);
    expect(whole).not.toBe(stepped);
    let differ = 0;
    for (let i = 0; i < n; i++) if (stepped.bx[i] !== whole.bx[i] || stepped.by[i] !== whole.by[i] || !Number.isFinite(stepped.bx[i])) differ++;
    expect(differ).toBe(0);
    expect(stepped.bx).toHaveLength(n);
    // Kept positions need no steps.
    expect(basePositionSteps(same, y)).toEqual([]);
  });

  it('keeps nothing until the last step, so steps cancelled halfway leave no half-placed customers', () => {
    const n = STEP + 10;
    const x: PositionAxis = { values: Float64Array.from({ length: n }, (_, i) => i % 50), kind: 'linear', unit: 'count', length: 300, jitter: false };
    const y: PositionAxis = { values: Float64Array.from({ length: n }, (_, i) => i % 70), kind: 'linear', unit: 'count', length: 200, jitter: false };
    const steps = basePositionSteps(x, y);
    steps[0]();
    // Not kept: asked for now, they are worked out whole.
    const now = basePositions(x, y);
    expect(now.bx[n - 1]).toBeCloseTo(basePositions({ ...x, values: Float64Array.from(x.values) }, y).bx[n - 1], 4);
    expect(now.bx[n - 1]).not.toBe(0);
  });
});
