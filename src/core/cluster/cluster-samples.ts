import { START_SAMPLE_SIZE } from './kmeans.ts';
import { sampleIndices } from './sample-indices.ts';
import { seededRandom, type Random } from './seeded-random.ts';
import { SILHOUETTE_EXACT_LIMIT, SILHOUETTE_SAMPLE_SIZE } from './silhouette.ts';

/**
 * The random choices a seed fixes for clustering n customers, whatever is run with it: the
 * customers the k-means starts are compared on, the customers the silhouette is measured on, and
 * a generator of its own for each k. "Suggest k" and a run with one k then do exactly the same
 * k-means for that k and measure it on the same customers, so one k never shows two silhouettes.
 */
export interface ClusterSamples {
  /** The starts' sample above {@link START_SAMPLE_SIZE} customers; null: all of them. */
  startIndices: Int32Array | null;
  /** The silhouette's sample above {@link SILHOUETTE_EXACT_LIMIT} customers; null: exact. */
  silhouetteIndices: Int32Array | null;
  /** A fresh generator for the k-means with k clusters, the same for every call with this k. */
  randomFor(k: number): Random;
}

/** See {@link ClusterSamples}. Each use draws from its own stream, derived from the seed. */
export function clusterSamples(n: number, seed: number): ClusterSamples {
  const stream = (salt: number): Random => seededRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ salt) >>> 0);
  return {
    startIndices: n > START_SAMPLE_SIZE ? sampleIndices(n, START_SAMPLE_SIZE, stream(0x5a17)) : null,
    silhouetteIndices: n > SILHOUETTE_EXACT_LIMIT ? sampleIndices(n, SILHOUETTE_SAMPLE_SIZE, stream(0x51e7)) : null,
    randomFor: (k) => stream(k),
  };
}
