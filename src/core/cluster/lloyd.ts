/** Scratch arrays for {@link lloyd}, allocated once per k-means call and reused by every restart. */
export interface LloydBuffers {
  /** Cluster of each point (n). */
  labels: Int32Array;
  /** Per point, an upper bound on the distance to its own centre (n). */
  upper: Float64Array;
  /** Per point, a lower bound on the distance to every other centre (n). */
  lower: Float64Array;
  /** Per cluster, the sum of its members (k × d) and their count (k), kept up to date as points move. */
  sums: Float64Array;
  counts: Int32Array;
  /** Per centre, how far it moved in the last update (k). */
  shift: Float64Array;
  /** Per centre, half the distance to the nearest other centre (k). */
  half: Float64Array;
}

export function lloydBuffers(n: number, k: number, d: number): LloydBuffers {
  return {
    labels: new Int32Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    sums: new Float64Array(k * d),
    counts: new Int32Array(k),
    shift: new Float64Array(k),
    half: new Float64Array(k),
  };
}

/**
 * Lloyd's iterations from the given centres (updated in place), with Hamerly's bounds to skip
 * the distance computations that cannot change a label: the labels and centres are those of
 * plain Lloyd's, found several times faster once most points have settled.
 *
 * Stops when no label changes, when the centres moved less than `tolAbs` in total squared
 * distance, or after `maxIter` updates; `labels` are then the nearest centres to the final
 * `centers` (the last pass assigns after the last move). It never stops with an empty cluster:
 * a pass that empties one is followed by a relocation and another pass.
 */
export function lloyd(
  data: Float64Array,
  d: number,
  k: number,
  centers: Float64Array,
  b: LloydBuffers,
  maxIter: number,
  tolAbs: number,
): { iterations: number; converged: boolean } {
  assignAll(data, d, k, centers, b);
  let iterations = 0;
  for (;;) {
    iterations++;
    relocateEmpty(data, d, k, centers, b);
    const moved = moveCenters(d, k, centers, b);
    halfDistances(d, k, centers, b.half);
    const changes = assignBounded(data, d, k, centers, b);
    if (!b.counts.includes(0)) {
      if (changes === 0 || moved <= tolAbs) return { iterations, converged: true };
      if (iterations >= maxIter) return { iterations, converged: false };
    } else if (iterations >= 2 * maxIter) {
      // Unreachable in exact arithmetic (each relocation lowers the inertia, so empties cannot
      // recur forever); if rounding ever says otherwise, end with non-empty clusters at their
      // members' means, even though a few labels may then not be the nearest centre.
      relocateEmpty(data, d, k, centers, b);
      moveCenters(d, k, centers, b);
      return { iterations, converged: false };
    }
  }
}

/** Nearest and second-nearest centre of every point, from scratch. */
function assignAll(data: Float64Array, d: number, k: number, centers: Float64Array, b: LloydBuffers): void {
  const { labels, upper, lower, sums, counts } = b;
  const n = labels.length;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0, p = 0; i < n; i++, p += d) {
    let d1 = Infinity;
    let d2 = Infinity;
    let best = 0;
    for (let c = 0, q = 0; c < k; c++, q += d) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[p + t] - centers[q + t];
        s += diff * diff;
      }
      if (s < d1) {
        d2 = d1;
        d1 = s;
        best = c;
      } else if (s < d2) d2 = s;
    }
    labels[i] = best;
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    counts[best]++;
    for (let t = 0, q = best * d; t < d; t++) sums[q + t] += data[p + t];
  }
}

/**
 * One assignment pass using the bounds. Sums and counts are updated only for points that
 * change cluster, so a settled point costs a few bound reads. Returns how many labels changed.
 */
function assignBounded(data: Float64Array, d: number, k: number, centers: Float64Array, b: LloydBuffers): number {
  const { labels, upper, lower, sums, counts, shift, half } = b;
  const n = labels.length;
  let max1 = 0;
  let max2 = 0;
  let argMax = -1;
  for (let c = 0; c < k; c++) {
    if (shift[c] > max1) {
      max2 = max1;
      max1 = shift[c];
      argMax = c;
    } else if (shift[c] > max2) max2 = shift[c];
  }
  let changes = 0;
  for (let i = 0, p = 0; i < n; i++, p += d) {
    const a = labels[i];
    const u = upper[i] + shift[a];
    const l = lower[i] - (a === argMax ? max2 : max1);
    const m = half[a] > l ? half[a] : l;
    upper[i] = u;
    lower[i] = l;
    if (u <= m) continue;
    let d1 = 0;
    for (let t = 0, q = a * d; t < d; t++) {
      const diff = data[p + t] - centers[q + t];
      d1 += diff * diff;
    }
    const exact = Math.sqrt(d1);
    upper[i] = exact;
    if (exact <= m) continue;
    // The current centre is scanned first and kept on ties, so equidistant points do not flip.
    let d2 = Infinity;
    let best = a;
    for (let c = 0, q = 0; c < k; c++, q += d) {
      if (c === a) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[p + t] - centers[q + t];
        s += diff * diff;
      }
      if (s < d1) {
        d2 = d1;
        d1 = s;
        best = c;
      } else if (s < d2) d2 = s;
    }
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    if (best !== a) {
      labels[i] = best;
      changes++;
      counts[a]--;
      counts[best]++;
      for (let t = 0; t < d; t++) {
        sums[a * d + t] -= data[p + t];
        sums[best * d + t] += data[p + t];
      }
    }
  }
  return changes;
}

/** Moves each centre to the mean of its members; returns the total squared movement. */
function moveCenters(d: number, k: number, centers: Float64Array, b: LloydBuffers): number {
  const { sums, counts, shift } = b;
  let total = 0;
  for (let c = 0, q = 0; c < k; c++, q += d) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const next = sums[q + t] / counts[c];
      const diff = next - centers[q + t];
      s += diff * diff;
      centers[q + t] = next;
    }
    shift[c] = Math.sqrt(s);
    total += s;
  }
  return total;
}

function halfDistances(d: number, k: number, centers: Float64Array, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let c = a + 1; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = centers[a * d + t] - centers[c * d + t];
        s += diff * diff;
      }
      const h = Math.sqrt(s) / 2;
      if (h < half[a]) half[a] = h;
      if (h < half[c]) half[c] = h;
    }
  }
}

/**
 * Gives each empty cluster the point farthest from its own centre (taken from a cluster with
 * more than one member), the usual remedy: it splits off the worst-served point. A point exists
 * whenever there are at least k distinct points, which seeding has checked.
 */
function relocateEmpty(data: Float64Array, d: number, k: number, centers: Float64Array, b: LloydBuffers): void {
  const { labels, upper, lower, sums, counts } = b;
  const n = labels.length;
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] !== 0) continue;
    let far = -1;
    let farD2 = -1;
    for (let i = 0, p = 0; i < n; i++, p += d) {
      const a = labels[i];
      if (counts[a] < 2) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[p + t] - centers[a * d + t];
        s += diff * diff;
      }
      if (s > farD2) {
        farD2 = s;
        far = i;
      }
    }
    const old = labels[far];
    counts[old]--;
    counts[empty] = 1;
    for (let t = 0; t < d; t++) {
      sums[old * d + t] -= data[far * d + t];
      sums[empty * d + t] = data[far * d + t];
    }
    labels[far] = empty;
    // Its bounds no longer describe its centre; these are always valid and force a recheck.
    upper[far] = Infinity;
    lower[far] = 0;
  }
}
