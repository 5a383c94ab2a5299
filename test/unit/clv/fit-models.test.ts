import { describe, expect, test } from 'vitest';
import { fitBgnbd, fitGammaGamma, fitParetoNbd } from '../../../src/core/clv/fit-models.ts';
import { fitData } from '../../../src/core/clv/fit-data.ts';
import { expectedPurchaseValue, gammaGammaLogLikelihood, gammaGammaLogLikelihoodGradient } from '../../../src/core/clv/gamma-gamma.ts';
import { bgnbdLogLikelihood, bgnbdLogLikelihoodGradient } from '../../../src/core/clv/bg-nbd.ts';
import { paretoLogLikelihood, paretoLogLikelihoodGradient } from '../../../src/core/clv/pareto-nbd.ts';
import { repeatSummary, type RepeatSummary } from '../../../src/core/clv/repeat-summary.ts';
import { ClvError } from '../../../src/core/clv/clv-error.ts';
import { seededRandom } from '../../../src/core/index.ts';
import { CALIBRATION_END, cdnowTransactions } from './cdnow.ts';

// The papers' data: all 2,357 customers, a $0.00 CD counted as a purchase (see cdnow.ts).
const summary = repeatSummary(cdnowTransactions('sample', { freePurchases: true }).history, CALIBRATION_END, 7);
const data = fitData(summary);

/** The value as printed: `digits` after the point. */
const printed = (v: number, digits: number) => Number(v.toFixed(digits));

describe('fits on the CDNOW sample, calibration end 1997-09-30, in weeks, match the published figures', { timeout: 60_000 }, () => {
  test('BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4', () => {
    const { params, logLikelihood } = fitBgnbd(data);
    expect([printed(params.r, 3), printed(params.alpha, 3), printed(params.a, 3), printed(params.b, 3), printed(logLikelihood, 1)]).toEqual([0.243, 4.414, 0.793, 2.426, -9582.4]);
  });

  test('Pareto/NBD: r = 0.553, α = 10.58, s = 0.606, β = 11.67 (to 1%: the likelihood is flat in β), log-likelihood −9595.0', () => {
    const { params, logLikelihood } = fitParetoNbd(data);
    expect([printed(params.r, 3), printed(params.alpha, 2), printed(params.s, 3), printed(logLikelihood, 1)]).toEqual([0.553, 10.58, 0.606, -9595.0]);
    expect(Math.abs(params.beta / 11.67 - 1)).toBeLessThan(0.01);
  }, 30_000);

  test('Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44', () => {
    const fit = fitGammaGamma(summary.x, summary.m);
    expect(fit.rows).toBe(946);
    expect([printed(fit.params.p, 2), printed(fit.params.q, 2), printed(fit.params.gamma, 2)]).toEqual([6.25, 3.74, 15.44]);
  });

  test('in days the same fit: α and β scale by 7, the rest and the likelihood up to the constant of the unit stay', () => {
    const days = fitData({ ...summary, tx: summary.tx.map((v) => v * 7), T: summary.T.map((v) => v * 7), unitDays: 1 });
    const w = fitBgnbd(data).params;
    const d = fitBgnbd(days).params;
    expect(d.alpha / w.alpha).toBeCloseTo(7, 3);
    expect(d.r).toBeCloseTo(w.r, 4);
    expect(d.b).toBeCloseTo(w.b, 3);
  });
});

describe('the gradients the search uses', () => {
  test('Gamma-Gamma: equals central differences of the log-likelihood in ln p, ln q, ln γ, on the CDNOW repeat buyers', () => {
    const keep = Array.from(summary.x.keys()).filter((i) => summary.x[i] > 0);
    const spend = { x: Float64Array.from(keep, (i) => summary.x[i]), m: Float64Array.from(keep, (i) => summary.m[i]), logM: Float64Array.from(keep, (i) => Math.log(summary.m[i])) };
    const at = { p: 5, q: 3, gamma: 12 };
    const g = gammaGammaLogLikelihoodGradient(at, spend);
    (['p', 'q', 'gamma'] as const).forEach((k, j) => {
      const h = 1e-5;
      const up = gammaGammaLogLikelihood({ ...at, [k]: at[k] * Math.exp(h) }, spend);
      const down = gammaGammaLogLikelihood({ ...at, [k]: at[k] * Math.exp(-h) }, spend);
      expect(g[j]).toBeCloseTo((up - down) / (2 * h), 3);
    });
  });

  test('BG/NBD: equals central differences of the log-likelihood in each log-parameter, on the CDNOW sample', () => {
    const at = { r: 0.3, alpha: 5, a: 0.6, b: 2.2 };
    const g = bgnbdLogLikelihoodGradient(at, data);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((k, j) => {
      const h = 1e-5;
      const up = bgnbdLogLikelihood({ ...at, [k]: at[k] * Math.exp(h) }, data);
      const down = bgnbdLogLikelihood({ ...at, [k]: at[k] * Math.exp(-h) }, data);
      expect(g[j]).toBeCloseTo((up - down) / (2 * h), 3);
    });
  });

  // Both branches of the hypergeometric term (α the larger, β the larger), and a data set with a
  // customer of 400 repeat purchase days, whose series terms would overflow unscaled.
  const heavy = fitData({ ...summary, x: Float64Array.from(summary.x, (v, i) => (i === 0 ? 400 : v)), txDays: Int32Array.from(summary.txDays, (v, i) => (i === 0 ? summary.TDays[0] - 3 : v)), tx: Float64Array.from(summary.tx, (v, i) => (i === 0 ? (summary.TDays[0] - 3) / 7 : v)) });
  test.each([
    ['α > β', { r: 0.55, alpha: 10.6, s: 0.6, beta: 8 }, data],
    ['α < β', { r: 0.55, alpha: 10.6, s: 0.6, beta: 14 }, data],
    ['α < β, a customer with 400 repeat days', { r: 0.8, alpha: 6, s: 0.4, beta: 20 }, heavy],
  ])('Pareto/NBD (%s): equals central differences of the log-likelihood in each log-parameter', (_, at, d) => {
    const g = paretoLogLikelihoodGradient(at, d);
    const keys = ['r', 'alpha', 's', 'beta'] as const;
    keys.forEach((k, j) => {
      const h = 1e-5;
      const up = paretoLogLikelihood({ ...at, [k]: at[k] * Math.exp(h) }, d);
      const down = paretoLogLikelihood({ ...at, [k]: at[k] * Math.exp(-h) }, d);
      expect(g[j]).toBeCloseTo((up - down) / (2 * h), 3);
    });
  });
});

function problemOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ClvError) return `${e.problem.code}: ${e.problem.message}`;
    throw e;
  }
  return 'no problem';
}

function made(rows: Array<[x: number, tx: number, T: number, m?: number]>): RepeatSummary {
  const n = rows.length;
  return {
    rows: Int32Array.from({ length: n }, (_, i) => i),
    x: Float64Array.from(rows, (r) => r[0]),
    tx: Float64Array.from(rows, (r) => r[1]),
    T: Float64Array.from(rows, (r) => r[2]),
    m: Float64Array.from(rows, (r) => r[3] ?? NaN),
    txDays: Int32Array.from(rows, (r) => r[1]),
    TDays: Int32Array.from(rows, (r) => r[2]),
    endDay: 100,
    unitDays: 1,
  };
}

describe('every failure says why and what to change', () => {
  test('too few repeat buyers', () => {
    const s = made([...Array.from({ length: 100 }, (_, i): [number, number, number] => [0, 0, 50 + i]), [1, 10, 60], [2, 20, 70]]);
    expect(problemOf(() => fitBgnbd(fitData(s)))).toBe('too-few-repeat-buyers: Only 2 of 102 customers bought again on another day before the calibration end; the models need at least 20 repeat buyers to estimate how often customers buy and when they stop. Move the calibration end later, or use a file with a longer history.');
    expect(problemOf(() => fitParetoNbd(fitData(s)))).toMatch(/^too-few-repeat-buyers: Only 2 of 102 customers/);
    expect(problemOf(() => fitGammaGamma(s.x, Float64Array.from(s.x, () => 10)))).toMatch(/^too-few-repeat-buyers: Only 2 repeat buyers: the spend model needs at least 20/);
  });

  test('no variation in the repeat purchases', () => {
    const s = made(Array.from({ length: 50 }, (_, i): [number, number, number] => [3, 10 + i, 80]));
    expect(problemOf(() => fitBgnbd(fitData(s)))).toBe('no-variation: Every customer has the same number of repeat purchase days (3), so the spread of purchase rates cannot be estimated. Check the date column (are all orders on a few days?) or move the calibration end.');
  });

  test('no variation in the values, for Gamma-Gamma', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => 1 + (i % 4));
    expect(problemOf(() => fitGammaGamma(x, x.map(() => 25)))).toBe('no-variation: Every repeat buyer\'s mean repeat purchase value is 25: the spread of values cannot be estimated. Check the amount column.');
  });

  test('a few non-positive values (at most 1% of repeat buyers) are left out of Gamma-Gamma, and the fit says so', () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => 1 + (i % 5));
    const m = Float64Array.from({ length: 400 }, (_, i) => (i === 7 ? -2 : 10 + ((i * 37) % 41)));
    const fit = fitGammaGamma(x, m, { describe: (i) => `customer "C${i}"` });
    const kept = fitGammaGamma(x.filter((_, i) => i !== 7), m.filter((_, i) => i !== 7));
    expect(fit.rows).toBe(399);
    expect(fit.params.p).toBeCloseTo(kept.params.p, 6);
    expect(fit.note).toBe('1 repeat buyer whose mean repeat purchase value is 0 or less (returns netted on purchase days; first: customer "C7", -2) is left out of this fit, which needs positive values; their expected value per purchase is taken with a mean of 0.');
    expect(kept.note).toBeUndefined();
    // Such a customer's expected value per purchase is taken with a mean of 0: shrunk to below the population mean.
    expect(expectedPurchaseValue(fit.params, 3, -2)).toBe(expectedPurchaseValue(fit.params, 3, 0));
    expect(expectedPurchaseValue(fit.params, 3, 0)).toBeLessThan(expectedPurchaseValue(fit.params, 0, NaN));
  });

  test('non-positive values for Gamma-Gamma, naming the first customer', () => {
    const x = Float64Array.from({ length: 30 }, () => 2);
    const m = Float64Array.from({ length: 30 }, (_, i) => (i === 4 || i === 9 ? -3 : 10 + i));
    expect(problemOf(() => fitGammaGamma(x, m, { describe: (i) => `customer "C${i}"` }))).toBe('non-positive-values: 2 repeat buyers have a mean repeat purchase value of 0 or less (first: customer "C4", -3); the Gamma-Gamma spend model needs positive values. Returns netted on purchase days cause this: set returns to "exclude" in the cleaning settings, or check the amount column.');
  });

  test('no convergence: a sample where everyone buys at a steady pace and nobody leaves sends the dropout parameters off', () => {
    // Every customer buys once a week since day 0 and was seen buying on the last day: no sign of
    // dropout, so BG/NBD's b (and Pareto/NBD's β) grow without bound.
    const s = made(Array.from({ length: 60 }, (_, i): [number, number, number] => [10 + (i % 5), 70 + 7 * (i % 5), 70 + 7 * (i % 5)]));
    for (const [fit, name, dropout] of [[fitBgnbd, 'BG/NBD', 'a'], [fitParetoNbd, 'Pareto/NBD', 's']] as const) {
      const problem = problemOf(() => fit(fitData(s)));
      expect(problem).toMatch(new RegExp(`^no-convergence: The ${name} fit has no maximum, because of the data rather than the search: `));
      expect(problem).toContain('the customers show no sign of dropping out');
      expect(problem).toMatch(new RegExp(`${dropout} → [0-9.e-]+`));
      expect(problem).toMatch(/use the other model if it fitted, or a file with a longer history\.$/);
    }
  });
});

describe("the bench's generated data: purchases spread evenly over two years, nobody leaves", () => {
  // Like bench/generate.mjs at 40,000 orders: customers drawn with skewed activity (u³), each order
  // on a uniformly random day of 730, so every customer keeps buying at the same pace to the end.
  const rand = seededRandom(20261123);
  const customers = 2000;
  const days: number[][] = Array.from({ length: customers }, () => []);
  for (let k = 0; k < 40_000; k++) days[(Math.floor(customers * rand() ** 3) * 7919) % customers].push(Math.floor(rand() * 730));
  const history = (() => {
    const start = [0];
    const day: number[] = [];
    for (const d of days) {
      const distinct = [...new Set(d)].sort((a, b) => a - b);
      day.push(...distinct);
      start.push(day.length);
    }
    return { start: Int32Array.from(start), day: Int32Array.from(day), revenue: Float64Array.from(day, () => 20) };
  })();
  const summary = repeatSummary(history, 486, 7);

  test('Pareto/NBD reports that the data show no dropout, with the share of customers lapsing where the search stopped', () => {
    const problem = problemOf(() => fitParetoNbd(fitData(summary)));
    expect(problem).toMatch(/^no-convergence: The Pareto\/NBD fit has no maximum, because of the data rather than the search: the customers show no sign of dropping out /);
    const share = /the search stopped where ([0-9.]+)% of customers would have stopped buying over the average observed span/.exec(problem);
    expect(Number(share?.[1])).toBeLessThan(1);
  });

  test('BG/NBD says the same: no dropout, naming a and b', () => {
    expect(problemOf(() => fitBgnbd(fitData(summary)))).toMatch(/^no-convergence: The BG\/NBD fit has no maximum, because of the data rather than the search: the customers show no sign of dropping out .*\(a → [0-9.e+-]+, b → [0-9.e+-]+\)/);
  });
});
