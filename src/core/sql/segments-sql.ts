import { bandMethod } from '../model/segment-settings.ts';
import { OTHER_SEGMENT, SEGMENT_GRID } from '../segments/rfm-segment-map.ts';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.ts';
import { doubleLiteral, intLiteral } from './sql-dialect.ts';
import type { SqlContext, SqlStep } from './sql-step.ts';

// The app compares revenue shares with this slack (see valueBands).
const EPS = 1e-9;

/** Steps 7 to 9: the RFM segment map with "Other", the value band, the lifecycle stage. */
export function segmentSteps(ctx: SqlContext): SqlStep[] {
  return [segmentMapStep(ctx), valueBandStep(ctx), lifecycleStep(ctx)];
}

function segmentMapStep({ d, input }: SqlContext): SqlStep {
  const { bins } = input.settings.rfm;
  const grid = (s: string) => `CAST(FLOOR(${SEGMENT_GRID} * (${s} - 0.5) / ${bins}) AS ${d.intType}) + 1`;
  const whens = input.settings.segmentRules.map((r) =>
    `    WHEN grid_r BETWEEN ${r.rMin} AND ${r.rMax} AND grid_f BETWEEN ${r.fMin} AND ${r.fMax} THEN ${d.text(r.name)}`);
  return {
    name: 'rfm_segments',
    comment: `7. The segment map: each score placed on the 1..5 grid the rules are written on (floor(5 × (score − 0.5) / ${bins}) + 1), the first rule holding both R and F names the segment, the rest are "${OTHER_SEGMENT}".`,
    sql: [
      'SELECT',
      '  s.*,',
      '  CASE',
      ...whens,
      `    ELSE ${d.text(OTHER_SEGMENT)}`,
      '  END AS rfm_segment',
      `FROM (SELECT r.*, ${grid('r_score')} AS grid_r, ${grid('f_score')} AS grid_f FROM rfm_scores r) s`,
    ].join('\n'),
  };
}

function valueBandStep({ d, input }: SqlContext): SqlStep {
  const v = input.settings.valueBands;
  const method = bandMethod(v);
  const [high, mid, low] = v.names.map((n) => d.text(n));
  const band = (isHigh: string, isMid: string) =>
    `  CASE WHEN NOT (monetary_value > 0) THEN ${low} WHEN ${isHigh} THEN ${high} WHEN ${isMid} THEN ${mid} ELSE ${low} END AS value_band`;
  const from = (x: number) => (Number.isFinite(x) ? `monetary_value >= ${doubleLiteral(x)}` : 'FALSE');
  if (method.method === 'amount' || input.thresholds === 'fixed') {
    const highFrom = method.method === 'amount' ? method.high : input.fixed.highFrom;
    const midFrom = method.method === 'amount' ? method.intermediate : input.fixed.intermediateFrom;
    const what = method.method === 'amount' ? 'fixed amounts set in the app' : `the app's ${method.method === 'pareto' ? 'Pareto' : 'quantile'} cut points`;
    return {
      name: 'value_bands',
      comment: `8. Value bands by net revenue, ${what}: high from ${highFrom}, intermediate from ${midFrom}; revenue of 0 or less is low.`,
      sql: ['SELECT', '  s.*,', band(from(highFrom), from(midFrom)), 'FROM rfm_segments s'].join('\n'),
    };
  }
  const hi = method.highShare;
  const both = method.highShare + method.intermediateShare;
  if (method.method === 'pareto') {
    // A tie group is placed by the revenue of everyone ranked strictly above it, as a share of
    // all positive revenue: the group that crosses the line is still inside it.
    return {
      name: 'value_bands',
      comment: `8. Value bands, Pareto, recomputed: customers by revenue, highest first; high value until ${hi * 100}% of positive revenue is reached, intermediate until ${both * 100}%, the rest low. Equal revenue shares a band.`,
      sql: [
        'SELECT',
        '  s.*,',
        band(`above_share < ${doubleLiteral(hi - EPS)}`, `above_share < ${doubleLiteral(both - EPS)}`),
        'FROM (',
        '  SELECT',
        '    r.*,',
        `    CAST(SUM(CASE WHEN units > 0 THEN units ELSE 0 END) OVER (ORDER BY units DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - SUM(units) OVER (PARTITION BY units) AS ${d.floatType})`,
        `      / CAST(SUM(CASE WHEN units > 0 THEN units ELSE 0 END) OVER () AS ${d.floatType}) AS above_share`,
        '  FROM rfm_segments r',
        ') s',
      ].join('\n'),
    };
  }
  // Quantile: a tie group is placed by the customers strictly below it, so a group that would
  // cross a line stays below it.
  return {
    name: 'value_bands',
    comment: `8. Value bands, quantile, recomputed: the top ${hi * 100}% of customers by revenue are high value, the next ${method.intermediateShare * 100}% intermediate; equal revenue shares a band, a tie group crossing a line goes below it.`,
    sql: [
      'SELECT',
      '  s.*,',
      band(`top_share <= ${doubleLiteral(hi + EPS)}`, `top_share <= ${doubleLiteral(both + EPS)}`),
      'FROM (',
      `  SELECT r.*, 1 - CAST(RANK() OVER (ORDER BY units) - 1 AS ${d.floatType}) / COUNT(*) OVER () AS top_share`,
      '  FROM rfm_segments r',
      ') s',
    ].join('\n'),
  };
}

function lifecycleStep({ d, input }: SqlContext): SqlStep {
  const t = input.settings.lifecycle;
  const [newStage, active, atRisk, lapsed, lost] = LIFECYCLE_STAGES.map((n) => d.text(n));
  const own = `purchase_day_count >= ${intLiteral(t.minPurchaseDaysForOwnCycle)} AND median_gap IS NOT NULL`;
  const fixedCycle = input.fixed.populationCycleDays;
  const population = input.thresholds === 'fixed'
    ? `SELECT ${Number.isFinite(fixedCycle) ? doubleLiteral(fixedCycle) : `CAST(NULL AS ${d.floatType})`} AS population_cycle`
    : [
      'SELECT COALESCE(MAX(own_median), MAX(any_median)) AS population_cycle',
      'FROM (',
      `  SELECT ${d.median(`CASE WHEN ${own} THEN median_gap END`, null)} AS own_median, ${d.median('median_gap', null)} AS any_median`,
      '  FROM value_bands',
      ') m',
    ].join('\n');
  return {
    name: 'lifecycle_stages',
    comment: [
      `9. Lifecycle, first rule that holds: Lost (over ${t.lostDays} days since the last purchase), Lapsed (over ${t.lapsedDays}), New (first purchase at most ${t.newDays} days before the analysis date),`,
      `At risk (over ${t.overdueFactor} × the expected cycle: the customer's median gap with ${t.minPurchaseDaysForOwnCycle}+ purchase days, else the population's ${input.thresholds === 'fixed' ? `as the app found it, ${Number.isFinite(fixedCycle) ? `${fixedCycle} days` : 'none'}` : 'median of those own cycles, recomputed here'}), else Active.`,
    ].join('\n-- '),
    sql: [
      'SELECT',
      '  b.*,',
      '  CASE',
      `    WHEN recency_days > ${doubleLiteral(t.lostDays)} THEN ${lost}`,
      `    WHEN recency_days > ${doubleLiteral(t.lapsedDays)} THEN ${lapsed}`,
      `    WHEN analysis_day - first_day <= ${doubleLiteral(t.newDays)} THEN ${newStage}`,
      `    WHEN recency_days > ${doubleLiteral(t.overdueFactor)} * (CASE WHEN ${own} THEN median_gap ELSE p.population_cycle END) THEN ${atRisk}`,
      `    ELSE ${active}`,
      '  END AS lifecycle,',
      `  CASE WHEN frequency >= 2 THEN ${d.text('Repeat')} ELSE ${d.text('One-time')} END AS buyer_type`,
      'FROM value_bands b',
      `CROSS JOIN (${population.includes('\n') ? `\n${population.split('\n').map((l) => `  ${l}`).join('\n')}\n` : population}) p`,
    ].join('\n'),
  };
}
