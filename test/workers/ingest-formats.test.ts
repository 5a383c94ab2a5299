import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { proxy } from 'comlink';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  CompressionType,
  Dictionary,
  Float64,
  Int32,
  Int8,
  RecordBatchFileWriter,
  Table,
  TimestampMillisecond,
  Utf8,
  compressionRegistry,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { createIngestApi } from '../../workers/ingest-api.ts';
import type { IngestApi, IngestProgress } from '../../src/core/index.ts';
import { unpackStrings, type Utf8Values } from '../../src/core/index.ts';

/** Customer ids arrive packed as UTF-8 (see packCustomers). */
const idsOf = (customers: { ids: Utf8Values }) => unpackStrings(customers.ids, (b) => new TextDecoder().decode(b));

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const SMALL_SHOP_HEADER = ['Order', 'Customer ID', 'Date', 'Amount'];
/** A Blob of the bytes (copied, so any Buffer or view will do). */
const blob = (bytes: Uint8Array): Blob => new Blob([new Uint8Array(bytes)]);



async function ingestFile(bytes: Uint8Array, name: string, settings = {}, sliceBytes?: number) {
  const api = connect<IngestApi>(createIngestApi(sliceBytes ? { sliceBytes } : {}));
  const seen: IngestProgress[] = [];
  const outcome = await api.ingest(blob(bytes), name, proxy((p: IngestProgress) => void seen.push(p)), settings);
  if (!outcome.ok) throw new Error(`${outcome.problem.code}: ${outcome.problem.message}`);
  // Let the last progress message arrive.
  await new Promise((r) => setTimeout(r, 10));
  return { ...outcome.value, seen, rows: await api.transactionCount() };
}

// The same transactions as small-shop.csv in every format, so the same figures (derived line by
// line in test/unit/ingest/transaction-ingest.test.ts).
// The first row as the preview shows it: the gzip file's own text, the typed formats' values.
describe.each([
  ['small-shop.csv.gz', 'gzip', '100.00'],
  ['small-shop.xlsx', 'xlsx', '100'],
  ['small-shop.parquet', 'parquet', '100'],
  ['small-shop.arrow', 'arrow', '100'],
  ['small-shop.feather', 'arrow', '100'],
])('%s', (name, format, amount) => {
  const bytes = fixture(`formats/${name}`);

  it('ingests to the small-shop figures', async () => {
    const { customers, summary, seen, rows } = await ingestFile(bytes, name);
    expect(idsOf(customers)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect([...customers.frequency]).toEqual([2, 1, 1, 1]);
    expect([...customers.monetary]).toEqual([150, 40, 200, 5.5]);
    expect(summary).toMatchObject({ fileName: name, bytes: bytes.length, rows: 11, rowsUsed: 8, customers: 4, orders: 5, revenue: 395.5 });
    expect(summary.dateFormat).toBe('year-month-day (2011-12-09)');
    expect(rows).toBe(8);
    expect(seen.at(-1)).toMatchObject({ bytesRead: bytes.length, bytesTotal: bytes.length });
  });

  it('previews the header and first rows, and says what the file is', async () => {
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.preview(blob(bytes), name);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const preview = outcome.value;
    expect(preview.format).toBe(format);
    expect(preview.header).toEqual(SMALL_SHOP_HEADER);
    expect(preview.rows[0]).toEqual(['A1', 'c1', '2024-01-05', amount]);
    expect(preview.rows).toHaveLength(11);
    expect(preview.guess).toMatchObject({ order: 0, customer: 1, date: 2, amount: 3 });
  });
});

describe('gzip', () => {
  it('is recognised by its bytes, whatever the name, and decompressed across tiny slices', async () => {
    const { summary } = await ingestFile(fixture('formats/small-shop.csv.gz'), 'export.csv', {}, 16);
    expect(summary).toMatchObject({ customers: 4, revenue: 395.5 });
  });

  it('reports progress in compressed bytes, rising to the file size', async () => {
    const text = 'customer,date,amount\n' + Array.from({ length: 20000 }, (_, i) => `c${i % 500},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 97}.5\n`).join('');
    const gz = gzipSync(text);
    const { summary, seen } = await ingestFile(gz, 'big.csv.gz', {}, 4096);
    expect(summary.rows).toBe(20000);
    expect(summary.bytes).toBe(gz.length);
    expect(seen.length).toBeGreaterThan(2);
    const read = seen.map((p) => p.bytesRead);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(read.at(-1)).toBe(gz.length);
  });

  it('transcodes gzip-compressed UTF-16 text', async () => {
    const { summary, customers } = await ingestFile(gzipSync(fixture('utf-16le.csv')), 'unicode.txt.gz');
    expect(summary).toMatchObject({ encoding: 'utf-16', delimiter: '\t' });
    expect(idsOf(customers)).toEqual(['Zoë Müller', 'Renée']);
  });

  it('says a damaged gzip file could not be read', async () => {
    const gz = fixture('formats/small-shop.csv.gz');
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.ingest(blob(gz.subarray(0, gz.length - 20)), 'cut.csv.gz');
    expect(outcome.ok ? null : outcome.problem.code).toBe('read-failed');
    if (!outcome.ok) expect(outcome.problem.message).toMatch(/cut\.csv\.gz.*gzip/);
  });
});

describe('Excel workbooks', () => {
  const xlsx = fixture('formats/small-shop.xlsx');

  it('lists the sheets and previews the first; another sheet when asked', async () => {
    const api = connect<IngestApi>(createIngestApi());
    const first = await api.preview(blob(xlsx), 'shop.xlsx');
    if (!first.ok) throw new Error(first.problem.message);
    expect(first.value.sheets).toEqual(['Orders', 'January']);
    expect(first.value.sheet).toBe('Orders');
    const january = await api.preview(blob(xlsx), 'shop.xlsx', 'January');
    if (!january.ok) throw new Error(january.problem.message);
    expect(january.value.sheet).toBe('January');
    expect(january.value.rows).toEqual([
      ['A1', 'c1', '2024-01-05', '100'],
      ['A1', 'c1', '2024-01-05', '20'],
      ['A2', 'c2', '2024-01-10', '50'],
    ]);
  });

  it('reads the chosen sheet', async () => {
    const { customers, summary } = await ingestFile(xlsx, 'shop.xlsx', { sheet: 'January' });
    expect(idsOf(customers)).toEqual(['c1', 'c2']);
    expect([...customers.monetary]).toEqual([120, 50]);
    expect(summary.rows).toBe(3);
  });

  it('says when the chosen sheet is not there, naming the sheets that are', async () => {
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.ingest(blob(xlsx), 'shop.xlsx', undefined, { sheet: 'Februar' });
    expect(outcome).toEqual({ ok: false, problem: expect.objectContaining({ code: 'sheet-not-found', message: expect.stringContaining('"Orders", "January"') }) });
  });

  it('says at once that a workbook cut short could not be read, however it was cut', { timeout: 60_000 }, async () => {
    // Found by the fuzz test: the first 40 bytes of this workbook kept SheetJS busy for minutes.
    const api = connect<IngestApi>(createIngestApi());
    for (const length of [40, 300, Math.floor(xlsx.length / 2), xlsx.length - 1]) {
      for (const call of [() => api.preview(blob(xlsx.subarray(0, length)), 'cut.xlsx'), () => api.ingest(blob(xlsx.subarray(0, length)), 'cut.xlsx')]) {
        const outcome = await call();
        expect(outcome.ok ? null : outcome.problem.code).toBe('read-failed');
        if (!outcome.ok) expect(outcome.problem.message).toMatch(/^"cut\.xlsx" looks like an Excel workbook but is cut short/);
      }
    }
  });

  it('reads the first sheet with data when none is chosen', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Cover');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['customer', 'date', 'amount'], ['z', '2024-03-01', 9]]), 'Data');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const api = connect<IngestApi>(createIngestApi());
    const preview = await api.preview(blob(bytes), 'covered.xlsx');
    expect(preview.ok && [preview.value.sheets, preview.value.sheet]).toEqual([['Cover', 'Data'], 'Data']);
    const { customers } = await ingestFile(bytes, 'covered.xlsx');
    expect(idsOf(customers)).toEqual(['z']);
    const empty = await api.ingest(blob(bytes), 'covered.xlsx', undefined, { sheet: 'Cover' });
    expect(empty.ok ? null : empty.problem).toEqual({ code: 'empty-file', message: 'The sheet "Cover" of "covered.xlsx" is empty: there is nothing to read.' });
  });

  it('writes date cells as ISO dates (with the time when there is one) and numbers plainly, whatever their display format', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['Kunde', 'Datum', 'Betrag'],
        ['a', { t: 'd', v: new Date(Date.UTC(2023, 11, 31, 23, 15, 0)), z: 'dd.mm.yyyy hh:mm' }, { t: 'n', v: 1234.5, z: '#,##0.00 [$€-407]' }],
        // Serial day 45300 (days since 1899-12-30) is 2024-01-09.
        ['b', { t: 'n', v: 45300, z: 'd-mmm-yy' }, { t: 'n', v: 0.25, z: '0%' }],
      ],
      { cellDates: true, UTC: true },
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Tabelle1');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.preview(blob(bytes), 'de.xlsx');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.rows).toEqual([
      ['a', '2023-12-31 23:15:00', '1234.5'],
      ['b', '2024-01-09', '0.25'],
    ]);
  });

  it('reads OpenDocument and Excel 97-2003 workbooks too', async () => {
    const book = XLSX.utils.book_new();
    const rows = [SMALL_SHOP_HEADER, ['A1', 'c1', { t: 'd', v: new Date(Date.UTC(2024, 0, 5)), z: 'm/d/yy' }, 100]];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }), 'Orders');
    for (const bookType of ['ods', 'biff8'] as const) {
      const bytes = XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
      const { customers, summary } = await ingestFile(bytes, `shop.${bookType}`);
      expect(idsOf(customers)).toEqual(['c1']);
      expect(summary).toMatchObject({ revenue: 100, firstDay: summary.lastDay });
    }
  });
});

describe('Parquet', () => {
  const columnData = [
    { name: 'customer', data: ['a', 'b', 'a'] },
    { name: 'ts', data: [new Date(Date.UTC(2024, 0, 1, 10)), new Date(Date.UTC(2024, 0, 2, 23, 59, 59)), null] },
    { name: 'amount', data: [1.5, 2, 3] },
  ];
  const schema = [
    { name: 'root', num_children: 3 },
    { name: 'customer', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'ts', type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type: 'OPTIONAL' },
    { name: 'amount', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  ] as const;

  it.each([
    ['GZIP', (b: Uint8Array) => new Uint8Array(gzipSync(b))],
    ['BROTLI', (b: Uint8Array) => new Uint8Array(brotliCompressSync(b))],
  ] as const)('reads %s-compressed pages and writes timestamps in UTC', async (codec, compress) => {
    const bytes = new Uint8Array(parquetWriteBuffer({ columnData, schema: [...schema], codec, compressors: { [codec]: compress } }));
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.preview(blob(bytes), 'x.parquet');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.rows).toEqual([
      ['a', '2024-01-01 10:00:00', '1.5'],
      ['b', '2024-01-02 23:59:59', '2'],
      ['a', '', '3'],
    ]);
  });

  it('says a damaged Parquet file could not be read', async () => {
    const bytes = fixture('formats/small-shop.parquet');
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.ingest(blob(bytes.subarray(0, bytes.length - 30)), 'cut.parquet');
    expect(outcome.ok ? null : outcome.problem).toMatchObject({ code: 'read-failed', message: expect.stringContaining('Parquet') });
  });
});

describe('Arrow IPC', () => {
  it('reads the stream format, with timestamps and decimals', async () => {
    const table = new Table({
      customer: vectorFromArray(['a', 'b'], new Utf8()),
      at: vectorFromArray([Date.UTC(2024, 4, 6, 7, 8, 9), Date.UTC(2024, 4, 7)], new TimestampMillisecond()),
      amount: vectorFromArray([12.5, 7], new Float64()),
    });
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.preview(blob(tableToIPC(table, 'stream')), 'x.arrows');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.format).toBe('arrow-stream');
    expect(outcome.value.rows).toEqual([
      ['a', '2024-05-06 07:08:09', '12.5'],
      ['b', '2024-05-07 00:00:00', '7'],
    ]);
  });
});

/**
 * Minimal encoders, enough to make Arrow store a buffer compressed: a buffer of one repeated
 * byte becomes an LZ4 frame (a literal and a match one byte back) or a zstd frame with one RLE
 * block; anything else comes out longer than it went in, so Arrow stores it as it is.
 */
function repeatedByte(bytes: Uint8Array): boolean {
  return bytes.length > 16 && bytes.every((b) => b === bytes[0]);
}
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
function lz4Encode(bytes: Uint8Array): Uint8Array {
  const frame = (block: number[]) => new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x00, ...le32(block.length), ...block, ...le32(0)]);
  if (!repeatedByte(bytes)) return frame([0xf0, ...lengthBytes(bytes.length - 15), ...bytes]);
  // One literal, a match of n - 6 one byte back, then the 5 literals the format ends a block with.
  const match = bytes.length - 6 - 4;
  return frame([0x1f, bytes[0], 0x01, 0x00, ...lengthBytes(match - 15), 0x50, ...bytes.subarray(-5)]);
}
function lengthBytes(rest: number): number[] {
  const out: number[] = [];
  for (; rest >= 255; rest -= 255) out.push(255);
  return [...out, rest];
}
function zstdEncode(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const header = [0x28, 0xb5, 0x2f, 0xfd, 0xa0, ...le32(n)];
  // Block header: last block, type RLE (1) or raw (0), size.
  const rle = repeatedByte(bytes);
  const block = 1 | ((rle ? 1 : 0) << 1) | (n << 3);
  return new Uint8Array([...header, block & 255, (block >>> 8) & 255, (block >>> 16) & 255, ...(rle ? [bytes[0]] : bytes)]);
}

describe('compressed Arrow IPC', () => {
  it.each([
    ['LZ4', CompressionType.LZ4_FRAME, lz4Encode],
    ['ZSTD', CompressionType.ZSTD, zstdEncode],
  ] as const)('decompresses %s buffers', async (_, type, encode) => {
    compressionRegistry.set(type, { ...compressionRegistry.get(type), encode });
    const n = 1000;
    // Dictionary codes all 0 and amounts all 3: buffers of one repeated byte, stored compressed.
    const table = new Table({
      customer: vectorFromArray(Array(n).fill('solo'), new Dictionary(new Utf8(), new Int32())),
      date: vectorFromArray(Array(n).fill('2024-01-05'), new Dictionary(new Utf8(), new Int32())),
      amount: vectorFromArray(Array(n).fill(3), new Int8()),
      // Makes the lines distinct (identical lines count once); stored as it is.
      line: vectorFromArray(Array.from({ length: n }, (_, i) => i), new Int32()),
    });
    const bytes = RecordBatchFileWriter.writeAll(table, { compressionType: type }).toUint8Array(true);
    expect(bytes.length).toBeLessThan(tableToIPC(table, 'file').length / 2);
    const { customers, summary } = await ingestFile(bytes, 'solo.feather');
    expect(idsOf(customers)).toEqual(['solo']);
    expect(summary).toMatchObject({ rows: n, revenue: 3 * n, orders: 1 });
  });
});

describe('files that are not data', () => {
  it('says an old Feather file must be saved again', async () => {
    const api = connect<IngestApi>(createIngestApi());
    const outcome = await api.preview(blob(new TextEncoder().encode('FEA1\0\0\0\0')), 'old.feather');
    expect(outcome.ok ? null : outcome.problem).toMatchObject({ code: 'unsupported-format', message: expect.stringContaining('Feather version 2') });
  });

  it('says a zip archive that is not a workbook must be unzipped first', async () => {
    // A zip with one stored entry, "orders.csv".
    const name = new TextEncoder().encode('orders.csv');
    const local = new Uint8Array(30 + name.length);
    local.set([0x50, 0x4b, 0x03, 0x04]);
    local[26] = name.length;
    local.set(name, 30);
    const api = connect<IngestApi>(createIngestApi());
    for (const outcome of [await api.preview(blob(local), 'orders.zip'), await api.ingest(blob(local), 'orders.zip')]) {
      expect(outcome.ok ? null : outcome.problem).toMatchObject({ code: 'binary-file', message: expect.stringContaining('a zip archive. Unzip it') });
    }
  });
});
