import { expectedPurchases, pAlive, type PurchaseFit } from './predict-purchases.ts';
import type { RepeatSummary } from './repeat-summary.ts';

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
 * {@link expectedPurchaseValues}).
 */
export function predictCustomers(fit: PurchaseFit, values: Float64Array, s: RepeatSummary, settings: ValueSettings): CustomerPredictions {
  const n = s.rows.length;
  const out: CustomerPredictions = { pAlive: new Float64Array(n), expectedOrders: new Float64Array(n), expectedAov: new Float64Array(n), clv: new Float64Array(n) };
  const months = Math.max(1, Math.ceil(settings.horizonDays / MONTH_DAYS - 1e-9));
  const monthly = Math.pow(1 + settings.annualDiscountRate, 1 / 12) - 1;
  const ends = Float64Array.from({ length: months }, (_, k) => Math.min((k + 1) * MONTH_DAYS, settings.horizonDays) / s.unitDays);
  const discount = Float64Array.from({ length: months }, (_, k) => Math.pow(1 + monthly, -(k + 1)));
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    const tx = s.tx[i];
    const T = s.T[i];
    out.pAlive[i] = pAlive(fit, x, tx, T);
    const value = values[i];
    out.expectedAov[i] = value;
    let before = 0;
    let discounted = 0;
    for (let k = 0; k < months; k++) {
      const upTo = expectedPurchases(fit, ends[k], x, tx, T);
      discounted += (upTo - before) * discount[k];
      before = upTo;
    }
    out.expectedOrders[i] = before;
    out.clv[i] = settings.margin * value * discounted;
  }
  return out;
}
