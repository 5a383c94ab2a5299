import { logHyp2f1Shifted } from './log-hyp2f1.ts';
import { logRisingTable } from './log-gamma.ts';
import { logSumExp } from './bg-nbd.ts';
import { logTimeTable, type FitData } from './fit-data.ts';

/** Pareto/NBD parameters: purchase rate ~ Gamma(r, α), dropout rate ~ Gamma(s, β); α and β in the fit's time unit. */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * ln A₀ of Fader & Hardie's note on the Pareto/NBD likelihood: the difference of the two
 * Gaussian hypergeometric terms at t_x and at T, taken with the larger of α and β so that the
 * argument stays in [0, 1). Each term is in logs (see {@link logHyp2f1Shifted}), and the difference is
 * ln(e^u − e^v) = u + ln(1 − e^(v−u)): no overflow for large x. −Infinity when t_x = T.
 */
export function paretoLogA0(p: ParetoNbdParams, x: number, tx: number, T: number, maxTerms?: number): number {
  const { r, alpha, s, beta } = p;
  const a = r + s + x;
  const big = Math.max(alpha, beta);
  const b = alpha >= beta ? s + 1 : r + x;
  const diff = Math.abs(alpha - beta);
  const u = logHyp2f1Shifted(a, b, diff / (big + tx), maxTerms) - a * Math.log(big + tx);
  const v = logHyp2f1Shifted(a, b, diff / (big + T), maxTerms) - a * Math.log(big + T);
  if (Number.isNaN(u) || Number.isNaN(v)) return NaN;
  if (!(v < u)) return -Infinity;
  return u + Math.log1p(-Math.exp(v - u));
}

/** Series terms a likelihood evaluation may sum per customer before it counts as not computable. */
const LIKELIHOOD_TERMS = 3000;

/** The Pareto/NBD log-likelihood of one customer (x repeat purchases, the last at t_x, observed for T). */
export function paretoCustomerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number, logRising = logRisingTable(p.r, x)[x]): number {
  const { r, alpha, s, beta } = p;
  const head = logRising + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const gone = Math.log(s / (r + s + x)) + paretoLogA0(p, x, tx, T, LIKELIHOOD_TERMS);
  return head + logSumExp(alive, gone);
}

/**
 * The summed Pareto/NBD log-likelihood of `d`: per customer the same sum as
 * {@link paretoCustomerLogLikelihood}, with the hypergeometric terms and the "alive" term, which
 * depend on (x, t_x) or (x, T) only, computed once per distinct pair.
 */
export function paretoLogLikelihood(p: ParetoNbdParams, d: FitData): number {
  const { r, alpha, s, beta } = p;
  const rx = logRisingTable(r, d.maxX);
  const logAlphaT = logTimeTable(alpha, d);
  const logBetaT = logTimeTable(beta, d);
  const hyp = paretoPairTerms(p, d, LIKELIHOOD_TERMS);
  const alive = new Float64Array(d.pairX.length);
  for (let k = 0; k < alive.length; k++) alive[k] = -(r + d.pairX[k]) * logAlphaT[d.pairDays[k]] - s * logBetaT[d.pairDays[k]];
  const head = r * Math.log(alpha) + s * Math.log(beta);
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const u = hyp[d.txPair[i]];
    const v = hyp[d.TPair[i]];
    if (Number.isNaN(u) || Number.isNaN(v)) return NaN;
    const a0 = v < u ? u + Math.log1p(-Math.exp(v - u)) : -Infinity;
    sum += d.w[i] * (rx[x] + head + logSumExp(alive[d.TPair[i]], Math.log(s / (r + s + x)) + a0));
  }
  return sum;
}

/**
 * The two halves of {@link paretoLogA0} for every distinct (x, t) pair of `d`: ln ₂F₁(...) −
 * (r + s + x) ln(max(α, β) + t). A history's A₀ combines its (x, t_x) and (x, T) entries.
 * NaN where the series did not converge in `maxTerms` terms.
 */
export function paretoPairTerms(p: ParetoNbdParams, d: FitData, maxTerms?: number): Float64Array {
  const { r, alpha, s, beta } = p;
  const big = Math.max(alpha, beta);
  const diff = Math.abs(alpha - beta);
  const logBigT = logTimeTable(big, d);
  const out = new Float64Array(d.pairX.length);
  for (let k = 0; k < out.length; k++) {
    const x = d.pairX[k];
    const days = d.pairDays[k];
    const a = r + s + x;
    out[k] = logHyp2f1Shifted(a, alpha >= beta ? s + 1 : r + x, diff / (big + days / d.unitDays), maxTerms) - a * logBigT[days];
  }
  return out;
}
