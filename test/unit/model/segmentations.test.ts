import { describe, expect, it } from 'vitest';
import { joinAttributes } from '../../../src/core/attributes/join-attributes.ts';
import { buildSegmentModel } from '../../../src/core/model/segment-model.ts';
import { prepareCustomers } from '../../../src/core/model/prepare-customers.ts';
import { defaultSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { crossTabSegmentations, profileSegmentation, revenueByCode, segmentationChoices, segmentationOf } from '../../../src/core/model/segmentations.ts';
import { profileSegments } from '../../../src/core/segments/profile-segments.ts';
import { randomShop } from './fixture.ts';

const shop = randomShop(120);
const settings = defaultSegmentSettings();
settings.ruleSegments = [
  { name: 'Repeat', rule: { field: 'frequency', op: 'ge', value: 2 } },
  { name: 'Big', rule: { field: 'monetary', op: 'gt', value: 500 } },
];
const ids = shop.table.ids;
const attributes = joinAttributes(ids, {
  fileName: 'a.csv', idColumn: 'id', ids: ids.slice(0, 100), rowsWithoutId: 0, duplicateIds: 0,
  columns: [{ name: 'Country', kind: 'text', codes: Int32Array.from({ length: 100 }, (_, i) => i % 3), labels: ['DE', 'FR', 'UK'] }],
}, 0);
const model = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), settings, attributes);
const metrics = { recency: model.recency, frequency: shop.table.frequency, monetary: shop.table.monetary, avgOrderValue: shop.metrics.metrics.averageOrderValue };

describe('segmentationChoices(model)', () => {
  it('lists the segmentations, all rule segments, each rule segment and the text attributes', () => {
    expect(segmentationChoices(model).map((c) => c.key)).toEqual(['rfm', 'band', 'lifecycle', 'buyer', 'r', 'f', 'm', 'rules', 'rule:0', 'rule:1', 'attribute:Country']);
  });
});

describe('segmentationOf(model, key)', () => {
  it('gives codes and names for each', () => {
    expect(segmentationOf(model, 'rfm')).toBe(model.segment);
    expect(segmentationOf(model, 'band')).toBe(model.bands);
    expect(segmentationOf(model, 'lifecycle')).toBe(model.lifecycle.stage);
    const r = segmentationOf(model, 'r')!;
    expect(r.names).toEqual(['1', '2', '3', '4', '5']);
    expect(Array.from(r.codes)).toEqual(Array.from(model.scores.r, (s) => s - 1));
    const rule = segmentationOf(model, 'rule:0')!;
    expect(rule.names).toEqual(['Repeat', 'Not in Repeat']);
    expect(Array.from(rule.codes)).toEqual(Array.from(model.rules[0].mask!, (x) => 1 - x));
    expect(segmentationOf(model, 'attribute:Country')!.names).toEqual(['DE', 'FR', 'UK']);
    expect(segmentationOf(model, 'rules')).toBeNull();
    expect(segmentationOf(model, 'rule:7')).toBeNull();
    expect(segmentationOf(model, 'cluster')).toBeNull();
    const cluster = { codes: new Uint8Array(120), names: ['All'] };
    expect(segmentationOf(model, 'cluster', cluster)).toBe(cluster);
  });
});

describe('profileSegmentation(model, key)', () => {
  it('profiles a segmentation with recency to the analysis day and order values from the metrics', () => {
    expect(profileSegmentation(model, 'band')).toEqual(profileSegments(model.bands.codes, model.bands.names, metrics));
  });

  it('profiles the rule segments one row each (they may overlap), then the customers in none', () => {
    const rows = profileSegmentation(model, 'rules');
    expect(rows.map((r) => r.name)).toEqual(['Repeat', 'Big', 'In no rule segment']);
    expect(rows[0].customers).toBe(model.rules[0].count);
    expect(rows[1].customers).toBe(model.rules[1].count);
    let none = 0;
    for (let i = 0; i < 120; i++) if (!model.rules[0].mask![i] && !model.rules[1].mask![i]) none++;
    expect(rows[2].customers).toBe(none);
    expect(rows[0].customerShare).toBe(model.rules[0].count / 120);
    expect(rows[0].frequency.median).toBeGreaterThanOrEqual(2);
  });

  it('says which segmentation it does not know', () => {
    expect(() => profileSegmentation(model, 'cluster')).toThrow(/no segmentation "cluster"/);
  });
});

describe('crossTabSegmentations(model, rows, columns)', () => {
  it('crosses an attribute with the RFM segments, leaving out customers without the attribute', () => {
    const t = crossTabSegmentations(model, 'attribute:Country', 'rfm');
    expect(t.rows).toEqual(['DE', 'FR', 'UK']);
    expect(t.columns).toEqual(model.segment.names);
    expect(t.total).toBe(100);
    expect(t.rowTotals).toEqual([34, 33, 33]);
    // Each customer's cell, for selecting a cell: the cells' sizes are the table's counts.
    const sizes = new Array<number>(t.rows.length * t.columns.length).fill(0);
    for (const c of t.cells) if (c >= 0) sizes[c]++;
    expect(sizes).toEqual(t.counts.flat());
  });
});

describe('revenueByCode(codes, k, monetary)', () => {
  it('sums net revenue per code, skipping codes outside 0..k-1', () => {
    expect(revenueByCode([0, 1, 0, -1, 2], 2, [1, 2, 3, 4, 5])).toEqual([4, 2]);
  });
});
