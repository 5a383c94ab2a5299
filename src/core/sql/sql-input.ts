import type { FeatureChoice } from '../cluster/customer-features.ts';
import type { FeatureScale } from '../cluster/scale-features.ts';
import type { ScoreBin } from '../model/rank-scores.ts';
import type { RfmDimension, SegmentSettings } from '../model/segment-settings.ts';
import type { Rule } from '../rules/rule-types.ts';
import type { CleaningPolicy, ColumnRole } from '../types.ts';
import type { SqlDialectName } from './sql-dialect.ts';

/**
 * Which cut points the script uses for quantile scores, value bands and the population cycle:
 * `fixed`, the ones the app computed (the warehouse then gives the app's answer on the same
 * data); `recomputed`, quantiles computed in SQL over the whole input table with the app's tie rule.
 * Typed thresholds and fixed amounts are the analyst's and the same either way.
 */
export type SqlThresholds = 'fixed' | 'recomputed';

/** The file the analysis was made from, as the warehouse table stands in for it. */
export interface SqlSource {
  fileName: string;
  /** The file's columns in order: the input table's columns (identical rows are told by all of them). */
  header: readonly string[];
  /** The column of each role. */
  columns: Partial<Record<ColumnRole, string>>;
  cleaning: CleaningPolicy;
  /** Text that means "missing" in an id column, besides an empty cell. */
  missingMarkers: readonly string[];
  /** The analysis date the lines were cut at (day number); null: the day after the last transaction. */
  analysisDay: number | null;
  /** Identifies the file the app read (see sourceFingerprint). */
  fingerprint: string;
}

/** The app's k-means fit, which the script applies as it stands (the fit stays in the app). */
export interface SqlClusterModel {
  features: FeatureChoice[];
  /** Per feature, in the same order: how it was scaled. */
  scales: FeatureScale[];
  /** k × d, row-major, in scaled units. */
  centroids: readonly number[];
  /** The analyst's cluster names, in cluster order. */
  names: readonly string[];
}

/** The cut points the app computed, for `fixed` thresholds. */
export interface SqlFixedCuts {
  scoreBins: Record<RfmDimension, ScoreBin[]>;
  /** Lowest net revenue of a high and an intermediate value customer (Infinity: nobody). */
  highFrom: number;
  intermediateFrom: number;
  /** The lifecycle's population purchase cycle in days (NaN: nobody has one). */
  populationCycleDays: number;
  /** The analysis day the app used (day number), written in the header. */
  analysisDay: number;
}

/** A rule segment, or a fixed list of customer ids, as the customers export heads it. */
export type SqlRuleSegment = { header: string; rule: Rule } | { header: string; customers: readonly string[] };

/** Everything one script is made from. */
export interface SegmentationSqlInput {
  dialect: SqlDialectName;
  /** The input table, optionally qualified ("sales.transactions"). */
  table: string;
  thresholds: SqlThresholds;
  appVersion: string;
  settings: SegmentSettings;
  source: SqlSource;
  fixed: SqlFixedCuts;
  /** The rule segments the export writes, with their headers, in order. */
  ruleSegments: SqlRuleSegment[];
  clusters: SqlClusterModel | null;
  /** Whether the export has the lifetime-value columns (written as NULL: see the README). */
  lifetimeValue: boolean;
  /** Attribute columns the app's export has but the script cannot (they come from another file). */
  attributes: readonly string[];
}

/** What the app sends to have a script written: the model supplies the rest. */
export interface SqlExportRequest {
  settings: SegmentSettings;
  dialect: SqlDialectName;
  table: string;
  thresholds: SqlThresholds;
  appVersion: string;
  source: SqlSource;
  clusters: SqlClusterModel | null;
}
