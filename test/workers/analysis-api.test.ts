import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { DEFAULT_FEATURES, defaultSegmentSettings, packCustomers, type AnalysisApi, type ClusterSettings, type SegmentSettings } from '../../src/core/index.ts';
import { ANALYSIS_DAY, threeGroups, tiny } from '../unit/cluster/customers-fixture.ts';




const settings: ClusterSettings = { analysisDay: ANALYSIS_DAY, features: [...DEFAULT_FEATURES], scaling: 'zscore', seed: 11, k: 3 };
const RFM = { bins: 5, analysisDay: ANALYSIS_DAY };
/** The default segment settings, recency measured to the fixture's analysis day. */
function settingsAt(analysisDay = ANALYSIS_DAY): SegmentSettings {
  const s = defaultSegmentSettings();
  s.rfm.analysisDay = analysisDay;
  return s;
}

describe('AnalysisApi over a MessageChannel: scoring', () => {
  it('returns the RFM segment of every customer with the scores, and keeps its own copy', async () => {
    const analysis = connect(createAnalysisApi());
    const { table } = threeGroups();
    await analysis.setCustomers(packCustomers(table));
    const scored = await analysis.scoreRfm(RFM);
    expect(scored.segment.codes).toBeInstanceOf(Uint8Array);
    expect(scored.segment.codes).toHaveLength(90);
    expect(scored.segment.names).toContain('Champions');
    expect(scored.segment.counts.reduce((s, c) => s + c, 0)).toBe(90);
    // The arrays crossed by transfer; asking again still works because the worker kept its own.
    expect((await analysis.scoreRfm(RFM)).segment.codes).toEqual(scored.segment.codes);
  });
});

describe('AnalysisApi over a MessageChannel: clustering', () => {
  it('clusters the customers it holds and sends the labels back as bytes', async () => {
    const analysis = connect(createAnalysisApi());
    const { table } = threeGroups();
    await analysis.setCustomers(packCustomers(table));
    const outcome = await analysis.cluster(settings, null);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const { labels, clusters, crossTab } = outcome.value;
    expect(labels).toBeInstanceOf(Uint8Array);
    expect(labels).toHaveLength(90);
    expect(clusters.map((c) => c.name).sort()).toEqual(['Lapsed, infrequent, low spend', 'Recent, frequent, high spend', 'Typical']);
    expect(clusters.map((c) => c.customers)).toEqual([30, 30, 30]);
    expect(crossTab.total).toBe(90);
    expect(clusters.every((c) => c.nearestSegment.name !== '')).toBe(true);
  });

  it('returns a problem as a value: more clusters than customers', async () => {
    const analysis = connect(createAnalysisApi());
    await analysis.setCustomers(packCustomers(tiny(3)));
    const outcome = await analysis.cluster({ ...settings, k: 5 }, null);
    expect(outcome).toEqual({
      ok: false,
      problem: { code: 'too-few-points', count: 3, message: 'There are 3 customers, too few to form 5 clusters.' },
      problems: [{ code: 'too-few-points', count: 3, message: 'There are 3 customers, too few to form 5 clusters.' }],
    });
  });

  it('sweeps k = 2..10 with progress through a proxied callback and suggests k', async () => {
    const analysis = connect(createAnalysisApi());
    await analysis.setCustomers(packCustomers(threeGroups().table));
    const seen: number[] = [];
    const { seed, analysisDay, features, scaling } = settings;
    const outcome = await analysis.sweepK({ seed, analysisDay, features, scaling }, proxy((f: number) => void seen.push(f)));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.sweep.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(outcome.value.suggestedK).toBe(3);
    expect(outcome.value.reason).toContain('k = 3');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.length).toBeGreaterThan(9);
    expect(seen.at(-1)).toBeCloseTo(1, 12);
  });

  it('says clearly when analysis is asked for before a table was given', async () => {
    await expect(connect(createAnalysisApi()).cluster(settings, null)).rejects.toThrow(/setCustomers/);
  });
});

describe('AnalysisApi over a MessageChannel: the customers CSV', () => {
  it('writes one row per customer as a Blob, with a cluster column named as asked', async () => {
    const analysis = connect(createAnalysisApi());
    const table = tiny(4);
    await analysis.setCustomers(packCustomers(table));
    const file = await analysis.exportCustomersCsv({ settings: settingsAt(), cluster: { codes: Uint8Array.of(0, 1, 1, 0), names: ['Big spenders', 'Sleepers'] } });
    expect(file.rows).toBe(4);
    expect(file.file).toBeInstanceOf(Blob);
    const lines = (await (file.file as Blob).text()).split('\r\n');
    expect(lines[0]).toBe('customer_id,recency_days,frequency,monetary,avg_order_value,r_score,f_score,m_score,rfm_segment,value_band,lifecycle,cluster');
    expect(lines).toHaveLength(6); // header, 4 rows, and the empty string after the last CRLF
    expect(lines[1]).toMatch(/^c0,\d+,\d+,\d+\.\d\d,\d+\.\d\d,[1-5],[1-5],[1-5],[A-Za-z' ]+,[A-Za-z ]+ value,[A-Za-z ]+,Big spenders$/);
    expect(lines[2].endsWith(',Sleepers')).toBe(true);
  });

  it('leaves the cluster column out when there are no clusters', async () => {
    const analysis = connect(createAnalysisApi());
    await analysis.setCustomers(packCustomers(tiny(2)));
    const file = await analysis.exportCustomersCsv({ settings: settingsAt() });
    expect((await (file.file as Blob).text()).split('\r\n')[0]).toBe('customer_id,recency_days,frequency,monetary,avg_order_value,r_score,f_score,m_score,rfm_segment,value_band,lifecycle');
  });

  it('joins an attributes file to the held customers and exports its columns after the id', async () => {
    const analysis = connect(createAnalysisApi());
    await analysis.setCustomers(packCustomers(tiny(3)));
    const ids = tiny(3).ids;
    const text = `Customer ID,Region,Birth date\n${ids[0]},North,1980-01-01\n${ids[2]},South,\nnobody,East,1990-01-01\n`;
    const outcome = await analysis.setAttributes(new Blob([text]), 'attrs.csv', RFM.analysisDay);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value).toMatchObject({ matched: 2, customersWithoutAttributes: 1, rowsWithoutCustomer: 1, unmatchedExamples: ['nobody'] });
    expect(outcome.value.columns.map((c) => c.name)).toEqual(['Region', 'Birth date', 'Age']);
    const csv = await ((await analysis.exportCustomersCsv({ settings: settingsAt() })).file as Blob).text();
    const [header, first, second] = csv.split('\r\n');
    expect(header.startsWith('customer_id,Region,Birth date,Age,recency_days')).toBe(true);
    expect(first.startsWith(`${ids[0]},North,1980-01-01,`)).toBe(true);
    expect(second.startsWith(`${ids[1]},,,,`)).toBe(true);
    // New customers drop the old attributes; a file without an id column is a problem value.
    await analysis.setCustomers(packCustomers(tiny(2)));
    expect((await ((await analysis.exportCustomersCsv({ settings: settingsAt() })).file as Blob).text()).startsWith('customer_id,recency_days')).toBe(true);
    const bad = await analysis.setAttributes(new Blob(['region\nNorth\n']), 'bad.csv', RFM.analysisDay);
    expect(bad.ok ? null : bad.problem.code).toBe('no-customer-column');
  });
});
