import { crossTab, type CrossTab } from '../segments/cross-tab.ts';
import type { CustomerTable, DayNumber } from '../types.ts';
import { ClusterError, type ClusterProblem } from './cluster-error.ts';
import { clusterTotals } from './cluster-totals.ts';
import { customerFeatures, customerMetricColumns, type FeatureChoice } from './customer-features.ts';
import { kmeans } from './kmeans.ts';
import { nearestSegments, type NearestSegment } from './nearest-segments.ts';
import { profileClusters, type Standing } from './profile-clusters.ts';
import { scaleFeatures, type FeatureScale, type ScalingMethod } from './scale-features.ts';
import { clusterSamples } from './cluster-samples.ts';
import { silhouette, type SilhouetteResult } from './silhouette.ts';

/** Most clusters a run may ask for (codes are bytes; past 20 a clustering stops explaining anything). */
export const MAX_CLUSTERS = 20;

/** What to cluster on and how: shared by a single run and a sweep over k. */
export interface ClusterFeatureSettings {
  /** The day recency is measured to (the app's: the day after the last transaction). */
  analysisDay: DayNumber;
  features: FeatureChoice[];
  scaling: ScalingMethod;
  /** Seeds the only random generator used, so a run reproduces exactly. */
  seed: number;
}

export interface ClusterSettings extends ClusterFeatureSettings {
  /** Number of clusters, 2..{@link MAX_CLUSTERS}. */
  k: number;
}

/** The customers' RFM segments, to relate clusters to the classic segments. */
export interface SegmentCodes {
  codes: ArrayLike<number>;
  names: readonly string[];
}

/** One cluster described in the analyst's units. */
export interface ClusterSummary {
  cluster: number;
  /** Generated from where the members stand on each feature, e.g. "Recent, frequent, high spend". */
  name: string;
  customers: number;
  /** Of all customers. */
  customerShare: number;
  /** Net revenue of the members. */
  revenue: number;
  /** Of all customers' net revenue. */
  revenueShare: number;
  /** Members' mean days since their last purchase. */
  meanRecency: number;
  /** Members' mean number of orders. */
  meanFrequency: number;
  /** Members' mean net revenue. */
  meanMonetary: number;
  /** Per chosen feature (in the settings' order): low, mid or high among all customers. */
  standing: Standing[];
  /** Per chosen feature: the members' mean percentile rank, 0..1. */
  percentile: number[];
  /** The RFM segment most of its members are in. */
  nearestSegment: NearestSegment;
}

export interface CustomerClustering {
  settings: ClusterSettings;
  k: number;
  /** Per customer, its cluster 0..k-1. */
  labels: Uint8Array;
  clusters: ClusterSummary[];
  /** Customers per cluster (rows) and RFM segment (columns). */
  crossTab: CrossTab;
  /** Within-cluster sum of squares in scaled units. */
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Mean silhouette of this clustering (on a sample above 10,000 customers). */
  silhouette: SilhouetteResult;
  /** How each feature was scaled. */
  scales: FeatureScale[];
  /** The final centres, k × features row-major, in scaled units: each customer's label is its nearest (the SQL export applies them). */
  centroids: number[];
  /** Problems that did not stop the run (a constant feature, values clipped for the log). */
  warnings: ClusterProblem[];
}

/**
 * k-means on the customers' chosen features, described for the analyst: every customer's
 * cluster, each cluster's size, revenue, typical metrics in original units, automatic name and
 * nearest RFM segment, and the clusters × RFM segments cross tab.
 *
 * Input that cannot be clustered (no feature, missing values, fewer customers or distinct
 * customers than k, nothing varies) throws {@link ClusterError}; see {@link clusterOutcome}.
 */
export function clusterCustomers(customers: CustomerTable, settings: ClusterSettings, segments: SegmentCodes, onProgress?: (fraction: number) => void): CustomerClustering {
  const { k } = settings;
  if (!Number.isInteger(k) || k < 2 || k > MAX_CLUSTERS) throw new RangeError(`clusterCustomers: k must be a whole number 2..${MAX_CLUSTERS}, got ${k}`);
  if (segments.codes.length !== customers.n) throw new RangeError(`clusterCustomers: ${segments.codes.length} segment codes for ${customers.n} customers`);
  if (customers.n < k) throw tooFewCustomers(customers.n, k);
  const metrics = customerMetricColumns(customers, settings.analysisDay);
  const features = customerFeatures(metrics, settings.features);
  const scaled = scaleFeatures(features.inputs, { method: settings.scaling });
  // The same samples and generator as "Suggest k" with this seed: the same clusters and silhouette for k.
  const samples = clusterSamples(customers.n, settings.seed);
  const random = samples.randomFor(k);
  const run = kmeans(scaled.data, scaled.d, { k, random, startIndices: samples.startIndices, onProgress: (f) => onProgress?.(0.9 * f) });
  const fit = silhouette(scaled.data, scaled.d, run.labels, k, { random, indices: samples.silhouetteIndices ?? undefined });
  const labels = Uint8Array.from(run.labels);

  const named = profileClusters(run.labels, k, features.profile);
  const totals = clusterTotals(labels, k, metrics);
  const table = crossTab(labels, named.map((p) => p.name), segments.codes, segments.names);
  const nearest = nearestSegments(table);
  const clusters = named.map((p, c): ClusterSummary => ({
    cluster: c,
    name: p.name,
    customers: totals.customers[c],
    customerShare: customers.n > 0 ? totals.customers[c] / customers.n : 0,
    revenue: totals.revenue[c],
    revenueShare: totals.totalRevenue !== 0 ? totals.revenue[c] / totals.totalRevenue : 0,
    meanRecency: totals.recency[c],
    meanFrequency: totals.frequency[c],
    meanMonetary: totals.monetary[c],
    standing: p.standing,
    percentile: Array.from(p.percentile),
    nearestSegment: nearest[c],
  }));
  onProgress?.(1);
  return {
    settings,
    k,
    labels,
    clusters,
    crossTab: table,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    silhouette: fit,
    scales: scaled.scales,
    centroids: Array.from(run.centroids),
    warnings: [...features.warnings, ...scaled.warnings],
  };
}

/** Said before any feature is looked at: with fewer customers than clusters, nothing else matters. */
export function tooFewCustomers(n: number, k: number): ClusterError {
  const message = n === 0 ? 'There are no customers to cluster.' : `There ${n === 1 ? 'is 1 customer' : `are ${n} customers`}, too few to form ${k} clusters.`;
  return new ClusterError({ code: 'too-few-points', count: n, message });
}
