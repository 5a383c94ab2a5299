import type { CustomerTable, DayNumber } from '../types.ts';
import { ClusterError, type ClusterProblem } from './cluster-error.ts';
import type { FeatureTerms, ProfileFeature } from './profile-clusters.ts';
import type { FeatureInput } from './scale-features.ts';

/** The per-customer metrics clustering can use. */
export type CustomerFeature = 'recency' | 'frequency' | 'monetary';

/** One feature chosen for clustering, and whether to take log1p of it before scaling. */
export interface FeatureChoice {
  feature: CustomerFeature;
  log: boolean;
}

/** How each feature is shown and how its standing reads in a cluster's automatic name. */
export const CUSTOMER_FEATURES: Readonly<Record<CustomerFeature, { label: string; words: string; terms: FeatureTerms }>> = Object.freeze({
  recency: { label: 'Recency', words: 'days since the last purchase', terms: { low: 'recent', high: 'lapsed' } },
  frequency: { label: 'Frequency', words: 'orders', terms: { low: 'infrequent', high: 'frequent' } },
  monetary: { label: 'Monetary', words: 'net revenue', terms: { low: 'low spend', high: 'high spend' } },
});

/** The default: recency, frequency and monetary, each through log1p (all three are skewed). */
export const DEFAULT_FEATURES: readonly FeatureChoice[] = Object.freeze([
  Object.freeze({ feature: 'recency', log: true }),
  Object.freeze({ feature: 'frequency', log: true }),
  Object.freeze({ feature: 'monetary', log: true }),
] as FeatureChoice[]);

/** The three metrics of every customer in original units, recency measured to `analysisDay`. */
export interface CustomerMetricColumns {
  recency: Int32Array;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export function customerMetricColumns(customers: CustomerTable, analysisDay: DayNumber): CustomerMetricColumns {
  const recency = new Int32Array(customers.n);
  for (let i = 0; i < customers.n; i++) recency[i] = analysisDay - customers.lastDay[i];
  return { recency, frequency: customers.frequency, monetary: customers.monetary };
}

export interface CustomerFeatures {
  /** For {@link scaleFeatures}: the chosen features, log flags set, negatives clipped where logged. */
  inputs: FeatureInput[];
  /** For {@link profileClusters}: the same features in original units, with their name terms. */
  profile: ProfileFeature[];
  /** `clipped-for-log` for each logged feature that had values below 0. */
  warnings: ClusterProblem[];
}

/**
 * The feature matrix inputs for clustering customers on the chosen metrics.
 *
 * A log needs values of 0 or more, but net revenue is below 0 for a customer whose returns
 * exceed their purchases (and recency is, for a purchase after a chosen analysis day). Refusing
 * the whole file for a handful of such customers would help no one, so for a logged feature
 * those values are taken as 0 and reported as a `clipped-for-log` warning with their count.
 * Profiles keep the original values.
 *
 * Throws {@link ClusterError} `no-features` when no feature is chosen.
 */
export function customerFeatures(columns: CustomerMetricColumns, features: readonly FeatureChoice[]): CustomerFeatures {
  if (features.length === 0) throw new ClusterError({ code: 'no-features', message: 'Choose at least one feature to cluster on.' });
  const seen = new Set<CustomerFeature>();
  const inputs: FeatureInput[] = [];
  const profile: ProfileFeature[] = [];
  const warnings: ClusterProblem[] = [];
  for (const { feature, log } of features) {
    if (!(feature in CUSTOMER_FEATURES)) throw new RangeError(`customerFeatures: unknown feature ${JSON.stringify(feature)}`);
    if (seen.has(feature)) throw new RangeError(`customerFeatures: "${feature}" is chosen twice`);
    seen.add(feature);
    const info = CUSTOMER_FEATURES[feature];
    const values = columns[feature];
    const name = info.label.toLowerCase();
    let negative = 0;
    if (log) for (let i = 0; i < values.length; i++) if (values[i] < 0) negative++;
    if (negative > 0) {
      const clipped = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) clipped[i] = values[i] < 0 ? 0 : values[i];
      inputs.push({ name, values: clipped, log });
      const why = feature === 'monetary' ? 'net revenue below zero (their returns exceed their purchases)' : `${info.words} below zero`;
      warnings.push({
        code: 'clipped-for-log',
        column: name,
        count: negative,
        message: `${negative.toLocaleString('en-US')} customers have ${why}; on the log scale they count as 0.`,
      });
    } else {
      inputs.push({ name, values, log });
    }
    profile.push({ name, values, terms: info.terms });
  }
  return { inputs, profile, warnings };
}
