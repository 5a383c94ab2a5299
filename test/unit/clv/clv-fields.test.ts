import { describe, expect, test } from 'vitest';
import { buildSegmentModel, defaultSegmentSettings, DEFAULT_CLV_SETTINGS, evaluateRule, lifetimeValue, metricTable, modelCsvColumns, parseRule, fieldCatalog, prepareCustomers, segmentationChoices, segmentationOf } from '../../../src/core/index.ts';
import type { ClvFields } from '../../../src/core/index.ts';
import { CALIBRATION_END, HOLDOUT_END, cdnowTransactions } from './cdnow.ts';

// The CDNOW sample as the app reads it (2,349 customers), fitted with the default settings.
const { tx, customers: table } = cdnowTransactions('sample');
const metrics = metricTable(tx, table, HOLDOUT_END + 1);
const lv = lifetimeValue(metrics.history!, { monetary: table.monetary, describe: (r) => table.ids[r] }, { ...DEFAULT_CLV_SETTINGS, calibrationEnd: CALIBRATION_END });
const n = table.n;
const clv: ClvFields = { ...lv.columns!, tierNames: lv.tierNames };
const prepared = prepareCustomers(table, metrics);
const settings = defaultSegmentSettings();

describe('the lifetime-value figures in the segment model', () => {
  const model = buildSegmentModel(prepared, settings, null, null, null, clv);

  test('are rule fields in their own group, and "CLV tier is Top 20%" selects the top tier', () => {
    const ids = model.fields.filter((f) => f.group === 'Lifetime value').map((f) => f.id);
    expect(ids).toEqual(['pAlive', 'expectedOrders', 'expectedAov', 'clv', 'valueToDate', 'grossMargin', 'clvTier']);
    const parsed = parseRule({ field: 'clvTier', op: 'in', values: ['Top 20%'] }, fieldCatalog(model.fields));
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    const mask = evaluateRule(parsed.rule, model.columns);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(Math.round(n * 0.2));
    const high = parseRule({ field: 'pAlive', op: 'ge', value: 0.5 }, fieldCatalog(model.fields));
    if (!high.ok) throw new Error(high.problems.join(' '));
    expect(evaluateRule(high.rule, model.columns).reduce((s, v) => s + v, 0)).toBe(clv.pAlive.filter((p) => p >= 0.5).length);
  });

  test('the CLV tier is a segmentation profiles and cross tabs can use', () => {
    expect(segmentationChoices(model).map((c) => c.key)).toContain('clvTier');
    expect(segmentationOf(model, 'clvTier')).toEqual({ codes: clv.tier, names: ['Top 20%', 'Middle 30%', 'Bottom 50%'] });
    expect(segmentationChoices(buildSegmentModel(prepared, settings)).map((c) => c.key)).not.toContain('clvTier');
  });

  test('the export has p_alive, expected_orders, expected_aov, clv, value_to_date and gross_margin after lifecycle, before cluster', () => {
    const headers = modelCsvColumns(model, { codes: new Uint8Array(n), names: ['All'] }).map((c) => c.header);
    expect(headers.slice(headers.indexOf('lifecycle'))).toEqual(['lifecycle', 'p_alive', 'expected_orders', 'expected_aov', 'clv', 'value_to_date', 'gross_margin', 'cluster']);
    expect(modelCsvColumns(buildSegmentModel(prepared, settings)).map((c) => c.header)).not.toContain('p_alive');
  });
});
