import { readFileSync } from 'node:fs';
import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { createIngestApi } from '../../workers/ingest-api.ts';
import { daysFromCivil, defaultSegmentSettings, DEFAULT_CLV_SETTINGS } from '../../src/core/index.ts';
import type { AnalysisApi, IngestApi } from '../../src/core/index.ts';

/** The CDNOW sample as a CSV (sample id, ISO date, CDs, dollars), read by the real ingest API. */
function cdnowCsv(): string {
  const lines = readFileSync(new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
  return ['customer_id,date,cds,amount', ...lines.map((f) => `${Number(f[1])},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)},${f[3]},${f[4]}`)].join('\n');
}

describe('AnalysisApi.lifetimeValue over a MessageChannel', () => {
  it('fits from the purchase days the ingest sent with the metrics, reports progress, and the next model offers the figures', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob([cdnowCsv()]), 'cdnow.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const metrics = await ingest.metrics();
    expect(metrics?.history?.start).toHaveLength(2349 + 1);
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(outcome.value.customers);
    await analysis.setMetrics(metrics!);

    const progress: number[] = [];
    const result = await analysis.lifetimeValue({ ...DEFAULT_CLV_SETTINGS, calibrationEnd: daysFromCivil(1997, 9, 30) }, proxy((f: number) => void progress.push(f)));
    if (!result.ok) throw new Error(result.problems.join(' '));
    const [bg] = result.value.calibration.models;
    expect(bg.ok && bg.fit.logLikelihood.toFixed(1)).toBe('-9578.2');
    expect(result.value.tiers?.counts.reduce((s, c) => s + c, 0)).toBe(2349);
    // Progress reports come through their own port: they may land after the answer.
    await expect.poll(() => progress.at(-1)).toBe(1);

    const model = await analysis.segmentModel(defaultSegmentSettings());
    if (!model.ok) throw new Error(model.problems.join(' '));
    expect(model.value.choices.map((c) => c.key)).toContain('clvTier');
    expect(model.value.fields.filter((f) => f.group === 'Lifetime value').map((f) => f.id)).toEqual(['pAlive', 'expectedOrders', 'expectedAov', 'clv', 'valueToDate', 'grossMargin', 'clvTier']);
  }, 60_000);

  it('takes each customer\'s acquisition cost from a number column of the attributes file, and names a column that is not there', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob([cdnowCsv()]), 'cdnow.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(outcome.value.customers);
    await analysis.setMetrics((await ingest.metrics())!);
    const settings = { ...DEFAULT_CLV_SETTINGS, calibrationEnd: daysFromCivil(1997, 9, 30), acquisitionCost: { perCustomer: 3 } };
    const flat = await analysis.lifetimeValue(settings);
    if (!flat.ok) throw new Error(flat.problems.join(' '));
    // Customer 1 costs 12.5 to win and customer 2 has an empty cell; the rest have no row: they cost the flat 3.
    const joined = await analysis.setAttributes(new Blob(['customer_id,cac\n1,12.5\n2,\n']), 'crm.csv', outcome.value.summary.analysisDay);
    expect(joined.ok).toBe(true);
    const own = await analysis.lifetimeValue({ ...settings, acquisitionCost: { perCustomer: 3, column: 'cac' } });
    if (!own.ok) throw new Error(own.problems.join(' '));
    expect(own.value.totals!.valueToDate - flat.value.totals!.valueToDate).toBeCloseTo(3 - 12.5, 6);
    expect(own.value.totals!.clv).toBe(flat.value.totals!.clv);
    expect(await analysis.lifetimeValue({ ...settings, acquisitionCost: { perCustomer: 3, column: 'cost' } })).toEqual({
      ok: false,
      problems: ['The acquisition cost column "cost" is not a number column of the customer attributes file: join an attributes file that has it, or choose no column.'],
    });
  }, 120_000);

  it('settings that cannot be used, and a table without its purchase days, come back as problems', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob([cdnowCsv()]), 'cdnow.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(outcome.value.customers);
    expect(await analysis.lifetimeValue(DEFAULT_CLV_SETTINGS)).toEqual({ ok: false, problems: ['Lifetime value needs each customer\'s purchase days, which come from the transactions file: read the file again.'] });
    await analysis.setMetrics((await ingest.metrics())!);
    expect(await analysis.lifetimeValue({ ...DEFAULT_CLV_SETTINGS, margin: 2 })).toEqual({ ok: false, problems: ['The margin must be above 0% and at most 100%.'] });
  });
});
