import type { CustomerAttributes } from '../attributes/attribute-table.ts';
import { scoreByThresholds } from '../rfm/score-by-thresholds.ts';
import { evaluateRule } from '../rules/evaluate-rule.ts';
import { validateRule } from '../rules/validate-rule.ts';
import type { RuleColumns } from '../rules/rule-types.ts';
import { lifecycle, type Lifecycle } from '../segments/lifecycle.ts';
import { listMask } from '../segments/list-mask.ts';
import { assignSegments, segmentGrid, type SegmentGrid } from '../segments/rfm-segment-map.ts';
import type { SegmentAssignment } from '../segments/segment-assignment.ts';
import { valueBands, type ValueBands } from '../segments/value-bands.ts';
import type { DayNumber } from '../types.ts';
import type { PreparedCustomers } from './prepare-customers.ts';
import { scoreBins, scoresFromRanks, type ScoreBin } from './rank-scores.ts';
import { fieldCatalog, ruleColumns, type ClusterColumn, type RuleField } from './rule-fields.ts';
import { bandMethod, isListSegment, validateSegmentSettings, type RfmDimension, type SegmentSettings } from './segment-settings.ts';
import type { ClvFields } from '../clv/clv-fields.ts';

/** One of the analyst's rule segments, evaluated. */
export interface RuleSegmentResult {
  name: string;
  /** 1 for the customers in the segment; null when the rule cannot be evaluated (see problems). */
  mask: Uint8Array | null;
  count: number;
  /** Net revenue of its customers. */
  revenue: number;
  problems: string[];
  /** A fixed list of customers (saved from a selection), not a rule. */
  list: boolean;
}

/** Everything the settings make of a prepared customer table, held in the analysis worker. */
export interface SegmentModel {
  prepared: PreparedCustomers;
  attributes: CustomerAttributes | null;
  settings: SegmentSettings;
  /** The analysis day in effect: the settings' own, or the prepared default. */
  analysisDay: DayNumber;
  /** Days from the last purchase to the analysis day. */
  recency: Int32Array;
  /** Recency minus the customer's median days between purchases (NaN without one). */
  daysOverdue: Float64Array;
  scores: Record<RfmDimension, Uint8Array>;
  /** Customers and value range of every score. */
  scoreBins: Record<RfmDimension, ScoreBin[]>;
  grid: SegmentGrid;
  segment: SegmentAssignment;
  bands: ValueBands;
  lifecycle: Lifecycle;
  columns: RuleColumns;
  fields: RuleField[];
  rules: RuleSegmentResult[];
  /** The k-means clusters rules may refer to, when the analyst has made some. */
  cluster: ClusterColumn | null;
  /** The lifetime-value figures rules, segmentations and the export may use, once fitted. */
  clv: ClvFields | null;
  /** Per stage, the settings it was computed from, so the next model can reuse what did not change. */
  keys: StageKeys;
}

interface StageKeys {
  day: string;
  scores: string;
  segments: string;
  bands: string;
  lifecycle: string;
  rules: string;
}

/**
 * Scores and segments the customers with the settings: R, F, M scores (quantiles from the
 * prepared ranks, or typed cut points), their bins, the named RFM segments and their grid, value
 * bands, lifecycle stages, and every rule segment.
 *
 * Only what the changed settings touch is recomputed: with `previous` (the model before, for the
 * same prepared table and attributes) the stages whose settings are equal are taken over. Changing
 * the number of bins on 250,000 customers is then a few passes over typed arrays.
 *
 * A rule segment that cannot be evaluated (an attribute file removed since) gets its problems and
 * no mask; the rest of the model stands.
 *
 * @throws Error when the settings other than the rule segments are invalid
 *   ({@link validateSegmentSettings}): callers validate first.
 */
export function buildSegmentModel(
  prepared: PreparedCustomers,
  settings: SegmentSettings,
  attributes: CustomerAttributes | null = null,
  previous: SegmentModel | null = null,
  cluster: ClusterColumn | null = null,
  clv: ClvFields | null = null,
): SegmentModel {
  const problems = validateSegmentSettings(settings).filter((p) => p.part !== 'ruleSegments');
  if (problems.length > 0) throw new Error(`buildSegmentModel: ${problems.map((p) => p.message).join(' ')}`);
  const reuse = previous && previous.prepared === prepared && previous.attributes === attributes ? previous : null;
  const { customers } = prepared;
  const { metrics } = prepared.metrics;
  const n = customers.n;
  const analysisDay = settings.rfm.analysisDay ?? prepared.defaultAnalysisDay;
  const keys: StageKeys = {
    day: String(analysisDay),
    scores: JSON.stringify([analysisDay, settings.rfm.bins, settings.rfm.monetary, settings.rfm.cutPoints]),
    segments: '',
    bands: JSON.stringify(settings.valueBands),
    lifecycle: JSON.stringify([analysisDay, settings.lifecycle]),
    rules: '',
  };
  keys.segments = JSON.stringify([keys.scores, settings.segmentRules]);
  keys.rules = JSON.stringify([keys.segments, keys.bands, keys.lifecycle, settings.ruleSegments]);

  let recency: Int32Array;
  let daysOverdue: Float64Array;
  if (reuse && reuse.keys.day === keys.day) ({ recency, daysOverdue } = reuse);
  else {
    recency = new Int32Array(n);
    daysOverdue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      recency[i] = analysisDay - customers.lastDay[i];
      daysOverdue[i] = recency[i] - metrics.medianGapDays[i];
    }
  }

  let scores: Record<RfmDimension, Uint8Array>;
  let bins: Record<RfmDimension, ScoreBin[]>;
  if (reuse && reuse.keys.scores === keys.scores) ({ scores, scoreBins: bins } = reuse);
  else {
    const { bins: k, cutPoints, monetary } = settings.rfm;
    const values = { r: recency, f: customers.frequency, m: monetary === 'revenue' ? customers.monetary : metrics.averageOrderValue };
    const ranks = { r: prepared.ranks.r, f: prepared.ranks.f, m: prepared.ranks[monetary] };
    const score = (d: RfmDimension) => {
      const cuts = cutPoints[d];
      return cuts ? scoreByThresholds(values[d], cuts, d !== 'r', k) : scoresFromRanks(ranks[d], k);
    };
    scores = { r: score('r'), f: score('f'), m: score('m') };
    bins = { r: scoreBins(values.r, scores.r, k), f: scoreBins(values.f, scores.f, k), m: scoreBins(values.m, scores.m, k) };
  }

  let grid: SegmentGrid;
  let segment: SegmentAssignment;
  if (reuse && reuse.keys.segments === keys.segments) ({ grid, segment } = reuse);
  else {
    grid = segmentGrid(settings.segmentRules, settings.rfm.bins);
    segment = assignSegments(scores.r, scores.f, settings.segmentRules, settings.rfm.bins);
  }

  const bands = reuse && reuse.keys.bands === keys.bands
    ? reuse.bands
    : valueBands(customers.monetary, bandMethod(settings.valueBands), settings.valueBands.names);

  const stages = reuse && reuse.keys.lifecycle === keys.lifecycle
    ? reuse.lifecycle
    : lifecycle({ firstDay: customers.firstDay, lastDay: customers.lastDay, orders: customers.frequency, purchaseDays: metrics.purchaseDays, medianGap: metrics.medianGapDays }, analysisDay, settings.lifecycle);

  let columns: RuleColumns;
  let fields: RuleField[];
  let rules: RuleSegmentResult[];
  if (reuse && reuse.keys.rules === keys.rules && reuse.cluster === cluster && reuse.clv === clv) ({ columns, fields, rules } = reuse);
  else {
    ({ columns, fields } = ruleColumns(prepared, {
      recency, daysOverdue, scores, bins: settings.rfm.bins, segment, valueBand: bands, lifecycle: stages.stage, buyer: stages.buyer, cluster, clv,
    }, attributes));
    const catalog = fieldCatalog(fields);
    rules = settings.ruleSegments.map((segment) => {
      const { name } = segment;
      let mask: Uint8Array;
      if (isListSegment(segment)) mask = listMask(segment.customers, customers.ids);
      else {
        const ruleProblems = validateRule(segment.rule, catalog);
        if (ruleProblems.length > 0) return { name, mask: null, count: 0, revenue: 0, problems: ruleProblems, list: false };
        mask = evaluateRule(segment.rule, columns);
      }
      let count = 0;
      let revenue = 0;
      for (let i = 0; i < n; i++) {
        if (mask[i]) {
          count++;
          revenue += customers.monetary[i];
        }
      }
      return { name, mask, count, revenue, problems: [], list: isListSegment(segment) };
    });
  }

  return {
    prepared, attributes, settings, analysisDay, recency, daysOverdue, scores, scoreBins: bins,
    grid, segment, bands, lifecycle: stages, columns, fields, rules, cluster, clv, keys,
  };
}
