import 'fake-indexeddb/auto';
import { type Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { createIngestApi } from '../../workers/ingest-api.ts';
import { restoreAnalysis, sendCustomers, type AnalysisHoldings, type HeldMetrics, type MetricsSources } from '../../src/bridge/restore-analysis.ts';
import { sessionFileBlob } from '../../src/persist/session-file.ts';
import { sampleSettings } from '../unit/share/session-fixture.ts';
import { DEFAULT_CLV_SETTINGS, DEFAULT_FEATURES, defaultSegmentSettings, seededRandom } from '../../src/core/index.ts';
import type { AnalysisApi, ClusterSettings, ClvSettings, IngestApi, PurchaseFit, SegmentSettings } from '../../src/core/index.ts';

/** 240 customers buying in a year (see below), and an attributes file for 200 of them. */
function shopFiles(): { transactions: string; attributes: string } {
  const random = seededRandom(17);
  const lines = ['Order,Customer ID,Date,Amount'];
  const attributes = ['Customer ID,Region'];
  let order = 0;
  for (let c = 0; c < 240; c++) {
    // As the lifetime value models see customers: each buys at a rate of their own from a first
    // day in the first quarter, and after each purchase stops for good with chance 0.3.
    const rate = 0.01 + 0.06 * random();
    for (let day = Math.floor(random() * 90); day < 365; day += Math.ceil(-Math.log(1 - random()) / rate)) {
      const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
      lines.push(`O${order++},cust${c},${date},${(5 + random() * 400).toFixed(2)}`);
      if (random() < 0.3) break;
    }
    if (c < 200) attributes.push(`cust${c},${['North', 'South', 'East'][c % 3]}`);
  }
  return { transactions: lines.join('\n') + '\n', attributes: attributes.join('\n') + '\n' };
}

const CLUSTERS: Omit<ClusterSettings, 'analysisDay'> = { features: [...DEFAULT_FEATURES], scaling: 'zscore', seed: 3, k: 3 };

/** What the app asks the worker, all of which must come out the same from a restored worker. */
async function answers(api: Remote<AnalysisApi>, settings: SegmentSettings, held: AnalysisHoldings, analysisDay: number) {
  const model = await api.segmentModel(settings);
  const clustering = await api.cluster({ ...CLUSTERS, analysisDay }, settings);
  const clusterRule = held.cluster ? await api.countRule({ field: 'cluster', op: 'eq', value: held.cluster.names[1] }, settings) : null;
  const regionRule = held.attributes ? await api.countRule({ field: 'attribute:Region', op: 'eq', value: 'South' }, settings) : null;
  const aliveRule = held.lifetimeValue ? await api.countRule({ field: 'pAlive', op: 'ge', value: 0.6 }, settings) : null;
  const tierRule = held.lifetimeValue ? await api.countRule({ field: 'clvTier', op: 'eq', value: 'Top 20%' }, settings) : null;
  const tierColours = await api.fieldColumn(settings, 'clvTier');
  const csv = await (await api.exportCustomersCsv({ settings })).file.arrayBuffer();
  return { model, clustering, clusterRule, regionRule, aliveRule, tierRule, tierColours, csv: new TextDecoder().decode(csv) };
}

/** The shop read in an ingest worker, its metrics taken, and an analysis worker not given anything yet. */
async function shopRead() {
  const files = shopFiles();
  const ingest = connect<IngestApi>(createIngestApi());
  const read = await ingest.ingest(new Blob([files.transactions]), 'shop.csv');
  if (!read.ok) throw new Error(read.problem.message);
  const metrics = (await ingest.metrics())!;
  return { files, ingest, read, customers: read.value.customers, summary: read.value.summary, metrics, analysis: connect<AnalysisApi>(createAnalysisApi()) };
}

describe('restoreAnalysis(api, holdings): a worker ended at any step is given back everything it held', () => {
  it('answers every question as the worker it replaces, after each step of an analysis', async () => {
    const { files, ingest, read, customers, summary, metrics, analysis } = await shopRead();
    const day = summary.lastDay + 1;
    const held: AnalysisHoldings = { customers, metrics: null, attributes: null, cluster: null, lifetimeValue: null };
    // The page keeps no copy of the metrics: a fresh worker has them made again by the ingest worker.
    const sources: MetricsSources = { remake: (answer) => ingest.remakeMetrics(answer), session: null };
    const settings = defaultSegmentSettings();

    const steps: Array<[string, () => Promise<void>]> = [
      ['the customers are scored', () => sendCustomers(analysis, customers)],
      ['their metrics arrive', async () => {
        await analysis.setMetrics(structuredClone(metrics));
        held.metrics = { n: metrics.metrics.n, channelNames: metrics.channelNames, answer: read.value.metricsId, file: null, copy: null };
      }],
      ['an attributes file is joined', async () => {
        const file = new File([files.attributes], 'regions.csv');
        expect((await analysis.setAttributes(file, file.name, day)).ok).toBe(true);
        held.attributes = { file, analysisDay: day };
      }],
      ['the analyst edits the segment map', async () => {
        // Champions become "Stars", and Loyal customers now start at F 3.
        settings.segmentRules = settings.segmentRules.map((r) => (r.name === 'Champions' ? { ...r, name: 'Stars' } : r.name === 'Loyal customers' ? { ...r, fMin: 3 } : r));
      }],
      ['k-means clusters are kept and named', async () => {
        const outcome = await analysis.cluster({ ...CLUSTERS, analysisDay: day }, settings);
        if (!outcome.ok) throw new Error(outcome.problem.message);
        held.cluster = { codes: outcome.value.labels, names: ['Best', 'Middle', 'Quiet'] };
        await analysis.setCluster(held.cluster);
        settings.ruleSegments = [{ name: 'Middle ones', rule: { field: 'cluster', op: 'eq', value: 'Middle' } }];
      }],
      ['lifetime value is fitted, with a margin and tiers of its own', async () => {
        const clvSettings: ClvSettings = { ...DEFAULT_CLV_SETTINGS, margin: 0.4, tierCuts: [0.2, 0.3], unitDays: 1 };
        const outcome = await analysis.lifetimeValue(clvSettings);
        if (!outcome.ok) throw new Error(outcome.problems.join(' '));
        const view = outcome.value;
        expect(view.purchase, view.problems.map((p) => p.message).join(' ')).not.toBeNull();
        held.lifetimeValue = { settings: clvSettings, fits: { purchase: { model: view.purchase!.model, params: view.purchase!.fit.params } as PurchaseFit, spend: view.spend?.params ?? null } };
        settings.ruleSegments = [...settings.ruleSegments, { name: 'Likely back', rule: { field: 'pAlive', op: 'ge', value: 0.6 } }];
      }],
      ['the clusters are renamed', async () => {
        held.cluster = { codes: held.cluster!.codes, names: ['Top', 'Mid', 'Low'] };
        await analysis.setCluster(held.cluster);
        settings.ruleSegments = [{ name: 'Mid ones', rule: { field: 'cluster', op: 'eq', value: 'Mid' } }];
      }],
    ];
    for (const [step, run] of steps) {
      await run();
      const expected = await answers(analysis, settings, held, day);
      // Cancel here: the worker is ended and a fresh one is restored.
      const fresh = connect<AnalysisApi>(createAnalysisApi());
      expect(await restoreAnalysis(fresh, held, sources)).toBe(true);
      expect(await answers(fresh, settings, held, day), `cancelled after: ${step}`).toEqual(expected);
      // Rules on the clusters find the field on the old worker too (no "unknown field").
      expect(expected.model.ok && expected.model.value.rules.flatMap((r) => r.problems), step).toEqual([]);
    }
    // The analyst's map reached the clusters' comparison, and the rule on the clusters counts.
    const last = await answers(analysis, settings, held, day);
    expect(last.clustering.ok && last.clustering.value.crossTab.columns).toContain('Stars');
    expect(last.clusterRule).toMatchObject({ ok: true });
    // The lifetime-value figures survive a cancel: the rule on P(alive) and the tier colours are there and not empty.
    expect(last.aliveRule).toMatchObject({ ok: true });
    expect(last.aliveRule!.ok && last.aliveRule!.value.count).toBeGreaterThan(0);
    expect(last.tierRule!.ok && last.tierRule!.value.count).toBe(Math.round(customers.n * 0.2));
    expect(last.tierColours.ok && last.tierColours.value).not.toBeNull();
    expect(last.csv.split('\n')[0]).toContain('p_alive');
  });

  it('finds the metrics again in the saved session or session file once the ingest worker holds other data, and says so when nowhere', async () => {
    const { ingest, read, customers, summary, metrics, analysis } = await shopRead();
    await sendCustomers(analysis, customers);
    await analysis.setMetrics(structuredClone(metrics));
    const settings = defaultSegmentSettings();
    settings.ruleSegments = [{ name: 'Regular', rule: { field: 'meanGapDays', op: 'le', value: 60 } }];
    const clvSettings: ClvSettings = { ...DEFAULT_CLV_SETTINGS, unitDays: 1 };
    const fit = await analysis.lifetimeValue(clvSettings);
    if (!fit.ok || !fit.value.purchase) throw new Error('expected a lifetime value fit');
    const lifetimeValue = { settings: clvSettings, fits: { purchase: { model: fit.value.purchase.model, params: fit.value.purchase.fit.params } as PurchaseFit, spend: fit.value.spend?.params ?? null } };
    const expected = await answers(analysis, settings, { customers, metrics: null, attributes: null, cluster: null, lifetimeValue }, summary.lastDay + 1);
    expect(expected.model.ok && expected.model.value.rules.flatMap((r) => r.problems)).toEqual([]);

    // Saved as the app saves: a session in IndexedDB, and a session file.
    const record = { id: 'kept', name: 'Shop', fileName: 'shop.csv', customers: customers.n, created: 1, updated: 2, lastOpened: 3, bytes: 0, settings: sampleSettings() };
    expect(await analysis.saveSession(record, summary, { customers: customers.n, metrics: true })).toMatchObject({ ok: true });
    const table = await analysis.sessionFileTable({ customers: customers.n, metrics: true });
    if (!table.ok) throw new Error(table.message);
    const file = new File([sessionFileBlob({ name: 'Shop', fileName: 'shop.csv', settings: sampleSettings(), summary, lines: null }, table.table as Blob, null)], 'shop.segment-session');
    // Another file read in the ingest worker (its metrics of this answer are gone).
    await ingest.ingest(new Blob(['Customer,Date,Amount\nz1,2024-01-01,5\n']), 'other.csv');
    expect(await ingest.remakeMetrics(read.value.metricsId)).toBeNull();

    const restored = async (metricsHeld: HeldMetrics, session: string | null) => {
      const fresh = connect<AnalysisApi>(createAnalysisApi());
      const holdings: AnalysisHoldings = { customers, metrics: metricsHeld, attributes: null, cluster: null, lifetimeValue };
      const found = await restoreAnalysis(fresh, holdings, { remake: (answer) => ingest.remakeMetrics(answer), session });
      return { found, answers: found ? await answers(fresh, settings, holdings, summary.lastDay + 1) : null, fresh };
    };
    const info = { n: metrics.metrics.n, channelNames: metrics.channelNames, answer: read.value.metricsId };
    const fromSession = await restored({ ...info, file: null, copy: null }, 'kept');
    expect(fromSession.found).toBe(true);
    expect(fromSession.answers).toEqual(expected);
    const fromFile = await restored({ ...info, file, copy: null }, null);
    expect(fromFile.found).toBe(true);
    expect(fromFile.answers).toEqual(expected);
    const fromCopy = await restored({ ...info, file: null, copy: structuredClone(metrics) }, null);
    expect(fromCopy.answers).toEqual(expected);
    // A session of other customers is not taken for these.
    const nowhere = await restored({ ...info, file: null, copy: null }, 'missing');
    expect(nowhere.found).toBe(false);
    expect(await nowhere.fresh.metricsCopy()).toBeNull();
    // Without metrics the worker still answers, as before the metrics of a file arrive.
    expect(await nowhere.fresh.scoreRfm({ bins: 5, analysisDay: summary.lastDay + 1 })).toEqual(await analysis.scoreRfm({ bins: 5, analysisDay: summary.lastDay + 1 }));
  });
});
