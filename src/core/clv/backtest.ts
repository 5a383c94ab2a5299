import type { DayNumber } from '../types.ts';
import type { FitData } from './fit-data.ts';
import { historyPAlive, purchasesIfAlive, PURCHASE_MODEL_LABELS, type PurchaseFit } from './predict-purchases.ts';
import { daysThrough, type PurchaseDayHistory } from '../metrics/purchase-day-history.ts';
import { purchaseDaysBetween, type RepeatSummary } from './repeat-summary.ts';

/** Customers with this many calibration repeat purchase days or more share the last bin. */
export const BACKTEST_LAST_BIN = 7;

/** How a model fitted before the calibration end did on the holdout after it. */
export interface Backtest {
  model: PurchaseFit['model'];
  /** Holdout length in days (the day after the calibration end to the last day, inclusive). */
  holdoutDays: number;
  /** Week w (1-based) of the holdout: cumulative repeat purchase days, actual and predicted, over the calibration cohort. */
  weeks: Array<{ week: number; actual: number; predicted: number }>;
  /** Customers by calibration repeat purchase days (0, 1, ..., 7+): mean holdout purchase days, actual and predicted. */
  bins: Array<{ label: string; customers: number; actual: number; predicted: number }>;
  /** Total holdout purchase days. */
  actualTotal: number;
  predictedTotal: number;
  /** (predicted − actual) / actual; NaN when nothing was bought in the holdout. */
  totalError: number;
  /** Mean absolute error per customer, in purchase days. */
  mae: number;
  rmse: number;
  /** Mean absolute error of the weekly cumulative curve relative to its final actual total. */
  curveError: number;
  verdict: 'good' | 'fair' | 'poor';
  /** The verdict in plain words, with the figures. */
  text: string;
}

/**
 * The backtest of one fitted model: its conditional expectations for the holdout against what
 * the calibration cohort did, week by week (cumulative) and per customer (binned by calibration
 * repeat purchases, the chart of the BG/NBD paper). The weekly curve is computed over `data`
 * (the merged histories, weighted), the per-customer figures over `s` (`data` is `s` merged).
 */
export function backtestModel(fit: PurchaseFit, s: RepeatSummary, data: FitData, h: PurchaseDayHistory, lastDay: DayNumber): Backtest {
  const end = s.endDay;
  const holdoutDays = lastDay - end;
  if (holdoutDays < 1) throw new Error(`backtestModel: the last day ${lastDay} is not after the calibration end ${end}`);
  const unit = s.unitDays;
  const weekCount = Math.ceil(holdoutDays / 7);
  const weekEnds = Array.from({ length: weekCount }, (_, w) => Math.min(7 * (w + 1), holdoutDays));
  // Every expectation is P(alive) (per history) times the purchases of a customer alive at T
  // (per distinct (x, T)): the weekly sum over customers is a sum over (x, T) of the latter,
  // weighted by the summed P(alive) of the customers with that (x, T). Exact, over everybody.
  const alive = historyPAlive(fit, data);
  const aliveAt = new Float64Array(data.pairX.length);
  for (let j = 0; j < data.x.length; j++) aliveAt[data.TPair[j]] += data.w[j] * alive[j];
  const predictedWeeks = new Float64Array(weekCount);
  const holdout = new Float64Array(data.pairX.length);
  for (let k = 0; k < aliveAt.length; k++) {
    if (aliveAt[k] === 0) continue;
    const x = data.pairX[k];
    const T = data.pairDays[k] / unit;
    for (let w = 0; w < weekCount; w++) predictedWeeks[w] += aliveAt[k] * purchasesIfAlive(fit, weekEnds[w] / unit, x, T);
    holdout[k] = purchasesIfAlive(fit, holdoutDays / unit, x, T);
  }
  // Each holdout purchase day counted into its week, then summed up: cumulative counts.
  const actualWeeks = new Float64Array(weekCount);
  for (let i = 0; i < s.rows.length; i++) {
    const r = s.rows[i];
    for (let j = daysThrough(h, r, end); j < h.start[r + 1] && h.day[j] <= lastDay; j++) actualWeeks[Math.ceil((h.day[j] - end) / 7) - 1]++;
  }
  for (let w = 1; w < weekCount; w++) actualWeeks[w] += actualWeeks[w - 1];

  const actual = purchaseDaysBetween(h, s.rows, end, lastDay);
  const nBins = BACKTEST_LAST_BIN + 1;
  const binCount = new Float64Array(nBins);
  const binActual = new Float64Array(nBins);
  const binPredicted = new Float64Array(nBins);
  let abs = 0;
  let sq = 0;
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let i = 0; i < actual.length; i++) {
    const j = data.rowOf[i];
    const predicted = alive[j] * holdout[data.TPair[j]];
    const b = Math.min(s.x[i], BACKTEST_LAST_BIN);
    binCount[b]++;
    binActual[b] += actual[i];
    binPredicted[b] += predicted;
    abs += Math.abs(predicted - actual[i]);
    sq += (predicted - actual[i]) ** 2;
    actualTotal += actual[i];
    predictedTotal += predicted;
  }
  const n = Math.max(actual.length, 1);
  const totalError = actualTotal > 0 ? (predictedTotal - actualTotal) / actualTotal : NaN;
  let curve = 0;
  for (let w = 0; w < weekCount; w++) curve += Math.abs(predictedWeeks[w] - actualWeeks[w]);
  const curveError = actualTotal > 0 ? curve / weekCount / actualTotal : NaN;
  const worst = Math.max(Math.abs(totalError), curveError);
  const verdict = !(worst <= 0.25) ? 'poor' : worst <= 0.1 ? 'good' : 'fair';
  const name = PURCHASE_MODEL_LABELS[fit.model];
  const weeks = (holdoutDays / 7).toFixed(holdoutDays % 7 === 0 ? 0 : 1);
  const pct = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
  const figures = `over the ${weeks}-week holdout ${name} expected ${Math.round(predictedTotal).toLocaleString('en-US')} repeat purchase days and ${actualTotal.toLocaleString('en-US')} happened (${Number.isFinite(totalError) ? pct(totalError) : 'no purchases to compare'})`;
  const text = verdict === 'good'
    ? `Good: ${figures}; the weekly curve stays within ${(curveError * 100).toFixed(1)}% of the total. The predictions can be used for planning.`
    : verdict === 'fair'
      ? `Fair: ${figures}. Use the predictions to rank customers rather than as exact counts.`
      : `Poor: ${figures}. Do not rely on these predictions: the buying pattern changed after the calibration end (a season, a campaign), or the history is too short. Try another calibration end.`;
  return {
    model: fit.model,
    holdoutDays,
    weeks: weekEnds.map((_, w) => ({ week: w + 1, actual: actualWeeks[w], predicted: predictedWeeks[w] })),
    bins: Array.from({ length: nBins }, (_, b) => ({
      label: b === BACKTEST_LAST_BIN ? `${b}+` : String(b),
      customers: binCount[b],
      actual: binCount[b] > 0 ? binActual[b] / binCount[b] : 0,
      predicted: binCount[b] > 0 ? binPredicted[b] / binCount[b] : 0,
    })),
    actualTotal,
    predictedTotal,
    totalError,
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    curveError,
    verdict,
    text,
  };
}

/** The two models side by side: which to use and why, in plain words. */
export interface ModelComparison {
  recommended: PurchaseFit['model'];
  text: string;
}

/**
 * Recommends the model whose holdout predictions are closer per customer (lower mean absolute
 * error); when those are within 1% of each other, the one with the higher calibration
 * log-likelihood (both have four parameters, so the likelihoods compare directly).
 */
export function compareModels(a: { backtest: Backtest; logLikelihood: number }, b: { backtest: Backtest; logLikelihood: number }): ModelComparison {
  const na = PURCHASE_MODEL_LABELS[a.backtest.model];
  const nb = PURCHASE_MODEL_LABELS[b.backtest.model];
  const close = Math.abs(a.backtest.mae - b.backtest.mae) <= 0.01 * Math.max(a.backtest.mae, b.backtest.mae);
  const aWins = close ? a.logLikelihood >= b.logLikelihood : a.backtest.mae < b.backtest.mae;
  const [w, l, wn, ln] = aWins ? [a, b, na, nb] : [b, a, nb, na];
  const ll = `log-likelihood ${w.logLikelihood.toFixed(1)} against ${l.logLikelihood.toFixed(1)}`;
  const mae = `mean error per customer in the holdout ${w.backtest.mae.toFixed(3)} against ${l.backtest.mae.toFixed(3)} purchase days`;
  const text = close
    ? `${wn} is recommended: both predict the holdout about equally well (${mae}), and ${wn} fits the calibration period better (${ll}).`
    : `${wn} is recommended: it predicts the holdout better than ${ln} (${mae}; ${ll}).`;
  return { recommended: w.backtest.model, text };
}
