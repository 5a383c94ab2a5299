// Writes test/fixtures/formats/: small-shop.csv in each binary format the app reads, made with
// the libraries themselves. Run: node scripts/make-format-fixtures.mjs
// The LZ4 files need the reference `lz4` command (Debian package lz4).
//
// Every file holds the same 11 order lines as small-shop.csv. Where the format has types, the
// columns are typed (dates as dates, amounts as numbers) and the two unreadable cells of the
// CSV ("not a date", "abc") are nulls, as a typed export would have them; the workbook keeps
// them as text cells, since a spreadsheet column can mix types.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { CompressionType, DateDay, Dictionary, Float64, Int32, RecordBatchFileWriter, Table, Utf8, compressionRegistry, tableToIPC, vectorFromArray } from 'apache-arrow';

const root = new URL('../test/fixtures/', import.meta.url);
const out = new URL('formats/', root);
mkdirSync(out, { recursive: true });

const csv = readFileSync(new URL('small-shop.csv', root));
const [header, ...lines] = csv.toString('utf8').trim().split('\n');
const names = header.split(',');
// small-shop.csv has no quoted fields: splitting on commas is exact.
const rows = lines.map((line) => line.split(','));
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const utcDate = (text) => (ISO.test(text) ? new Date(`${text}T00:00:00Z`) : null);
const amount = (text) => (Number.isNaN(Number(text)) ? null : Number(text));

// gzip: the CSV bytes as they are (zlib writes no file name and a zero time stamp).
writeFileSync(new URL('small-shop.csv.gz', out), gzipSync(csv, { level: 9 }));

// Excel: "Orders" holds the lines; "January" only the January ones, to test choosing a sheet.
function sheet(selected) {
  const aoa = [names];
  for (const [order, customer, date, amt] of selected) {
    const d = utcDate(date);
    const a = amount(amt);
    aoa.push([
      order,
      customer === '' ? null : customer,
      d ? { t: 'd', v: d, z: 'yyyy-mm-dd' } : date,
      a === null ? amt : { t: 'n', v: a, z: '#,##0.00' },
    ]);
  }
  return XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, UTC: true });
}
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, sheet(rows), 'Orders');
XLSX.utils.book_append_sheet(book, sheet(rows.filter((r) => r[2].startsWith('2024-01'))), 'January');
book.Props = { CreatedDate: new Date(Date.UTC(2024, 2, 1)) };
writeFileSync(new URL('small-shop.xlsx', out), XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));

// Parquet: DATE and DOUBLE columns, snappy (the writer's default), three row groups of 4, 4 and 3 rows.
const column = (i, map) => rows.map((r) => map(r[i]));
const parquet = parquetWriteBuffer({
  schema: [
    { name: 'root', num_children: 4 },
    { name: 'Order', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'Customer ID', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'Date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    { name: 'Amount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  ],
  columnData: [
    { name: 'Order', data: column(0, (v) => v) },
    { name: 'Customer ID', data: column(1, (v) => (v === '' ? null : v)) },
    { name: 'Date', data: column(2, utcDate) },
    { name: 'Amount', data: column(3, amount) },
  ],
  rowGroupSize: 4,
});
writeFileSync(new URL('small-shop.parquet', out), new Uint8Array(parquet));

// Arrow IPC file (Feather v2): customer ids dictionary-encoded, dates as DateDay, amounts Float64.
const table = new Table({
  Order: vectorFromArray(column(0, (v) => v), new Utf8()),
  'Customer ID': vectorFromArray(column(1, (v) => (v === '' ? null : v)), new Dictionary(new Utf8(), new Int32())),
  Date: vectorFromArray(column(2, (v) => utcDate(v)?.getTime() ?? null), new DateDay()),
  Amount: vectorFromArray(column(3, amount), new Float64()),
});
writeFileSync(new URL('small-shop.arrow', out), tableToIPC(table, 'file'));

/** Compresses with the reference lz4 command: LZ4 frame format, `args` choosing its options. */
function lz4(bytes, args = []) {
  const run = spawnSync('lz4', ['-q', '-c', ...args], { input: bytes, maxBuffer: 1 << 26 });
  if (run.error || run.status !== 0) throw new Error(`lz4 failed (install Debian's lz4 package): ${run.error ?? run.stderr}`);
  return new Uint8Array(run.stdout);
}

// Feather as pandas writes it (to_feather): an Arrow IPC file with LZ4-framed buffers. Buffers
// this small do not shrink, so they are stored as they are; the file still needs the codec.
compressionRegistry.set(CompressionType.LZ4_FRAME, { encode: (bytes) => lz4(bytes) });
const feather = RecordBatchFileWriter.writeAll(table, { compressionType: CompressionType.LZ4_FRAME }).toUint8Array(true);
writeFileSync(new URL('small-shop.feather', out), feather);

// A reference LZ4 frame for the decoder's tests: 2,500 lines of text (about 80 KB, so more than
// one 64 KB block), linked blocks, block checksums and the content size in the header.
const text = Array.from({ length: 2500 }, (_, i) => `customer-${i % 97},2024-01-${String((i % 28) + 1).padStart(2, '0')},${(i * 7) % 1000 / 4}\n`).join('');
writeFileSync(new URL('lines.txt.lz4', out), lz4(Buffer.from(text), ['-BD', '-B4', '-BX', '--content-size']));

console.log(`wrote ${['small-shop.csv.gz', 'small-shop.xlsx', 'small-shop.parquet', 'small-shop.arrow', 'small-shop.feather', 'lines.txt.lz4'].join(', ')} to ${out.pathname}`);
