import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createAnalysisApi } from '../../workers/analysis-api.ts';
import { createIngestApi } from '../../workers/ingest-api.ts';
import type { AnalysisApi, IngestApi, IngestProgress, ReadableFile } from '../../src/core/index.ts';
import { daysFromCivil, packCustomers, unpackStrings, type Utf8Values } from '../../src/core/index.ts';

/** Customer ids arrive packed as UTF-8 (see packCustomers). */
const idsOf = (customers: { ids: Utf8Values }) => unpackStrings(customers.ids, (b) => new TextDecoder().decode(b));

const SMALL_SHOP = readFileSync(new URL('../fixtures/small-shop.csv', import.meta.url));



describe('IngestApi.window(analysisDay)', () => {
  it('cuts the transactions it holds at another day without reading the file again', async () => {
    // Called directly, not over a channel: the file below counts its reads in functions.
    const ingest = createIngestApi();
    // The file counts every read of its bytes.
    let reads = 0;
    const blob = new Blob([SMALL_SHOP]);
    const counted = (b: Blob): ReadableFile => ({
      size: b.size,
      slice: (start, end) => counted(b.slice(start, end)),
      arrayBuffer: () => (reads++, b.arrayBuffer()),
      stream: () => (reads++, b.stream()),
    });
    const first = await ingest.ingest(counted(blob), 'small-shop.csv');
    if (!first.ok) throw new Error(first.problem.message);
    expect(first.value.summary).toMatchObject({ analysisDay: daysFromCivil(2024, 2, 21), linesAfterAnalysisDay: 0 });
    const readsAfterIngest = reads;
    expect(readsAfterIngest).toBeGreaterThan(0);

    // Through 2024-02-01: c1's orders A1 and A3 (150.00) and c2's A2 (50.00); c2's return (02-12), c3 and c4 are later.
    const cut = await ingest.window(daysFromCivil(2024, 2, 1));
    if (!cut?.ok) throw new Error('expected a customer table');
    expect(reads).toBe(readsAfterIngest);
    expect(idsOf(cut.value.customers)).toEqual(['c1', 'c2']);
    expect([...cut.value.customers.monetary]).toEqual([150, 50]);
    expect(Math.max(...cut.value.customers.lastDay)).toBeLessThanOrEqual(daysFromCivil(2024, 2, 1));
    expect(cut.value.summary).toMatchObject({ customers: 2, orders: 3, revenue: 200, analysisDay: daysFromCivil(2024, 2, 1), linesAfterAnalysisDay: 4 });
    // The metrics follow the cut: c2's return after the day is not counted.
    const metrics = await ingest.metrics();
    expect(metrics?.metrics.analysisDay).toBe(daysFromCivil(2024, 2, 1));
    expect([...metrics!.metrics.returnLines]).toEqual([0, 0]);

    // Back to the day after the last transaction: everything again.
    const back = await ingest.window(null);
    if (!back?.ok) throw new Error('expected a customer table');
    expect(back.value.summary).toMatchObject({ customers: 4, revenue: 395.5, linesAfterAnalysisDay: 0 });
  });

  it('says so when no purchase is dated on or before the day, and answers null before any file', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    expect(await ingest.window(0)).toBeNull();
    await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    const outcome = await ingest.window(daysFromCivil(2023, 12, 31));
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'no-valid-rows' } });
    if (outcome && !outcome.ok) expect(outcome.problem.message).toContain('2023-12-31');
  });
});

describe('IngestApi.remakeMetrics(metricsId)', () => {
  it('makes the metrics of an answer again, equal to the first, while the worker holds that answer', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    expect(await ingest.remakeMetrics(1)).toBeNull();
    const read = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    if (!read.ok) throw new Error(read.problem.message);
    const first = await ingest.metrics();
    expect(first?.history).not.toBeNull();
    // Asked twice (two crashes), it answers twice: each table is moved on and gone from here.
    expect(await ingest.remakeMetrics(read.value.metricsId)).toEqual(first);
    expect(await ingest.remakeMetrics(read.value.metricsId)).toEqual(first);
  });

  it('makes those of a cut at another date, and none of an answer it no longer holds', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const read = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    if (!read.ok) throw new Error(read.problem.message);
    const cut = await ingest.window(read.value.summary.lastDay - 30);
    if (!cut?.ok) throw new Error('expected a customer table');
    expect(cut.value.metricsId).not.toBe(read.value.metricsId);
    const metrics = await ingest.metrics();
    expect(await ingest.remakeMetrics(cut.value.metricsId)).toEqual(metrics);
    expect(metrics!.metrics.analysisDay).toBe(read.value.summary.lastDay - 30);
    // The first answer is not the one held now; nor is any once another file is read.
    expect(await ingest.remakeMetrics(read.value.metricsId)).toBeNull();
    await ingest.ingest(new Blob(['no,customers\n']), 'other.csv');
    expect(await ingest.remakeMetrics(cut.value.metricsId)).toBeNull();
  });
});

describe('IngestApi: the file fingerprint\'s hash', () => {
  const sha256 = (...parts: Uint8Array[]) => {
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return h.digest('hex');
  };

  it('is SHA-256 of the whole file under 2 MiB, and of its first and last MiB above, read in the worker', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const small = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv');
    if (!small.ok) throw new Error(small.problem.message);
    expect(small.value.fileHash).toBe(sha256(SMALL_SHOP));

    // 3 MiB and more: the middle MiB is not hashed, so changing it keeps the hash and changing the end does not.
    const lines = ['Order,Customer ID,Date,Amount'];
    for (let i = 0; lines.join('\n').length < 3.2 * 1024 * 1024; i++) lines.push(...Array.from({ length: 1000 }, (_, k) => `O${i * 1000 + k},c${(i * 1000 + k) % 5000},2024-01-${String(1 + (k % 28)).padStart(2, '0')},${(k % 97) + 0.5}`));
    const big = new TextEncoder().encode(lines.join('\n') + '\n');
    const MIB = 1024 * 1024;
    const read = await ingest.ingest(new Blob([big]), 'big.csv');
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.value.fileHash).toBe(sha256(big.subarray(0, MIB), big.subarray(big.length - MIB)));
    expect(read.value.fileHash).not.toBe(sha256(big));
    // The same file cut at another day is still the same file.
    const cut = await ingest.window(daysFromCivil(2024, 1, 10));
    expect(cut?.ok && cut.value.fileHash).toBe(read.value.fileHash);
    // Reads a 3 MiB file twice over: seconds on a loaded machine.
  }, 60_000);
});

describe('IngestApi over a MessageChannel', () => {
  it('reads a Blob, reports progress and returns the customer table', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const seen: IngestProgress[] = [];
    const outcome = await ingest.ingest(new Blob([SMALL_SHOP]), 'small-shop.csv', proxy((p: IngestProgress) => void seen.push(p)));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const { customers, summary } = outcome.value;
    expect(idsOf(customers)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(customers.monetary).toBeInstanceOf(Float64Array);
    expect([...customers.monetary]).toEqual([150, 40, 200, 5.5]);
    expect(summary).toMatchObject({ fileName: 'small-shop.csv', customers: 4, orders: 5, revenue: 395.5, bytes: SMALL_SHOP.length });
    expect(await ingest.transactionCount()).toBe(8);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.at(-1)).toEqual({ bytesRead: SMALL_SHOP.length, bytesTotal: SMALL_SHOP.length, rows: 11 });
  });

  it('decodes UTF-8 split across slices and drops the byte order mark', async () => {
    // Three-byte slices cut "é", "ë" and "£" (two bytes each) and the BOM (three) apart.
    const ingest = connect<IngestApi>(createIngestApi({ sliceBytes: 3 }));
    const text = '\uFEFFcustomer,date,amount\nJosé,2024-01-01,1\nZoë £,2024-01-02,2\n';
    const outcome = await ingest.ingest(new Blob([text]), 'accents.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(idsOf(outcome.value.customers)).toEqual(['José', 'Zoë £']);
    expect(outcome.value.summary.columns.customer).toBe('customer');
  });

  it('transcodes a UTF-16 file with a byte order mark', async () => {
    const ingest = connect<IngestApi>(createIngestApi({ sliceBytes: 7 }));
    const bytes = readFileSync(new URL('../fixtures/utf-16le.csv', import.meta.url));
    const outcome = await ingest.ingest(new Blob([bytes]), 'unicode.txt');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.summary).toMatchObject({ encoding: 'utf-16', delimiter: '\t', customers: 2 });
    expect(idsOf(outcome.value.customers)).toEqual(['Zoë Müller', 'Renée']);
  });

  it("passes the analyst's choices through to the ingest", async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const text = 'customer,date,amount\na,01/02/2024,5\n';
    const outcome = await ingest.ingest(new Blob([text]), 'x.csv', undefined, { dateReading: 'month-first' });
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.summary.dateFormat).toBe('month/day/year (12/09/2011)');
  });

  it('returns an expected problem as a value, with its place', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob(['customer,date,amount\na,someday,1\n']), 'bad.csv');
    expect(outcome).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'no-valid-rows', row: 2, column: 'date' }),
    });
    expect(await ingest.transactionCount()).toBe(0);
  });

  it('previews the first rows with guessed roles, in the file\'s encoding', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.preview(new Blob([readFileSync(new URL('../fixtures/windows-1252.csv', import.meta.url))]), 'w.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.header).toEqual(['Client', 'Date', 'Montant', 'Catégorie']);
    expect(outcome.value.rows[0]).toEqual(['Zoë Müller', '2024-01-05', '£12.50', 'Café']);
    expect(outcome.value.guess).toMatchObject({ customer: 0, date: 1, amount: 2, category: 3 });
    const empty = await ingest.preview(new Blob([]), 'e.csv');
    expect(empty.ok ? null : empty.problem.code).toBe('empty-file');
  });

  it('says at once that a file of one column cannot be used, naming the column', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.preview(new Blob(['Customer Name\nAda\nGrace\n']), 'names.csv');
    expect(outcome.ok ? null : outcome.problem).toEqual({
      code: 'one-column',
      column: 'Customer Name',
      message:
        '"names.csv" has one column ("Customer Name"). Segment Studio needs at least a customer id, a date and an amount ' +
        '(or a quantity and a unit price), each in a column of its own. If the file has them, its columns are separated by ' +
        'something other than a comma, semicolon, tab or |: save it again as CSV.',
    });
  });

  it('previews a text file with a NUL byte in a field rather than calling it binary', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.preview(new Blob(['customer,date,note,amount\nb,2024-01-02,bro\u0000ken,6\n']), 'nul.csv');
    expect(outcome.ok && outcome.value.header).toEqual(['customer', 'date', 'note', 'amount']);
  });

  it('says an empty file is empty', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const outcome = await ingest.ingest(new Blob([]), 'empty.csv');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.code).toBe('empty-file');
  });
});

describe('AnalysisApi over a MessageChannel', () => {
  it('scores a customer table that was cloned across', async () => {
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await analysis.setCustomers(
      packCustomers({
        n: 3,
        ids: ['a', 'b', 'c'],
        firstDay: Int32Array.of(0, 0, 0),
        lastDay: Int32Array.of(10, 5, 1),
        frequency: Uint32Array.of(1, 2, 3),
        monetary: Float64Array.of(3, 2, 1),
      }),
    );
    const scores = await analysis.scoreRfm({ bins: 3, analysisDay: 11 });
    expect([...scores.recency]).toEqual([1, 6, 10]);
    expect([...scores.r]).toEqual([3, 2, 1]);
    expect([...scores.f]).toEqual([1, 2, 3]);
    expect([...scores.m]).toEqual([3, 2, 1]);
    // Rescoring sends settings only: the worker kept the table.
    expect([...(await analysis.scoreRfm({ bins: 3, analysisDay: 21 })).recency]).toEqual([11, 16, 20]);
  });

  it('says clearly when analysis is asked for before a table was given', async () => {
    const analysis = connect<AnalysisApi>(createAnalysisApi());
    await expect(analysis.scoreRfm({ bins: 5, analysisDay: 1 })).rejects.toThrow(/setCustomers/);
  });
});

describe('IngestApi on files of a hostile shape', () => {
  it('says at once that a file of a million columns is not a transactions file, and names at most 80 characters of a column', async () => {
    const ingest = connect<IngestApi>(createIngestApi());
    const wide = await ingest.preview(new Blob(['a,'.repeat(1_000_000)]), 'wide.csv');
    expect(wide.ok ? null : wide.problem).toMatchObject({ code: 'too-many-columns', row: 1 });
    expect(wide.ok ? '' : wide.problem.message).toMatch(/has at least [\d,]+ columns when split at ",", more than the 10,000/);
    const long = await ingest.preview(new Blob(['x'.repeat(2_000_000)]), 'long.csv');
    expect(long.ok ? null : long.problem.code).toBe('one-column');
    expect(long.ok ? Infinity : long.problem.message.length).toBeLessThan(500);
  });
});
