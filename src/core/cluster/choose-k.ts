import { ClusterError } from './cluster-error.ts';
import { elbowK } from './elbow-k.ts';
import { kmeans } from './kmeans.ts';
import { sampleIndices } from './sample-indices.ts';
import type { Random } from './seeded-random.ts';
import { SILHOUETTE_EXACT_LIMIT, SILHOUETTE_SAMPLE_SIZE, silhouette } from './silhouette.ts';

export interface ChooseKOptions {
  /** The generator for every k in turn, unless `randomFor` gives each k its own. */
  random: Random;
  /** A generator for the k-means with k clusters (see clusterSamples), so a k's run does not depend on the k before it. */
  randomFor?: (k: number) => Random;
  /** The starts' sample, the same for every k (see {@link kmeans}'s `startIndices`). */
  startIndices?: Int32Array | null;
  /** The silhouette's sample, the same for every k; drawn from `random` when absent and needed. */
  silhouetteIndices?: Int32Array | null;
  /** Smallest k tried, at least 2 (default 2). */
  kMin?: number;
  /** Largest k tried (default 10). */
  kMax?: number;
  /** k-means starts per k (default 10, as a run with one k, so both find the same clusters). */
  nInit?: number;
  maxIter?: number;
  tol?: number;
  /** As for {@link kmeans}: above this many points, starts are compared on a sample. */
  startSampleSize?: number;
  /** Silhouette exact up to this many points (default {@link SILHOUETTE_EXACT_LIMIT}). */
  silhouetteExactLimit?: number;
  /** Silhouette sample above the limit, the same points for every k (default {@link SILHOUETTE_SAMPLE_SIZE}). */
  silhouetteSampleSize?: number;
  onProgress?: (fraction: number) => void;
}

export interface KSweepPoint {
  k: number;
  inertia: number;
  /** Mean silhouette, -1..1. */
  silhouette: number;
  /** Customers per cluster. */
  sizes: Int32Array;
}

export interface ChooseKResult {
  /** One entry per k tried, in increasing k. */
  sweep: KSweepPoint[];
  /** The k with the highest mean silhouette. */
  suggestedK: number;
  /** Where the inertia curve bends most, or null when it has no clear elbow. */
  elbowK: number | null;
  /** Why `suggestedK`, in a sentence or three for the analyst. */
  reason: string;
  /** Points the silhouettes were computed on (n, or the sample size). */
  silhouettePoints: number;
}

/**
 * Runs k-means for k = kMin..kMax and suggests the k with the highest mean silhouette, saying
 * whether the elbow of the inertia curve agrees. The sweep stops early, and says so, when the
 * data has fewer distinct points than the next k.
 *
 * Throws {@link ClusterError} when not even `kMin` clusters can be formed (see {@link kmeans}).
 */
export function chooseK(data: Float64Array, d: number, options: ChooseKOptions): ChooseKResult {
  const { random, kMin = 2, nInit = 10, onProgress } = options;
  const n = data.length / d;
  if (!Number.isInteger(kMin) || kMin < 2) throw new RangeError(`chooseK: kMin must be a whole number >= 2, got ${kMin}`);
  const kMax = Math.min(options.kMax ?? 10, Math.max(n, kMin));
  if (!Number.isInteger(kMax) || kMax < kMin) throw new RangeError(`chooseK: kMax must be a whole number >= kMin, got ${options.kMax}`);

  const exactLimit = options.silhouetteExactLimit ?? SILHOUETTE_EXACT_LIMIT;
  const indices = n <= exactLimit ? undefined : (options.silhouetteIndices ?? sampleIndices(n, options.silhouetteSampleSize ?? SILHOUETTE_SAMPLE_SIZE, random));
  // A run's cost grows about linearly with k; progress is shared out accordingly.
  const totalWeight = ((kMax + kMin) * (kMax - kMin + 1)) / 2;
  let doneWeight = 0;
  const sweep: KSweepPoint[] = [];
  let stoppedBy: ClusterError | null = null;
  for (let k = kMin; k <= kMax; k++) {
    let run;
    try {
      run = kmeans(data, d, {
        k,
        random: options.randomFor?.(k) ?? random,
        nInit,
        startIndices: options.startIndices,
        maxIter: options.maxIter,
        tol: options.tol,
        startSampleSize: options.startSampleSize,
        onProgress: (f) => onProgress?.((doneWeight + 0.9 * k * f) / totalWeight),
      });
    } catch (error) {
      if (k > kMin && error instanceof ClusterError && error.problem.code === 'too-few-distinct-points') {
        stoppedBy = error;
        break;
      }
      throw error;
    }
    const s = silhouette(data, d, run.labels, k, { random, exactLimit, indices });
    sweep.push({ k, inertia: run.inertia, silhouette: s.mean, sizes: run.sizes });
    doneWeight += k;
    onProgress?.(doneWeight / totalWeight);
  }
  const elbow = elbowK(
    sweep.map((p) => p.k),
    sweep.map((p) => p.inertia),
  );
  let best = sweep[0];
  for (const p of sweep) if (p.silhouette > best.silhouette) best = p;
  return {
    sweep,
    suggestedK: best.k,
    elbowK: elbow,
    reason: explain(sweep, best, elbow, stoppedBy),
    silhouettePoints: indices ? indices.length : n,
  };
}

function explain(sweep: KSweepPoint[], best: KSweepPoint, elbow: number | null, stoppedBy: ClusterError | null): string {
  const s = best.silhouette.toFixed(2);
  const separation =
    best.silhouette >= 0.5
      ? 'the clusters are clearly separated'
      : best.silhouette >= 0.25
        ? 'the clusters are moderately separated'
        : 'the clusters overlap, so treat them as a convenient split of the customers rather than natural groups';
  const parts = [`k = ${best.k} gives the highest silhouette (${s}): ${separation}.`];
  let runnerUp: KSweepPoint | null = null;
  for (const p of sweep) if (p !== best && best.silhouette - p.silhouette <= 0.02 && (!runnerUp || p.silhouette > runnerUp.silhouette)) runnerUp = p;
  if (runnerUp) parts.push(`k = ${runnerUp.k} is nearly as good (${runnerUp.silhouette.toFixed(2)}).`);
  if (elbow === best.k) parts.push(`The elbow of the inertia curve is also at k = ${elbow}.`);
  else if (elbow === null) parts.push('The inertia curve has no clear elbow to compare with.');
  else if (elbow < best.k) parts.push(`The elbow of the inertia curve is at k = ${elbow}: fewer, broader segments are a reasonable alternative.`);
  else parts.push(`The elbow of the inertia curve is at k = ${elbow}: more, finer segments are a reasonable alternative.`);
  if (stoppedBy) parts.push(`Larger k were not tried: ${stoppedBy.problem.message}`);
  return parts.join(' ');
}
