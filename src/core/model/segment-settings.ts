import type { DayNumber } from '../types.ts';
import type { FieldCatalog, Rule } from '../rules/rule-types.ts';
import { parseRule } from '../rules/parse-rule.ts';
import { validateCutPoints } from '../rfm/score-by-thresholds.ts';
import { CLASSIC_RFM_SEGMENTS } from '../segments/classic-rfm-segments.ts';
import { DEFAULT_LIFECYCLE_THRESHOLDS, validateLifecycleThresholds, type LifecycleThresholds } from '../segments/lifecycle.ts';
import { validateSegmentRules, type SegmentRule } from '../segments/rfm-segment-map.ts';
import { DEFAULT_VALUE_BAND_NAMES, validateValueBandMethod, type ValueBandMethod } from '../segments/value-bands.ts';

/** Fewest and most RFM score bins the analyst may choose, and the default (quintiles). */
export const MIN_BINS = 3;
export const MAX_BINS = 10;
export const DEFAULT_BINS = 5;
/** Most rule segments one analysis holds (each is a column of the export). */
export const MAX_RULE_SEGMENTS = 50;

export type RfmDimension = 'r' | 'f' | 'm';
/** What the M score ranks: net revenue, or net revenue per order. */
export type MonetaryBasis = 'revenue' | 'averageOrderValue';

export interface RfmModelSettings {
  /** Scores per dimension, MIN_BINS..MAX_BINS. */
  bins: number;
  monetary: MonetaryBasis;
  /** The day recency is measured to; null: the day after the last transaction. */
  analysisDay: DayNumber | null;
  /**
   * Hand-typed cut points per dimension (bins - 1 ascending numbers, in days, orders or money;
   * see scoreByThresholds); null scores that dimension by quantiles.
   */
  cutPoints: Record<RfmDimension, number[] | null>;
}

export type ValueBandMethodName = ValueBandMethod['method'];

/** The value band settings as the panel edits them: every method keeps its own figures. */
export interface ValueBandSettings {
  method: ValueBandMethodName;
  /** Shares of revenue (0..1) for the high and intermediate bands. */
  pareto: { high: number; intermediate: number };
  /** Shares of customers (0..1) for the high and intermediate bands. */
  quantile: { high: number; intermediate: number };
  /** Lowest net revenue of a high and of an intermediate value customer. */
  amount: { high: number; intermediate: number };
  /** High, intermediate, low. */
  names: [string, string, string];
}

/** A segment the analyst defined with a rule on any metric, score, segment or attribute. */
export interface RuleSegment {
  name: string;
  rule: Rule;
}

/**
 * A fixed list of customers, saved from a selection that is not a range (a lasso, a group picked
 * in a legend or a chart). It holds the customer ids as the file writes them, so it stays the same
 * customers whatever the settings, and customers not in the file are simply not matched.
 */
export interface ListSegment {
  name: string;
  customers: string[];
}

/** What the analyst saves as their own segments: a rule, or a fixed list of customers. */
export type SavedSegment = RuleSegment | ListSegment;

/** Whether a saved segment is a fixed list of customers (rather than a rule). */
export function isListSegment(segment: SavedSegment): segment is ListSegment {
  return Array.isArray((segment as Partial<ListSegment>).customers);
}

/**
 * Everything the segment model depends on besides the data: plain JSON, so it can be posted to
 * the worker and compared by value.
 */
export interface SegmentSettings {
  rfm: RfmModelSettings;
  /** The named RFM segments: rules on the 1..5 R × F grid, first match wins, the rest "Other". */
  segmentRules: SegmentRule[];
  valueBands: ValueBandSettings;
  lifecycle: LifecycleThresholds;
  /** Rule segments and fixed lists, in the order the analyst saved them. */
  ruleSegments: SavedSegment[];
}

/** Fresh default settings: quintiles on net revenue, the classic segment map, 80/15 Pareto bands. */
export function defaultSegmentSettings(): SegmentSettings {
  return {
    rfm: { bins: DEFAULT_BINS, monetary: 'revenue', analysisDay: null, cutPoints: { r: null, f: null, m: null } },
    segmentRules: CLASSIC_RFM_SEGMENTS.map((rule) => ({ ...rule })),
    valueBands: {
      method: 'pareto',
      pareto: { high: 0.8, intermediate: 0.15 },
      quantile: { high: 0.2, intermediate: 0.3 },
      amount: { high: 1000, intermediate: 100 },
      names: [...DEFAULT_VALUE_BAND_NAMES],
    },
    lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
    ruleSegments: [],
  };
}

/** The band method the core's valueBands() takes, from the panel's settings. */
export function bandMethod(v: ValueBandSettings): ValueBandMethod {
  if (v.method === 'amount') return { method: 'amount', high: v.amount.high, intermediate: v.amount.intermediate };
  const shares = v.method === 'pareto' ? v.pareto : v.quantile;
  return { method: v.method, highShare: shares.high, intermediateShare: shares.intermediate };
}

/** Which part of the settings a problem is about, so the panel shows it in the right place. */
export type SettingsPart = 'rfm' | 'segmentRules' | 'valueBands' | 'lifecycle' | 'ruleSegments';

export interface SettingsProblem {
  part: SettingsPart;
  message: string;
  /** For a rule segment: its index. */
  index?: number;
}

const DIMENSION_NAMES: Record<RfmDimension, string> = { r: 'Recency', f: 'Frequency', m: 'Monetary' };

/**
 * Problems with the settings, in words for the settings panel; empty when the model can be
 * computed. With a catalog the rule segments' fields are checked too (see validateRule).
 */
export function validateSegmentSettings(s: SegmentSettings, catalog: FieldCatalog | null = null): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (part: SettingsPart, messages: string[], index?: number) => {
    for (const message of messages) problems.push(index === undefined ? { part, message } : { part, message, index });
  };
  const { bins, monetary, analysisDay, cutPoints } = s.rfm;
  if (!(Number.isInteger(bins) && bins >= MIN_BINS && bins <= MAX_BINS)) add('rfm', [`The number of scores must be a whole number from ${MIN_BINS} to ${MAX_BINS}, got ${bins}.`]);
  if (monetary !== 'revenue' && monetary !== 'averageOrderValue') add('rfm', [`Monetary must be total revenue or average order value, got ${String(monetary)}.`]);
  if (analysisDay !== null && !Number.isInteger(analysisDay)) add('rfm', ['The analysis date is not a valid date.']);
  for (const d of ['r', 'f', 'm'] as const) {
    const cuts = cutPoints[d];
    if (cuts) add('rfm', validateCutPoints(cuts, Number.isInteger(bins) ? bins : undefined).map((p) => `${DIMENSION_NAMES[d]} thresholds: ${p}`));
  }
  add('segmentRules', validateSegmentRules(s.segmentRules));
  add('valueBands', validateValueBandMethod(bandMethod(s.valueBands)));
  s.valueBands.names.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') add('valueBands', [`Value band ${i + 1} needs a name.`]);
  });
  if (new Set(s.valueBands.names.map((n) => n.trim())).size !== 3) add('valueBands', ['The three value bands need different names.']);
  add('lifecycle', validateLifecycleThresholds(s.lifecycle));
  if (s.ruleSegments.length > MAX_RULE_SEGMENTS) add('ruleSegments', [`At most ${MAX_RULE_SEGMENTS} rule segments, got ${s.ruleSegments.length}.`]);
  const seen = new Set<string>();
  s.ruleSegments.forEach((segment, i) => {
    const name = typeof segment.name === 'string' ? segment.name.trim() : '';
    if (name === '') add('ruleSegments', [`Rule segment ${i + 1} needs a name.`], i);
    else if (seen.has(name.toLowerCase())) add('ruleSegments', [`There are two rule segments called "${name}".`], i);
    seen.add(name.toLowerCase());
    if (isListSegment(segment)) {
      if (!segment.customers.every((id) => typeof id === 'string')) add('ruleSegments', [`${name || `Segment ${i + 1}`}: the list of customers holds something other than customer ids.`], i);
      return;
    }
    const parsed = parseRule(segment.rule, catalog);
    if (!parsed.ok) add('ruleSegments', parsed.problems.map((p) => `${name || `Rule segment ${i + 1}`}: ${p}`), i);
  });
  return problems;
}
