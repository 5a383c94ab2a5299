import type { AxisScaleKind, AxisUnit } from '../../core/index.ts';
import { axisLayout } from './axis-layout.ts';

/** One axis of the scatter as its positions depend on it. */
export interface PositionAxis {
  values: ArrayLike<number>;
  kind: AxisScaleKind;
  unit: AxisUnit;
  /** The plot's length along this axis, in CSS pixels. */
  length: number;
  /** Integer values spread over most of a unit step, so equal values do not pile on one pixel. */
  jitter: boolean;
}

/** Every customer's position at zoom 1, in CSS pixels of the plot area. */
export interface BasePositions {
  bx: Float32Array;
  by: Float32Array;
}

let last: { key: unknown[]; positions: BasePositions } | null = null;

/**
 * Every customer's position at zoom 1 (x grows to the right, y upwards), kept for the last
 * axes asked for: the scatter works them out in a task of its own before its first ask for a
 * picture, which then finds them here. Worked out in the task that sends them to the painter,
 * they made it a task of 40 ms in a CPU profile of a 10M import (a quarter of a million
 * customers), over 50 ms in the bench.
 */
export function basePositions(x: PositionAxis, y: PositionAxis): BasePositions {
  const key = [x.values, x.kind, x.unit, x.length, x.jitter, y.values, y.kind, y.unit, y.length, y.jitter];
  if (last && last.key.every((k, i) => k === key[i])) return last.positions;
  last = { key, positions: positionsOf(x, y) };
  return last.positions;
}

function positionsOf(x: PositionAxis, y: PositionAxis): BasePositions {
  const px = axisLayout(x.values, x.kind, x.unit, x.length, false).position;
  const py = axisLayout(y.values, y.kind, y.unit, y.length, true).position;
  const xs = x.values;
  const ys = y.values;
  const n = Math.min(xs.length, ys.length);
  const bx = new Float32Array(n);
  const by = new Float32Array(n);
  const jx = x.jitter ? 0.6 * Math.abs(px(1) - px(0)) : 0;
  const jy = y.jitter ? 0.6 * Math.abs(py(1) - py(0)) : 0;
  for (let i = 0; i < n; i++) {
    bx[i] = px(xs[i]);
    by[i] = py(ys[i]);
    if (jx || jy) {
      // A fixed offset per customer (a multiplicative hash), so the cloud does not shimmer.
      const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
      if (jx) bx[i] += jx * ((h & 0xffff) / 0x10000 - 0.5);
      if (jy) by[i] += jy * ((h >>> 16) / 0x10000 - 0.5);
    }
  }
  return { bx, by };
}

/**
 * Works out the positions of made-up customers, one round of the default axes and their usual
 * alternatives per call, so that the first real scatter's positions are worked out by code the
 * engine has compiled and optimised: cold, those of 243k customers took 35 ms in Node, against
 * 16 ms after three rounds over 20k (and the axes' domains, found in the tasks before, likewise).
 * The last positions kept (see basePositions) are left alone. Returns the points placed.
 */
export function warmUpPositions(round: number): number {
  const n = 20_000;
  // The columns' types as the scatter gets them: recency days (Int32Array), orders (Uint32Array), revenue.
  const days = Int32Array.from({ length: n }, (_, i) => (i * 7919 + round) % 700);
  const orders = Uint32Array.from({ length: n }, (_, i) => 1 + ((i * 13 + round) % 40));
  const money = Float64Array.from({ length: n }, (_, i) => ((i * 104729 + round) % 100_000) / 10 - 50);
  const axis = (values: ArrayLike<number>, kind: 'linear' | 'log', unit: AxisUnit, jitter = false): PositionAxis => ({ values, kind, unit, length: 600 + round, jitter });
  const a = positionsOf(axis(days, 'linear', 'days'), axis(money, 'log', 'money'));
  const b = positionsOf(axis(orders, 'log', 'count'), axis(money, 'linear', 'money', true));
  return a.bx.length + b.by.length;
}
