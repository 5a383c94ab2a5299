import type { RfmDimension, ScoreBin } from '../core/index.ts';

/** Whether a higher value earns a higher score (not for recency: fewer days is better). */
export const higherIsBetter = (d: RfmDimension): boolean => d !== 'r';

/**
 * Cut points that reproduce the bins on screen, to start typing from: the lowest value of each
 * bin but the worst one (for recency, where a value on a cut point keeps the better score, the
 * highest value of each bin but the worst). An empty bin has no such value: its cut point goes
 * evenly between the values around it, so the list still goes up and every customer keeps their
 * score.
 */
export function cutPointsFromBins(d: RfmDimension, bins: readonly ScoreBin[]): number[] {
  if (higherIsBetter(d)) return cutPointsUpward(bins);
  // Recency scored on -days is frequency's rule exactly; `+ 0` keeps -0 out of the box.
  const negated = bins.map((b) => ({ ...b, min: -b.max, max: -b.min }));
  return cutPointsUpward(negated).map((c) => -c + 0).reverse();
}

function cutPointsUpward(bins: readonly ScoreBin[]): number[] {
  const ordered = [...bins];
  const k = ordered.length - 1;
  const cuts = ordered.slice(1).map((b) => (b.count > 0 ? b.min : NaN));
  for (let a = 0; a < k; a++) {
    if (!Number.isNaN(cuts[a])) continue;
    let b = a;
    while (b + 1 < k && Number.isNaN(cuts[b + 1])) b++;
    // Highest value below the run, and the next cut above it.
    let lo = -Infinity;
    for (let j = 0; j <= a; j++) if (ordered[j].count > 0) lo = Math.max(lo, ordered[j].max);
    if (a > 0) lo = Math.max(lo, cuts[a - 1]);
    let hi = b + 1 < k ? cuts[b + 1] : NaN;
    if (!Number.isFinite(lo)) lo = Number.isFinite(hi) ? hi - (b - a + 2) : 0;
    if (!Number.isFinite(hi)) hi = lo + (b - a + 2);
    for (let j = a; j <= b; j++) {
      const exact = lo + ((hi - lo) * (j - a + 1)) / (b - a + 2);
      // Two decimals read better in the box; kept exact if rounding would touch a neighbour.
      const round = Math.round(exact * 100) / 100;
      cuts[j] = round > lo && round < hi && (j === 0 || round > cuts[j - 1]) ? round : exact;
    }
    a = b;
  }
  return cuts;
}

/**
 * In words, which values a typed cut point list gives a score; a value on a cut point has the
 * higher score. Cuts `[2, 5]` on frequency give score 1 "under 2", 2 "2 to under 5", 3 "5 or
 * more"; cuts `[30, 60]` on recency give score 3 "at most 30", 2 "over 30 to 60", 1 "over 60".
 */
export function cutRange(d: RfmDimension, cuts: readonly number[], score: number, format: (x: number) => string): string {
  const k = cuts.length;
  // Bin index 0..k from the bottom of the value range.
  const i = higherIsBetter(d) ? score - 1 : k + 1 - score;
  if (higherIsBetter(d)) {
    if (i <= 0) return `under ${format(cuts[0])}`;
    if (i >= k) return `${format(cuts[k - 1])} or more`;
    return `${format(cuts[i - 1])} to under ${format(cuts[i])}`;
  }
  if (i <= 0) return `at most ${format(cuts[0])}`;
  if (i >= k) return `over ${format(cuts[k - 1])}`;
  return `over ${format(cuts[i - 1])} to ${format(cuts[i])}`;
}

/** "12, 30.5; 90" -> [12, 30.5, 90]; null when a part is not a number. */
export function parseNumberList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const numbers = parts.map(Number);
  return numbers.every((x) => Number.isFinite(x)) ? numbers : null;
}
