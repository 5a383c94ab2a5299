import type { CleaningPolicy, CostCellReason, CustomerTable, IngestSummary, Mapping, SkipReason, TransactionColumns, Utf8Values } from '../types.ts';
import type { DictionaryValues } from './bytes/byte-dictionary.ts';
import type { DateColumnRaw, DateReading } from './bytes/date-column.ts';
import type { NumberStyle } from './bytes/parse-number-bytes.ts';
import type { RowArrays } from './row-columns.ts';
import type { SplitLines } from './read-lines.ts';

export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface IngestOptions {
  fileName: string;
  /** File size in bytes, for the summary. */
  bytes: number;
  /**
   * Decodes bytes as text. With 'utf-8' it must throw on invalid bytes (a fatal decoder), which
   * is how a Windows-1252 export is recognised. Injected because the core has no TextDecoder.
   */
  decode: (bytes: Uint8Array, encoding: TextEncodingName) => string;
  /** Column roles chosen by the analyst; guessed from the header when absent. */
  mapping?: Mapping;
  /** How to read day/month dates when the column cannot tell. */
  dateReading?: DateReading;
  /** When the column cannot tell and no reading is given: day/month (true) or month/day. */
  preferDayFirst?: boolean;
  /** Decimal mark and thousands separator; sniffed from the amount column when absent. */
  numberStyle?: NumberStyle;
  /** What to do with returns, duplicates, free lines and non-product lines; `defaultCleaning(mapping)` for what is not given. */
  cleaning?: Partial<CleaningPolicy>;
  /**
   * Cell values that mean "missing" in an id, date, amount, quantity or price column, besides an
   * empty cell; `DEFAULT_MISSING_MARKERS` when absent.
   */
  missingMarkers?: readonly string[];
  /**
   * Set when this ingest reads a later part of a file, in parallel with the part that holds the
   * header: how that part found the file to be (see {@link TransactionIngest.context}).
   */
  continuation?: IngestContext;
}

/** What a part of a file read in parallel needs to know from the part with the header. */
export interface IngestContext {
  delimiter: string;
  header: string[];
  mapping: Mapping;
  style: NumberStyle;
  missingMarkers: readonly string[];
}

/**
 * The raw columns of a part of a file, read by another worker, to be joined with
 * {@link TransactionIngest.mergePart}. Codes index the part's own dictionaries; rows are
 * numbered from 1 within the part.
 */
export interface IngestPart extends RowArrays {
  records: number;
  /**
   * The part's bytes end exactly at the end of a record: a part read up to where another part
   * begins can be joined only then (a cut inside a quoted field misreads what follows it).
   */
  endsOnRecord: boolean;
  dataRows: number;
  unclosedQuoteRecord: number | null;
  /** Rows read with a stray quote taken as an ordinary character (see RecordScanner). */
  repairedQuoteRows: number;
  /** The first row (numbered within the part) and column holding a NUL byte, and how many rows do. */
  nul: { row: number; column: string; rows: number } | null;
  skipped: SkipReason[];
  costCells: CostCellReason[];
  /** Rows whose order id is missing (empty or a marker). */
  missingOrders: number;
  customers: DictionaryValues;
  orders: DictionaryValues;
  categories: DictionaryValues;
  channels: DictionaryValues;
  dates: DateColumnRaw;
}

export interface IngestOutput {
  transactions: TransactionColumns;
  customers: CustomerTable;
  summary: IngestSummary;
  /**
   * The lines read before cleaning (kept and left out, with their rule flags), for a session to
   * keep so another policy applies without the file; absent when not read from a file.
   */
  readLines?: () => SplitLines;
  /**
   * The customer table's ids packed (see packStrings) from their bytes as read, when those are
   * their UTF-8 text; null when they must be encoded from the strings. Absent: not read from a file.
   */
  packedCustomerIds?: () => Utf8Values | null;
}
