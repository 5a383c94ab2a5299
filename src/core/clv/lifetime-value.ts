import type { DayNumber } from '../types.ts';
import type { PurchaseDayHistory } from '../metrics/purchase-day-history.ts';
import { ClvError, type ClvProblem } from './clv-error.ts';
import { fitData, type FitData } from './fit-data.ts';
import { fitBgnbd, fitGammaGamma, fitParetoNbd, type FitOptions, type ModelFit } from './fit-models.ts';
import { expectedPurchaseValues, type GammaGammaParams } from './gamma-gamma.ts';
import { PURCHASE_MODEL_LABELS, type PurchaseFit, type PurchaseModel } from './predict-purchases.ts';
import type { BgnbdParams } from './bg-nbd.ts';
import type { ParetoNbdParams } from './pareto-nbd.ts';
import { predictCustomers } from './customer-value.ts';
import { backtestModel, compareModels, type Backtest, type ModelComparison } from './backtest.ts';
import { repeatSummary, type RepeatSummary } from './repeat-summary.ts';
import { correlation, marginShare, valueTiers, valueToDate, type AcquisitionCost } from './value-to-date.ts';

/** The analyst's lifetime-value settings (defaults: {@link DEFAULT_CLV_SETTINGS}). */
export interface ClvSettings {
  /** The fit's time unit in days: 7 (weeks) or 1 (days). A display choice: predictions are in days. */
  unitDays: 1 | 7;
  horizonDays: number;
  /** Gross margin as a share of net revenue, 0..1. */
  margin: number;
  annualDiscountRate: number;
  /** The last day of the calibration period; null: two thirds of the way from the first purchase to the last day. */
  calibrationEnd: DayNumber | null;
  /** The model the predictions use; 'recommended' follows the backtest. */
  model: 'recommended' | PurchaseModel;
  /** Shares of customers in the top and middle CLV tiers (the rest are the bottom tier). */
  tierCuts: [number, number];
  acquisitionCost: AcquisitionCost;
}

export const DEFAULT_CLV_SETTINGS: ClvSettings = {
  unitDays: 7,
  horizonDays: 365,
  margin: 0.3,
  annualDiscountRate: 0.1,
  calibrationEnd: null,
  model: 'recommended',
  tierCuts: [0.2, 0.3],
  acquisitionCost: { perCustomer: 0 },
};

/** One model on the calibration period: its fit and backtest, or why it could not be fitted. */
export type CalibrationModel =
  | { ok: true; model: PurchaseModel; fit: ModelFit<BgnbdParams> | ModelFit<ParetoNbdParams>; backtest: Backtest }
  | { ok: false; model: PurchaseModel; problem: ClvProblem };

/** The per-customer figures, indexed like the customer table (no NaN: see each field). */
export interface ClvColumns {
  pAlive: Float64Array;
  expectedOrders: Float64Array;
  expectedAov: Float64Array;
  clv: Float64Array;
  /** Gross margin − acquisition cost. */
  valueToDate: Float64Array;
  /** Net revenue − cost with a cost column, else net revenue × the margin setting. */
  grossMargin: Float64Array;
  /** CLV tier codes 0 (top) .. 2 (bottom), naming in `tierNames`. */
  tier: Uint8Array;
}

export interface LifetimeValue {
  settings: ClvSettings;
  /** The last day of the data: the full fit's period ends here. */
  lastDay: DayNumber;
  calibration: {
    endDay: DayNumber;
    customers: number;
    repeatBuyers: number;
    models: CalibrationModel[];
    comparison: ModelComparison | null;
  };
  /** The model fitted on all the data for the predictions; null when neither could be fitted. */
  purchase: { model: PurchaseModel; fit: ModelFit<BgnbdParams> | ModelFit<ParetoNbdParams> } | null;
  spend: ModelFit<GammaGammaParams> | null;
  /** Correlation of repeat purchase days and mean repeat value among repeat buyers, and a warning when it is strong. */
  frequencyValue: { correlation: number; warning: string | null };
  problems: ClvProblem[];
  columns: ClvColumns | null;
  tierNames: string[];
  /**
   * The margin predicted CLV uses, as a share of net revenue: from the cost column (gross
   * margin over net revenue, the whole table) or the margin setting.
   */
  margin: { source: 'cost' | 'setting'; share: number };
}

/** |correlation| above this and Gamma-Gamma's independence assumption looks broken. */
export const CORRELATION_WARNING = 0.3;

/** Settings that cannot be used, as messages; empty when they can. */
export function clvSettingsProblems(s: ClvSettings, firstDay: DayNumber, lastDay: DayNumber): string[] {
  const out: string[] = [];
  if (!(s.horizonDays >= 1 && s.horizonDays <= 3650)) out.push('The horizon must be between 1 and 3,650 days.');
  if (!(s.margin > 0 && s.margin <= 1)) out.push('The margin must be above 0% and at most 100%.');
  if (!(s.annualDiscountRate >= 0 && s.annualDiscountRate < 1)) out.push('The discount rate must be at least 0% and below 100% a year.');
  if (!(s.tierCuts[0] > 0 && s.tierCuts[1] >= 0 && s.tierCuts[0] + s.tierCuts[1] < 1)) out.push('The top and middle tiers must be above 0% and add up to less than 100%.');
  if (s.calibrationEnd !== null && !(s.calibrationEnd > firstDay && s.calibrationEnd < lastDay)) {
    out.push('The calibration end must be after the first purchase and before the last day of the data, so there is a period to fit and a holdout to check.');
  }
  if (!(s.acquisitionCost.perCustomer >= 0)) out.push('The acquisition cost must be 0 or more.');
  for (const [channel, cost] of Object.entries(s.acquisitionCost.perChannel ?? {})) {
    if (!(cost >= 0)) out.push(`The acquisition cost of channel ${JSON.stringify(channel)} must be 0 or more.`);
  }
  return out;
}

/** The default calibration end: two thirds of the way from the first purchase day to the last day. */
export function defaultCalibrationEnd(firstDay: DayNumber, lastDay: DayNumber): DayNumber {
  return firstDay + Math.round(((lastDay - firstDay) * 2) / 3);
}

function problemOf(e: unknown): ClvProblem {
  if (e instanceof ClvError) return e.problem;
  throw e;
}

/** What lifetimeValue needs of the customer table besides the purchase days. */
export interface ClvCustomers {
  monetary: ArrayLike<number>;
  /** Names customer row i in messages. */
  describe: (row: number) => string;
  channel?: { codes: ArrayLike<number>; names: readonly string[] } | null;
  /** Each customer's net revenue − cost, when the file has a cost column: then the margin setting is not used. */
  grossMargin?: ArrayLike<number> | null;
  /** Each customer's own acquisition cost (the settings' attributes column; NaN where none). */
  acquisitionCost?: ArrayLike<number> | null;
}

/**
 * Everything the lifetime value panel shows, from the purchase days: both models fitted on the
 * calibration period and backtested on the holdout, the chosen one fitted on all the data,
 * Gamma-Gamma on the repeat buyers, and the per-customer columns. Problems with one model do
 * not stop the other; they are in `problems`.
 *
 * @throws Error for settings {@link clvSettingsProblems} rejects (the caller checks first).
 */
export function lifetimeValue(h: PurchaseDayHistory, customers: ClvCustomers, settings: ClvSettings, options: FitOptions = {}): LifetimeValue {
  const n = h.start.length - 1;
  let firstDay = 2147483647;
  let lastDay = -2147483648;
  for (let r = 0; r < n; r++) {
    if (h.start[r + 1] === h.start[r]) continue;
    firstDay = Math.min(firstDay, h.day[h.start[r]]);
    lastDay = Math.max(lastDay, h.day[h.start[r + 1] - 1]);
  }
  const settingProblems = clvSettingsProblems(settings, firstDay, lastDay);
  if (settingProblems.length > 0) throw new Error(`lifetimeValue: ${settingProblems.join(' ')}`);
  const step = (from: number, to: number): FitOptions => ({
    signal: options.signal,
    onProgress: (f) => options.onProgress?.(from + (to - from) * f),
  });
  const problems: ClvProblem[] = [];

  const endDay = settings.calibrationEnd ?? defaultCalibrationEnd(firstDay, lastDay);
  const cal = repeatSummary(h, endDay, settings.unitDays);
  const calData = fitData(cal);
  const models: CalibrationModel[] = [];
  const fitters = { bgnbd: fitBgnbd, pareto: fitParetoNbd } as const;
  (['bgnbd', 'pareto'] as const).forEach((model, k) => {
    try {
      const fit = fitters[model](calData, step(0.3 * k, 0.3 * (k + 1)));
      const tagged = { model, params: fit.params } as PurchaseFit;
      models.push({ ok: true, model, fit, backtest: backtestModel(tagged, cal, calData, h, lastDay) });
    } catch (e) {
      const problem = problemOf(e);
      problems.push({ ...problem, message: `Calibration period: ${problem.message}` });
      models.push({ ok: false, model, problem });
    }
  });
  const [a, b] = models;
  const comparison = a.ok && b.ok ? compareModels({ backtest: a.backtest, logLikelihood: a.fit.logLikelihood }, { backtest: b.backtest, logLikelihood: b.fit.logLikelihood }) : null;
  const fitted = models.filter((m) => m.ok).map((m) => m.model);
  const chosen: PurchaseModel | null = settings.model !== 'recommended' ? settings.model : comparison?.recommended ?? fitted[0] ?? null;

  const full = repeatSummary(h, lastDay, settings.unitDays);
  let purchase: LifetimeValue['purchase'] = null;
  const fullData = fitData(full);
  if (chosen) {
    try {
      purchase = { model: chosen, fit: fitters[chosen](fullData, step(0.6, 0.85)) };
    } catch (e) {
      problems.push(problemOf(e));
    }
  }
  let spend: ModelFit<GammaGammaParams> | null = null;
  try {
    spend = fitGammaGamma(full.x, full.m, { ...step(0.85, 0.95), describe: (i) => customers.describe(full.rows[i]) });
  } catch (e) {
    problems.push(problemOf(e));
  }
  const repeatX: number[] = [];
  const repeatM: number[] = [];
  for (let i = 0; i < full.x.length; i++) {
    if (full.x[i] > 0 && Number.isFinite(full.m[i])) {
      repeatX.push(full.x[i]);
      repeatM.push(full.m[i]);
    }
  }
  const rho = correlation(repeatX, repeatM);
  const warning = Math.abs(rho) > CORRELATION_WARNING
    ? `Repeat purchase days and the mean repeat purchase value are correlated (r = ${rho.toFixed(2)}): Gamma-Gamma assumes they are independent, so its expected values lean ${rho > 0 ? 'low for frequent buyers and high for rare ones' : 'high for frequent buyers and low for rare ones'}. Treat the value predictions with care.`
    : null;

  const tierNames = tierLabels(settings.tierCuts);
  const columns = purchase ? lifetimeValueColumns(h, customers, settings, { purchase: { model: purchase.model, params: purchase.fit.params } as PurchaseFit, spend: spend?.params ?? null }, { full, fullData }) : null;
  options.onProgress?.(1);
  return {
    settings,
    lastDay,
    calibration: { endDay, customers: cal.rows.length, repeatBuyers: calData.repeatBuyers, models, comparison },
    purchase,
    spend,
    frequencyValue: { correlation: rho, warning },
    problems,
    columns,
    tierNames,
    margin: marginShare(customers.monetary, settings.margin, customers.grossMargin ?? null),
  };
}

/** The fitted models the per-customer figures come from: what a restarted worker is given back. */
export interface ClvFits {
  purchase: PurchaseFit;
  spend: GammaGammaParams | null;
}

/**
 * The per-customer figures of fitted models, indexed like the customer table: what
 * {@link lifetimeValue} computes after its fits, and all a fresh analysis worker needs to offer
 * the same figures again after a cancel or a crash (no fitting: the predictions only).
 * `summary` is the summary over all purchases and its merged histories, when the caller has them.
 */
export function lifetimeValueColumns(
  h: PurchaseDayHistory,
  customers: ClvCustomers,
  settings: ClvSettings,
  fits: ClvFits,
  summary?: { full: RepeatSummary; fullData: FitData },
): ClvColumns {
  const n = h.start.length - 1;
  let full = summary?.full;
  if (!full) {
    let lastDay = -2147483648;
    for (let r = 0; r < n; r++) if (h.start[r + 1] > h.start[r]) lastDay = Math.max(lastDay, h.day[h.start[r + 1] - 1]);
    full = repeatSummary(h, lastDay, settings.unitDays);
  }
  // Without a spend model each customer's own mean purchase day value stands in (the panel says so).
  const values = fits.spend ? expectedPurchaseValues(fits.spend, full.x, full.m) : ownMeanValues(h, full.rows);
  const margin = marginShare(customers.monetary, settings.margin, customers.grossMargin ?? null).share;
  const p = predictCustomers(fits.purchase, values, full, { ...settings, margin }, summary?.fullData ?? fitData(full));
  const rowsOut = (src: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < full.rows.length; i++) out[full.rows[i]] = src[i];
    return out;
  };
  const clv = rowsOut(p.clv);
  const toDate = valueToDate(customers.monetary, settings.margin, settings.acquisitionCost, customers.channel ?? null, customers.grossMargin ?? null, customers.acquisitionCost ?? null);
  return {
    pAlive: rowsOut(p.pAlive),
    expectedOrders: rowsOut(p.expectedOrders),
    expectedAov: rowsOut(p.expectedAov),
    clv,
    valueToDate: toDate.afterAcquisition,
    grossMargin: toDate.grossMargin,
    tier: valueTiers(clv, settings.tierCuts),
  };
}

/** Each customer's mean net revenue per purchase day, over all their days. */
function ownMeanValues(h: PurchaseDayHistory, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => {
    let sum = 0;
    for (let j = h.start[r]; j < h.start[r + 1]; j++) sum += h.revenue[j];
    return sum / (h.start[r + 1] - h.start[r]);
  });
}

/** "Top 20%", "Middle 30%", "Bottom 50%" for the cuts. */
export function tierLabels(cuts: readonly [number, number]): string[] {
  const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
  return [`Top ${pct(cuts[0])}`, `Middle ${pct(cuts[1])}`, `Bottom ${pct(1 - cuts[0] - cuts[1])}`];
}

