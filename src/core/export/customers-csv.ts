import { formatNumber, textCell, type CsvDelimiter } from './csv-cell.ts';

/**
 * One column of the export, in the order given. Text and category cells are neutralised against
 * formula injection; number cells are written plainly and never altered.
 */
export type CsvColumn =
  | { header: string; kind: 'text'; values: ArrayLike<string> }
  /** `decimals` fixes the decimals (2 for money); without it the shortest exact form is written. */
  | { header: string; kind: 'number'; values: ArrayLike<number>; decimals?: number }
  /** A segmentation: `names[codes[i]]`, empty for a code outside the names. */
  | { header: string; kind: 'category'; codes: ArrayLike<number>; names: readonly string[] };

export interface CustomersCsvOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read accents; default false. */
  bom?: boolean;
  delimiter?: CsvDelimiter;
  /** Only the customers whose code is `code` (one segment, or a rule mask with code 1). */
  filter?: { codes: ArrayLike<number>; code: number };
  /** Customers per chunk; default 2000. */
  rowsPerChunk?: number;
}

/**
 * The customers CSV as a sequence of string chunks: the header (after the BOM when asked), then
 * up to `rowsPerChunk` rows per chunk. Rows are built straight from the columns, so 250k
 * customers never become 250k row objects; `new Blob([...chunks])` writes them as UTF-8.
 *
 * RFC 4180: CRLF after every record, fields with the delimiter, quotes, CR or LF quoted with
 * inner quotes doubled. Numbers use '.' and no thousands separators.
 *
 * @throws Error when the columns differ in length or a header is empty.
 */
export function* customersCsvChunks(columns: readonly CsvColumn[], options: CustomersCsvOptions = {}): Generator<string, void, undefined> {
  const { bom = false, delimiter = ',', filter, rowsPerChunk = 2000 } = options;
  const n = columns.length > 0 ? columnLength(columns[0]) : 0;
  for (const column of columns) {
    if (column.header === '') throw new Error('customersCsvChunks: every column needs a header');
    if (columnLength(column) !== n) throw new Error(`customersCsvChunks: column "${column.header}" has ${columnLength(column)} values, expected ${n}`);
  }
  if (filter && filter.codes.length !== n) throw new Error(`customersCsvChunks: the filter has ${filter.codes.length} codes for ${n} customers`);
  if (!(Number.isInteger(rowsPerChunk) && rowsPerChunk > 0)) throw new Error(`customersCsvChunks: rowsPerChunk must be a positive integer, got ${rowsPerChunk}`);

  const cells = columns.map((column) => cellWriter(column, delimiter));
  yield (bom ? '\uFEFF' : '') + columns.map((c) => textCell(c.header, delimiter)).join(delimiter) + '\r\n';
  const parts: string[] = [];
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (filter && filter.codes[i] !== filter.code) continue;
    parts.push(cells[0](i));
    for (let c = 1; c < cells.length; c++) parts.push(delimiter, cells[c](i));
    parts.push('\r\n');
    if (++rows === rowsPerChunk) {
      yield parts.join('');
      parts.length = 0;
      rows = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** {@link customersCsvChunks} collected into an array, ready for `new Blob(chunks, { type: 'text/csv' })`. */
export function customersCsv(columns: readonly CsvColumn[], options: CustomersCsvOptions = {}): string[] {
  return Array.from(customersCsvChunks(columns, options));
}

function columnLength(column: CsvColumn): number {
  return column.kind === 'category' ? column.codes.length : column.values.length;
}

function cellWriter(column: CsvColumn, delimiter: CsvDelimiter): (i: number) => string {
  switch (column.kind) {
    case 'text': {
      const { values } = column;
      return (i) => textCell(values[i] ?? '', delimiter);
    }
    case 'number': {
      const { values, decimals } = column;
      return (i) => formatNumber(values[i], decimals);
    }
    case 'category': {
      // Names are few: write each once.
      const { codes, names } = column;
      const written = names.map((name) => textCell(name, delimiter));
      return (i) => written[codes[i]] ?? '';
    }
  }
}
