import { describe, expect, test } from 'vitest';
import { clvSettingsProblems, DEFAULT_CLV_SETTINGS, lifetimeValue, lifetimeValueColumns, tierLabels } from '../../../src/core/clv/lifetime-value.ts';
import type { PurchaseFit } from '../../../src/core/clv/predict-purchases.ts';
import { predictCustomers, MONTH_DAYS } from '../../../src/core/clv/customer-value.ts';
import { bgnbdExpectedPurchases } from '../../../src/core/clv/predict-purchases.ts';
import { marginShare, valueTiers, valueToDate, correlation } from '../../../src/core/clv/value-to-date.ts';
import type { RepeatSummary } from '../../../src/core/clv/repeat-summary.ts';
import { CALIBRATION_END, HOLDOUT_END, cdnowTransactions, publishedSummary } from './cdnow.ts';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** One customer's summary, times in whole days as the summary counts them. */
function one(x: number, txDays: number, TDays: number, unitDays: 1 | 7): RepeatSummary {
  return { rows: Int32Array.of(0), x: Float64Array.of(x), tx: Float64Array.of(txDays / unitDays), T: Float64Array.of(TDays / unitDays), m: Float64Array.of(NaN), txDays: Int32Array.of(txDays), TDays: Int32Array.of(TDays), endDay: 0, unitDays };
}

describe('predictCustomers(fit, values, summary, settings)', () => {
  const fit = { model: 'bgnbd', params: BG } as const;

  test('without discounting, CLV = margin × value × expected purchases in the horizon (days, whatever the fit unit)', () => {
    const p = predictCustomers(fit, Float64Array.of(40), one(2, 213, 272, 7), { horizonDays: 273, margin: 0.25, annualDiscountRate: 0 });
    expect(p.expectedOrders[0]).toBeCloseTo(bgnbdExpectedPurchases(BG, 39, 2, 213 / 7, 272 / 7), 12);
    expect(p.clv[0]).toBeCloseTo(0.25 * 40 * p.expectedOrders[0], 10);
    // The same customer and model in days: α × 7, times × 7.
    const days = predictCustomers({ model: 'bgnbd', params: { ...BG, alpha: BG.alpha * 7 } }, Float64Array.of(40), one(2, 213, 272, 1), { horizonDays: 273, margin: 0.25, annualDiscountRate: 0 });
    expect(days.expectedOrders[0]).toBeCloseTo(p.expectedOrders[0], 10);
    expect(days.pAlive[0]).toBeCloseTo(p.pAlive[0], 12);
  });

  test('a one-month horizon is discounted once by the monthly rate (1 + annual)^(1/12) − 1', () => {
    const s = one(1, 70, 210, 7);
    const p = predictCustomers(fit, Float64Array.of(50), s, { horizonDays: MONTH_DAYS, margin: 1, annualDiscountRate: 0.1 });
    expect(p.clv[0]).toBeCloseTo((50 * bgnbdExpectedPurchases(BG, MONTH_DAYS / 7, 1, 10, 30)) / 1.1 ** (1 / 12), 10);
  });

  test('a year is twelve discounted months, each with the purchases expected in it', () => {
    const s = one(3, 140, 210, 7);
    const p = predictCustomers(fit, Float64Array.of(10), s, { horizonDays: 365.25, margin: 1, annualDiscountRate: 0.1 });
    let byHand = 0;
    for (let k = 1; k <= 12; k++) byHand += 10 * (bgnbdExpectedPurchases(BG, (k * MONTH_DAYS) / 7, 3, 20, 30) - bgnbdExpectedPurchases(BG, ((k - 1) * MONTH_DAYS) / 7, 3, 20, 30)) / 1.1 ** (k / 12);
    expect(p.clv[0]).toBeCloseTo(byHand, 10);
  });
});

describe('value to date, tiers and the correlation', () => {
  test('gross margin and value after acquisition cost, per channel where set', () => {
    const v = valueToDate([100, 200, 50], 0.4, { perCustomer: 10, perChannel: { Ads: 30 } }, { codes: [0, 1, -1], names: ['Ads', 'Shop'] });
    expect(Array.from(v.grossMargin)).toEqual([40, 80, 20]);
    expect(Array.from(v.afterAcquisition)).toEqual([10, 70, 10]);
  });
  test('with a gross margin from a cost column, it is used as given and the margin setting is not', () => {
    const v = valueToDate([100, 200, 50], 0.4, { perCustomer: 10 }, null, [55.5, -3, 20]);
    expect(Array.from(v.grossMargin)).toEqual([55.5, -3, 20]);
    expect(Array.from(v.afterAcquisition)).toEqual([45.5, -13, 10]);
  });
  test('a customer\'s own acquisition cost (an attributes column) wins over the channel\'s and the flat figure; none there, they stand', () => {
    const v = valueToDate([100, 200, 50, 80], 0.5, { perCustomer: 10, perChannel: { Ads: 30 }, column: 'cac' }, { codes: [0, 0, -1, 1], names: ['Ads', 'Shop'] }, null, [7.5, NaN, 0, NaN]);
    expect(Array.from(v.afterAcquisition)).toEqual([42.5, 70, 25, 30]);
  });
  test('the margin share CLV uses: the whole gross margin over the whole net revenue with a cost column, else the setting', () => {
    expect(marginShare([100, 200, 50], 0.4, null)).toEqual({ source: 'setting', share: 0.4 });
    expect(marginShare([100, 200, 50], 0.4, [55, -3, 20])).toEqual({ source: 'cost', share: 72 / 350 });
    // No net revenue to take a share of: the setting stands.
    expect(marginShare([10, -10], 0.4, [2, -2])).toEqual({ source: 'setting', share: 0.4 });
  });
  test('tiers: the top 20%, the middle 30%, the bottom 50% by value', () => {
    const codes = valueTiers(Float64Array.from({ length: 10 }, (_, i) => i), [0.2, 0.3]);
    expect(Array.from(codes)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 0, 0]);
    expect(tierLabels([0.2, 0.3])).toEqual(['Top 20%', 'Middle 30%', 'Bottom 50%']);
  });
  test('correlation: 1 for a line, NaN without spread', () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 1, 1], [2, 4, 6])).toBeNaN();
  });
});

describe('lifetimeValue on the CDNOW sample, calibration end 1997-09-30, in weeks', { timeout: 60_000 }, () => {
  const { history, customers } = cdnowTransactions('sample', { freePurchases: true });
  const published = publishedSummary();
  const lv = lifetimeValue(history, { monetary: customers.monetary, describe: (r) => customers.ids[r] }, { ...DEFAULT_CLV_SETTINGS, calibrationEnd: CALIBRATION_END });

  test('both models are fitted on the calibration period and backtested on the 39-week holdout', () => {
    expect(lv.lastDay).toBe(HOLDOUT_END);
    expect(lv.calibration.customers).toBe(2357);
    expect(lv.calibration.repeatBuyers).toBe(946);
    const [bg, pn] = lv.calibration.models;
    if (!bg.ok || !pn.ok) throw new Error('a model failed');
    expect(bg.fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(pn.fit.logLikelihood.toFixed(1)).toBe('-9595.0');
    // The actual holdout figures are the published x_star, summed and binned.
    const xStar = [...published.values()];
    expect(bg.backtest.actualTotal).toBe(xStar.reduce((s, p) => s + p.xStar, 0));
    const zeros = xStar.filter((p) => p.x === 0);
    expect(bg.backtest.bins[0].actual).toBeCloseTo(zeros.reduce((s, p) => s + p.xStar, 0) / zeros.length, 12);
    expect(bg.backtest.weeks).toHaveLength(39);
    expect(bg.backtest.weeks[38].actual).toBe(bg.backtest.actualTotal);
    expect(bg.backtest.weeks[38].predicted).toBeCloseTo(bg.backtest.predictedTotal, 6);
    // Its predicted total is the sum of every customer's E[Y(39 weeks)].
    const byHand = xStar.reduce((s, p) => s + bgnbdExpectedPurchases(bg.fit.params as typeof BG, 39, p.x, p.tx, p.T), 0);
    expect(bg.backtest.predictedTotal / byHand).toBeCloseTo(1, 3);
    expect(bg.backtest.text).toMatch(/^Fair: over the 39-week holdout BG\/NBD expected 1,653 repeat purchase days and 1,882 happened \(-12\.1%\)/);
    expect(lv.calibration.comparison?.text).toMatch(/is recommended/);
  });

  test('every customer gets finite predictions, tiers 20/30/50 and no NaN', () => {
    const c = lv.columns!;
    for (const col of [c.pAlive, c.expectedOrders, c.expectedAov, c.clv, c.valueToDate]) {
      expect(col).toHaveLength(customers.n);
      expect(col.every(Number.isFinite)).toBe(true);
    }
    expect(c.pAlive.every((p) => p > 0 && p <= 1)).toBe(true);
    const counts = [0, 0, 0];
    for (const t of c.tier) counts[t]++;
    expect(counts).toEqual([Math.round(2357 * 0.2), Math.round(2357 * 0.5) - Math.round(2357 * 0.2), 2357 - Math.round(2357 * 0.5)]);
    expect(lv.spend?.rows).toBeGreaterThan(946);
    expect(lv.frequencyValue.warning).toBeNull();
  });

  test('says the margin came from the setting, and the gross margin is net revenue × the setting', () => {
    expect(lv.margin).toEqual({ source: 'setting', share: 0.3 });
    expect(Array.from(lv.columns!.grossMargin)).toEqual(Array.from(customers.monetary, (m) => m * 0.3));
  });

  test('with a cost column: value to date is each gross margin, and CLV takes the file\'s margin share instead of the setting', () => {
    // Costs as a file could give them: 60% of revenue for even rows, 85% for odd ones.
    const grossMargin = Float64Array.from(customers.monetary, (m, i) => Math.round(m * (i % 2 === 0 ? 40 : 15)) / 100);
    const fits = { purchase: { model: lv.purchase!.model, params: lv.purchase!.fit.params } as PurchaseFit, spend: lv.spend!.params };
    const settings = { ...DEFAULT_CLV_SETTINGS, calibrationEnd: CALIBRATION_END };
    const withCost = lifetimeValueColumns(history, { monetary: customers.monetary, describe: (r) => customers.ids[r], grossMargin }, settings, fits);
    expect(Array.from(withCost.grossMargin)).toEqual(Array.from(grossMargin));
    expect(Array.from(withCost.valueToDate)).toEqual(Array.from(grossMargin));
    const share = grossMargin.reduce((s, g) => s + g, 0) / customers.monetary.reduce((s, m) => s + m, 0);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.35);
    for (let i = 0; i < customers.n; i += 97) expect(withCost.clv[i]).toBeCloseTo((lv.columns!.clv[i] * share) / 0.3, 9);
  });

  test('progress rises to 1 and a cancel stops the fit', () => {
    const seen: number[] = [];
    const signal = { aborted: false };
    expect(() => lifetimeValue(history, { monetary: customers.monetary, describe: String }, { ...DEFAULT_CLV_SETTINGS, calibrationEnd: CALIBRATION_END }, {
      signal,
      onProgress: (f) => {
        seen.push(f);
        if (f > 0.3) signal.aborted = true;
      },
    })).toThrow('lifetime value fit cancelled');
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });
});

test('settings that cannot be used are named', () => {
  expect(clvSettingsProblems({ ...DEFAULT_CLV_SETTINGS, horizonDays: 0, margin: 0, calibrationEnd: 5, tierCuts: [0.6, 0.5] }, 10, 100)).toEqual([
    'The horizon must be between 1 and 3,650 days.',
    'The margin must be above 0% and at most 100%.',
    'The top and middle tiers must be above 0% and add up to less than 100%.',
    'The calibration end must be after the first purchase and before the last day of the data, so there is a period to fit and a holdout to check.',
  ]);  expect(clvSettingsProblems({ ...DEFAULT_CLV_SETTINGS, acquisitionCost: { perCustomer: 3, perChannel: { web: 2, '<b>store</b>': -1 } } }, 10, 100)).toEqual([
    'The acquisition cost of channel "<b>store</b>" must be 0 or more.',
  ]);
});
