import { ClvError, MIN_REPEAT_BUYERS, type ClvProblem } from './clv-error.ts';
import { bgnbdLogLikelihood, type BgnbdParams } from './bg-nbd.ts';
import { paretoLogLikelihood, type ParetoNbdParams } from './pareto-nbd.ts';
import { gammaGammaLogLikelihood, type GammaGammaParams, type SpendData } from './gamma-gamma.ts';
import { thinFitData, type FitData } from './fit-data.ts';
import { nelderMead } from './nelder-mead.ts';

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
  /** Distinct histories the likelihood was summed over (customers with the same history merged). */
  rows: number;
  /** True when the search summed over a systematic sample of {@link MAX_FIT_ROWS} histories; the log-likelihood is then the sample's, scaled. */
  sampled: boolean;
}

/** Above this many distinct histories the starts are compared on a thinned sample first. */
const SAMPLE_ROWS = 6000;
/**
 * The most distinct histories the final search sums over: above it, every k-th history with its
 * weight × k (a systematic sample). The estimates then differ from the full maximum by sampling
 * error far below their own standard errors, and a fit of 250,000 customers stays within seconds.
 */
export const MAX_FIT_ROWS = 30_000;
/** |ln parameter| beyond this is a search that ran off rather than a maximum. */
const LOG_LIMIT = 18;

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
 * Maximises `ll` over positive parameters by Nelder–Mead on their logarithms (so they stay
 * positive and the scales are comparable) from each start; on large data the starts are compared
 * on every k-th row and the best is polished on all of them. The objective is the mean
 * log-likelihood per customer, so the tolerances mean the same at any size.
 */
function maximise<P, D>(
  model: ClvProblem['model'],
  ll: (logParams: number[], d: D) => number,
  toParams: (logParams: number[]) => P,
  starts: number[][],
  d: D,
  size: Sampled<D>,
  { onProgress, signal }: FitOptions,
): ModelFit<P> {
  const step = Math.ceil(size.rows / SAMPLE_ROWS);
  const sample = size.thin(step);
  const scale = 1 / size.weight;
  let best: { x: number[]; f: number } | null = null;
  let evaluations = 0;
  const parts = starts.length + 1;
  starts.forEach((start, i) => {
    // The starts only need to find the right basin; the best is then polished tightly.
    const r = nelderMead((lp) => -ll(lp, sample) * scale, start.map(Math.log), { signal, fTol: 1e-6, xTol: 1e-3 });
    evaluations += r.evaluations;
    if (!best || r.f < best.f) best = r;
    onProgress?.((i + 1) / parts);
  });
  const fitOn = size.rows > MAX_FIT_ROWS ? size.thin(Math.ceil(size.rows / MAX_FIT_ROWS)) : d;
  const final = nelderMead((lp) => -ll(lp, fitOn) * scale, (best as unknown as { x: number[] }).x, { signal, fTol: 1e-10, xTol: 1e-6, step: 0.05, maxEvaluations: 1500 });
  evaluations += final.evaluations;
  onProgress?.(1);
  const wild = final.x.find((v) => !(Math.abs(v) < LOG_LIMIT));
  if (!final.converged || !Number.isFinite(final.f) || wild !== undefined) {
    throw new ClvError({
      code: 'no-convergence',
      model,
      message: wild !== undefined
        ? `The ${model} fit ran off towards a parameter of ${Math.exp(wild).toPrecision(3)}: the data do not pin the model down. This happens with very short histories, when nearly nobody buys again, or (for spend) when values hardly vary; move the calibration end later or try the other model.`
        : `The ${model} fit did not settle on a maximum after ${evaluations} evaluations of the likelihood. Move the calibration end, or try the other model.`,
    });
  }
  return { params: toParams(final.x), logLikelihood: -final.f / scale, evaluations, rows: size.rows, sampled: fitOn !== d };
}

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
  return maximise('BG/NBD', (lp, data) => bgnbdLogLikelihood(params(lp), data), params, starts, d, fitSize(d), options);
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
  return maximise('Pareto/NBD', (lp, data) => paretoLogLikelihood(params(lp), data), params, starts, d, fitSize(d), options);
}

/**
 * Fits Gamma-Gamma on the repeat buyers (x > 0) with their mean repeat purchase values m.
 * @throws ClvError when fewer than {@link MIN_REPEAT_BUYERS} repeat buyers, a value ≤ 0, all
 *   values equal, or no convergence. `describe(i)` names customer i in messages.
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
  if (bad.length > 0) {
    const name = options.describe?.(bad[0]) ?? `row ${bad[0] + 1}`;
    throw new ClvError({
      code: 'non-positive-values',
      model,
      message: `${bad.length} repeat buyer${bad.length === 1 ? ' has' : 's have'} a mean repeat purchase value of 0 or less (first: ${name}, ${m[bad[0]]}); the Gamma-Gamma spend model needs positive values. Returns netted on purchase days cause this: set returns to "exclude" in the cleaning settings, or check the amount column.`,
    });
  }
  if (keep.length < MIN_REPEAT_BUYERS) {
    throw new ClvError({ code: 'too-few-repeat-buyers', model, message: `Only ${keep.length} repeat buyers: the spend model needs at least ${MIN_REPEAT_BUYERS} customers who bought on two days or more. Move the calibration end later, or use a file with a longer history.` });
  }
  const data: SpendData = { x: Float64Array.from(keep, (i) => x[i]), m: Float64Array.from(keep, (i) => m[i]), logM: Float64Array.from(keep, (i) => Math.log(m[i])) };
  let mean = 0;
  let same = true;
  for (let i = 0; i < data.m.length; i++) {
    mean += data.m[i] / data.m.length;
    same &&= data.m[i] === data.m[0];
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
  return maximise('Gamma-Gamma', scaled, params, starts, data, { rows: n, weight: n, thin }, options);
}
