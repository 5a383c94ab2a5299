/**
 * Problems with hand-typed cut points, in words for the settings panel; empty when they are
 * usable. Cut points must be finite numbers in strictly ascending order (an equal pair would make
 * an empty score), and when `bins` is given there must be exactly `bins - 1` of them.
 */
export function validateCutPoints(cutPoints: ArrayLike<number>, bins?: number): string[] {
  const problems: string[] = [];
  const k = cutPoints.length;
  if (bins !== undefined && k !== bins - 1) {
    problems.push(`${bins} scores need ${bins - 1} cut points, got ${k}.`);
  }
  if (k < 1 || k > 254) problems.push(`Give between 1 and 254 cut points, got ${k}.`);
  for (let i = 0; i < k; i++) {
    if (typeof cutPoints[i] !== 'number' || !Number.isFinite(cutPoints[i])) {
      problems.push(`Cut point ${i + 1} is not a number (${String(cutPoints[i])}).`);
    } else if (i > 0 && !(cutPoints[i] > cutPoints[i - 1])) {
      problems.push(`Cut points must go up: cut point ${i + 1} (${cutPoints[i]}) is not larger than cut point ${i} (${cutPoints[i - 1]}).`);
    }
  }
  return problems;
}

/**
 * Scores 1..k+1 from k hand-typed cut points instead of quantiles. One rule for every dimension:
 * a value equal to a cut point gets the higher (better) score of the two it sits between.
 *
 * - `higherIsBetter = true` (frequency, monetary): bins `(-inf, c1), [c1, c2), ..., [ck, +inf)`
 *   score 1..k+1. Frequency cuts `[2, 3, 5, 10]` give 1 order → 1, 2 → 2, 3–4 → 3, 5–9 → 4,
 *   10 or more → 5.
 * - `higherIsBetter = false` (recency): bins `(-inf, c1], (c1, c2], ..., (ck, +inf)` score
 *   k+1..1. Recency cuts `[30, 60, 90, 180]` give 0–30 days → 5, 31–60 → 4, 61–90 → 3,
 *   91–180 → 2, over 180 → 1.
 *
 * NaN values score 1 in both directions (unknown is never "best").
 *
 * @param bins when given, the number of scores the settings ask for; the cut points must match.
 * @throws Error listing every problem from {@link validateCutPoints}.
 */
export function scoreByThresholds(
  values: ArrayLike<number>,
  cutPoints: ArrayLike<number>,
  higherIsBetter = true,
  bins?: number,
): Uint8Array {
  const problems = validateCutPoints(cutPoints, bins);
  if (problems.length > 0) throw new Error(`scoreByThresholds: ${problems.join(' ')}`);
  const k = cutPoints.length;
  const cuts = Float64Array.from(cutPoints);
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      scores[i] = 1;
      continue;
    }
    // Cut points on the worse side of v (<= v going up; < v for recency, so that a value on a
    // cut point stays on its better side), by binary search.
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (higherIsBetter ? cuts[mid] <= v : cuts[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    scores[i] = higherIsBetter ? lo + 1 : k + 1 - lo;
  }
  return scores;
}
