import type { AxisScaleKind } from '../explore/axis-domain.ts';
import type { ClvSettings } from '../clv/lifetime-value.ts';
import type { CustomerFeature } from '../cluster/customer-features.ts';
import type { ScalingMethod } from '../cluster/scale-features.ts';
import type { DateReading } from '../ingest/bytes/date-column.ts';
import { MAX_RULE_SEGMENTS, validateSegmentSettings, type SegmentSettings } from '../model/segment-settings.ts';
import type { CleaningPolicy, DayNumber, Mapping } from '../types.ts';
import { arrayOf, bool, int, json, nullable, num, object, oneOf, recordOf, shapeProblems, str, tuple, type Shape } from './json-shape.ts';
import { parseSafeJson } from './safe-json.ts';

/** The version written into every link, session and file; older ones are migrated on reading. */
export const SESSION_SETTINGS_VERSION = 1;
/** The longest settings text read (a link or a file's settings): far above any real analysis. */
export const MAX_SETTINGS_CHARS = 200_000;

/** The clustering panel's choices and the analyst's names for the clusters. */
export interface ClusteringChoices {
  features: Array<{ feature: CustomerFeature; use: boolean; log: boolean }>;
  scaling: ScalingMethod;
  k: number;
  seed: number;
  names: string[];
}

/** What the scatter shows (see ScatterViewState): axes, scales, colours, zoom. */
export interface ScatterViewChoices {
  x: string;
  y: string;
  xScale: AxisScaleKind;
  yScale: AxisScaleKind;
  jitter: boolean;
  colour: string;
  hidden: number[];
  zoom: { k: number; x: number; y: number };
  lasso: boolean;
  histogram: string;
  histogramScale: AxisScaleKind;
  /** The selection (absent in settings made before it was kept). */
  selection?: ViewSelection | null;
}

/**
 * A selection made as a range (a scatter brush, a histogram range, an R × F cell) is a setting:
 * it is applied to whatever customers are loaded. A null end is open.
 */
export interface RangeSelection {
  ranges: { field: string; label: string; min: number | null; max: number | null }[];
}

/**
 * A lasso, or a group picked in a legend, a bar or a cross-tab cell, is a list of customers, kept
 * by their ids so it finds the same customers whatever order a later read gives them. Ids are
 * data: the session and the session file keep the list, a share link leaves it out.
 */
export interface ListSelection {
  customers: string[];
  source: 'lasso' | 'legend' | 'chart';
}

export type ViewSelection = RangeSelection | ListSelection;

export function isListSelection(selection: ViewSelection): selection is ListSelection {
  return 'customers' in selection;
}

/** How the file is read: column roles, cleaning choices, date order, missing markers, analysis date. */
export interface ReadChoices {
  mapping: Mapping;
  cleaning: Partial<CleaningPolicy>;
  dateReading: DateReading | null;
  missingMarkers: string[];
  analysisDay: DayNumber | null;
  sheet?: string;
}

/** What tells one file from another: a link warns when the file dropped differs. */
export interface FileFingerprint {
  name: string;
  bytes: number;
  columns: string[];
  /** Data rows read (header excluded). */
  rows: number;
  /** SHA-256 (hex) of the file's first and last MiB. */
  hash: string;
}

/**
 * Everything an analyst sets, as one plain-JSON value: the shape shared by share links, saved
 * sessions and session files. `read` is null before a file was read.
 */
export interface SessionSettings {
  version: typeof SESSION_SETTINGS_VERSION;
  segment: SegmentSettings;
  clustering: ClusteringChoices;
  lifetimeValue: ClvSettings;
  view: ScatterViewChoices;
  read: ReadChoices | null;
  /** The file the settings were made with; null before a file was read. */
  file: FileFingerprint | null;
}

const column = nullable(int(0, 100_000));
const pair = object({ high: num(), intermediate: num() });
const fieldId = str(120);
const scale = oneOf('linear', 'log');

/** The shape of each part; the part's own validators check the meaning afterwards. */
const SHAPE: Shape = object({
  version: int(),
  segment: object({
    rfm: object({
      bins: int(),
      monetary: oneOf('revenue', 'averageOrderValue'),
      analysisDay: nullable(int()),
      cutPoints: object({ r: nullable(arrayOf(num(), 20)), f: nullable(arrayOf(num(), 20)), m: nullable(arrayOf(num(), 20)) }),
    }),
    segmentRules: arrayOf(object({ name: str(), rMin: int(), rMax: int(), fMin: int(), fMax: int() }), 50),
    valueBands: object({ method: oneOf('pareto', 'quantile', 'amount'), pareto: pair, quantile: pair, amount: pair, names: tuple(str(), str(), str()) }),
    lifecycle: object({ newDays: num(), lapsedDays: num(), lostDays: num(), overdueFactor: num(), minPurchaseDaysForOwnCycle: num() }),
    // A rule segment has a rule; a fixed list (saved from a selection) has its customers' ids instead.
    ruleSegments: arrayOf(object({ name: str(), rule: json, customers: arrayOf(str(), 1_000_000) }, ['rule', 'customers']), MAX_RULE_SEGMENTS),
  }),
  clustering: object({
    features: arrayOf(object({ feature: oneOf('recency', 'frequency', 'monetary'), use: bool, log: bool }), 3),
    scaling: oneOf('zscore', 'minmax', 'robust', 'none'),
    k: int(2, 20),
    seed: int(0, 0xffffffff),
    names: arrayOf(str(), 20),
  }),
  lifetimeValue: object(
    {
      unitDays: oneOf(1, 7),
      horizonDays: num({ min: 1, max: 3650 }),
      margin: num({ min: 0, max: 1 }),
      annualDiscountRate: num({ min: 0, max: 10 }),
      calibrationEnd: nullable(int()),
      model: oneOf('recommended', 'bgnbd', 'pareto'),
      tierCuts: tuple(num({ min: 0, max: 1 }), num({ min: 0, max: 1 })),
      acquisitionCost: object({ perCustomer: num({ min: 0 }), perChannel: recordOf(num({ min: 0 }), 500), column: nullable(str(1000)) }, ['perChannel', 'column']),
    },
  ),
  view: object({
    x: fieldId,
    y: fieldId,
    xScale: scale,
    yScale: scale,
    jitter: bool,
    colour: fieldId,
    hidden: arrayOf(int(1, 10_000), 10_000),
    zoom: object({ k: num({ min: 1, max: 512 }), x: num(), y: num() }),
    lasso: bool,
    histogram: fieldId,
    histogramScale: scale,
    // A range, or a list of customers (see ListSelection): one of the two.
    selection: nullable(
      object(
        {
          ranges: arrayOf(object({ field: fieldId, label: str(200), min: nullable(num()), max: nullable(num()) }), 4),
          customers: arrayOf(str(), 1_000_000),
          source: oneOf('lasso', 'legend', 'chart'),
        },
        ['ranges', 'customers', 'source'],
      ),
    ),
  }, ['selection']),
  read: nullable(
    object(
      {
        // The cost roles are optional: links and sessions from before them have neither.
        mapping: object({ customer: int(0, 100_000), date: int(0, 100_000), order: column, amount: column, quantity: column, price: column, product: column, category: column, channel: column, cost: column, unitCost: column }, ['cost', 'unitCost']),
        cleaning: object(
          { returns: oneOf('net', 'exclude'), duplicates: oneOf('drop', 'keep'), nonPositivePrice: oneOf('exclude', 'keep'), nonProduct: oneOf('exclude', 'keep') },
          ['returns', 'duplicates', 'nonPositivePrice', 'nonProduct'],
        ),
        dateReading: nullable(oneOf('year-first', 'day-first', 'month-first', 'yyyymmdd', 'excel-serial', 'unix-seconds', 'unix-millis')),
        missingMarkers: arrayOf(str(40), 50),
        analysisDay: nullable(int()),
        sheet: str(200),
      },
      ['sheet'],
    ),
  ),
  file: nullable(object({ name: str(1000), bytes: int(0), columns: arrayOf(str(1000), 10_000), rows: int(0), hash: str(64) })),
});

export type SettingsOutcome = { ok: true; value: SessionSettings } | { ok: false; problems: string[] };

/** Older versions brought up to the current one, a step per version (none yet: version 1 is the first). */
function migrate(value: Record<string, unknown>): Record<string, unknown> {
  return value;
}

/**
 * Checks settings from anywhere (a link, a saved session, a file) before anything is applied:
 * decode, then check the version, migrate, then check every part's shape and meaning. Problems
 * are in words and say where; on any problem nothing is returned to apply.
 */
export function validateSessionSettings(value: unknown): SettingsOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problems: ['The settings are not an object.'] };
  const version = (value as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, problems: ['The settings have no version number.'] };
  if (version > SESSION_SETTINGS_VERSION) {
    return { ok: false, problems: [`The settings are version ${version}, made by a newer Segment Studio; this one reads up to version ${SESSION_SETTINGS_VERSION}. Open them in the newer version.`] };
  }
  const migrated = migrate(value as Record<string, unknown>);
  const shape = shapeProblems(migrated, SHAPE, '');
  if (shape.length > 0) return { ok: false, problems: shape.slice(0, 10) };
  const settings = migrated as unknown as SessionSettings;
  const meaning = validateSegmentSettings(settings.segment).map((p) => p.message);
  if (!settings.clustering.features.some((f) => f.use)) meaning.push('Clustering: at least one feature must be used.');
  const selection = settings.view.selection as Partial<RangeSelection & ListSelection> | null | undefined;
  if (selection && (selection.ranges === undefined) === (selection.customers === undefined)) {
    meaning.push('The selection must be either ranges or a list of customers.');
  } else if (selection?.customers !== undefined && selection.source === undefined) {
    meaning.push('The selection lists customers but does not say where it was made (lasso, legend or chart).');
  }
  for (const r of selection?.ranges ?? []) {
    if (r.min !== null && r.max !== null && r.min > r.max) meaning.push(`The selection's range on ${r.field} ends (${r.max}) before it starts (${r.min}).`);
  }
  if (meaning.length > 0) return { ok: false, problems: meaning.slice(0, 10) };
  return { ok: true, value: settings };
}

/** Reads settings from JSON text (see parseSafeJson and validateSessionSettings). */
export function readSessionSettings(text: string): SettingsOutcome {
  const parsed = parseSafeJson(text, MAX_SETTINGS_CHARS);
  return parsed.ok ? validateSessionSettings(parsed.value) : { ok: false, problems: [parsed.problem] };
}
