import type { FileFormat, ReadableFile } from '../../src/core/index.ts';

/** Bytes for the ingest, and how far into the file (in the file's own bytes) they come from. */
export interface SourceChunk {
  bytes: Uint8Array;
  bytesRead: number;
}

export interface SourceOptions {
  /** Bytes read per slice of the file. */
  sliceBytes: number;
  /** The sheet of a workbook to read; the first sheet with data when absent. */
  sheet?: string;
  /** Stop after about this many data rows (for a preview); all rows when absent. */
  maxRows?: number;
}

/**
 * A file opened for reading as delimited text bytes: text as it is, gzip decompressed, and
 * workbooks, Parquet and Arrow converted to UTF-8 CSV, so the byte scanner, the mapping and the
 * cleaning rules work the same on every format.
 */
export interface FileSource {
  readonly format: FileFormat;
  /** A workbook's sheet names, in order. */
  readonly sheets?: string[];
  /** The sheet being read. */
  readonly sheet?: string;
  /** True once the chunks turned out to be UTF-16 text, transcoded to UTF-8. */
  readonly utf16: boolean;
  /** The bytes, in order; may be called once. */
  chunks(): AsyncGenerator<SourceChunk>;
}

/** What a source reader needs: the file, its name for messages, and the options. */
export interface SourceInput {
  file: ReadableFile;
  fileName: string;
  options: SourceOptions;
}
