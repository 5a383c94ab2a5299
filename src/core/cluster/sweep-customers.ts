import type { CustomerTable } from '../types.ts';
import { chooseK, type ChooseKResult } from './choose-k.ts';
import { clusterSamples } from './cluster-samples.ts';
import { tooFewCustomers, type ClusterFeatureSettings } from './cluster-customers.ts';
import type { ClusterProblem } from './cluster-error.ts';
import { customerFeatures, customerMetricColumns } from './customer-features.ts';
import { scaleFeatures } from './scale-features.ts';
import { seededRandom } from './seeded-random.ts';

export interface SweepSettings extends ClusterFeatureSettings {
  /** Smallest k tried (default 2). */
  kMin?: number;
  /** Largest k tried (default 10; fewer when there are fewer distinct customers). */
  kMax?: number;
}

/** The elbow-and-silhouette sweep over k for the customers, with the suggested k and why. */
export interface KSweep extends ChooseKResult {
  settings: SweepSettings;
  /** Customers clustered. */
  customers: number;
  /** Problems that did not stop the sweep (a constant feature, values clipped for the log). */
  warnings: ClusterProblem[];
}

/**
 * Runs k-means for k = kMin..kMax on the customers' chosen features and suggests a k (see
 * {@link chooseK}: the highest mean silhouette, exact up to 10,000 customers and on one seeded
 * sample of 4,000 above that, compared with the elbow of the inertia curve). Each k is run
 * exactly as {@link clusterCustomers} runs it with the same seed (see {@link clusterSamples}).
 *
 * Throws {@link ClusterError} for input that cannot be clustered into kMin clusters.
 */
export function sweepCustomers(customers: CustomerTable, settings: SweepSettings, onProgress?: (fraction: number) => void): KSweep {
  if (customers.n < (settings.kMin ?? 2)) throw tooFewCustomers(customers.n, settings.kMin ?? 2);
  const features = customerFeatures(customerMetricColumns(customers, settings.analysisDay), settings.features);
  const scaled = scaleFeatures(features.inputs, { method: settings.scaling });
  const samples = clusterSamples(customers.n, settings.seed);
  const result = chooseK(scaled.data, scaled.d, {
    random: seededRandom(settings.seed),
    randomFor: samples.randomFor,
    startIndices: samples.startIndices,
    silhouetteIndices: samples.silhouetteIndices,
    kMin: settings.kMin,
    kMax: settings.kMax,
    onProgress,
  });
  return { ...result, settings, customers: customers.n, warnings: [...features.warnings, ...scaled.warnings] };
}
