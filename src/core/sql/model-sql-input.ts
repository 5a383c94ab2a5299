import { attributeCsvColumns } from '../attributes/attribute-csv-columns.ts';
import { customerCsvColumns } from '../export/customer-csv-columns.ts';
import type { SegmentModel } from '../model/segment-model.ts';
import { isListSegment } from '../model/segment-settings.ts';
import type { SegmentationSqlInput, SqlExportRequest, SqlRuleSegment } from './sql-input.ts';

/**
 * The script's input for a segment model: the request's choices, and from the model the cut
 * points it computed and the rule segments the customers export writes, headed the same way
 * (a name already used gets " (rule segment)"; a rule that cannot be evaluated is left out).
 */
export function modelSqlInput(model: SegmentModel, request: SqlExportRequest): SegmentationSqlInput {
  const base = customerCsvColumns({ ids: [], recencyDays: [], frequency: [], monetary: [], avgOrderValue: [] });
  const used = new Set(base.map((c) => c.header));
  for (const h of ['r_score', 'f_score', 'm_score', 'rfm_segment', 'value_band', 'lifecycle']) used.add(h);
  if (model.clv) for (const h of ['p_alive', 'expected_orders', 'expected_aov', 'clv', 'value_to_date', 'gross_margin']) used.add(h);
  if (request.clusters) used.add('cluster');
  const attributes = model.attributes ? attributeCsvColumns(model.attributes).map((c) => c.header) : [];
  for (const a of attributes) used.add(a);
  const ruleSegments: SqlRuleSegment[] = [];
  for (const [i, rule] of model.rules.entries()) {
    if (!rule.mask) continue;
    let header = rule.name;
    if (used.has(header)) header = `${rule.name} (rule segment)`;
    used.add(header);
    const saved = model.settings.ruleSegments[i];
    ruleSegments.push(isListSegment(saved) ? { header, customers: [...saved.customers] } : { header, rule: saved.rule });
  }
  return {
    dialect: request.dialect,
    table: request.table,
    thresholds: request.thresholds,
    appVersion: request.appVersion,
    settings: model.settings,
    source: request.source,
    fixed: {
      scoreBins: model.scoreBins,
      highFrom: model.bands.highFrom,
      intermediateFrom: model.bands.intermediateFrom,
      populationCycleDays: model.lifecycle.populationCycleDays,
      analysisDay: model.analysisDay,
    },
    ruleSegments,
    clusters: request.clusters,
    lifetimeValue: model.clv !== null,
    attributes,
  };
}
