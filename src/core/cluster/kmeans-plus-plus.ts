import { ClusterError } from './cluster-error.ts';
import { randomIndex, type Random } from './seeded-random.ts';

/**
 * k-means++ seeding: the first centre is a uniform random point, each next one a point drawn
 * with probability proportional to its squared distance to the nearest centre so far. Writes
 * k × d centres into `centers`; `minD2` (length n) is scratch space.
 *
 * Fewer than k distinct points show up here for free: once every point sits on a centre the
 * total distance is 0 and no new centre can be drawn, which is a `too-few-distinct-points`
 * {@link ClusterError} rather than a duplicate centre (and later an empty cluster forever).
 */
export function kmeansPlusPlus(data: Float64Array, d: number, k: number, random: Random, centers: Float64Array, minD2: Float64Array): void {
  const n = data.length / d;
  copyRow(data, randomIndex(random, n), d, centers, 0);
  let total = updateMinD2(data, d, centers, 0, minD2, true);
  for (let c = 1; c < k; c++) {
    if (!(total > 0)) throw tooFewDistinct(c, n, k);
    copyRow(data, draw(minD2, total, random), d, centers, c);
    total = updateMinD2(data, d, centers, c, minD2, false);
  }
}

function draw(weights: Float64Array, total: number, random: Random): number {
  const r = random() * total;
  let cumulative = 0;
  let lastPositive = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w > 0) {
      cumulative += w;
      lastPositive = i;
      if (cumulative > r) return i;
    }
  }
  // Rounding can leave the running sum just under r; the last candidate is the right answer then.
  return lastPositive;
}

function updateMinD2(data: Float64Array, d: number, centers: Float64Array, c: number, minD2: Float64Array, first: boolean): number {
  const n = minD2.length;
  const off = c * d;
  let total = 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[p + t] - centers[off + t];
      s += diff * diff;
    }
    if (first || s < minD2[i]) minD2[i] = s;
    total += minD2[i];
  }
  return total;
}

function copyRow(from: Float64Array, row: number, d: number, to: Float64Array, toRow: number): void {
  for (let t = 0; t < d; t++) to[toRow * d + t] = from[row * d + t];
}

function tooFewDistinct(distinct: number, n: number, k: number): ClusterError {
  const message =
    distinct === 1
      ? `All ${n} customers have identical values, so they cannot be split into ${k} clusters.`
      : `There are only ${distinct} distinct customers (the others are exact duplicates), so they cannot be split into ${k} clusters; choose at most ${distinct}.`;
  return new ClusterError({ code: 'too-few-distinct-points', count: distinct, message });
}
