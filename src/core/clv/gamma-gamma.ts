import { digamma, logGamma } from './log-gamma.ts';

/** Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005, "RFM and CLV"): value per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat buyers' counts (x > 0) and mean repeat purchase values (> 0), as the fit reads them. */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  /** ln m, computed once for every evaluation of the likelihood. */
  logM: Float64Array;
}

/** ln L of one customer: x purchases of mean value m̄ (equation 3 of the paper, with its Jacobian x^(px)). */
export function gammaGammaCustomerLogLikelihood(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  return logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(gamma) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + m * x);
}

/** The summed Gamma-Gamma log-likelihood. The gamma-function terms depend on x only: computed once per distinct x. */
export function gammaGammaLogLikelihood(g: GammaGammaParams, d: SpendData): number {
  const { p, q, gamma } = g;
  const byX = new Map<number, number>();
  const lgq = logGamma(q);
  const logGammaP = Math.log(gamma);
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    let gx = byX.get(x);
    if (gx === undefined) byX.set(x, (gx = logGamma(p * x + q) - logGamma(p * x) - lgq + q * logGammaP + p * x * Math.log(x)));
    sum += gx + (p * x - 1) * d.logM[i] - (p * x + q) * Math.log(gamma + d.m[i] * x);
  }
  return sum;
}

/** The gradient of {@link gammaGammaLogLikelihood} with respect to ln p, ln q, ln γ (digamma terms once per distinct x). */
export function gammaGammaLogLikelihoodGradient(g: GammaGammaParams, d: SpendData): number[] {
  const { p, q, gamma } = g;
  const byX = new Map<number, [number, number]>();
  const psiQ = digamma(q);
  const logG = Math.log(gamma);
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    let psi = byX.get(x);
    if (psi === undefined) byX.set(x, (psi = [digamma(p * x + q), digamma(p * x)]));
    const logGM = Math.log(gamma + d.m[i] * x);
    gp += x * (psi[0] - psi[1] + d.logM[i] + Math.log(x) - logGM);
    gq += psi[0] - psiQ + logG - logGM;
    gg += q / gamma - (p * x + q) / (gamma + d.m[i] * x);
  }
  return [gp * p, gq * q, gg * gamma];
}

/**
 * E[value per purchase | x, m̄]: the weighted mean of the population mean pγ/(q − 1) and the
 * customer's own m̄, = p(γ + x m̄) / (px + q − 1). For x = 0 it is the population mean; an m̄ ≤ 0
 * (left out of the fit, see fitGammaGamma) counts as 0.
 */
export function expectedPurchaseValue(g: GammaGammaParams, x: number, m: number): number {
  if (!(x > 0)) return (g.p * g.gamma) / (g.q - 1);
  // A mean of 0 or less (returns netted) is outside the model: taken as 0, the least it can be.
  return (g.p * (g.gamma + x * Math.max(m, 0))) / (g.p * x + g.q - 1);
}

/** {@link expectedPurchaseValue} for every customer of a summary (x and m̄ per customer). */
export function expectedPurchaseValues(g: GammaGammaParams, x: ArrayLike<number>, m: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: x.length }, (_, i) => expectedPurchaseValue(g, x[i], m[i]));
}
