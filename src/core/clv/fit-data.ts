import type { RepeatSummary } from './repeat-summary.ts';

/**
 * A {@link RepeatSummary} as the likelihoods read it: customers with the same (x, t_x, T) merged
 * into one row with a weight, so a likelihood evaluation costs distinct histories, not customers.
 */
export interface FitData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Customers (the sum of the weights). */
  customers: number;
  repeatBuyers: number;
  maxX: number;
}

/** Merges identical histories of `s` (exactly: whole days are compared). */
export function fitData(s: RepeatSummary): FitData {
  const index = new Map<number, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  let repeatBuyers = 0;
  let maxX = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (s.x[i] > 0) repeatBuyers++;
    if (s.x[i] > maxX) maxX = s.x[i];
    // Exact while x < 2^21 and both times < 2^16 days (179 years).
    const key = (s.x[i] * 65536 + s.txDays[i]) * 65536 + s.TDays[i];
    const at = index.get(key);
    if (at !== undefined) {
      w[at]++;
      continue;
    }
    index.set(key, w.length);
    x.push(s.x[i]);
    tx.push(s.tx[i]);
    T.push(s.T[i]);
    w.push(1);
  }
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), w: Float64Array.from(w), customers: s.x.length, repeatBuyers, maxX };
}

/**
 * Every `step`-th row of `d` with its weight scaled by `step`: where the several starts of a large
 * fit are compared, before the best is polished on all of `d`.
 */
export function thinFitData(d: FitData, step: number): FitData {
  if (step <= 1) return d;
  const pick = (a: Float64Array) => Float64Array.from({ length: Math.ceil(a.length / step) }, (_, i) => a[i * step]);
  const w = pick(d.w).map((v) => v * step);
  return { ...d, x: pick(d.x), tx: pick(d.tx), T: pick(d.T), w };
}
