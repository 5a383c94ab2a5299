import { gatherRows, sampleIndices } from './sample-indices.ts';
import type { Random } from './seeded-random.ts';

/** Up to this many points the silhouette is exact (all pairs). */
export const SILHOUETTE_EXACT_LIMIT = 10_000;
/** Points sampled above {@link SILHOUETTE_EXACT_LIMIT}: 4,000 gives a standard error near 0.005. */
export const SILHOUETTE_SAMPLE_SIZE = 4_000;

export interface SilhouetteOptions {
  /** Draws the sample when there are more than `exactLimit` points. */
  random: Random;
  /** Largest n computed exactly (default {@link SILHOUETTE_EXACT_LIMIT}). */
  exactLimit?: number;
  /** Sample size above the limit (default {@link SILHOUETTE_SAMPLE_SIZE}). */
  sampleSize?: number;
  /** Use these point indices instead of drawing a sample (so several clusterings share one sample). */
  indices?: Int32Array;
}

export interface SilhouetteResult {
  /** Mean silhouette, -1..1: near 1, points sit well inside their clusters; near 0, clusters touch. */
  mean: number;
  /** Points it was computed on: n when exact. */
  points: number;
  sampled: boolean;
}

/**
 * Mean silhouette of a clustering of a row-major n × d matrix, with Euclidean distances. For
 * point i, a = mean distance to the other members of its cluster, b = the lowest mean distance
 * to the members of another cluster, s = (b - a) / max(a, b). A point alone in its cluster
 * scores 0, the usual convention (Rousseeuw 1987).
 *
 * Exact (O(n²)) up to `exactLimit` points; above that it is the exact silhouette of a seeded
 * uniform sample of `sampleSize` points, distances taken within the sample (as scikit-learn's
 * `sample_size` does), which estimates the full mean closely at a fixed cost.
 *
 * The silhouette is undefined with fewer than two clusters: that throws a RangeError, since
 * only a programming mistake asks for it (k-means never returns empty clusters).
 */
export function silhouette(data: Float64Array, d: number, labels: Int32Array, k: number, options: SilhouetteOptions): SilhouetteResult {
  const n = labels.length;
  if (data.length !== n * d) throw new RangeError(`silhouette: ${data.length} values for ${n} labels of ${d} features`);
  const { exactLimit = SILHOUETTE_EXACT_LIMIT, sampleSize = SILHOUETTE_SAMPLE_SIZE } = options;
  let present = 0;
  const seen = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    if (seen[labels[i]] === 0) present++;
    seen[labels[i]] = 1;
  }
  if (present < 2) throw new RangeError(`silhouette: undefined for ${present} cluster${present === 1 ? '' : 's'}; it needs at least 2`);

  const indices = options.indices ?? (n > exactLimit ? sampleIndices(n, sampleSize, options.random) : null);
  if (indices === null) return { mean: meanSilhouette(data, d, labels, k), points: n, sampled: false };
  const sampleLabels = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) sampleLabels[r] = labels[indices[r]];
  return { mean: meanSilhouette(gatherRows(data, d, indices), d, sampleLabels, k), points: indices.length, sampled: true };
}

function meanSilhouette(data: Float64Array, d: number, labels: Int32Array, k: number): number {
  const n = labels.length;
  const sorted = sortByCluster(data, d, labels, k);
  const sums = d <= 4 ? pairSums4(sorted) : pairSumsAny(sorted);
  const { start } = sorted;
  let total = 0;
  for (let c = 0; c < k; c++) {
    const size = start[c + 1] - start[c];
    // A point alone in its cluster scores 0 (and adds nothing).
    if (size < 2) continue;
    for (let i = start[c]; i < start[c + 1]; i++) {
      const a = sums[c * n + i] / (size - 1);
      let b = Infinity;
      for (let o = 0; o < k; o++) {
        const other = start[o + 1] - start[o];
        if (o !== c && other > 0) {
          const mean = sums[o * n + i] / other;
          if (mean < b) b = mean;
        }
      }
      const max = a > b ? a : b;
      // b is Infinity only if a sample caught a single cluster; such points add 0 rather than NaN.
      if (b !== Infinity && max > 0) total += (b - a) / max;
    }
  }
  return total / n;
}

interface ByCluster {
  /** Points reordered so each cluster is a contiguous run, `width` values per point. */
  x: Float64Array;
  width: number;
  /** Cluster c is points start[c] .. start[c + 1] - 1. */
  start: Int32Array;
  label: Int32Array;
}

/**
 * Groups points by cluster so distance sums to a cluster are sums over a contiguous run. With
 * d <= 4 the points are padded to 4 values (zeros add nothing to a distance), which lets one
 * unrolled kernel serve every small d: the inner loop over d is what made the general kernel slow.
 */
function sortByCluster(data: Float64Array, d: number, labels: Int32Array, k: number): ByCluster {
  const n = labels.length;
  const width = d <= 4 ? 4 : d;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[labels[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const next = start.slice(0, k);
  const x = new Float64Array(n * width);
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = next[labels[i]]++;
    label[r] = labels[i];
    for (let t = 0; t < d; t++) x[r * width + t] = data[i * d + t];
  }
  return { x, width, start, label };
}

/** sums[c * n + i] = summed distance from point i to the points of cluster c; each pair measured once. */
function pairSums4({ x, start, label }: ByCluster): Float64Array {
  const n = label.length;
  const k = start.length - 1;
  const sums = new Float64Array(k * n);
  for (let i = 0; i < n; i++) {
    const p = i * 4;
    const x0 = x[p];
    const x1 = x[p + 1];
    const x2 = x[p + 2];
    const x3 = x[p + 3];
    const back = label[i] * n;
    for (let c = label[i]; c < k; c++) {
      const lo = c === label[i] ? i + 1 : start[c];
      let acc = 0;
      for (let j = lo, q = lo * 4; j < start[c + 1]; j++, q += 4) {
        const e0 = x0 - x[q];
        const e1 = x1 - x[q + 1];
        const e2 = x2 - x[q + 2];
        const e3 = x3 - x[q + 3];
        const dist = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3);
        acc += dist;
        sums[back + j] += dist;
      }
      sums[c * n + i] += acc;
    }
  }
  return sums;
}

function pairSumsAny({ x, width: d, start, label }: ByCluster): Float64Array {
  const n = label.length;
  const k = start.length - 1;
  const sums = new Float64Array(k * n);
  for (let i = 0; i < n; i++) {
    const p = i * d;
    const back = label[i] * n;
    for (let c = label[i]; c < k; c++) {
      const lo = c === label[i] ? i + 1 : start[c];
      let acc = 0;
      for (let j = lo, q = lo * d; j < start[c + 1]; j++, q += d) {
        let s = 0;
        for (let t = 0; t < d; t++) {
          const e = x[p + t] - x[q + t];
          s += e * e;
        }
        const dist = Math.sqrt(s);
        acc += dist;
        sums[back + j] += dist;
      }
      sums[c * n + i] += acc;
    }
  }
  return sums;
}
