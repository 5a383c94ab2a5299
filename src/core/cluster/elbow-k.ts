/**
 * The elbow of a decreasing inertia curve, found as the point farthest below the straight line
 * from the first point to the last once both axes are scaled to [0, 1] (the "kneedle" rule).
 * Returns null with fewer than three points, when inertia does not fall, or when no point lies
 * more than `minGap` (default 0.05, in scaled units) below the line: no clear elbow.
 */
export function elbowK(ks: ArrayLike<number>, inertias: ArrayLike<number>, minGap = 0.05): number | null {
  const m = ks.length;
  if (m < 3 || inertias.length !== m) return null;
  const k0 = ks[0];
  const kSpan = ks[m - 1] - k0;
  const top = inertias[0];
  const drop = top - inertias[m - 1];
  if (!(drop > 0) || !(kSpan > 0)) return null;
  let best: number | null = null;
  let bestGap = minGap;
  for (let i = 1; i < m - 1; i++) {
    const x = (ks[i] - k0) / kSpan;
    const y = (inertias[i] - inertias[m - 1]) / drop;
    const gap = 1 - x - y;
    if (gap > bestGap) {
      bestGap = gap;
      best = ks[i];
    }
  }
  return best;
}
