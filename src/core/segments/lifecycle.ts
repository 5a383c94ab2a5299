import type { DayNumber } from '../types.ts';
import { median } from './median.ts';
import { countCodes, type SegmentAssignment } from './segment-assignment.ts';

export interface LifecycleThresholds {
  /** New: the first purchase is at most this many days before the analysis day. */
  newDays: number;
  /** Lapsed: more than this many days since the last purchase. */
  lapsedDays: number;
  /** Lost: more than this many days since the last purchase. */
  lostDays: number;
  /** At risk: days since the last purchase exceed this many times the expected purchase cycle. */
  overdueFactor: number;
  /**
   * Customers with at least this many purchase days (so this many minus one gaps between them)
   * are measured against their own cycle; several orders on one day make no gap.
   */
  minPurchaseDaysForOwnCycle: number;
}

/**
 * Defaults: a month to count as new; the common retail 6 / 12 months for lapsed and lost; at
 * risk once a whole expected cycle has been missed (twice the usual gap); an own cycle only from
 * 3 purchase days, i.e. 2 gaps, since one gap says little about a rhythm.
 */
export const DEFAULT_LIFECYCLE_THRESHOLDS: Readonly<LifecycleThresholds> = Object.freeze({
  newDays: 30,
  lapsedDays: 180,
  lostDays: 365,
  overdueFactor: 2,
  minPurchaseDaysForOwnCycle: 3,
});

/** Lifecycle stage names in code order. */
export const LIFECYCLE_STAGES: readonly string[] = Object.freeze(['New', 'Active', 'At risk', 'Lapsed', 'Lost']);
/** Buyer type names in code order: code 1 means two or more orders. */
export const BUYER_TYPES: readonly string[] = Object.freeze(['One-time', 'Repeat']);

/** Per-customer columns the lifecycle reads, indexed by customer code. */
export interface LifecycleInput {
  firstDay: ArrayLike<number>;
  lastDay: ArrayLike<number>;
  /** Orders (frequency): one order makes a one-time buyer. */
  orders: ArrayLike<number>;
  /** Distinct days with a purchase. */
  purchaseDays: ArrayLike<number>;
  /** Median days between consecutive purchase days; NaN with fewer than 2 purchase days. */
  medianGap: ArrayLike<number>;
}

export interface Lifecycle {
  /** New, Active, At risk, Lapsed, Lost. */
  stage: SegmentAssignment;
  /** One-time or repeat buyer, independent of the stage. */
  buyer: SegmentAssignment;
  /** The cycle used for customers with too few purchase days of their own; NaN when nobody has one. */
  populationCycleDays: number;
}

/** Problems with lifecycle thresholds, in words for the settings panel; empty when usable. */
export function validateLifecycleThresholds(t: LifecycleThresholds): string[] {
  const problems: string[] = [];
  const days = [['new', t.newDays], ['lapsed', t.lapsedDays], ['lost', t.lostDays]] as const;
  for (const [label, v] of days) if (!(Number.isFinite(v) && v >= 0)) problems.push(`The ${label} threshold must be a number of days ≥ 0, got ${v}.`);
  if (!(t.newDays < t.lapsedDays)) problems.push(`New customers (${t.newDays} days) must be a shorter window than lapsed (${t.lapsedDays} days).`);
  if (!(t.lapsedDays <= t.lostDays)) problems.push(`Lapsed (${t.lapsedDays} days) must not be longer than lost (${t.lostDays} days).`);
  if (!(Number.isFinite(t.overdueFactor) && t.overdueFactor > 0)) problems.push(`The overdue factor must be a positive number, got ${t.overdueFactor}.`);
  if (!(Number.isInteger(t.minPurchaseDaysForOwnCycle) && t.minPurchaseDaysForOwnCycle >= 2)) {
    problems.push(`Purchase days needed for an own purchase cycle must be a whole number ≥ 2, got ${t.minPurchaseDaysForOwnCycle}.`);
  }
  return problems;
}

/**
 * Classifies each customer's lifecycle stage at `analysisDay`, with recency = analysisDay −
 * lastDay and age = analysisDay − firstDay in days. The first rule that holds wins:
 *
 * 1. **Lost**: recency > lostDays.
 * 2. **Lapsed**: recency > lapsedDays.
 * 3. **New**: age ≤ newDays (first purchase 30 days before the analysis day is still new). A
 *    new customer cannot also be lapsed, since newDays < lapsedDays; they are never at risk,
 *    having no history to be overdue against.
 * 4. **At risk**: recency > overdueFactor × expected cycle. The expected cycle is the
 *    customer's own median gap between purchase days when they have at least
 *    `minPurchaseDaysForOwnCycle` purchase days, else the population cycle: the median of the own
 *    cycles of the customers who have one (or, if nobody has enough purchase days, of every
 *    finite median gap, i.e. customers with 2 or more purchase days). If there is no cycle at
 *    all (nobody bought on two days), no one is at risk.
 * 5. **Active**: everyone else.
 *
 * One-time vs repeat (orders ≥ 2) is returned separately, to cross with the stage.
 *
 * @throws Error when the thresholds are invalid ({@link validateLifecycleThresholds}) or the
 *   columns differ in length.
 */
export function lifecycle(
  input: LifecycleInput,
  analysisDay: DayNumber,
  thresholds: LifecycleThresholds = DEFAULT_LIFECYCLE_THRESHOLDS,
): Lifecycle {
  const problems = validateLifecycleThresholds(thresholds);
  if (problems.length > 0) throw new Error(`lifecycle: ${problems.join(' ')}`);
  const { firstDay, lastDay, orders, purchaseDays, medianGap } = input;
  const n = firstDay.length;
  if (lastDay.length !== n || orders.length !== n || purchaseDays.length !== n || medianGap.length !== n) {
    throw new Error(`lifecycle: columns differ in length (firstDay ${n}, lastDay ${lastDay.length}, orders ${orders.length}, purchaseDays ${purchaseDays.length}, medianGap ${medianGap.length})`);
  }
  const { newDays, lapsedDays, lostDays, overdueFactor, minPurchaseDaysForOwnCycle } = thresholds;
  const ownCycle = (i: number) => purchaseDays[i] >= minPurchaseDaysForOwnCycle && Number.isFinite(medianGap[i]);

  const own = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) if (ownCycle(i)) own[i] = medianGap[i];
  let populationCycleDays = median(own);
  if (Number.isNaN(populationCycleDays)) populationCycleDays = median(medianGap);

  const stage = new Uint8Array(n);
  const buyer = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const recency = analysisDay - lastDay[i];
    const cycle = ownCycle(i) ? medianGap[i] : populationCycleDays;
    // NaN cycle: the comparison is false, so nobody is at risk without a cycle.
    stage[i] = recency > lostDays ? 4
      : recency > lapsedDays ? 3
      : analysisDay - firstDay[i] <= newDays ? 0
      : recency > overdueFactor * cycle ? 2
      : 1;
    buyer[i] = orders[i] >= 2 ? 1 : 0;
  }
  return {
    stage: { codes: stage, names: [...LIFECYCLE_STAGES], counts: countCodes(stage, LIFECYCLE_STAGES.length) },
    buyer: { codes: buyer, names: [...BUYER_TYPES], counts: countCodes(buyer, BUYER_TYPES.length) },
    populationCycleDays,
  };
}
