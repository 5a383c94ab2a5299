import type { CustomerAttributes } from '../attributes/attribute-table.ts';
import { METRIC_DEFINITIONS, type MetricKey, type MetricUnit } from '../metrics/metric-definitions.ts';
import type { FieldCatalog, RuleColumn, RuleColumns, TextColumn } from '../rules/rule-types.ts';
import type { SegmentAssignment } from '../segments/segment-assignment.ts';
import type { PreparedCustomers } from './prepare-customers.ts';
import { CLV_NUMBER_FIELDS, type ClvFields } from '../clv/clv-fields.ts';

export type RuleFieldGroup = 'Customer metrics' | 'Scores' | 'Segments' | 'Lifetime value' | 'Attributes';

/** A field the rule builder offers: what it is called, what it holds and what it means. */
export interface RuleField {
  /** The key rules use ("averageOrderValue", "rScore", "attribute:Country"). */
  id: string;
  label: string;
  kind: 'number' | 'text';
  group: RuleFieldGroup;
  /** One sentence for the hover. */
  definition: string;
  unit: MetricUnit | 'score' | 'date' | 'text';
  /** For text fields: the values to pick from, in their order. */
  values?: string[];
}

/** Prefix of the field ids of joined attributes. */
export const ATTRIBUTE_FIELD_PREFIX = 'attribute:';

/** The analyst's k-means clusters as rules see them: a code per customer and the clusters' names. */
export interface ClusterColumn {
  codes: ArrayLike<number>;
  names: string[];
}

/** The per-customer results of one scoring, that rules may refer to. */
export interface RuleInputs {
  recency: Int32Array;
  daysOverdue: Float64Array;
  scores: { r: Uint8Array; f: Uint8Array; m: Uint8Array };
  bins: number;
  segment: SegmentAssignment;
  valueBand: SegmentAssignment;
  lifecycle: SegmentAssignment;
  buyer: SegmentAssignment;
  /** The clusters, once the analyst has found some. */
  cluster?: ClusterColumn | null;
  /** The lifetime-value figures, once the models are fitted. */
  clv?: ClvFields | null;
}

/**
 * The customer table as rules see it — every metric, the R, F and M scores, the RFM segment,
 * value band, lifecycle stage and buyer type, and the joined attributes — with a description of
 * each field for the rule builder. Metrics the file cannot give (items without a quantity
 * column, channels without a channel column) are left out rather than offered empty.
 */
export function ruleColumns(prepared: PreparedCustomers, inputs: RuleInputs, attributes: CustomerAttributes | null): { columns: RuleColumns; fields: RuleField[] } {
  const { customers } = prepared;
  const { metrics: m, channelNames, categoryNames, fromTransactions } = prepared.metrics;
  const columns: Record<string, RuleColumn> = {};
  const fields: RuleField[] = [];
  const add = (field: RuleField, column: RuleColumn) => {
    fields.push(field);
    columns[field.id] = column;
  };
  const metric = (key: MetricKey, column: RuleColumn, values?: string[]) => {
    const d = METRIC_DEFINITIONS[key];
    const field: RuleField = { id: key, label: d.label, kind: values ? 'text' : 'number', group: 'Customer metrics', definition: d.definition, unit: values ? 'text' : d.unit };
    if (values) field.values = values;
    add(field, column);
  };

  metric('recency', inputs.recency);
  metric('frequency', customers.frequency);
  metric('monetary', customers.monetary);
  metric('averageOrderValue', m.averageOrderValue);
  metric('tenureDays', m.tenureDays);
  if (fromTransactions) {
    if (prepared.hasItems) metric('items', m.items);
    metric('returnLines', m.returnLines);
    metric('returnValue', m.returnValue);
    metric('purchaseDays', m.purchaseDays);
    metric('recentOrders', m.recentOrders);
    metric('recentRevenue', m.recentRevenue);
    metric('meanGapDays', m.meanGapDays);
    metric('medianGapDays', m.medianGapDays);
    metric('daysOverdue', inputs.daysOverdue);
    if (channelNames && channelNames.length > 0) {
      metric('preferredChannel', { codes: m.preferredChannel, values: channelNames }, channelNames);
      metric('preferredChannelShare', m.preferredChannelShare);
    }
    if (categoryNames && categoryNames.length > 0) {
      metric('topCategory', { codes: m.topCategory, values: categoryNames }, categoryNames);
      metric('topCategoryShare', m.topCategoryShare);
      metric('categoriesBought', m.categoriesBought);
    }
  }

  const score = (id: string, label: string, what: string, column: Uint8Array) =>
    add({ id, label, kind: 'number', group: 'Scores', unit: 'score', definition: `${what}: 1 to ${inputs.bins}, ${inputs.bins} is best.` }, column);
  score('rScore', 'R score', 'Recency score (most recent is best)', inputs.scores.r);
  score('fScore', 'F score', 'Frequency score (most orders is best)', inputs.scores.f);
  score('mScore', 'M score', 'Monetary score (most spend is best)', inputs.scores.m);

  const segmentation = (id: string, label: string, definition: string, a: SegmentAssignment) =>
    add({ id, label, kind: 'text', group: 'Segments', unit: 'text', definition, values: [...a.names] }, text(a));
  segmentation('rfmSegment', 'RFM segment', 'The named segment of the customer\'s R and F scores (the segment rules table).', inputs.segment);
  segmentation('valueBand', 'Value band', 'High, intermediate or low value by net revenue (the value band settings).', inputs.valueBand);
  segmentation('lifecycle', 'Lifecycle stage', 'New, active, at risk, lapsed or lost (the lifecycle settings).', inputs.lifecycle);
  segmentation('buyerType', 'Buyer type', 'One-time (one order) or repeat (two or more orders).', inputs.buyer);
  if (inputs.cluster) {
    const { codes, names } = inputs.cluster;
    add(
      { id: 'cluster', label: 'Cluster', kind: 'text', group: 'Segments', unit: 'text', definition: 'The k-means cluster of the customer (the Clusters section), by the names given there.', values: [...names] },
      { codes: Int32Array.from(codes), values: names },
    );
  }

  if (inputs.clv) {
    const clv = inputs.clv;
    for (const f of CLV_NUMBER_FIELDS) add({ id: f.id, label: f.label, kind: 'number', group: 'Lifetime value', unit: f.unit, definition: f.definition }, clv[f.id]);
    add(
      { id: 'clvTier', label: 'CLV tier', kind: 'text', group: 'Lifetime value', unit: 'text', definition: 'Customers ranked by predicted CLV: the top, middle and bottom shares (the lifetime value settings).', values: [...clv.tierNames] },
      { codes: Int32Array.from(clv.tier), values: clv.tierNames },
    );
  }

  for (const col of attributes?.columns ?? []) {
    const id = `${ATTRIBUTE_FIELD_PREFIX}${col.name}`;
    if (Object.hasOwn(columns, id)) continue;
    const definition = `From the customer attributes file, column "${col.name}".`;
    if (col.kind === 'text') add({ id, label: col.name, kind: 'text', group: 'Attributes', unit: 'text', definition, values: [...col.labels] }, { codes: col.codes, values: col.labels });
    else add({ id, label: col.name, kind: 'number', group: 'Attributes', unit: col.kind === 'date' ? 'date' : 'count', definition }, col.values);
  }
  return { columns: { n: customers.n, columns }, fields };
}

/** The fields as validateRule and parseRule take them, so problems name fields as the analyst reads them. */
export function fieldCatalog(fields: readonly RuleField[]): FieldCatalog {
  return Object.fromEntries(fields.map((f) => [f.id, { kind: f.kind, label: f.label }]));
}

// A segmentation the next model takes over unchanged keeps its text column too.
const textColumns = new WeakMap<SegmentAssignment, TextColumn>();

function text(a: SegmentAssignment): TextColumn {
  let column = textColumns.get(a);
  if (!column) textColumns.set(a, (column = { codes: new Int32Array(a.codes), values: a.names }));
  return column;
}
