import { historyPAlive, purchasesIfAlive, type PurchaseFit } from './predict-purchases.ts';
import type { RepeatSummary } from './repeat-summary.ts';
import { fitData, type FitData } from './fit-data.ts';

/** What CLV is asked for: a horizon in days (independent of the fit's unit), a margin and a discount rate. */
export interface ValueSettings {
  /** Days ahead; default 365. */
  horizonDays: number;
  /** Gross margin as a share of net revenue, 0..1. */
  margin: number;
  /** Annual discount rate, 0.1 for 10%; applied monthly. */
  annualDiscountRate: number;
}

/** Per summarised customer (indexed like the summary's rows). */
export interface CustomerPredictions {
  pAlive: Float64Array;
  /** Expected purchase days in the horizon. */
  expectedOrders: Float64Array;
  /** Expected value per purchase day (Gamma-Gamma; the population mean for x = 0). */
  expectedAov: Float64Array;
  /** margin × expected value × expected purchases, discounted monthly. */
  clv: Float64Array;
}

/** Days in a month for discounting: a year of 365.25 days over 12. */
export const MONTH_DAYS = 365.25 / 12;

/**
 * Predicts every summarised customer: P(alive), expected purchase days in the horizon, expected
 * value per purchase, and CLV = margin × E[value] × Σ over months k of the purchases expected in
 * month k, discounted by (1 + d)^k with d = (1 + annual rate)^(1/12) − 1 (the last month may be
 * partial). The horizon is converted into the fit's unit, so the answers do not depend on it.
 * `values` holds each summarised customer's expected value per purchase (see
 * {@link expectedPurchaseValues}); `data` is `s` merged by history, when the caller has it.
 */
export function predictCustomers(fit: PurchaseFit, values: Float64Array, s: RepeatSummary, settings: ValueSettings, data: FitData = fitData(s)): CustomerPredictions {
  const n = s.rows.length;
  const out: CustomerPredictions = { pAlive: new Float64Array(n), expectedOrders: new Float64Array(n), expectedAov: new Float64Array(n), clv: new Float64Array(n) };
  const months = Math.max(1, Math.ceil(settings.horizonDays / MONTH_DAYS - 1e-9));
  const monthly = Math.pow(1 + settings.annualDiscountRate, 1 / 12) - 1;
  const ends = Float64Array.from({ length: months }, (_, k) => Math.min((k + 1) * MONTH_DAYS, settings.horizonDays) / s.unitDays);
  const discount = Float64Array.from({ length: months }, (_, k) => Math.pow(1 + monthly, -(k + 1)));
  // Each expectation is P(alive), which depends on the history, times the purchases expected
  // of a customer alive at T, which depends on (x, T) only: each computed once per distinct value.
  const alive = historyPAlive(fit, data);
  const pairs = data.pairX.length;
  const orders = new Float64Array(pairs).fill(NaN);
  const discounted = new Float64Array(pairs);
  for (let j = 0; j < data.x.length; j++) {
    const k = data.TPair[j];
    if (!Number.isNaN(orders[k])) continue;
    const x = data.pairX[k];
    const T = data.pairDays[k] / data.unitDays;
    let before = 0;
    let sum = 0;
    for (let m = 0; m < months; m++) {
      const upTo = purchasesIfAlive(fit, ends[m], x, T);
      sum += (upTo - before) * discount[m];
      before = upTo;
    }
    orders[k] = before;
    discounted[k] = sum;
  }
  for (let i = 0; i < n; i++) {
    const j = data.rowOf[i];
    const k = data.TPair[j];
    out.pAlive[i] = alive[j];
    out.expectedAov[i] = values[i];
    out.expectedOrders[i] = alive[j] * orders[k];
    out.clv[i] = settings.margin * values[i] * alive[j] * discounted[k];
  }
  return out;
}
