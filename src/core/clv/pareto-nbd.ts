import { logHyp2f1Shifted, logHyp2f1ShiftedGradient } from './log-hyp2f1.ts';
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

/**
 * The gradient of {@link paretoLogLikelihood} with respect to ln r, ln α, ln s, ln β, analytic, so
 * a quasi-Newton step costs one pass over the histories instead of the 2 × 4 + 1 likelihoods of
 * central differences. Per history the log-sum-exp weighs the derivatives of its "alive" and
 * "gone" terms by their shares; the hypergeometric halves' derivatives (in a = r + s + x, b and
 * z, then by the chain rule in the parameters, with the branch max(α, β) picks) come once per
 * distinct (x, t) pair, from the same series as their values. NaN where the likelihood is.
 */
export function paretoLogLikelihoodGradient(p: ParetoNbdParams, d: FitData): number[] {
  const { r, alpha, s, beta } = p;
  const hyp = paretoPairGradients(p, d, LIKELIHOOD_TERMS);
  const logAlphaT = logTimeTable(alpha, d);
  const logBetaT = logTimeTable(beta, d);
  // dR[x] = Σ_{j<x} 1/(r + j): the derivative of ln Γ(r + x) − ln Γ(r).
  const dR = new Float64Array(d.maxX + 1);
  for (let x = 1; x <= d.maxX; x++) dR[x] = dR[x - 1] + 1 / (r + x - 1);
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  let gr = 0;
  let galpha = 0;
  let gs = 0;
  let gbeta = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const w = d.w[i];
    const T = d.TDays[i];
    const tT = T / d.unitDays;
    const pu = 5 * d.txPair[i];
    const pv = 5 * d.TPair[i];
    const u = hyp[pu];
    const v = hyp[pv];
    if (Number.isNaN(u) || Number.isNaN(v)) return [NaN, NaN, NaN, NaN];
    const alive = -(r + x) * logAlphaT[T] - s * logBetaT[T];
    let a0r = 0;
    let a0alpha = 0;
    let a0s = 0;
    let a0beta = 0;
    let gone = -Infinity;
    if (v < u) {
      // ln(e^u − e^v) and its derivative (du − e^(v−u) dv) / (1 − e^(v−u)).
      const e = Math.exp(v - u);
      const inv = 1 / -Math.expm1(v - u);
      gone = Math.log(s / (r + s + x)) + u + Math.log1p(-e);
      a0r = (hyp[pu + 1] - e * hyp[pv + 1]) * inv;
      a0alpha = (hyp[pu + 2] - e * hyp[pv + 2]) * inv;
      a0s = (hyp[pu + 3] - e * hyp[pv + 3]) * inv;
      a0beta = (hyp[pu + 4] - e * hyp[pv + 4]) * inv;
    }
    const total = logSumExp(alive, gone);
    const wa = Math.exp(alive - total);
    const wg = gone === -Infinity ? 0 : Math.exp(gone - total);
    const inA = 1 / (r + s + x);
    gr += w * (dR[x] + logAlpha - wa * logAlphaT[T] + wg * (a0r - inA));
    galpha += w * (r / alpha - (wa * (r + x)) / (alpha + tT) + wg * a0alpha);
    gs += w * (logBeta - wa * logBetaT[T] + wg * (1 / s - inA + a0s));
    gbeta += w * (s / beta - (wa * s) / (beta + tT) + wg * a0beta);
  }
  return [gr * r, galpha * alpha, gs * s, gbeta * beta];
}

/**
 * For every distinct (x, t) pair of `d`, five numbers: the half of A₀ that {@link paretoPairTerms}
 * gives, and its derivatives in r, α, s and β.
 */
function paretoPairGradients(p: ParetoNbdParams, d: FitData, maxTerms: number): Float64Array {
  const { r, alpha, s, beta } = p;
  const alphaBig = alpha >= beta;
  const big = alphaBig ? alpha : beta;
  const small = alphaBig ? beta : alpha;
  const diff = big - small;
  const logBigT = logTimeTable(big, d);
  const out = new Float64Array(5 * d.pairX.length);
  const f = new Float64Array(4);
  for (let k = 0; k < d.pairX.length; k++) {
    const x = d.pairX[k];
    const days = d.pairDays[k];
    const t = days / d.unitDays;
    const a = r + s + x;
    const bigT = big + t;
    const z = diff / bigT;
    logHyp2f1ShiftedGradient(a, alphaBig ? s + 1 : r + x, z, f, maxTerms);
    // z = (big − small) / (big + t): ∂z/∂big = (small + t) / (big + t)², ∂z/∂small = −1 / (big + t).
    const dzBig = f[3] * ((small + t) / (bigT * bigT)) - a / bigT;
    const dzSmall = -f[3] / bigT;
    const o = 5 * k;
    out[o] = f[0] - a * logBigT[days];
    // a moves with r and s; b is s + 1 when α is the larger, r + x when β is.
    out[o + 1] = f[1] + (alphaBig ? 0 : f[2]) - logBigT[days];
    out[o + 3] = f[1] + (alphaBig ? f[2] : 0) - logBigT[days];
    out[o + 2] = alphaBig ? dzBig : dzSmall;
    out[o + 4] = alphaBig ? dzSmall : dzBig;
  }
  return out;
}
