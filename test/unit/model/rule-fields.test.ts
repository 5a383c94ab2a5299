import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../../../src/core/rules/evaluate-rule.ts';
import { joinAttributes } from '../../../src/core/attributes/join-attributes.ts';
import { buildSegmentModel } from '../../../src/core/model/segment-model.ts';
import { prepareCustomers } from '../../../src/core/model/prepare-customers.ts';
import { defaultSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { METRIC_DEFINITIONS } from '../../../src/core/metrics/metric-definitions.ts';
import { CATEGORIES, CHANNELS, randomShop } from './fixture.ts';

const shop = randomShop(60);

describe('ruleColumns (the fields a model offers rules)', () => {
  it('offers every metric with its definition, the scores, the segmentations and the text metrics with their values', () => {
    const model = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), defaultSegmentSettings());
    const ids = model.fields.map((f) => f.id);
    expect(ids).toEqual([
      'recency', 'frequency', 'monetary', 'averageOrderValue', 'tenureDays', 'items', 'returnLines', 'returnValue', 'purchaseDays', 'recentOrders', 'recentRevenue',
      'meanGapDays', 'medianGapDays', 'daysOverdue', 'preferredChannel', 'preferredChannelShare', 'topCategory', 'topCategoryShare',
      'categoriesBought', 'rScore', 'fScore', 'mScore', 'rfmSegment', 'valueBand', 'lifecycle', 'buyerType',
    ]);
    const byId = Object.fromEntries(model.fields.map((f) => [f.id, f]));
    expect(byId.averageOrderValue).toMatchObject({ kind: 'number', label: 'Average order value', group: 'Customer metrics', definition: METRIC_DEFINITIONS.averageOrderValue.definition });
    expect(byId.preferredChannel).toMatchObject({ kind: 'text', values: CHANNELS });
    expect(byId.topCategory).toMatchObject({ kind: 'text', values: CATEGORIES });
    expect(byId.rScore).toMatchObject({ kind: 'number', group: 'Scores', definition: 'Recency score (most recent is best): 1 to 5, 5 is best.' });
    expect(byId.rfmSegment.values).toEqual(model.segment.names);
    expect(byId.valueBand.values).toEqual(['High value', 'Intermediate value', 'Low value']);
    expect(Object.keys(model.columns.columns)).toEqual(ids);
    expect(model.columns.n).toBe(shop.table.n);
    // Days overdue follows the analysis day in use.
    expect(model.columns.columns.daysOverdue).toBe(model.daysOverdue);
  });

  it('offers only tenure and order value of the metrics for a table without transactions', () => {
    const model = buildSegmentModel(prepareCustomers(shop.table), defaultSegmentSettings());
    expect(model.fields.filter((f) => f.group === 'Customer metrics').map((f) => f.id)).toEqual(['recency', 'frequency', 'monetary', 'averageOrderValue', 'tenureDays']);
  });

  it('offers the joined attributes: text with its values, numbers, dates as day numbers', () => {
    const ids = shop.table.ids;
    const attributes = joinAttributes(ids, {
      fileName: 'a.csv', idColumn: 'id', ids: [ids[0], ids[1]], rowsWithoutId: 0, duplicateIds: 0,
      columns: [
        { name: 'Country', kind: 'text', codes: Int32Array.of(0, 1), labels: ['DE', 'FR'] },
        { name: 'Points', kind: 'number', values: Float64Array.of(5, 7) },
        { name: 'Joined', kind: 'date', values: Float64Array.of(100, 200) },
      ],
    }, shop.metrics.metrics.analysisDay);
    const model = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), defaultSegmentSettings(), attributes);
    const attrs = model.fields.filter((f) => f.group === 'Attributes');
    expect(attrs).toEqual([
      { id: 'attribute:Country', label: 'Country', kind: 'text', group: 'Attributes', unit: 'text', definition: 'From the customer attributes file, column "Country".', values: ['DE', 'FR'] },
      { id: 'attribute:Points', label: 'Points', kind: 'number', group: 'Attributes', unit: 'count', definition: 'From the customer attributes file, column "Points".' },
      { id: 'attribute:Joined', label: 'Joined', kind: 'number', group: 'Attributes', unit: 'date', definition: 'From the customer attributes file, column "Joined".' },
    ]);
  });

  it('offers the clusters, by the names given them, once there are some', () => {
    const prepared = prepareCustomers(shop.table, shop.metrics);
    const codes = Uint8Array.from({ length: shop.table.n }, (_, i) => i % 3);
    const cluster = { codes, names: ['Loyal', 'Sleepers', 'New'] };
    const model = buildSegmentModel(prepared, defaultSegmentSettings(), null, null, cluster);
    const field = model.fields.find((f) => f.id === 'cluster');
    expect(field).toMatchObject({ kind: 'text', group: 'Segments', values: ['Loyal', 'Sleepers', 'New'] });
    const mask = evaluateRule({ field: 'cluster', op: 'eq', value: 'Sleepers' }, model.columns);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(codes.filter((c) => c === 1).length);
    // Without clusters there is no such field; a new cluster object gives a new rule stage.
    expect(buildSegmentModel(prepared, defaultSegmentSettings()).fields.some((f) => f.id === 'cluster')).toBe(false);
    const renamed = buildSegmentModel(prepared, defaultSegmentSettings(), null, model, { codes, names: ['A', 'B', 'C'] });
    expect(renamed.fields.find((f) => f.id === 'cluster')?.values).toEqual(['A', 'B', 'C']);
    expect(renamed.scores).toBe(model.scores);
  });
});
