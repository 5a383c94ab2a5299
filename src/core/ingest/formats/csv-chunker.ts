import { csvHeaderText } from './csv-text.ts';

/** A column of a batch as the CSV writer sees it: row index (within the batch) → field text, quoted. */
export type FieldText = (row: number) => string;

/** A piece of CSV text and how many data rows have been written up to its end. */
export interface CsvChunk {
  text: string;
  rows: number;
}

/** Default characters per chunk: a few MB once encoded, like the slices a text file is read in. */
export const CSV_CHUNK_CHARS = 2 << 20;

/**
 * Writes rows of columns as comma-separated text (CRLF-free, `\n` line ends) and hands it out
 * in chunks of about `chunkChars` characters, so a large table is never one string.
 */
export class CsvChunker {
  private text = '';
  private rows = 0;

  constructor(private readonly chunkChars = CSV_CHUNK_CHARS) {}

  /** The header line; names are quoted so the delimiter sniffer sees only commas. */
  header(names: readonly string[]): void {
    this.text += names.map(csvHeaderText).join(',') + '\n';
  }

  /** Appends rows `[0, rows)` of the columns, yielding a chunk whenever one is full. */
  *append(columns: readonly FieldText[], rows: number): Generator<CsvChunk> {
    const width = columns.length;
    if (width === 0) return;
    const first = columns[0];
    for (let r = 0; r < rows; r++) {
      let line = first(r);
      for (let c = 1; c < width; c++) line += ',' + columns[c](r);
      this.text += line + '\n';
      this.rows++;
      if (this.text.length >= this.chunkChars) yield this.take();
    }
  }

  /** Appends one row of field texts (already quoted). */
  *appendRow(fields: readonly string[]): Generator<CsvChunk> {
    this.text += fields.join(',') + '\n';
    this.rows++;
    if (this.text.length >= this.chunkChars) yield this.take();
  }

  /** What is left, if anything. */
  *finish(): Generator<CsvChunk> {
    if (this.text.length > 0) yield this.take();
  }

  private take(): CsvChunk {
    const chunk = { text: this.text, rows: this.rows };
    this.text = '';
    return chunk;
  }
}
