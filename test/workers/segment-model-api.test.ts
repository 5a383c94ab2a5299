import { readFileSync } from 'node:fs';
import { type Remote } from 'comlink';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { createIngestApi } from '../../workers/ingest-api.ts';
import { defaultSegmentSettings, quantileScores, seededRandom, valueBands } from '../../src/core/index.ts';
import type { AnalysisApi, IngestApi, IngestResult, MetricTable, SegmentSettings } from '../../src/core/index.ts';

const SMALL_SHOP = readFileSync(new URL('../fixtures/small-shop.csv', import.meta.url), 'utf8');



/** A file read by the real ingest API, its result handed to the analysis API as the app does. */
async function loaded(csv: string, name = 'shop.csv'): Promise<{ analysis: Remote<AnalysisApi>; result: IngestResult; metrics: MetricTable }> {
  const ingest = connect<IngestApi>(createIngestApi());
  const outcome = await ingest.ingest(new Blob([csv]), name);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  const metrics = await ingest.metrics();
  if (!metrics) throw new Error('no metrics after an ingest');
  const analysis = connect<AnalysisApi>(createAnalysisApi());
  // As the app does: the table first (scored at once), its metrics when they are ready.
  await analysis.setCustomers(outcome.value.customers);
  await analysis.setMetrics(metrics);
  return { analysis, result: outcome.value, metrics };
}

/** 300 customers with 1 to 8 orders over a year, on two channels. */
function generatedShop(): string {
  const random = seededRandom(5);
  const lines = ['Order,Customer ID,Date,Amount,Channel'];
  let order = 0;
  for (let c = 0; c < 300; c++) {
    const orders = 1 + Math.floor(random() ** 2 * 8);
    for (let k = 0; k < orders; k++) {
      const day = 1 + Math.floor(random() * 365);
      const date = new Date(Date.UTC(2023, 0, day)).toISOString().slice(0, 10);
      lines.push(`O${order++},cust${c},${date},${(5 + random() * 300).toFixed(2)},${random() < 0.5 ? 'web' : 'store'}`);
    }
  }
  return lines.join('\n') + '\n';
}

function settings(change: (s: SegmentSettings) => void = () => {}): SegmentSettings {
  const s = defaultSegmentSettings();
  change(s);
  return s;
}

describe('IngestApi hands the per-customer metrics on with the customer table', () => {
  it('computes them at ingest for the day after the last transaction', async () => {
    const { result, metrics: table } = await loaded(SMALL_SHOP, 'small-shop.csv');
    const { metrics } = table;
    expect(metrics.n).toBe(4);
    expect(metrics.analysisDay).toBe(result.summary.lastDay + 1);
    expect(metrics.averageOrderValue).toBeInstanceOf(Float64Array);
    // c1: two orders, 150 net.
    expect([...metrics.averageOrderValue]).toEqual([75, 40, 200, 5.5]);
    expect([...metrics.returnLines]).toEqual([0, 1, 0, 0]);
    expect(table.fromTransactions).toBe(true);
  });
});

describe('AnalysisApi takes the metrics after the table', () => {
  it('scores from the table alone, then builds the model on the metrics once they come', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob([generatedShop()]), 'shop.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(outcome.value.customers);
    const day = outcome.value.summary.lastDay + 1;
    const scores = await analysis.scoreRfm({ bins: 5, analysisDay: day });
    const before = await analysis.segmentModel(settings());
    if (!before.ok) throw new Error(before.problems.join(' '));
    expect(before.value.fields.map((f) => f.id)).not.toContain('preferredChannel');

    const metrics = await ingest.metrics();
    if (!metrics) throw new Error('no metrics after an ingest');
    await analysis.setMetrics(metrics);
    const after = await analysis.segmentModel(settings());
    if (!after.ok) throw new Error(after.problems.join(' '));
    expect(after.value.fields.map((f) => f.id)).toContain('preferredChannel');
    // The scores did not change with the metrics.
    expect([...(await analysis.scoreRfm({ bins: 5, analysisDay: day })).r]).toEqual([...scores.r]);
  });

  it('refuses metrics made for another table', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const first = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    const small = await ingest.metrics();
    const second = await ingest.ingest(new Blob([generatedShop()]), 'shop.csv');
    if (!first.ok || !second.ok || !small) throw new Error('ingest failed');
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(second.value.customers);
    await expect(analysis.setMetrics(small)).rejects.toThrow(/metrics for 4 customers/);
  });
});

describe('AnalysisApi over a MessageChannel: the segment model', () => {
  it('scores, segments and bands the held customers and sends typed arrays back', async () => {
    const { analysis, result } = await loaded(generatedShop());
    const outcome = await analysis.segmentModel(settings());
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    const view = outcome.value;
    const n = result.customers.n;
    expect(view.customers).toBe(n);
    expect(view.analysisDay).toBe(result.summary.lastDay + 1);
    expect(view.r).toBeInstanceOf(Uint8Array);
    expect(view.recency).toBeInstanceOf(Int32Array);
    expect(view.f).toEqual(quantileScores(result.customers.frequency, 5));
    expect(view.rfm.counts.reduce((a, b) => a + b, 0)).toBe(n);
    const bands = valueBands(result.customers.monetary);
    expect(view.band.counts).toEqual(bands.counts);
    expect(view.fields.map((f) => f.id)).toContain('preferredChannel');
  });

  it('sends any field as a column for the scatter, and orders a selection by a field or the id', async () => {
    const { analysis, result } = await loaded(generatedShop());
    const n = result.customers.n;
    const aov = await analysis.fieldColumn(settings(), 'averageOrderValue');
    if (!aov.ok || aov.value?.kind !== 'number') throw new Error('no order value column');
    for (let i = 0; i < n; i++) expect(aov.value.values[i]).toBeCloseTo(result.customers.monetary[i] / result.customers.frequency[i], 9);
    const channel = await analysis.fieldColumn(settings(), 'preferredChannel');
    if (!channel.ok || channel.value?.kind !== 'text') throw new Error('no channel column');
    expect([...channel.value.values].sort()).toEqual(['store', 'web']);
    expect(await analysis.fieldColumn(settings(), 'no such field')).toEqual({ ok: true, value: null });

    const selected = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const ordered = await analysis.orderSelected(settings(), selected, 'monetary', true);
    if (!ordered.ok) throw new Error(ordered.problems.join(' '));
    const m = result.customers.monetary;
    const expected = [...Array(n).keys()].filter((i) => selected[i]).sort((a, b) => m[b] - m[a] || a - b);
    expect(Array.from(ordered.value)).toEqual(expected);
  });

  it('rescores with new settings alone: another number of bins, monetary basis, band method and analysis day', async () => {
    const { analysis, result, metrics } = await loaded(generatedShop());
    await analysis.segmentModel(settings());
    const outcome = await analysis.segmentModel(settings((s) => {
      s.rfm.bins = 4;
      s.rfm.monetary = 'averageOrderValue';
      s.valueBands.method = 'quantile';
      s.rfm.analysisDay = result.summary.lastDay + 11;
    }));
    if (!outcome.ok) throw new Error(outcome.problems.join(' '));
    const view = outcome.value;
    const { customers } = result;
    expect(view.bins).toBe(4);
    expect(view.f).toEqual(quantileScores(customers.frequency, 4));
    expect(view.m).toEqual(quantileScores(metrics.metrics.averageOrderValue, 4));
    expect(view.scoreBins.f.map((b) => b.count)).toEqual([1, 2, 3, 4].map((s) => view.f.filter((x) => x === s).length));
    expect(view.band.counts).toEqual(valueBands(customers.monetary, { method: 'quantile', highShare: 0.2, intermediateShare: 0.3 }).counts);
    expect(view.recency[0]).toBe(result.summary.lastDay + 11 - customers.lastDay[0]);
    expect(view.grid.counts).toHaveLength(16);
  });

  it('returns settings that cannot be used as problems, not an error', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    const outcome = await analysis.segmentModel(settings((s) => (s.rfm.bins = 12)));
    expect(outcome).toEqual({ ok: false, problems: ['The number of scores must be a whole number from 3 to 10, got 12.'] });
  });

  it('counts a rule live, and says what is wrong with a rule it cannot read', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    const rule = { all: [{ field: 'frequency', op: 'ge', value: 2 }, { field: 'averageOrderValue', op: 'gt', value: 50 }] };
    expect(await analysis.countRule(rule, settings())).toEqual({ ok: true, value: { count: 1, revenue: 150 } });
    const either = { any: [rule, { field: 'monetary', op: 'between', min: 100, max: 1000 }] };
    expect(await analysis.countRule(either, settings())).toEqual({ ok: true, value: { count: 2, revenue: 350 } });
    expect(await analysis.countRule({ field: 'valueBand', op: 'eq', value: 'High value' }, settings())).toEqual({ ok: true, value: { count: 2, revenue: 350 } });
    expect(await analysis.countRule({ field: 'frequency', op: 'lt', value: 'two' }, settings())).toEqual({
      ok: false,
      problems: ['The condition: Orders is a number, so the value must be a number, got the text "two".'],
    });
  });

  it('counts rules on the clusters it was given, by their names, and forgets them with the customers', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    // small-shop has 4 customers: c1 and c3 in "Big", c2 and c4 in "Small".
    await analysis.setCluster({ codes: Uint8Array.of(0, 1, 0, 1), names: ['Big', 'Small'] });
    expect(await analysis.countRule({ field: 'cluster', op: 'eq', value: 'Big' }, settings())).toEqual({ ok: true, value: { count: 2, revenue: 350 } });
    const view = await analysis.segmentModel(settings());
    expect(view.ok && view.value.fields.find((f) => f.id === 'cluster')?.values).toEqual(['Big', 'Small']);
    await analysis.setCluster(null);
    const none = await analysis.countRule({ field: 'cluster', op: 'eq', value: 'Big' }, settings());
    expect(none.ok).toBe(false);
  });

  it('profiles and cross-tabulates segmentations of the model', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    const s = settings((x) => (x.ruleSegments = [{ name: 'Repeat', rule: { field: 'frequency', op: 'ge', value: 2 } }]));
    const profiles = await analysis.profileSegments(s, 'rules');
    if (!profiles.ok) throw new Error(profiles.problems.join(' '));
    expect(profiles.value.map((p) => [p.name, p.customers, p.revenue])).toEqual([['Repeat', 1, 150], ['In no rule segment', 3, 245.5]]);
    const cross = await analysis.crossTabSegments(s, 'band', 'buyer');
    if (!cross.ok) throw new Error(cross.problems.join(' '));
    expect(cross.value.columns).toEqual(['One-time', 'Repeat']);
    expect(cross.value.total).toBe(4);
    const clusters = await analysis.profileSegments(s, 'cluster', { codes: Uint8Array.of(0, 1, 1, 0), names: ['A', 'B'] });
    expect(clusters.ok && clusters.value.map((p) => p.customers)).toEqual([2, 2]);
  });
});

describe('AnalysisApi over a MessageChannel: the extended customers CSV', () => {
  const ruleSettings = () => settings((s) => (s.ruleSegments = [{ name: 'Repeat', rule: { field: 'frequency', op: 'ge', value: 2 } }, { name: '=cmd', rule: { field: 'monetary', op: 'lt', value: 100 } }]));

  it('has value_band, lifecycle and a 1/0 column per rule segment, with neutralised text and plain numbers', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    const file = await analysis.exportCustomersCsv({ settings: ruleSettings() });
    const text = await (file.file as Blob).text();
    expect(text.startsWith('\uFEFF')).toBe(false);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([
      'customer_id', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'value_band', 'lifecycle', 'Repeat', "'=cmd",
    ]);
    expect(file.rows).toBe(4);
    expect(parsed.data.map((r) => [r.customer_id, r.monetary, r.avg_order_value, r.Repeat, r["'=cmd"]])).toEqual([
      ['c1', '150.00', '75.00', '1', '0'],
      ['c2', '40.00', '40.00', '0', '1'],
      ['c3', '200.00', '200.00', '0', '0'],
      ['c4', '5.50', '5.50', '0', '1'],
    ]);
    expect(parsed.data.map((r) => r.value_band)).toEqual(['High value', 'Intermediate value', 'High value', 'Low value']);
    expect(parsed.data.every((r) => ['New', 'Active', 'At risk', 'Lapsed', 'Lost'].includes(r.lifecycle))).toBe(true);
  });

  it('writes one segment only when asked, and a byte order mark for Excel', async () => {
    const { analysis } = await loaded(SMALL_SHOP);
    const rule = await analysis.exportCustomersCsv({ settings: ruleSettings(), only: { by: 'rule:1', code: 0 }, bom: true });
    const bytes = new Uint8Array(await (rule.file as Blob).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFcustomer_id,')).toBe(true);
    expect(rule.rows).toBe(2);
    expect(text.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual(['c2', 'c4']);
    const band = await analysis.exportCustomersCsv({ settings: ruleSettings(), only: { by: 'band', code: 0 } });
    expect(band.rows).toBe(2);
    expect((await (band.file as Blob).text()).trimEnd().split('\r\n')).toHaveLength(3);
  });
});
