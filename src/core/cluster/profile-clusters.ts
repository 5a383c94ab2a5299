import { ClusterError, type ClusterProblem } from './cluster-error.ts';
import { checkValues } from './check-values.ts';
import { percentileRanks } from './percentile-ranks.ts';

/** Where a cluster sits on a feature among all customers: bottom, middle or top third. */
export type Standing = 'low' | 'mid' | 'high';

/** Words for a feature's standing, e.g. recency in days: `{ low: 'recent', high: 'lapsed' }`. */
export interface FeatureTerms {
  low: string;
  high: string;
  /** Left out of names when absent (the usual case: "typical" adds little). */
  mid?: string;
}

export interface ProfileFeature {
  name: string;
  /** One value per point, in original units (not scaled). */
  values: ArrayLike<number>;
  terms: FeatureTerms;
}

export interface ProfileOptions {
  /** Mean percentile rank below which a cluster is `low` on a feature (default 1/3). */
  lowBelow?: number;
  /** Mean percentile rank above which it is `high` (default 2/3). */
  highAbove?: number;
  /** Name for a cluster that is `mid` on every feature without a mid term (default "Typical"). */
  typicalName?: string;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** size / n. */
  share: number;
  /** Per feature, the arithmetic mean of the members' original values: the centroid in original units. */
  mean: Float64Array;
  /** Per feature, the members' mean percentile rank among all points, 0..1 (the population's is 0.5). */
  percentile: Float64Array;
  standing: Standing[];
  /** Generated from the standings, e.g. "Recent, frequent, high spend"; unique within the result. */
  name: string;
}

/**
 * Describes each cluster: size, centroid in original units, and a name built from where its
 * members stand among all customers on each feature.
 *
 * The standing uses the members' mean percentile rank rather than comparing the centroid with
 * the population's terciles: for symmetric data the two agree, but on skewed money columns a
 * few very large values pull a mean past the top tercile while the cluster's typical member is
 * ordinary. Ranks also make the rule independent of scaling and logs.
 *
 * Names that come out equal get " (1)", " (2)"... by decreasing size. An empty cluster (possible
 * only with labels not from {@link kmeans}) has size 0, NaN means and the name "Empty".
 * Throws {@link ClusterError} for missing or infinite values.
 */
export function profileClusters(labels: Int32Array, k: number, features: readonly ProfileFeature[], options: ProfileOptions = {}): ClusterProfile[] {
  const { lowBelow = 1 / 3, highAbove = 2 / 3, typicalName = 'Typical' } = options;
  const n = labels.length;
  const d = features.length;
  for (const f of features) {
    if (f.values.length !== n) throw new RangeError(`profileClusters: "${f.name}" has ${f.values.length} values for ${n} labels`);
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < k)) throw new RangeError(`profileClusters: label ${c} at ${i} is outside 0..${k - 1}`);
    sizes[c]++;
  }
  const problems: ClusterProblem[] = features.flatMap((f) => checkValues(f.name, f.values, false));
  if (problems.length > 0) throw new ClusterError(problems);

  const means = new Float64Array(k * d);
  const ranks = new Float64Array(k * d);
  for (let j = 0; j < d; j++) {
    const values = features[j].values;
    const rank = percentileRanks(values);
    for (let i = 0; i < n; i++) {
      means[labels[i] * d + j] += values[i];
      ranks[labels[i] * d + j] += rank[i];
    }
  }
  const profiles: ClusterProfile[] = [];
  for (let c = 0; c < k; c++) {
    const mean = means.slice(c * d, (c + 1) * d);
    const percentile = ranks.slice(c * d, (c + 1) * d);
    for (let j = 0; j < d; j++) {
      mean[j] /= sizes[c];
      percentile[j] /= sizes[c];
    }
    const standing = Array.from(percentile, (p): Standing => (p < lowBelow ? 'low' : p > highAbove ? 'high' : 'mid'));
    const name = sizes[c] === 0 ? 'Empty' : nameFrom(standing, features, typicalName);
    profiles.push({ cluster: c, size: sizes[c], share: n > 0 ? sizes[c] / n : 0, mean, percentile, standing, name });
  }
  disambiguate(profiles);
  return profiles;
}

function nameFrom(standing: readonly Standing[], features: readonly ProfileFeature[], typicalName: string): string {
  const words: string[] = [];
  standing.forEach((s, j) => {
    const word = features[j].terms[s];
    if (word) words.push(word);
  });
  if (words.length === 0) return typicalName;
  const text = words.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function disambiguate(profiles: ClusterProfile[]): void {
  const groups = new Map<string, ClusterProfile[]>();
  for (const p of profiles) groups.set(p.name, [...(groups.get(p.name) ?? []), p]);
  for (const [name, group] of groups) {
    if (group.length < 2) continue;
    group.sort((a, b) => b.size - a.size || a.cluster - b.cluster);
    group.forEach((p, i) => (p.name = `${name} (${i + 1})`));
  }
}
