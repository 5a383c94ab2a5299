import type { Mapping } from '../types.ts';
import { CsvTokenizer, sniffDelimiter } from './csv-tokenizer.ts';
import { guessRoles } from './guess-mapping.ts';
import type { FileFormat } from './formats/sniff-format.ts';
import { SegmentError } from '../errors.ts';
import { MAX_COLUMNS, clipText, tooManyColumnsProblem } from './file-shape-problems.ts';

/** The first rows of a file as parsed, with the guessed column roles, for the mapping step. */
export interface ImportPreview {
  fileName: string;
  delimiter: string;
  header: string[];
  /** Up to `maxRows` data rows, each cut or padded to the header's width. */
  rows: string[][];
  /** Guessed roles; customer and date are -1 when no column fits. */
  guess: Mapping;
  /** What the file is, from its first bytes (set by the ingest worker). */
  format?: FileFormat;
  /** A workbook's sheet names, in order (set by the ingest worker), so the app can offer a choice. */
  sheets?: string[];
  /** The sheet shown and read. */
  sheet?: string;
}

/**
 * Parses the head of a file (already decoded to text) for the mapping step. The text may end
 * mid-row: only complete rows are shown.
 */
export function buildPreview(fileName: string, text: string, maxRows = 12): ImportPreview {
  const delimiter = sniffDelimiter(text);
  const records: string[][] = [];
  const t = new CsvTokenizer(delimiter, (fields) => {
    // Cut for the mapping step's table: one cell can be most of the 64 KB sample.
    if (records.length <= maxRows + 1) records.push(fields.map((f) => clipText(f.trim(), records.length === 0 ? 80 : 200)));
  });
  t.push(text);
  // The last record may be cut off by the sample's end: drop it unless the text ended cleanly.
  const complete = text.endsWith('\n') || text.endsWith('\r');
  t.finish();
  if (!complete && records.length > 1) records.pop();
  const header = records[0] ?? [];
  if (header.length > MAX_COLUMNS) throw new SegmentError(tooManyColumnsProblem(fileName, header.length, delimiter));
  const rows = records.slice(1, maxRows + 1).map((r) => header.map((_, i) => r[i] ?? ''));
  return { fileName, delimiter, header, rows, guess: guessRoles(header) };
}
