import { describe, expect, test } from 'vitest';
import { bgnbdCustomerLogLikelihood } from '../../../src/core/clv/bg-nbd.ts';
import { paretoCustomerLogLikelihood } from '../../../src/core/clv/pareto-nbd.ts';
import { bgnbdExpectedPurchases, bgnbdPAlive, paretoExpectedPurchases, paretoPAlive } from '../../../src/core/clv/predict-purchases.ts';
import { expectedPurchaseValue, gammaGammaCustomerLogLikelihood } from '../../../src/core/clv/gamma-gamma.ts';
import { logHyp2f1, logHyp2f1Shifted } from '../../../src/core/clv/log-hyp2f1.ts';
import { digamma, logGamma } from '../../../src/core/clv/log-gamma.ts';
import { bgnbdLogLikelihood } from '../../../src/core/clv/bg-nbd.ts';
import { paretoLogLikelihood } from '../../../src/core/clv/pareto-nbd.ts';
import { historyPAlive } from '../../../src/core/clv/predict-purchases.ts';
import { fitData } from '../../../src/core/clv/fit-data.ts';
import { repeatSummary } from '../../../src/core/clv/repeat-summary.ts';
import { CALIBRATION_END, cdnowTransactions } from './cdnow.ts';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PN = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };

describe('BG/NBD formulas by hand', () => {
  test('a customer with no repeat purchase: log-likelihood r·ln(α/(α+T)), alive for sure', () => {
    expect(bgnbdCustomerLogLikelihood(BG, 0, 0, 38.86)).toBeCloseTo(0.243 * Math.log(4.414 / (4.414 + 38.86)), 12);
    expect(bgnbdPAlive(BG, 0, 0, 38.86)).toBe(1);
  });

  test('P(alive) = 1 / (1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x))', () => {
    const by = 1 / (1 + (0.793 / (2.426 + 1)) * ((4.414 + 38.86) / (4.414 + 30.43)) ** (0.243 + 2));
    expect(bgnbdPAlive(BG, 2, 30.43, 38.86)).toBeCloseTo(by, 14);
  });

  test('the paper\'s example: customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks', () => {
    expect(bgnbdExpectedPurchases(BG, 39, 2, 30.43, 38.86).toFixed(3)).toBe('1.226');
  });

  test('over a short time the expected purchases are P(alive) × the alive rate (r + x)/(α + T) × t', () => {
    const t = 1e-5;
    expect(bgnbdExpectedPurchases(BG, t, 3, 20, 38) / t).toBeCloseTo(bgnbdPAlive(BG, 3, 20, 38) * (0.243 + 3) / (4.414 + 38), 4);
  });

  test('a customer with 2,000 purchases: finite likelihood and predictions (no overflow)', () => {
    expect(Number.isFinite(bgnbdCustomerLogLikelihood(BG, 2000, 38, 38.5))).toBe(true);
    // Bought on the last day: alive, at about 52 a week.
    const e = bgnbdExpectedPurchases(BG, 52, 2000, 38.5, 38.5);
    expect(e).toBeGreaterThan(1000);
    expect(Number.isFinite(e)).toBe(true);
  });
});

describe('Pareto/NBD formulas by hand', () => {
  test('with α = β the hypergeometric terms are 1 and P(alive) = 1/(1 + s/(r+s+x)·[((α+T)/(α+t_x))^(r+s+x) − 1])', () => {
    const p = { r: 0.5, alpha: 10, s: 0.8, beta: 10 };
    const by = 1 / (1 + (0.8 / (0.5 + 0.8 + 3)) * (((10 + 40) / (10 + 25)) ** (0.5 + 0.8 + 3) - 1));
    expect(paretoPAlive(p, 3, 25, 40)).toBeCloseTo(by, 13);
  });

  test('the likelihood of a customer equals the integral over the dropout time, summed by the midpoint rule', () => {
    // L = Γ(r+x)α^r β^s/Γ(r) [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
    for (const [x, tx, T] of [[0, 0, 30], [4, 12, 35], [15, 33, 36]]) {
      const { r, alpha, s, beta } = PN;
      const steps = 200_000;
      let integral = 0;
      for (let k = 0; k < steps; k++) {
        const tau = tx + ((k + 0.5) * (T - tx)) / steps;
        integral += (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1) * ((T - tx) / steps);
      }
      const L = Math.exp(logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)) * ((alpha + T) ** -(r + x) * (beta + T) ** -s + s * integral);
      expect(paretoCustomerLogLikelihood(PN, x, tx, T)).toBeCloseTo(Math.log(L), 8);
      // α < β takes the other branch of the hypergeometric term: the same integral.
      const swapped = { r, alpha: 30, s, beta: 11 };
      let i2 = 0;
      for (let k = 0; k < steps; k++) {
        const tau = tx + ((k + 0.5) * (T - tx)) / steps;
        i2 += (30 + tau) ** -(r + x) * (11 + tau) ** -(s + 1) * ((T - tx) / steps);
      }
      const L2 = Math.exp(logGamma(r + x) - logGamma(r) + r * Math.log(30) + s * Math.log(11)) * ((30 + T) ** -(r + x) * (11 + T) ** -s + s * i2);
      expect(paretoCustomerLogLikelihood(swapped, x, tx, T)).toBeCloseTo(Math.log(L2), 8);
    }
  });

  test('a customer with 1,000 purchases: finite where the plain hypergeometric sum overflows', () => {
    const p = { r: 0.55, alpha: 2, s: 0.6, beta: 60 };
    // The terms of the plain series pass 1e300 (their peak is near k = 19,000) before they fall.
    let term = 1;
    let peak = 1;
    for (let k = 0; k < 30_000; k++) peak = Math.max(peak, (term *= ((0.55 + 0.6 + 1000 + k) * (0.55 + 1000 + k) / ((0.55 + 0.6 + 1001 + k) * (k + 1))) * (58 / 61)));
    expect(peak).toBe(Infinity);
    expect(Number.isFinite(paretoCustomerLogLikelihood(p, 1000, 37, 38))).toBe(true);
    expect(paretoPAlive(p, 1000, 37, 38)).toBeGreaterThan(0);
    expect(Number.isFinite(paretoExpectedPurchases(p, 52, 1000, 37, 38))).toBe(true);
  });

  test('expected purchases at s = 1 is the limit of the general formula', () => {
    const at = (s: number) => paretoExpectedPurchases({ ...PN, s }, 52, 2, 30, 38, 0.5);
    expect(at(1)).toBeCloseTo((at(1 + 1e-6) + at(1 - 1e-6)) / 2, 6);
  });
});

describe('Gamma-Gamma formulas by hand', () => {
  const G = { p: 6.25, q: 3.74, gamma: 15.44 };
  test('a customer with no repeat purchase is expected to spend the population mean pγ/(q − 1)', () => {
    expect(expectedPurchaseValue(G, 0, NaN)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });
  test('a repeat buyer: the weighted mean of the population mean and their own mean', () => {
    const w = (6.25 * 4) / (6.25 * 4 + 3.74 - 1);
    expect(expectedPurchaseValue(G, 4, 20)).toBeCloseTo((1 - w) * ((6.25 * 15.44) / 2.74) + w * 20, 12);
  });
  test('the likelihood of one purchase is the gamma-gamma density of its value', () => {
    // x = 1: z ~ Gamma(p, ν), ν ~ Gamma(q, γ) → f(z) = Γ(p+q)/(Γ(p)Γ(q)) γ^q z^(p−1) / (γ + z)^(p+q).
    const z = 30;
    const byHand = logGamma(6.25 + 3.74) - logGamma(6.25) - logGamma(3.74) + 3.74 * Math.log(15.44) + 5.25 * Math.log(z) - (6.25 + 3.74) * Math.log(15.44 + z);
    expect(gammaGammaCustomerLogLikelihood(G, 1, z)).toBeCloseTo(byHand, 12);
  });
});

test('the shifted hypergeometric series agrees with the plain one where both converge', () => {
  for (const [a, b, z] of [[3.2, 1.6, 0.3], [41.2, 40.6, 0.6], [20, 2.5, 0.9], [0.8, 0.4, 0.05]]) {
    expect(logHyp2f1Shifted(a, b, z)).toBeCloseTo(logHyp2f1(a, b, a + 1, z), 10);
  }
});

test('logGamma agrees with factorials and Γ(½) = √π', () => {
  expect(logGamma(10)).toBeCloseTo(Math.log(362880), 11);
  expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  expect(logGamma(171.5)).toBeGreaterThan(700);
});

describe('the summed likelihoods and P(alive) over merged histories equal the per-customer formulas', () => {
  // Days as the unit, so t_x and T vary customer by customer: many distinct histories and (x, t) pairs.
  const summary = repeatSummary(cdnowTransactions('sample', { freePurchases: true }).history, CALIBRATION_END, 1);
  const data = fitData(summary);
  const perDay = { BG: { ...BG, alpha: BG.alpha * 7 }, PN: { ...PN, alpha: PN.alpha * 7, beta: PN.beta * 7 } };
  const each = (f: (i: number) => number) => {
    let sum = 0;
    for (let i = 0; i < summary.x.length; i++) sum += f(i);
    return sum;
  };

  test('BG/NBD: the table-driven sum over histories equals the sum of every customer\'s own log-likelihood', () => {
    expect(data.x.length).toBeLessThan(summary.x.length);
    expect(bgnbdLogLikelihood(perDay.BG, data)).toBeCloseTo(each((i) => bgnbdCustomerLogLikelihood(perDay.BG, summary.x[i], summary.tx[i], summary.T[i])), 6);
  });

  test('Pareto/NBD: with the hypergeometric terms per (x, t) pair, also with β > α', () => {
    for (const p of [perDay.PN, { ...perDay.PN, beta: perDay.PN.alpha * 3 }]) {
      expect(paretoLogLikelihood(p, data)).toBeCloseTo(each((i) => paretoCustomerLogLikelihood(p, summary.x[i], summary.tx[i], summary.T[i])), 6);
    }
  });

  test('P(alive) per history equals each customer\'s own, under both models', () => {
    const pn = historyPAlive({ model: 'pareto', params: perDay.PN }, data);
    const bg = historyPAlive({ model: 'bgnbd', params: perDay.BG }, data);
    for (let i = 0; i < summary.x.length; i += 7) {
      const j = data.rowOf[i];
      expect(pn[j]).toBeCloseTo(paretoPAlive(perDay.PN, summary.x[i], summary.tx[i], summary.T[i]), 12);
      expect(bg[j]).toBeCloseTo(bgnbdPAlive(perDay.BG, summary.x[i], summary.tx[i], summary.T[i]), 12);
    }
  });
});

describe('digamma', () => {
  test('ψ(1) = −γ (Euler), ψ(½) = −γ − 2 ln 2, ψ(z + 1) = ψ(z) + 1/z, and the slope of ln Γ', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 12);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 12);
    for (const z of [0.01, 0.7, 3.3, 12, 250]) expect(digamma(z + 1)).toBeCloseTo(digamma(z) + 1 / z, 10);
    expect(digamma(7.5)).toBeCloseTo((logGamma(7.5 + 1e-5) - logGamma(7.5 - 1e-5)) / 2e-5, 7);
  });
});
