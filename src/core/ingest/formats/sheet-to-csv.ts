import { CsvChunker, type CsvChunk } from './csv-chunker.ts';
import { csvText, isoDate, numberText } from './csv-text.ts';

/**
 * A spreadsheet cell as SheetJS gives it: type `t` (b boolean, n number, s string, d date,
 * e error, z empty) and value `v`. Declared here so the core needs no spreadsheet library.
 */
export interface SheetCell {
  t: string;
  v?: unknown;
}

/** Rows of cells indexed by absolute row and column (SheetJS "dense" mode: `sheet['!data']`). */
export type SheetRows = ArrayLike<ArrayLike<SheetCell | null | undefined> | null | undefined>;

/** The used range of a sheet, 0-based and inclusive (SheetJS `decode_range(sheet['!ref'])`). */
export interface SheetRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/**
 * A cell as the text of its value, unquoted: dates (cells formatted as dates, read as Dates)
 * as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, numbers plainly whatever their display format
 * (currency, thousands separators), booleans as TRUE/FALSE, errors (#N/A) and empty cells empty.
 */
export function cellValue(cell: SheetCell | null | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  const v = cell.v;
  switch (cell.t) {
    case 'd':
      return v instanceof Date ? isoDate(v.getTime()) : String(v);
    case 'n':
      return typeof v === 'number' ? numberText(v) : String(v);
    case 'b':
      return v ? 'TRUE' : 'FALSE';
    case 'e':
    case 'z':
      return '';
    default:
      return String(v);
  }
}

function rowIsEmpty(row: ArrayLike<SheetCell | null | undefined>, from: number, to: number): boolean {
  for (let c = from; c <= to; c++) if (cellValue(row[c]) !== '') return false;
  return true;
}

/**
 * Writes a sheet's used range as comma-separated text in chunks. The first non-empty row is
 * the header; columns after the header's last named column are left out, and so are empty
 * rows (as blank lines of a CSV file are, so row numbers in the report count non-empty rows).
 */
export function* sheetToCsv(rows: SheetRows, range: SheetRange, chunkChars?: number): Generator<CsvChunk> {
  const chunker = new CsvChunker(chunkChars);
  const last = Math.min(range.e.r, rows.length - 1);
  let width = 0;
  const from = range.s.c;
  for (let r = range.s.r; r <= last; r++) {
    const row = rows[r];
    if (!row) continue;
    if (width === 0) {
      if (rowIsEmpty(row, from, range.e.c)) continue;
      const names: string[] = [];
      for (let c = from; c <= range.e.c; c++) names.push(cellValue(row[c]));
      while (names.length > 0 && names[names.length - 1] === '') names.pop();
      width = names.length;
      chunker.header(names);
      continue;
    }
    if (rowIsEmpty(row, from, from + width - 1)) continue;
    const fields: string[] = new Array(width);
    for (let c = 0; c < width; c++) fields[c] = csvText(cellValue(row[from + c]));
    yield* chunker.appendRow(fields);
  }
  yield* chunker.finish();
}
