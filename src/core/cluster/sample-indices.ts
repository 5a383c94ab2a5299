import { randomIndex, type Random } from './seeded-random.ts';

/**
 * A uniform random sample of `size` distinct indices from 0..n-1 (all of them when size >= n),
 * in ascending order so that reading the sampled rows walks memory forwards.
 */
export function sampleIndices(n: number, size: number, random: Random): Int32Array {
  if (size >= n) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  // Partial Fisher-Yates: after step i, the first i + 1 slots are a uniform sample.
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + randomIndex(random, n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, size).sort();
}

/** The rows of a row-major matrix (d columns) at the given indices, as a new matrix. */
export function gatherRows(data: Float64Array, d: number, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const p = indices[r] * d;
    for (let t = 0; t < d; t++) out[r * d + t] = data[p + t];
  }
  return out;
}
