import { logHyp2f1 } from './log-hyp2f1.ts';
import { paretoLogA0, paretoPairTerms, type ParetoNbdParams } from './pareto-nbd.ts';
import type { FitData } from './fit-data.ts';
import type { BgnbdParams } from './bg-nbd.ts';

/** The purchase models the app fits, by key. */
export type PurchaseModel = 'bgnbd' | 'pareto';

export const PURCHASE_MODEL_LABELS: Record<PurchaseModel, string> = { bgnbd: 'BG/NBD', pareto: 'Pareto/NBD' };

/** Either model's parameters, tagged. */
export type PurchaseFit = { model: 'bgnbd'; params: BgnbdParams } | { model: 'pareto'; params: ParetoNbdParams };

/** BG/NBD P(alive | x, t_x, T) (equation 13 of the paper): 1 for a customer who never bought again. */
export function bgnbdPAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  return 1 / (1 + Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx))));
}

/**
 * BG/NBD E[Y(t) | x, t_x, T], the expected repeat purchases in the next t (equation 10), with
 * its hypergeometric term in logs so that customers with many purchases do not overflow.
 */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  return bgnbdPurchasesIfAlive(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/** BG/NBD E[Y(t) | x, T, alive]: equation 10 without its P(alive) factor, so it depends on (x, T) only. */
function bgnbdPurchasesIfAlive(p: BgnbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const logTerm = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  // (1 − e^L)/(a − 1) keeps its sign right for a < 1 as for a > 1.
  return ((a + b + x - 1) / (a - 1)) * -Math.expm1(logTerm);
}

/** Pareto/NBD P(alive | x, t_x, T) (Fader & Hardie's note, equation 18), from the same A₀ as the likelihood. */
export function paretoPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const logRatio = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + paretoLogA0(p, x, tx, T);
  return 1 / (1 + Math.exp(logRatio));
}

/** Pareto/NBD E[Y(t) | x, t_x, T] = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive). */
export function paretoExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number, pAlive = paretoPAlive(p, x, tx, T)): number {
  return paretoPurchasesIfAlive(p, t, x, T) * pAlive;
}

/** Pareto/NBD E[Y(t) | x, T, alive]: the expectation without its P(alive) factor. */
function paretoPurchasesIfAlive(p: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const lead = ((r + x) * (beta + T)) / (alpha + T);
  const ratio = Math.log((beta + T + t) / (beta + T));
  // s = 1 is the limit (β + T) ln(...): expm1 keeps the bracket exact near it.
  const bracket = Math.abs(s - 1) < 1e-9 ? ratio : -Math.expm1(-(s - 1) * ratio) / (s - 1);
  return lead * bracket;
}

/** P(alive) under either model. */
export function pAlive(fit: PurchaseFit, x: number, tx: number, T: number): number {
  return fit.model === 'bgnbd' ? bgnbdPAlive(fit.params, x, tx, T) : paretoPAlive(fit.params, x, tx, T);
}

/**
 * Expected repeat purchase days in the next `t` (in the fit's time unit) under either model.
 * `alive`: the customer's {@link pAlive}, when the caller has it (saves Pareto/NBD's hypergeometric terms).
 */
export function expectedPurchases(fit: PurchaseFit, t: number, x: number, tx: number, T: number, alive?: number): number {
  if (fit.model === 'bgnbd') return bgnbdExpectedPurchases(fit.params, t, x, tx, T);
  return paretoExpectedPurchases(fit.params, t, x, tx, T, alive ?? paretoPAlive(fit.params, x, tx, T));
}

/**
 * Expected repeat purchase days in the next `t` (in the fit's time unit) of a customer alive at
 * T: under both models the expectation is this times P(alive), and it depends on (x, T) only.
 */
export function purchasesIfAlive(fit: PurchaseFit, t: number, x: number, T: number): number {
  return fit.model === 'bgnbd' ? bgnbdPurchasesIfAlive(fit.params, t, x, T) : paretoPurchasesIfAlive(fit.params, t, x, T);
}

/** P(alive) of every history of `d`, Pareto/NBD's hypergeometric terms computed once per distinct (x, t) pair. */
export function historyPAlive(fit: PurchaseFit, d: FitData): Float64Array {
  const out = new Float64Array(d.x.length);
  if (fit.model === 'bgnbd') {
    for (let j = 0; j < out.length; j++) out[j] = bgnbdPAlive(fit.params, d.x[j], d.tx[j], d.T[j]);
    return out;
  }
  const { r, alpha, s, beta } = fit.params;
  const hyp = paretoPairTerms(fit.params, d);
  for (let j = 0; j < out.length; j++) {
    const x = d.x[j];
    const u = hyp[d.txPair[j]];
    const v = hyp[d.TPair[j]];
    if (Number.isNaN(u) || Number.isNaN(v)) {
      out[j] = paretoPAlive(fit.params, x, d.tx[j], d.T[j]);
      continue;
    }
    const a0 = v < u ? u + Math.log1p(-Math.exp(v - u)) : -Infinity;
    out[j] = 1 / (1 + Math.exp(Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + d.T[j]) + s * Math.log(beta + d.T[j]) + a0));
  }
  return out;
}
