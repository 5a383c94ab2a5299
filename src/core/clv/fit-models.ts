import { ClvError, MIN_REPEAT_BUYERS, type ClvProblem } from './clv-error.ts';
import { bgnbdLogLikelihood, bgnbdLogLikelihoodGradient, type BgnbdParams } from './bg-nbd.ts';
import { paretoLogLikelihood, paretoLogLikelihoodGradient, type ParetoNbdParams } from './pareto-nbd.ts';
import { gammaGammaLogLikelihood, gammaGammaLogLikelihoodGradient, type GammaGammaParams, type SpendData } from './gamma-gamma.ts';
import { thinFitData, type FitData } from './fit-data.ts';
import { logGamma } from './log-gamma.ts';
import { quasiNewton, type QuasiNewtonResult } from './quasi-newton.ts';

export interface FitOptions {
  /** Called with 0..1 as the starts and the polish finish. */
  onProgress?: (fraction: number) => void;
  /** Checked between optimiser iterations: a set flag stops the fit (ClvAborted). */
  signal?: { readonly aborted: boolean };
}

/** A fitted model: the parameters, the maximised log-likelihood and how the search went. */
export interface ModelFit<P> {
  params: P;
  logLikelihood: number;
  evaluations: number;
  /** Distinct histories the likelihood was summed over (customers with the same history merged): all of them. */
  rows: number;
  /** Something the analyst should know about the data the fit used, in plain words. */
  note?: string;
}

/**
 * Gamma-Gamma leaves out repeat buyers with a mean repeat value ≤ 0 (returns netted on their
 * purchase days) when they are at most this share of the repeat buyers; more, and it reports them.
 */
export const MAX_LEFT_OUT = 0.01;

/** Above this many distinct histories the starts are compared on a systematic sample first. */
const SAMPLE_ROWS = 4000;
/**
 * A parameter beyond 10^5 times its natural scale, or below 10^−5 of it, is a search running off
 * to a boundary of the model rather than a maximum (for a shape parameter the scale is 1).
 */
const LOG_LIMIT = Math.log(1e5);
/** Two starts whose mean log-likelihoods per customer differ by less than this found the same maximum. */
const SAME_MAXIMUM = 1e-7;

/** Which way a parameter ran off, in words the analyst can act on (see {@link ranOffMessage}). */
export interface ParameterMeaning {
  name: string;
  /** The parameter's natural size in the data's units (1 for shapes), which {@link LOG_LIMIT} is relative to. */
  scale: number;
  /** What it means when the parameter goes towards 0 or towards infinity; null: no plain meaning. */
  low: string | null;
  high: string | null;
}

function ranOffMessage(model: ClvProblem['model'], meanings: ParameterMeaning[], logParams: number[], off: number[]): string {
  const named = off.map((j) => `${meanings[j].name} → ${Math.exp(logParams[j]).toPrecision(3)}`).join(', ');
  const plain = [...new Set(off.map((j) => (logParams[j] < Math.log(meanings[j].scale) ? meanings[j].low : meanings[j].high)).filter((m): m is string => m !== null))];
  if (plain.length > 0) {
    const expects = model === 'Gamma-Gamma' ? 'customers whose typical spend differs' : 'customers who differ in how often they buy and who stop buying at some point';
    return `The ${model} fit has no maximum, because of the data rather than the search: ${plain.join('; and ')} (${named}). The model expects ${expects}; ${model === 'Gamma-Gamma' ? 'use each customer\'s own mean value instead' : 'use the other model if it fitted, or a file with a longer history'}.`;
  }
  return `The ${model} fit ran off (${named}): the data do not pin the model down. This happens with very short histories, when nearly nobody buys again, or (for spend) when values hardly vary; move the calibration end later or try the other model.`;
}

function checkCounts(d: FitData, model: ClvProblem['model']): void {
  if (d.repeatBuyers < MIN_REPEAT_BUYERS) {
    throw new ClvError({
      code: 'too-few-repeat-buyers',
      model,
      message: `Only ${d.repeatBuyers} of ${d.customers} customers bought again on another day before the calibration end; the models need at least ${MIN_REPEAT_BUYERS} repeat buyers to estimate how often customers buy and when they stop. Move the calibration end later, or use a file with a longer history.`,
    });
  }
  let same = true;
  for (let i = 1; i < d.x.length && same; i++) same = d.x[i] === d.x[0];
  if (same) {
    throw new ClvError({
      code: 'no-variation',
      model,
      message: `Every customer has the same number of repeat purchase days (${d.x[0]}), so the spread of purchase rates cannot be estimated. Check the date column (are all orders on a few days?) or move the calibration end.`,
    });
  }
}

/** What {@link maximise} needs of a data set: its size, a total weight, and a thinned copy. */
interface Sampled<D> {
  rows: number;
  weight: number;
  thin: (step: number) => D;
}

/**
 * Maximises `ll` over positive parameters by BFGS on their logarithms (so they stay positive and
 * the scales are comparable). On large data the starts are searched on a systematic sample of
 * the histories, stopping once two agree; the best is then finished on all of them, from the
 * sample's answer and curvature, so the final estimates are the exact maximum of the whole
 * likelihood. The objective is the mean log-likelihood per customer, so the tolerances mean the
 * same at any size.
 */
function maximise<P, D>(
  model: ClvProblem['model'],
  ll: (logParams: number[], d: D) => number,
  toParams: (logParams: number[]) => P,
  meanings: ParameterMeaning[],
  starts: number[][],
  d: D,
  size: Sampled<D>,
  { onProgress, signal }: FitOptions,
  lapsed?: (logParams: number[]) => number,
  gradient?: (logParams: number[], d: D) => number[],
  seriesWall = false,
): ModelFit<P> {
  const step = Math.ceil(size.rows / SAMPLE_ROWS);
  const sample = size.thin(step);
  const scale = 1 / size.weight;
  const found: QuasiNewtonResult[] = [];
  const descent = (data: D) => (gradient ? (lp: number[]) => gradient(lp, data).map((g) => -g * scale) : undefined);
  let evaluations = 0;
  const parts = starts.length + 1;
  const logScale = meanings.map((m) => Math.log(m.scale));
  const ranOff = (x: number[]) => x.flatMap((v, j) => (Math.abs(v - logScale[j]) < LOG_LIMIT ? [] : [j]));
  // A Pareto/NBD search heading for no dropout is slow and ends at a wall where the likelihood's
  // series no longer converges: it is stopped once almost nobody would lapse (see noDropout).
  const outside = (x: number[]) => ranOff(x).length > 0 || (seriesWall && lapsed !== undefined && lapsed(x) < NO_DROPOUT_SHARE / 10);
  for (let i = 0; i < starts.length; i++) {
    const r = quasiNewton((lp) => -ll(lp, sample) * scale, starts[i].map(Math.log), { signal, fTol: gradient ? 1e-9 : 1e-7, maxIterations: 150, outside, forward: !gradient }, descent(sample));
    evaluations += r.evaluations;
    if (Number.isFinite(r.f)) found.push(r);
    onProgress?.((i + 1) / parts);
    found.sort((a, b) => a.f - b.f);
    if (found.length >= 2 && found[1].f - found[0].f < SAME_MAXIMUM && !outside(found[0].x)) break;
    // Two starts that both head for no dropout agree too: a third would only take as long again.
    if (lapsed && found.filter((f) => !f.converged && lapsed(f.x) < NO_DROPOUT_SHARE).length >= 2) break;
  }
  const noDropout = (r: QuasiNewtonResult | null | undefined) => {
    // A search towards no dropout can also end at parameters where the likelihood can no longer
    // be evaluated (Pareto/NBD's series near z = 1), before any parameter is extreme.
    const share = r && !r.converged && lapsed ? lapsed(r.x) : NaN;
    if (r && share < NO_DROPOUT_SHARE) {
      const named = meanings.flatMap((m, j) => (m.low === NO_DROPOUT || m.high === NO_DROPOUT ? [`${m.name} → ${Math.exp(r.x[j]).toPrecision(3)}`] : [])).join(', ');
      throw new ClvError({ code: 'no-convergence', model, message: `The ${model} fit has no maximum, because of the data rather than the search: ${NO_DROPOUT}; the search stopped where ${(share * 100).toPrecision(2)}% of customers would have stopped buying over the average observed span (${named}). The model expects customers who stop buying at some point; use the other model if it fitted, or a file with a longer history.` });
    }
  };
  const best = found[0];
  noDropout(best);
  if (best && outside(best.x)) throw new ClvError({ code: 'no-convergence', model, message: ranOffMessage(model, meanings, best.x, ranOff(best.x)) });
  const final = best
    ? quasiNewton((lp) => -ll(lp, d) * scale, best.x, { signal, fTol: 1e-12, maxIterations: 60, inverseHessian: best.inverseHessian, outside }, descent(d))
    : null;
  if (final) evaluations += final.evaluations;
  onProgress?.(1);
  noDropout(final);
  if (final && outside(final.x)) throw new ClvError({ code: 'no-convergence', model, message: ranOffMessage(model, meanings, final.x, ranOff(final.x)) });
  if (!final || !final.converged) {
    throw new ClvError({
      code: 'no-convergence',
      model,
      message: `The ${model} fit did not settle on a maximum after ${evaluations} evaluations of the likelihood. Move the calibration end, or try the other model.`,
    });
  }
  return { params: toParams(final.x), logLikelihood: -final.f / scale, evaluations, rows: size.rows };
}

/** A search that stops where fewer customers than this would lapse over the mean observed span was heading for no dropout. */
const NO_DROPOUT_SHARE = 0.01;
const NO_DROPOUT = 'the customers show no sign of dropping out (they keep buying at their own pace up to the end of the period), so the estimated dropout goes to zero';
const SAME_RATE = 'every customer buys at nearly the same rate, so the estimated spread of purchase rates goes to zero';
const bgnbdMeanings = (meanT: number): ParameterMeaning[] => [
  { name: 'r', scale: 1, low: null, high: SAME_RATE },
  { name: 'α', scale: meanT, low: null, high: SAME_RATE },
  { name: 'a', scale: 1, low: NO_DROPOUT, high: null },
  { name: 'b', scale: 1, low: null, high: NO_DROPOUT },
];
const paretoMeanings = (meanT: number): ParameterMeaning[] => [
  { name: 'r', scale: 1, low: null, high: SAME_RATE },
  { name: 'α', scale: meanT, low: null, high: SAME_RATE },
  { name: 's', scale: 1, low: NO_DROPOUT, high: null },
  { name: 'β', scale: meanT, low: null, high: NO_DROPOUT },
];
const SAME_VALUE = "customers' typical values per purchase hardly differ from one another, so the estimated spread between customers goes to zero";
const gammaGammaMeanings = (meanValue: number): ParameterMeaning[] => [
  { name: 'p', scale: 1, low: null, high: null },
  { name: 'q', scale: 1, low: null, high: SAME_VALUE },
  { name: 'γ', scale: meanValue, low: null, high: SAME_VALUE },
];

const fitSize = (d: FitData): Sampled<FitData> => ({ rows: d.x.length, weight: d.customers, thin: (step) => thinFitData(d, step) });

function meanRate(d: FitData): { meanT: number; rate: number } {
  let t = 0;
  let x = 0;
  for (let i = 0; i < d.x.length; i++) {
    t += d.w[i] * d.T[i];
    x += d.w[i] * d.x[i];
  }
  const meanT = Math.max(t / d.customers, 1e-3);
  return { meanT, rate: Math.max(x / d.customers, 0.05) / meanT };
}

/** Fits BG/NBD by maximum likelihood. @throws ClvError (see {@link ClvProblemCode}). */
export function fitBgnbd(d: FitData, options: FitOptions = {}): ModelFit<BgnbdParams> {
  checkCounts(d, 'BG/NBD');
  const { rate } = meanRate(d);
  const starts = [
    [1, 1 / rate, 1, 1],
    [0.3, 0.3 / rate, 0.5, 3],
    [3, 3 / rate, 2, 0.5],
  ];
  const params = (lp: number[]): BgnbdParams => ({ r: Math.exp(lp[0]), alpha: Math.exp(lp[1]), a: Math.exp(lp[2]), b: Math.exp(lp[3]) });
  // Dropout chance p ~ Beta(a, b) after each purchase: the share gone after n purchases is 1 − B(a, b + n) / B(a, b).
  const n = rate * meanRate(d).meanT;
  const lapsed = (lp: number[]) => {
    const a = Math.exp(lp[2]);
    const b = Math.exp(lp[3]);
    return -Math.expm1(logGamma(b + n) + logGamma(a + b) - logGamma(b) - logGamma(a + b + n));
  };
  return maximise('BG/NBD', (lp, data) => bgnbdLogLikelihood(params(lp), data), params, bgnbdMeanings(meanRate(d).meanT), starts, d, fitSize(d), options, lapsed, (lp, data) => bgnbdLogLikelihoodGradient(params(lp), data));
}

/** Fits Pareto/NBD by maximum likelihood. @throws ClvError (see {@link ClvProblemCode}). */
export function fitParetoNbd(d: FitData, options: FitOptions = {}): ModelFit<ParetoNbdParams> {
  checkCounts(d, 'Pareto/NBD');
  const { rate, meanT } = meanRate(d);
  const starts = [
    [1, 1 / rate, 1, meanT],
    [0.5, 0.5 / rate, 0.5, meanT / 3],
    [2, 2 / rate, 2, 3 * meanT],
  ];
  const params = (lp: number[]): ParetoNbdParams => ({ r: Math.exp(lp[0]), alpha: Math.exp(lp[1]), s: Math.exp(lp[2]), beta: Math.exp(lp[3]) });
  // Dropout rates ~ Gamma(s, β): the share gone after a span T is 1 − (β / (β + T))^s.
  const lapsed = (lp: number[]) => -Math.expm1(Math.exp(lp[2]) * Math.log(Math.exp(lp[3]) / (Math.exp(lp[3]) + meanT)));
  return maximise('Pareto/NBD', (lp, data) => paretoLogLikelihood(params(lp), data), params, paretoMeanings(meanT), starts, d, fitSize(d), options, lapsed, (lp, data) => paretoLogLikelihoodGradient(params(lp), data), true);
}

/**
 * Fits Gamma-Gamma on the repeat buyers (x > 0) with their mean repeat purchase values m.
 * Repeat buyers with a value ≤ 0 are left out (said in the fit's `note`) when they are at most
 * {@link MAX_LEFT_OUT} of them.
 * @throws ClvError when fewer than {@link MIN_REPEAT_BUYERS} repeat buyers, more values ≤ 0 than
 *   that, all values equal, or no convergence. `describe(i)` names customer i in messages.
 */
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, options: FitOptions & { describe?: (i: number) => string } = {}): ModelFit<GammaGammaParams> {
  const keep: number[] = [];
  const bad: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) continue;
    if (m[i] > 0) keep.push(i);
    else bad.push(i);
  }
  const model = 'Gamma-Gamma';
  const first = bad.length > 0 ? `${options.describe?.(bad[0]) ?? `row ${bad[0] + 1}`}, ${m[bad[0]]}` : '';
  if (bad.length > MAX_LEFT_OUT * (keep.length + bad.length)) {
    throw new ClvError({
      code: 'non-positive-values',
      model,
      message: `${bad.length} repeat buyer${bad.length === 1 ? ' has' : 's have'} a mean repeat purchase value of 0 or less (first: ${first}); the Gamma-Gamma spend model needs positive values. Returns netted on purchase days cause this: set returns to "exclude" in the cleaning settings, or check the amount column.`,
    });
  }
  const note = bad.length > 0
    ? `${bad.length} repeat buyer${bad.length === 1 ? ' whose' : 's whose'} mean repeat purchase value is 0 or less (returns netted on purchase days; first: ${first}) ${bad.length === 1 ? 'is' : 'are'} left out of this fit, which needs positive values; their expected value per purchase is taken with a mean of 0.`
    : null;
  if (keep.length < MIN_REPEAT_BUYERS) {
    throw new ClvError({ code: 'too-few-repeat-buyers', model, message: `Only ${keep.length} repeat buyers: the spend model needs at least ${MIN_REPEAT_BUYERS} customers who bought on two days or more. Move the calibration end later, or use a file with a longer history.` });
  }
  const k = keep.length;
  const data: SpendData = { x: new Float64Array(k), m: new Float64Array(k), logM: new Float64Array(k) };
  let mean = 0;
  let same = true;
  for (let j = 0; j < k; j++) {
    const i = keep[j];
    data.x[j] = x[i];
    data.m[j] = m[i];
    data.logM[j] = Math.log(m[i]);
    mean += m[i] / k;
    same &&= m[i] === m[keep[0]];
  }
  if (same) throw new ClvError({ code: 'no-variation', model, message: `Every repeat buyer's mean repeat purchase value is ${data.m[0]}: the spread of values cannot be estimated. Check the amount column.` });
  const params = (lp: number[]): GammaGammaParams => ({ p: Math.exp(lp[0]), q: Math.exp(lp[1]), gamma: Math.exp(lp[2]) });
  const ll = (lp: number[], sub: SpendData) => gammaGammaLogLikelihood(params(lp), sub);
  // The same machinery as the purchase models, on spend data: its weights are all 1.
  const starts = [
    [1, 2, mean],
    [4, 4, mean * 3],
    [0.5, 1.5, mean / 2],
  ];
  const n = data.x.length;
  const thin = (step: number): SpendData => {
    if (step <= 1) return data;
    const pick = (a: Float64Array) => Float64Array.from({ length: Math.ceil(n / step) }, (_, k) => a[k * step]);
    return { x: pick(data.x), m: pick(data.m), logM: pick(data.logM) };
  };
  // A thinned sample's log-likelihood is scaled to the whole by the weight 1/n against n/step rows.
  const scaled = (lp: number[], sub: SpendData) => (ll(lp, sub) * n) / sub.x.length;
  const gradient = (lp: number[], sub: SpendData) => gammaGammaLogLikelihoodGradient(params(lp), sub).map((v) => (v * n) / sub.x.length);
  const fit = maximise('Gamma-Gamma', scaled, params, gammaGammaMeanings(mean), starts, data, { rows: n, weight: n, thin }, options, undefined, gradient);
  return note ? { ...fit, note } : fit;
}
