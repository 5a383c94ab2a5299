import { attributeCsvColumns } from '../attributes/attribute-csv-columns.ts';
import { customerCsvColumns } from '../export/customer-csv-columns.ts';
import type { CsvColumn } from '../export/customers-csv.ts';
import type { SegmentModel } from './segment-model.ts';
import { segmentationOf, type Segmentation, type SegmentationKey } from './segmentations.ts';

/**
 * The customers CSV columns of a model, in the documented order of customerCsvColumns:
 * `customer_id, <attributes>, recency_days, frequency, monetary, avg_order_value, r_score,
 * f_score, m_score, rfm_segment, value_band, lifecycle, [p_alive, expected_orders, expected_aov,
 * clv, value_to_date], [cluster], <one 1/0 column per rule
 * segment>`. A rule segment whose name is already a header gets " (rule segment)" appended; one
 * that cannot be evaluated is left out.
 */
export function modelCsvColumns(model: SegmentModel, cluster: Segmentation | null = null): CsvColumn[] {
  const { customers, metrics } = model.prepared;
  const base = customerCsvColumns({
    ids: customers.ids,
    ...(model.attributes ? { attributes: attributeCsvColumns(model.attributes) } : {}),
    recencyDays: model.recency,
    frequency: customers.frequency,
    monetary: customers.monetary,
    avgOrderValue: metrics.metrics.averageOrderValue,
    scores: model.scores,
    rfmSegment: model.segment,
    valueBand: model.bands,
    lifecycle: model.lifecycle.stage,
    ...(model.clv ? { clv: model.clv } : {}),
    ...(cluster ? { cluster } : {}),
  });
  const used = new Set(base.map((c) => c.header));
  for (const rule of model.rules) {
    if (!rule.mask) continue;
    let header = rule.name;
    if (used.has(header)) header = `${rule.name} (rule segment)`;
    used.add(header);
    base.push({ header, kind: 'number', values: rule.mask });
  }
  return base;
}

/** The export filter for "only the customers of one segment", or undefined for all customers. */
export function exportFilter(
  model: SegmentModel,
  only: { by: SegmentationKey; code: number } | null | undefined,
  cluster: Segmentation | null = null,
): { codes: ArrayLike<number>; code: number } | undefined {
  if (!only) return undefined;
  const s = segmentationOf(model, only.by, cluster);
  if (!s) throw new Error(`exportFilter: no segmentation "${only.by}"`);
  return { codes: s.codes, code: only.code };
}
