import type { RepeatSummary } from './repeat-summary.ts';

/**
 * A {@link RepeatSummary} as the likelihoods read it: customers with the same (x, t_x, T) merged
 * into one row with a weight, so a likelihood evaluation costs distinct histories, not customers.
 * Times are whole days, so the likelihoods take ln(α + t) from a table per day count, and the
 * Pareto/NBD hypergeometric terms, which depend on (x, t) only, once per distinct pair.
 */
export interface FitData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  txDays: Int32Array;
  TDays: Int32Array;
  w: Float64Array;
  /** The fit's time unit in days: tx = txDays / unitDays. */
  unitDays: number;
  /** The largest T in days (t_x is never above T). */
  maxDays: number;
  /** The distinct (x, days) pairs among (x, t_x) and (x, T), and each row's two indices into them. */
  pairX: Float64Array;
  pairDays: Int32Array;
  txPair: Int32Array;
  TPair: Int32Array;
  /** Each customer's row (indexed like the summary). */
  rowOf: Int32Array;
  /** Customers (the sum of the weights). */
  customers: number;
  repeatBuyers: number;
  maxX: number;
}

/** Merges identical histories of `s` (exactly: whole days are compared). */
export function fitData(s: RepeatSummary): FitData {
  const n = s.x.length;
  // Open addressing on the three whole numbers: a Map keyed by doubles costs about a second at 250,000 customers.
  const size = 1 << Math.ceil(Math.log2(2 * n + 2));
  const slots = new Int32Array(size).fill(-1);
  const first = new Int32Array(n);
  const w = new Float64Array(n);
  const rowOf = new Int32Array(n);
  let rows = 0;
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    const tx = s.txDays[i];
    const T = s.TDays[i];
    if (x > 0) repeatBuyers++;
    let slot = hash3(x, tx, T) & (size - 1);
    for (;;) {
      const at = slots[slot];
      if (at < 0) {
        slots[slot] = rows;
        first[rows] = i;
        w[rows] = 1;
        rowOf[i] = rows++;
        break;
      }
      const j = first[at];
      if (s.x[j] === x && s.txDays[j] === tx && s.TDays[j] === T) {
        w[at]++;
        rowOf[i] = at;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  const out: Rows = { x: new Float64Array(rows), tx: new Float64Array(rows), T: new Float64Array(rows), txDays: new Int32Array(rows), TDays: new Int32Array(rows), w: w.slice(0, rows) };
  for (let k = 0; k < rows; k++) {
    const i = first[k];
    out.x[k] = s.x[i];
    out.tx[k] = s.tx[i];
    out.T[k] = s.T[i];
    out.txDays[k] = s.txDays[i];
    out.TDays[k] = s.TDays[i];
  }
  return withPairs(out, s.unitDays, n, repeatBuyers, rowOf);
}

function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

type Rows = Pick<FitData, 'x' | 'tx' | 'T' | 'txDays' | 'TDays' | 'w'>;

function withPairs(r: Rows, unitDays: number, customers: number, repeatBuyers: number, rowOf: Int32Array): FitData {
  const n = r.x.length;
  const size = 1 << Math.ceil(Math.log2(4 * n + 2));
  const slots = new Int32Array(size).fill(-1);
  const pairX: number[] = [];
  const pairDays: number[] = [];
  const pairOf = (x: number, days: number): number => {
    let slot = hash3(x, days, 0) & (size - 1);
    for (;;) {
      const at = slots[slot];
      if (at < 0) {
        slots[slot] = pairX.length;
        pairX.push(x);
        pairDays.push(days);
        return slots[slot];
      }
      if (pairX[at] === x && pairDays[at] === days) return at;
      slot = (slot + 1) & (size - 1);
    }
  };
  const txPair = new Int32Array(n);
  const TPair = new Int32Array(n);
  let maxX = 0;
  let maxDays = 0;
  for (let i = 0; i < n; i++) {
    txPair[i] = pairOf(r.x[i], r.txDays[i]);
    TPair[i] = pairOf(r.x[i], r.TDays[i]);
    maxX = Math.max(maxX, r.x[i]);
    maxDays = Math.max(maxDays, r.TDays[i]);
  }
  return { ...r, unitDays, maxDays, pairX: Float64Array.from(pairX), pairDays: Int32Array.from(pairDays), txPair, TPair, rowOf, customers, repeatBuyers, maxX };
}

/**
 * Every `step`-th row of `d` with its weight scaled by `step`: where the several starts of a large
 * fit are searched, before the best is finished on all of `d`.
 */
export function thinFitData(d: FitData, step: number): FitData {
  if (step <= 1) return d;
  const k = Math.ceil(d.x.length / step);
  const f = (a: Float64Array) => Float64Array.from({ length: k }, (_, i) => a[i * step]);
  const g = (a: Int32Array) => Int32Array.from({ length: k }, (_, i) => a[i * step]);
  return withPairs({ x: f(d.x), tx: f(d.tx), T: f(d.T), txDays: g(d.txDays), TDays: g(d.TDays), w: f(d.w).map((v) => v * step) }, d.unitDays, d.customers, d.repeatBuyers, new Int32Array(0));
}

/** ln(c + days / unitDays) for days = 0..maxDays: the likelihoods' one logarithm per history, looked up. */
export function logTimeTable(c: number, d: FitData): Float64Array {
  const out = new Float64Array(d.maxDays + 1);
  for (let k = 0; k <= d.maxDays; k++) out[k] = Math.log(c + k / d.unitDays);
  return out;
}
