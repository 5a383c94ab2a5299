import { ClusterError, type ClusterProblem } from './cluster-error.ts';
import { checkValues } from './check-values.ts';
import { quantileSorted } from './quantile-sorted.ts';

/**
 * How features are put on a common footing before distances are taken:
 * - `zscore`: (x - mean) / standard deviation (population, as most libraries do);
 * - `minmax`: (x - min) / (max - min), into [0, 1];
 * - `robust`: (x - median) / interquartile range, so a few huge spenders do not squash the rest;
 * - `none`: unchanged (after the log, if any).
 */
export type ScalingMethod = 'zscore' | 'minmax' | 'robust' | 'none';

export interface FeatureInput {
  /** Display name, used in problems ("recency", "orders"). */
  name: string;
  /** One value per point (customer), in the feature's own units. */
  values: ArrayLike<number>;
  /** Take log1p first; overrides {@link ScaleOptions.log} for this feature. */
  log?: boolean;
}

export interface ScaleOptions {
  method: ScalingMethod;
  /** Take log1p of every feature before scaling (default false); a feature's own `log` wins. */
  log?: boolean;
}

/** How one feature was scaled: `scaled = ((log ? log1p(x) : x) - center) / scale`. */
export interface FeatureScale {
  name: string;
  log: boolean;
  center: number;
  /** Always > 0: a constant feature gets 1, so it scales to zeros instead of dividing by zero. */
  scale: number;
  /** True when the feature (after the log) has a single value. */
  constant: boolean;
}

export interface ScaledFeatures {
  /** Row-major n × d: point i's feature j is at `i * d + j`. */
  data: Float64Array;
  n: number;
  d: number;
  /** Per feature, in input order: how it was scaled (centre, scale, log). */
  scales: FeatureScale[];
  /** Problems that did not stop the scaling (`constant-feature`, `zero-iqr`). */
  warnings: ClusterProblem[];
}

/**
 * Scales features into one flat matrix for clustering and keeps the parameters it used.
 *
 * Input it cannot use is a thrown {@link ClusterError} listing every problem at once, so the
 * analyst sees all of them together rather than one per attempt: `missing-values` (NaN, per
 * feature with its count), `infinite-values`, `negative-for-log` (log1p needs values >= 0),
 * `too-few-points` (no points) and `all-features-constant`. A constant feature alone is only
 * a warning: it is kept, scaled to zeros, and reported as `constant-feature`.
 */
export function scaleFeatures(features: readonly FeatureInput[], options: ScaleOptions): ScaledFeatures {
  const d = features.length;
  if (d === 0) throw new RangeError('scaleFeatures: no features given');
  const n = features[0].values.length;
  for (const f of features) {
    if (f.values.length !== n) throw new RangeError(`scaleFeatures: "${f.name}" has ${f.values.length} values, "${features[0].name}" has ${n}`);
  }
  const problems: ClusterProblem[] = [];
  for (const f of features) problems.push(...checkValues(f.name, f.values, f.log ?? options.log ?? false));
  if (n === 0) problems.push({ code: 'too-few-points', count: 0, message: 'There are no customers to cluster.' });
  if (problems.length > 0) throw new ClusterError(problems);

  const data = new Float64Array(n * d);
  const column = new Float64Array(n);
  const sorted = options.method === 'robust' ? new Float64Array(n) : null;
  const scales: FeatureScale[] = [];
  const warnings: ClusterProblem[] = [];
  for (let j = 0; j < d; j++) {
    const { name, values } = features[j];
    const log = features[j].log ?? options.log ?? false;
    for (let i = 0; i < n; i++) column[i] = log ? Math.log1p(values[i]) : values[i];
    const scale = fitScale(column, options.method, sorted);
    scales.push({ name, log, center: scale.center, scale: scale.scale, constant: scale.constant });
    if (scale.constant) {
      warnings.push({ code: 'constant-feature', column: name, message: `"${name}" is the same for every customer, so it cannot separate clusters.` });
    } else if (scale.zeroIqr) {
      warnings.push({
        code: 'zero-iqr',
        column: name,
        message: `Half of the customers share one value of "${name}", so it was scaled by its standard deviation instead of its interquartile range.`,
      });
    }
    for (let i = 0; i < n; i++) data[i * d + j] = (column[i] - scale.center) / scale.scale;
  }
  if (scales.every((s) => s.constant)) {
    throw new ClusterError({ code: 'all-features-constant', message: 'Every feature has the same value for all customers, so there is nothing to cluster.' });
  }
  return { data, n, d, scales, warnings };
}

interface Fit {
  center: number;
  scale: number;
  constant: boolean;
  zeroIqr: boolean;
}

function fitScale(x: Float64Array, method: ScalingMethod, sorted: Float64Array | null): Fit {
  const n = x.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const constant = max === min;
  if (method === 'none') return { center: 0, scale: 1, constant, zeroIqr: false };
  if (constant) return { center: min, scale: 1, constant, zeroIqr: false };
  if (method === 'minmax') return { center: min, scale: max - min, constant, zeroIqr: false };
  const std = standardDeviation(x, sum / n);
  if (method === 'zscore') return { center: sum / n, scale: std, constant, zeroIqr: false };
  sorted!.set(x);
  sorted!.sort();
  const median = quantileSorted(sorted!, 0.5);
  const iqr = quantileSorted(sorted!, 0.75) - quantileSorted(sorted!, 0.25);
  return iqr > 0 ? { center: median, scale: iqr, constant, zeroIqr: false } : { center: median, scale: std, constant, zeroIqr: true };
}

function standardDeviation(x: Float64Array, mean: number): number {
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) * (x[i] - mean);
  // Values that differ by less than rounding can give 0; never divide by it.
  return ss > 0 ? Math.sqrt(ss / x.length) : 1;
}
