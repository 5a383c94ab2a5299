import { logGamma, logRisingTable } from './log-gamma.ts';
import type { FitData } from './fit-data.ts';

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
 * whole number, so they come from running sums of logs per distinct x rather than ln Γ per customer.
 */
export function bgnbdLogLikelihood(p: BgnbdParams, d: FitData): number {
  const { r, alpha, a, b } = p;
  const rx = logRisingTable(r, d.maxX);
  const bx = logRisingTable(b, d.maxX);
  const abx = logRisingTable(a + b, d.maxX);
  const logA = Math.log(a);
  const rLogAlpha = r * Math.log(alpha);
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    let ll = rx[x] + rLogAlpha + bx[x] - abx[x];
    const A3 = -(r + x) * Math.log(alpha + d.T[i]);
    if (x === 0) ll += A3;
    else ll += logSumExp(A3, logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + d.tx[i]));
    sum += d.w[i] * ll;
  }
  return sum;
}

/** ln(e^u + e^v) without overflow or underflow. */
export function logSumExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}
