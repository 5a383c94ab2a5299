import type { AxisUnit } from './axis-format.ts';

export type AxisScaleKind = 'linear' | 'log';

/** What an axis spans: the domain of its scale, and on a log axis whether a "≤ 0" band is needed. */
export interface AxisDomain {
  /** The domain of the scale, min < max, both finite (and above 0 on a log axis). */
  domain: [number, number];
  /** Customers with a value (empty values aside). */
  values: number;
  /** On a log axis: customers at zero or below, drawn in a band labelled "≤ 0". */
  nonPositive: number;
}

/**
 * Values this close to zero are zero: sums of money in floating point leave residues such as
 * 1e-11 where returns cancel purchases exactly, and on a log axis one of them would stretch the
 * axis over eleven decades.
 */
export const MONEY_ZERO = 0.005;

/** A value as the axis reads it: money residues below half a cent are 0. */
export function axisValue(value: number, unit: AxisUnit): number {
  return unit === 'money' && Math.abs(value) < MONEY_ZERO ? 0 : value;
}

/**
 * The domain of an axis over the customers' values, never empty, never NaN: all values equal
 * widen to a span around them, no values at all give [0, 1] (linear) or [1, 10] (log), and on a
 * log axis values at or below zero are counted for the "≤ 0" band rather than breaking the scale.
 * NaN (an empty value) is left out.
 */
export function axisDomain(values: ArrayLike<number>, kind: AxisScaleKind, unit: AxisUnit): AxisDomain {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  let nonPositive = 0;
  for (let i = 0; i < values.length; i++) {
    const v = axisValue(values[i], unit);
    if (Number.isNaN(v)) continue;
    count++;
    if (kind === 'log' && v <= 0) {
      nonPositive++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { domain: kind === 'log' ? [1, 10] : [0, 1], values: count, nonPositive };
  if (kind === 'log') {
    // One decade either side of a single value keeps it in the middle of a readable axis.
    if (min === max) return { domain: [min / 10, max * 10], values: count, nonPositive };
    return { domain: [min, max], values: count, nonPositive };
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    return { domain: [min - pad, max + pad], values: count, nonPositive };
  }
  return { domain: [min, max], values: count, nonPositive };
}
