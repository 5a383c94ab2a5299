import { moneyPer } from '../metrics/money.ts';
import type { CsvColumn } from './customers-csv.ts';

/** A segmentation to export as one column. */
export interface ExportSegmentation {
  codes: ArrayLike<number>;
  names: readonly string[];
}

/** What the customer export can hold; optional parts are left out when absent. */
export interface CustomerExportInput {
  ids: ArrayLike<string>;
  /** Extra customer attributes (country, email...), written right after the id. */
  attributes?: readonly CsvColumn[];
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  /** Defaults to monetary / frequency. */
  avgOrderValue?: ArrayLike<number>;
  scores?: { r: ArrayLike<number>; f: ArrayLike<number>; m: ArrayLike<number> };
  rfmSegment?: ExportSegmentation;
  valueBand?: ExportSegmentation;
  lifecycle?: ExportSegmentation;
  /** Lifetime value, once fitted: written after `lifecycle`, before `cluster`. */
  clv?: { pAlive: ArrayLike<number>; expectedOrders: ArrayLike<number>; expectedAov: ArrayLike<number>; clv: ArrayLike<number>; valueToDate: ArrayLike<number>; grossMargin?: ArrayLike<number> };
  /** The k-means clusters, by the names the analyst gave them. */
  cluster?: ExportSegmentation;
  /** The analyst's rule segments: one 1/0 column each, headed by the rule's name. */
  ruleSegments?: ReadonlyArray<{ name: string; mask: ArrayLike<number> }>;
}

/**
 * The customers CSV columns in their documented, stable order, for CRM imports that map
 * columns once and expect them to stay put:
 *
 * `customer_id, <attributes...>, recency_days, frequency, monetary, avg_order_value, r_score,
 * f_score, m_score, rfm_segment, value_band, lifecycle, p_alive, expected_orders, expected_aov, clv,
 * value_to_date, gross_margin, cluster, <one column per rule segment...>`
 *
 * Money (monetary, avg_order_value) has 2 decimals; scores and counts are integers; rule
 * segment columns are 1 (in the segment) or 0. Absent optional parts drop their columns without
 * reordering the rest.
 */
export function customerCsvColumns(input: CustomerExportInput): CsvColumn[] {
  const { ids, frequency, monetary } = input;
  const aov = input.avgOrderValue ?? Float64Array.from({ length: ids.length }, (_, i) => (frequency[i] > 0 ? moneyPer(monetary[i], frequency[i]) : NaN));
  const columns: CsvColumn[] = [
    { header: 'customer_id', kind: 'text', values: ids },
    ...(input.attributes ?? []),
    { header: 'recency_days', kind: 'number', values: input.recencyDays },
    { header: 'frequency', kind: 'number', values: frequency },
    { header: 'monetary', kind: 'number', values: monetary, decimals: 2 },
    { header: 'avg_order_value', kind: 'number', values: aov, decimals: 2 },
  ];
  if (input.scores) {
    columns.push(
      { header: 'r_score', kind: 'number', values: input.scores.r },
      { header: 'f_score', kind: 'number', values: input.scores.f },
      { header: 'm_score', kind: 'number', values: input.scores.m },
    );
  }
  const segmentations = [
    ['rfm_segment', input.rfmSegment],
    ['value_band', input.valueBand],
    ['lifecycle', input.lifecycle],
  ] as const;
  for (const [header, segmentation] of segmentations) {
    if (segmentation) columns.push({ header, kind: 'category', codes: segmentation.codes, names: segmentation.names });
  }
  if (input.clv) {
    // P(alive) with 4 decimals, expected purchase days with 3, money with 2.
    columns.push(
      { header: 'p_alive', kind: 'number', values: input.clv.pAlive, decimals: 4 },
      { header: 'expected_orders', kind: 'number', values: input.clv.expectedOrders, decimals: 3 },
      { header: 'expected_aov', kind: 'number', values: input.clv.expectedAov, decimals: 2 },
      { header: 'clv', kind: 'number', values: input.clv.clv, decimals: 2 },
      { header: 'value_to_date', kind: 'number', values: input.clv.valueToDate, decimals: 2 },
    );
    // After value_to_date, so the columns documented before it keep their places.
    if (input.clv.grossMargin) columns.push({ header: 'gross_margin', kind: 'number', values: input.clv.grossMargin, decimals: 2 });
  }
  if (input.cluster) columns.push({ header: 'cluster', kind: 'category', codes: input.cluster.codes, names: input.cluster.names });
  for (const rule of input.ruleSegments ?? []) columns.push({ header: rule.name, kind: 'number', values: rule.mask });
  return columns;
}
