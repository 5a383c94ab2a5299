import { countCodes, type SegmentAssignment } from './segment-assignment.ts';

/**
 * How customers are split into high, intermediate and low value by net revenue.
 * - `pareto`: by share of revenue. Customers ranked by revenue, highest first; high value are
 *   the customers needed to reach `highShare` of revenue, intermediate those needed to reach
 *   `highShare + intermediateShare`, the rest low.
 * - `quantile`: by share of customers. The top `highShare` of customers by revenue are high
 *   value, the next `intermediateShare` intermediate, the rest low.
 * - `amount`: by fixed revenue amounts, `high` and `intermediate` inclusive lower bounds.
 */
export type ValueBandMethod =
  | { method: 'pareto'; highShare: number; intermediateShare: number }
  | { method: 'quantile'; highShare: number; intermediateShare: number }
  | { method: 'amount'; high: number; intermediate: number };

/** Band names, high first; codes are 0 high, 1 intermediate, 2 low. */
export const DEFAULT_VALUE_BAND_NAMES: readonly [string, string, string] = ['High value', 'Intermediate value', 'Low value'];

/** The 80/15/5 rule: customers bringing the first 80% of revenue, the next 15%, the last 5%. */
export const DEFAULT_VALUE_BAND_METHOD: ValueBandMethod = Object.freeze({ method: 'pareto', highShare: 0.8, intermediateShare: 0.15 });

export interface ValueBands extends SegmentAssignment {
  /** Customers with revenue ≥ this are high value; Infinity when nobody is. */
  highFrom: number;
  /** Customers with revenue ≥ this (and below `highFrom`) are intermediate; equals `highFrom` when nobody is. */
  intermediateFrom: number;
  /** Net revenue of each band, in code order. */
  revenue: number[];
}

// Shares are compared with this slack so that a boundary hit exactly (80 of 100) counts as
// reached even when the sums round a hair below it.
const EPS = 1e-9;

/** Problems with the band settings, in words for the settings panel; empty when usable. */
export function validateValueBandMethod(m: ValueBandMethod): string[] {
  if (m.method === 'amount') {
    const problems: string[] = [];
    if (!(Number.isFinite(m.high) && m.high > 0)) problems.push(`The high value amount must be a positive number, got ${m.high}.`);
    if (!(Number.isFinite(m.intermediate) && m.intermediate > 0)) problems.push(`The intermediate value amount must be a positive number, got ${m.intermediate}.`);
    if (m.intermediate > m.high) problems.push(`The intermediate amount (${m.intermediate}) must not be above the high amount (${m.high}).`);
    return problems;
  }
  const problems: string[] = [];
  for (const [label, v] of [['high', m.highShare], ['intermediate', m.intermediateShare]] as const) {
    if (!(Number.isFinite(v) && v >= 0 && v <= 1)) problems.push(`The ${label} share must be between 0 and 1, got ${v}.`);
  }
  if (m.highShare + m.intermediateShare > 1 + EPS) problems.push(`The high and intermediate shares add up to more than 100% (${m.highShare} + ${m.intermediateShare}).`);
  return problems;
}

/**
 * Splits customers into value bands by net revenue (see {@link ValueBandMethod}).
 *
 * Exact rules, shared by all methods so the bands read as revenue ranges:
 * - Customers with equal revenue always share a band, so a band is "revenue ≥ X".
 * - Pareto: a tie group's band depends on the revenue of everyone ranked strictly above it. The
 *   group is high if that is less than `highShare` of the total, so the customer who crosses
 *   the 80% line is high value (and, if tied, everyone tied with them).
 * - Quantile: as in quantileScores, a tie group is placed by the customers strictly below it,
 *   so a group straddling the line goes to the lower band: "top 20%" can hold fewer than 20%.
 * - Revenue ≤ 0 (returns outweighing purchases) is always low value. The Pareto total is the
 *   sum of positive revenue only, so shares are of the revenue customers actually brought; when
 *   nobody has positive revenue everyone is low.
 *
 * @throws Error when the settings are invalid ({@link validateValueBandMethod}).
 */
export function valueBands(
  revenue: ArrayLike<number>,
  method: ValueBandMethod = DEFAULT_VALUE_BAND_METHOD,
  names: readonly [string, string, string] = DEFAULT_VALUE_BAND_NAMES,
): ValueBands {
  const problems = validateValueBandMethod(method);
  if (problems.length > 0) throw new Error(`valueBands: ${problems.join(' ')}`);
  const { highFrom, intermediateFrom } = method.method === 'amount'
    ? { highFrom: method.high, intermediateFrom: method.intermediate }
    : shareThresholds(revenue, method.method, method.highShare, method.intermediateShare);

  const n = revenue.length;
  const codes = new Uint8Array(n);
  const bandRevenue = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const v = revenue[i];
    const code = !(v > 0) ? 2 : v >= highFrom ? 0 : v >= intermediateFrom ? 1 : 2;
    codes[i] = code;
    if (Number.isFinite(v)) bandRevenue[code] += v;
  }
  return { codes, names: [...names], counts: countCodes(codes, 3), highFrom, intermediateFrom, revenue: bandRevenue };
}

/** The smallest revenue in the high and in the intermediate band, walking tie groups from the top. */
function shareThresholds(revenue: ArrayLike<number>, by: 'pareto' | 'quantile', highShare: number, intermediateShare: number) {
  const n = revenue.length;
  const sorted = Float64Array.from(revenue);
  sorted.sort(); // ascending, NaN last
  let top = n;
  while (top > 0 && Number.isNaN(sorted[top - 1])) top--;
  let total = 0;
  for (let j = top - 1; j >= 0 && sorted[j] > 0; j--) total += sorted[j];

  let highFrom = Infinity;
  let intermediateFrom = Infinity;
  let above = 0;
  for (let end = top; end > 0; ) {
    const v = sorted[end - 1];
    if (!(v > 0)) break;
    let start = end - 1;
    while (start > 0 && sorted[start - 1] === v) start--;
    const band = by === 'pareto' ? paretoBand(above / total) : quantileBand(1 - start / n);
    if (band === 0) highFrom = v;
    else if (band === 1) intermediateFrom = v;
    else break;
    for (let j = end - 1; j >= start; j--) above += sorted[j];
    end = start;
  }
  return { highFrom, intermediateFrom: Math.min(intermediateFrom, highFrom) };

  // `aboveShare`: revenue ranked strictly above the group, over the total. The group that
  // crosses a line is still inside it.
  function paretoBand(aboveShare: number): number {
    return aboveShare < highShare - EPS ? 0 : aboveShare < highShare + intermediateShare - EPS ? 1 : 2;
  }
  // `topShare`: customers not strictly below the group (the group included), over n. A group
  // that would cross a line stays below it, as in quantileScores.
  function quantileBand(topShare: number): number {
    return topShare <= highShare + EPS ? 0 : topShare <= highShare + intermediateShare + EPS ? 1 : 2;
  }
}
