import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { customersCsv } from '../../../src/core/export/customers-csv.ts';
import { exportFilter, modelCsvColumns } from '../../../src/core/model/model-csv.ts';
import { buildSegmentModel } from '../../../src/core/model/segment-model.ts';
import { prepareCustomers } from '../../../src/core/model/prepare-customers.ts';
import { defaultSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { randomShop } from './fixture.ts';

const shop = randomShop(80);
const settings = defaultSegmentSettings();
settings.ruleSegments = [
  { name: 'Repeat', rule: { field: 'frequency', op: 'ge', value: 2 } },
  { name: 'frequency', rule: { field: 'frequency', op: 'eq', value: 1 } },
  { name: 'Unknown', rule: { field: 'nope', op: 'empty' } },
];
const model = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), settings);

describe('modelCsvColumns(model, cluster)', () => {
  it('has the documented columns: scores, segment, band, lifecycle, cluster, then a 1/0 column per rule segment', () => {
    const columns = modelCsvColumns(model, { codes: new Uint8Array(80), names: ['Everyone'] });
    expect(columns.map((c) => c.header)).toEqual([
      'customer_id', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'value_band',
      'lifecycle', 'cluster', 'Repeat', 'frequency (rule segment)',
    ]);
  });

  it('writes what the model holds, customer by customer', () => {
    const csv = customersCsv(modelCsvColumns(model)).join('');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(80);
    rows.forEach((row, i) => {
      expect(row.customer_id).toBe(shop.table.ids[i]);
      expect(Number(row.recency_days)).toBe(model.recency[i]);
      expect(Number(row.frequency)).toBe(shop.table.frequency[i]);
      expect(Number(row.monetary)).toBeCloseTo(shop.table.monetary[i], 2);
      expect(Number(row.r_score)).toBe(model.scores.r[i]);
      expect(row.rfm_segment).toBe(model.segment.names[model.segment.codes[i]]);
      expect(row.value_band).toBe(model.bands.names[model.bands.codes[i]]);
      expect(row.lifecycle).toBe(model.lifecycle.stage.names[model.lifecycle.stage.codes[i]]);
      expect(row.Repeat).toBe(shop.table.frequency[i] >= 2 ? '1' : '0');
    });
  });
});

describe('exportFilter(model, only)', () => {
  it('keeps the customers of one segment, or of one rule segment (code 0: in it)', () => {
    expect(exportFilter(model, null)).toBeUndefined();
    const band = exportFilter(model, { by: 'band', code: 0 })!;
    expect(band).toEqual({ codes: model.bands.codes, code: 0 });
    const rule = exportFilter(model, { by: 'rule:0', code: 0 })!;
    const csv = customersCsv(modelCsvColumns(model), { filter: rule }).join('');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + model.rules[0].count);
    expect(() => exportFilter(model, { by: 'rule:2', code: 0 })).toThrow(/no segmentation "rule:2"/);
  });
});
