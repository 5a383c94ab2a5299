import type { Outcome } from './errors.ts';
import type { RfmScores, RfmSettings } from './rfm/score-rfm.ts';
import type { CustomerTable, IngestSummary } from './types.ts';
import type { IngestOptions } from './ingest/transaction-ingest.ts';

/** What the app may choose for an import; the worker adds the file's name, size and decoder. */
export type IngestOptionsInput = Omit<IngestOptions, 'fileName' | 'bytes' | 'decode'>;

/**
 * The part of a `File`/`Blob` the ingest worker uses, declared here so the core needs no DOM
 * types. A `File` satisfies it structurally.
 */
export interface ReadableFile {
  readonly size: number;
  readonly name?: string;
  slice(start?: number, end?: number): ReadableFile;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface IngestProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface IngestResult {
  customers: CustomerTable;
  summary: IngestSummary;
}

/** The ingest worker's contract. The worker keeps the transaction table (Arrow) for later steps. */
export interface IngestApi {
  /**
   * Streams the file in slices (never the whole file in memory as text), parses, validates and
   * aggregates per customer. Expected problems come back as `{ ok: false, problem }`.
   */
  ingest(
    file: ReadableFile,
    fileName: string,
    onProgress?: (p: IngestProgress) => void,
    settings?: IngestOptionsInput,
  ): Promise<Outcome<IngestResult>>;
  /** Rows in the transaction table the worker holds (0 before an ingest). */
  transactionCount(): Promise<number>;
}

/**
 * The analysis worker's contract. The worker holds the customer table it was last given, so
 * rescoring with new settings sends settings only, never the table again.
 */
export interface AnalysisApi {
  setCustomers(customers: CustomerTable): Promise<void>;
  scoreRfm(settings: RfmSettings): Promise<RfmScores>;
}
