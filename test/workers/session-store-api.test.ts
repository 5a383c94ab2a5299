import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { createIngestApi } from '../../workers/ingest-api.ts';
import type { AnalysisApi, IngestApi } from '../../src/core/index.ts';
import { listSessions, loadSessionData, openSessionsDb } from '../../src/persist/sessions-db.ts';
import { sampleSettings } from '../unit/share/session-fixture.ts';

const SMALL_SHOP = readFileSync(new URL('../fixtures/small-shop.csv', import.meta.url));

const record = (id: string) => ({ id, name: 'Shop', fileName: 'small-shop.csv', customers: 4, created: 1, updated: 2, lastOpened: 3, bytes: 0, settings: sampleSettings() });

describe('AnalysisApi sessions: the table saved and opened from the worker', () => {
  it('writes the held table and metrics as Arrow IPC in one record, and another worker opens them identical', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const read = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    if (!read.ok) throw new Error(read.problem.message);
    const metrics = await ingest.metrics();
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(read.value.customers, metrics);
    const scoresBefore = await analysis.scoreRfm({ bins: 4, analysisDay: read.value.summary.analysisDay });

    // The page believes the worker holds no metrics yet: nothing is written.
    expect(await analysis.saveSession(record('s1'), read.value.summary, { customers: 4, metrics: false })).toMatchObject({ ok: false, code: 'out-of-step' });
    const saved = await analysis.saveSession(record('s1'), read.value.summary, { customers: 4, metrics: true });
    expect(saved.ok).toBe(true);

    const db = await openSessionsDb();
    const { sessions } = await listSessions(db);
    // Written as a Blob (its bytes are not held whole in the page's process), read back as bytes.
    const stored = await db.get('data', 's1');
    expect(stored && 'table' in stored && stored.table).toBeInstanceOf(Blob);
    const data = await loadSessionData(db, 's1');
    db.close();
    expect(sessions.map((s) => s.id)).toEqual(['s1']);
    expect('table' in data && data.table).toBeInstanceOf(Uint8Array);
    // The list shows the bytes the worker wrote.
    expect(saved.ok && sessions[0].bytes).toBe('table' in data ? data.table.byteLength : -1);

    const other = connect<AnalysisApi>(createAnalysisApi());
    const opened = await other.openSession('s1');
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.summary).toEqual(read.value.summary);
    expect(opened.customers.monetary).toEqual(read.value.customers.monetary);
    // The page is told what it shows of the metrics; their columns stay in the worker.
    expect(opened.metrics).toEqual({ n: metrics!.metrics.n, channelNames: metrics!.channelNames });
    expect(await other.metricsCopy()).toEqual(metrics);
    // The worker that opened it holds it: it scores exactly as the one that saved it.
    expect(await other.scoreRfm({ bins: 4, analysisDay: read.value.summary.analysisDay })).toEqual(scoresBefore);

    expect(await other.openSession('nope')).toMatchObject({ ok: false, message: expect.stringMatching(/missing or damaged/) });
  });
});
