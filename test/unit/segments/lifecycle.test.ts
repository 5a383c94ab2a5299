import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_THRESHOLDS, lifecycle, validateLifecycleThresholds } from '../../../src/core/segments/lifecycle.ts';

/**
 * One customer per row: [firstDay, lastDay, orders, medianGap, purchaseDays]; purchase days
 * default to the orders (one order a day).
 */
function input(rows: Array<[number, number, number, number, number?]>) {
  return {
    firstDay: Int32Array.from(rows, (r) => r[0]),
    lastDay: Int32Array.from(rows, (r) => r[1]),
    orders: Uint32Array.from(rows, (r) => r[2]),
    purchaseDays: Uint32Array.from(rows, (r) => r[4] ?? r[2]),
    medianGap: Float64Array.from(rows, (r) => r[3]),
  };
}

describe('lifecycle(input, analysisDay, thresholds)', () => {
  // Analysis day 1000, defaults: new ≤ 30 days old, lapsed > 180, lost > 365, at risk when
  // recency > 2 × cycle, own cycle from 3 purchase days. Population cycle: median of the own cycles
  // (customers 1, 2, 4, 5, 7: gaps 20, 20, 60, 10, 20) = 20, so the fallback threshold is 40 days.
  const customers = input([
    [990, 995, 1, NaN], //  0 age 10 → New
    [500, 990, 10, 20], //  1 recency 10 ≤ 2 × 20 → Active
    [500, 950, 5, 20], //   2 recency 50 > 40 → At risk (own cycle)
    [400, 900, 2, 30], //   3 2 orders: population cycle; recency 100 > 40 → At risk
    [100, 700, 4, 60], //   4 recency 300 > 180 → Lapsed
    [100, 600, 6, 10], //   5 recency 400 > 365 → Lost
    [800, 800, 1, NaN], //  6 recency 200 → Lapsed
    [900, 940, 3, 20], //   7 age 100, recency 60 > 40 → At risk
    [971, 972, 2, 1], //    8 age 29 → New, though recency 28 > 2 × 20... New comes first
    [700, 980, 1, NaN], //  9 recency 20 ≤ 40 → Active
    [950, 950, 1, NaN], // 10 one-time, recency 50 > 2 × population 20 → At risk
    [970, 970, 1, NaN], // 11 age exactly 30 → New
    [969, 969, 1, NaN], // 12 age 31, recency 31 ≤ 40 → Active
    [820, 820, 1, NaN], // 13 recency exactly 180: not lapsed; > 40 → At risk
    [819, 819, 1, NaN], // 14 recency 181 → Lapsed
    [635, 635, 1, NaN], // 15 recency exactly 365: not lost → Lapsed
    [634, 634, 1, NaN], // 16 recency 366 → Lost
  ]);
  const result = lifecycle(customers, 1000);

  it('classifies by the documented precedence: Lost, Lapsed, New, At risk, Active', () => {
    expect(Array.from(result.stage.codes).map((c) => result.stage.names[c])).toEqual([
      'New', 'Active', 'At risk', 'At risk', 'Lapsed', 'Lost', 'Lapsed', 'At risk', 'New',
      'Active', 'At risk', 'New', 'Active', 'At risk', 'Lapsed', 'Lapsed', 'Lost',
    ]);
  });

  it('counts each stage, the counts adding up to every customer', () => {
    expect(result.stage.names).toEqual(['New', 'Active', 'At risk', 'Lapsed', 'Lost']);
    expect(result.stage.counts).toEqual([3, 3, 5, 4, 2]);
  });

  it('reports the population cycle used for customers with too few orders', () => {
    expect(result.populationCycleDays).toBe(20);
  });

  it('flags one-time and repeat buyers separately from the stage', () => {
    // Repeat (≥ 2 orders): customers 1, 2, 3, 4, 5, 7, 8.
    expect(result.buyer.names).toEqual(['One-time', 'Repeat']);
    expect(result.buyer.counts).toEqual([10, 7]);
    expect(result.buyer.codes[8]).toBe(1);
    expect(result.buyer.codes[9]).toBe(0);
  });

  it('measures a customer against their own cycle from 3 purchase days, however many orders', () => {
    // Population cycle 20 (customers 0 and 1); both at recency 50.
    const r = lifecycle(input([
      [0, 900, 3, 20], [0, 900, 3, 20],
      [0, 950, 5, 30, 2], // 5 orders on 2 days: one gap is no rhythm; 50 > 2 × 20 → At risk
      [0, 950, 3, 30, 3], // 3 purchase days: own cycle 30; 50 ≤ 60 → Active
    ]), 1000);
    expect(r.populationCycleDays).toBe(20);
    expect([r.stage.names[r.stage.codes[2]], r.stage.names[r.stage.codes[3]]]).toEqual(['At risk', 'Active']);
  });

  it('falls back to every median gap when nobody has enough purchase days for an own cycle', () => {
    // Gaps 10 and 30 → population 20; the one-time buyer at recency 41 > 40 is at risk.
    const r = lifecycle(input([[500, 900, 2, 10], [500, 900, 2, 30], [900, 959, 1, NaN]]), 1000);
    expect(r.populationCycleDays).toBe(20);
    expect(r.stage.names[r.stage.codes[2]]).toBe('At risk');
  });

  it('puts nobody at risk when there is no purchase cycle at all', () => {
    const r = lifecycle(input([[800, 900, 1, NaN], [850, 850, 1, NaN]]), 1000);
    expect(r.populationCycleDays).toBeNaN();
    expect(r.stage.counts).toEqual([0, 2, 0, 0, 0]);
  });

  it('uses the thresholds given', () => {
    // Lapsed after 60 days, lost after 90: recency 100 is lost, 70 lapsed.
    const thresholds = { ...DEFAULT_LIFECYCLE_THRESHOLDS, lapsedDays: 60, lostDays: 90 };
    const r = lifecycle(input([[0, 900, 1, NaN], [0, 930, 1, NaN]]), 1000, thresholds);
    expect(Array.from(r.stage.codes).map((c) => r.stage.names[c])).toEqual(['Lost', 'Lapsed']);
  });

  it('refuses thresholds that contradict each other', () => {
    const bad = { newDays: 200, lapsedDays: 400, lostDays: 365, overdueFactor: 0, minPurchaseDaysForOwnCycle: 1.5 };
    expect(validateLifecycleThresholds(bad)).toEqual([
      'Lapsed (400 days) must not be longer than lost (365 days).',
      'The overdue factor must be a positive number, got 0.',
      'Purchase days needed for an own purchase cycle must be a whole number ≥ 2, got 1.5.',
    ]);
    expect(() => lifecycle(customers, 1000, { ...DEFAULT_LIFECYCLE_THRESHOLDS, newDays: 180 })).toThrow(
      'New customers (180 days) must be a shorter window than lapsed (180 days).',
    );
  });

  it('refuses columns of different lengths', () => {
    expect(() => lifecycle({ ...customers, orders: new Uint32Array(2) }, 1000)).toThrow('columns differ in length');
  });
});
