import { logGamma, logRisingTable } from './log-gamma.ts';
import { logTimeTable, type FitData } from './fit-data.ts';

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate ~ Gamma(r, α), dropout p ~ Beta(a, b). α is in the fit's time unit. */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * The BG/NBD log-likelihood of one customer with x repeat purchases, the last at t_x, observed
 * for T (equation 6 of the paper), in logs throughout: the two terms of the sum are combined
 * with log-sum-exp, so neither (α + T)^−(r+x) underflowing nor large x overflows.
 */
export function bgnbdCustomerLogLikelihood(p: BgnbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const A3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + A3;
  const A4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return common + logSumExp(A3, A4);
}

/**
 * The summed BG/NBD log-likelihood of `d`. The gamma-function terms depend on x only and x is a
 * whole number, so they come from running sums of logs per distinct x rather than ln Γ per
 * customer; ln(α + t) comes from a table per day count.
 */
export function bgnbdLogLikelihood(p: BgnbdParams, d: FitData): number {
  const { r, alpha, a, b } = p;
  const rx = logRisingTable(r, d.maxX);
  const bx = logRisingTable(b, d.maxX);
  const abx = logRisingTable(a + b, d.maxX);
  const logAlphaT = logTimeTable(alpha, d);
  const byX = new Float64Array(d.maxX + 1);
  const dropX = new Float64Array(d.maxX + 1);
  const logA = Math.log(a);
  const rLogAlpha = r * Math.log(alpha);
  for (let x = 0; x <= d.maxX; x++) {
    byX[x] = rx[x] + rLogAlpha + bx[x] - abx[x];
    dropX[x] = x > 0 ? logA - Math.log(b + x - 1) : 0;
  }
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const A3 = -(r + x) * logAlphaT[d.TDays[i]];
    let ll = byX[x];
    if (x === 0) ll += A3;
    else ll += logSumExp(A3, dropX[x] - (r + x) * logAlphaT[d.txDays[i]]);
    sum += d.w[i] * ll;
  }
  return sum;
}

/**
 * The gradient of {@link bgnbdLogLikelihood} with respect to ln r, ln α, ln a, ln b, analytic: per
 * customer the log-sum-exp of the two terms weighs their derivatives by their shares π₃ and π₄,
 * and the rising-factorial terms give running sums of reciprocals. A quasi-Newton search then
 * needs one pass over the histories per gradient instead of the 2 × 4 + 1 of central differences.
 */
export function bgnbdLogLikelihoodGradient(p: BgnbdParams, d: FitData): number[] {
  const { r, alpha, a, b } = p;
  const maxX = d.maxX;
  // dR[x] = Σ_{j<x} 1/(r + j) and likewise for b and a + b: the derivatives of the rising factorials.
  const dR = new Float64Array(maxX + 1);
  const dB = new Float64Array(maxX + 1);
  const dAB = new Float64Array(maxX + 1);
  const dropX = new Float64Array(maxX + 1);
  const logA = Math.log(a);
  for (let x = 1; x <= maxX; x++) {
    dR[x] = dR[x - 1] + 1 / (r + x - 1);
    dB[x] = dB[x - 1] + 1 / (b + x - 1);
    dAB[x] = dAB[x - 1] + 1 / (a + b + x - 1);
    dropX[x] = logA - Math.log(b + x - 1);
  }
  const logAlphaT = logTimeTable(alpha, d);
  const invAlphaT = logAlphaT.map((_, k) => 1 / (alpha + k / d.unitDays));
  const logAlpha = Math.log(alpha);
  let gr = 0;
  let galpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const w = d.w[i];
    const T = d.TDays[i];
    let pi4 = 0;
    let t = 0;
    if (x > 0) {
      t = d.txDays[i];
      const A3 = -(r + x) * logAlphaT[T];
      const A4 = dropX[x] - (r + x) * logAlphaT[t];
      pi4 = 1 / (1 + Math.exp(A3 - A4));
    }
    const pi3 = 1 - pi4;
    gr += w * (dR[x] + logAlpha - pi3 * logAlphaT[T] - pi4 * logAlphaT[t]);
    galpha += w * (r / alpha - (r + x) * (pi3 * invAlphaT[T] + pi4 * invAlphaT[t]));
    ga += w * (-dAB[x] + pi4 / a);
    gb += w * (dB[x] - dAB[x] - (x > 0 ? pi4 / (b + x - 1) : 0));
  }
  return [gr * r, galpha * alpha, ga * a, gb * b];
}

/** ln(e^u + e^v) without overflow or underflow. */
export function logSumExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}
