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
 * axes asked for: the scatter works them out in tasks of their own before its first ask for a
 * picture (see basePositionSteps), which then finds them here. Worked out in the task that sends
 * them to the painter, they made it a task of 40 ms in a CPU profile of a 10M import (a quarter
 * of a million customers), over 50 ms in the bench.
 */
export function basePositions(x: PositionAxis, y: PositionAxis): BasePositions {
  const key = keyOf(x, y);
  if (isLast(key)) return last!.positions;
  const work = positionWork(x, y);
  work.fill(0, work.n);
  last = { key, positions: work.positions };
  return last.positions;
}

/**
 * {@link basePositions} worked out in steps of at most {@link STEP} customers, each to run in a
 * task of its own; the last step keeps the positions, which basePositions then finds (none when
 * they are kept already). In one task, the positions of a 10M-row file's 486k customers were a
 * main-thread task of 56-58 ms (36 ms of CPU in a profile of the bench's load).
 */
export function basePositionSteps(x: PositionAxis, y: PositionAxis): Array<() => void> {
  const key = keyOf(x, y);
  if (isLast(key)) return [];
  const n = Math.min(x.values.length, y.values.length);
  let work: PositionWork | null = null;
  const steps: Array<() => void> = [];
  for (let from = 0; from < n; from += STEP) steps.push(() => (work ??= positionWork(x, y)).fill(from, Math.min(n, from + STEP)));
  steps.push(() => {
    work ??= positionWork(x, y);
    last = { key, positions: work.positions };
  });
  return steps;
}

/** Customers placed per step of {@link basePositionSteps}: about 10 ms at most, cold. */
export const STEP = 1 << 17;

const keyOf = (x: PositionAxis, y: PositionAxis): unknown[] => [x.values, x.kind, x.unit, x.length, x.jitter, y.values, y.kind, y.unit, y.length, y.jitter];
const isLast = (key: unknown[]): boolean => last !== null && last.key.every((k, i) => k === key[i]);

interface PositionWork {
  n: number;
  positions: BasePositions;
  /** Places customers [from, to). */
  fill(from: number, to: number): void;
}

function positionWork(x: PositionAxis, y: PositionAxis): PositionWork {
  const px = axisLayout(x.values, x.kind, x.unit, x.length, false).position;
  const py = axisLayout(y.values, y.kind, y.unit, y.length, true).position;
  const xs = x.values;
  const ys = y.values;
  const n = Math.min(xs.length, ys.length);
  const bx = new Float32Array(n);
  const by = new Float32Array(n);
  const jx = x.jitter ? 0.6 * Math.abs(px(1) - px(0)) : 0;
  const jy = y.jitter ? 0.6 * Math.abs(py(1) - py(0)) : 0;
  const fill = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      bx[i] = px(xs[i]);
      by[i] = py(ys[i]);
      if (jx || jy) {
        // A fixed offset per customer (a multiplicative hash), so the cloud does not shimmer.
        const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
        if (jx) bx[i] += jx * ((h & 0xffff) / 0x10000 - 0.5);
        if (jy) by[i] += jy * ((h >>> 16) / 0x10000 - 0.5);
      }
    }
  };
  return { n, positions: { bx, by }, fill };
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
  let placed = 0;
  for (const [x, y] of [[axis(days, 'linear', 'days'), axis(money, 'log', 'money')], [axis(orders, 'log', 'count'), axis(money, 'linear', 'money', true)]]) {
    const work = positionWork(x, y);
    work.fill(0, work.n);
    placed += work.positions.bx.length;
  }
  return placed;
}
