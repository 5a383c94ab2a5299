/** What a column means to the analysis. */
export type ColumnRole = 'customer' | 'date' | 'order' | 'amount' | 'quantity' | 'price' | 'product' | 'category' | 'channel' | 'cost' | 'unitCost';

/** Which header column (0-based index) plays each role; `null` when the file has none. */
export interface Mapping {
  customer: number;
  date: number;
  order: number | null;
  /** Line revenue. When null, revenue is quantity x price. */
  amount: number | null;
  /** Units on the line; with `price`, the line revenue when there is no amount column. */
  quantity: number | null;
  price: number | null;
  /** Product or stock code, used to recognise non-product lines (postage, fees). */
  product: number | null;
  category: number | null;
  channel: number | null;
  /**
   * The cost of the goods on the line, as a line total; for gross margin. Optional: mappings
   * saved before there was a cost role have none, and mean no cost column.
   */
  cost?: number | null;
  /** The cost of one unit: the line's cost is unit cost × quantity (needs `quantity`). */
  unitCost?: number | null;
}

/** UTC calendar day number: days since 1970-01-01, as written in the file (no time zones). */
export type DayNumber = number;

/**
 * One row per customer, columns as typed arrays indexed by the dense customer code 0..n-1.
 * Only customers with at least one purchase line (amount > 0) are in the table.
 */
export interface CustomerTable {
  n: number;
  /** Customer id as written in the file (trimmed; a trailing ".0" from float exports removed). */
  ids: string[];
  /** Day of the first purchase line. */
  firstDay: Int32Array;
  /** Day of the last purchase line. */
  lastDay: Int32Array;
  /** Distinct orders with a purchase line. Without an order column, distinct purchase days. */
  frequency: Uint32Array;
  /** Net revenue: purchase lines minus returns. */
  monetary: Float64Array;
}

/** How the analyst wants each kind of questionable line treated. */
export interface CleaningPolicy {
  /** Return lines (negative amounts) and lines of cancelled orders: netted against the customer, or left out. */
  returns: 'net' | 'exclude';
  /** Rows identical to an earlier row in every column. */
  duplicates: 'drop' | 'keep';
  /** Lines with a unit price of zero or below (free items, bad-debt adjustments). */
  nonPositivePrice: 'exclude' | 'keep';
  /** Lines whose product code has no digit (postage, fees, manual adjustments). */
  nonProduct: 'exclude' | 'keep';
}

export interface CleaningStep {
  rule: 'returns' | 'duplicates' | 'nonPositivePrice' | 'nonProduct';
  label: string;
  /** What the policy did with the lines: netted, excluded, dropped or kept. */
  action: string;
  rows: number;
  /** Net amount of those lines (negative for returns). */
  amount: number;
  /** The first few rows, 1-based with the header as row 1. */
  examples: number[];
}

/** Why a row did not count, with how many and the first few places. */
export interface SkipReason {
  /** `missing-*`: the cell is empty or a missing-value marker (NA, null, ...); `bad-*`: it is there but does not read. */
  code: 'missing-customer' | 'missing-date' | 'missing-amount' | 'bad-date' | 'bad-amount' | 'short-row';
  label: string;
  count: number;
  examples: Array<{ row: number; column: string; value: string }>;
}

/** Cells of the cost column that do not give a cost: the line keeps its revenue, its cost counts as 0. */
export interface CostCellReason {
  code: 'missing-cost' | 'bad-cost';
  label: string;
  count: number;
  examples: Array<{ row: number; column: string; value: string }>;
}

export interface IngestSummary {
  fileName: string;
  bytes: number;
  delimiter: string;
  dateFormat: string;
  /** Header names used for each role. */
  columns: Partial<Record<ColumnRole, string>>;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows that entered the transaction table. */
  rowsUsed: number;
  skipped: SkipReason[];
  /**
   * With a cost (or unit cost) column: its cells that gave no cost (blank, a marker, not a
   * number; or a unit cost beside a blank quantity). Optional: summaries saved before the cost role have none.
   */
  costCells?: CostCellReason[];
  /** Problems with the file as a whole that did not stop the import. */
  warnings: string[];
  /** What each cleaning rule found and did, in the order they apply. */
  cleaning: CleaningStep[];
  /** The rules applied: the analyst's choices over the defaults for this mapping. */
  cleaningPolicy: CleaningPolicy;
  /** Customers and net revenue before any cleaning rule, for comparison with the result. */
  beforeCleaning: { customers: number; revenue: number };
  /** The text encoding the file was read in. */
  encoding: 'utf-8' | 'windows-1252' | 'utf-16';
  /** How numbers were read: decimal mark and thousands separator. */
  numberStyle: { decimal: string; thousands: string };
  /**
   * Set when the dates could be day/month or month/day (no day above 12 anywhere): the date
   * range under each reading, so the analyst can choose. `dateFormat` says which was used.
   */
  dateAmbiguity: { dayFirst: [DayNumber, DayNumber]; monthFirst: [DayNumber, DayNumber] } | null;
  customers: number;
  /** Customers whose lines were all returns or zero-value, left out of the customer table. */
  customersWithoutPurchase: number;
  orders: number;
  revenue: number;
  returnLines: number;
  /** The file's first and last transaction days (whatever the analysis date). */
  firstDay: DayNumber;
  lastDay: DayNumber;
  /**
   * The day recency is measured to: the day after the last transaction unless the analyst sets
   * another. Lines dated after it are left out of every figure above.
   */
  analysisDay: DayNumber;
  /** Lines (kept by cleaning) dated after the analysis date, left out. */
  linesAfterAnalysisDay: number;
}

/** UTF-8 strings as one byte buffer and n + 1 offsets (Arrow's Utf8 layout). */
export interface Utf8Values {
  data: Uint8Array;
  offsets: Int32Array;
}

/**
 * Dictionary codes per line, -1 for none: as the file is read Int32, then as narrow as the
 * dictionary allows (see narrowCodes). Read them by index only.
 */
export type CodeColumn = Int32Array | Int16Array | Int8Array;

/**
 * The transaction table as built at ingest, one entry per used row. Customer and order ids are
 * dictionary-encoded: `customer[i]` indexes `customerIds`.
 */
export interface TransactionColumns {
  length: number;
  customer: Int32Array;
  day: Int32Array;
  /** Line revenue; negative for returns and cancellations. */
  amount: Float64Array;
  order: Int32Array | null;
  customerIds: string[];
  /** Distinct order ids (null without an order column); may be decoded on first access. */
  orderIds: string[] | null;
  /** How many distinct order ids `order` indexes (0 without an order column). */
  orderCount: number;
  /**
   * The UTF-8 bytes of the customer and order ids with their offsets, when ingest has them:
   * they become Arrow dictionary vectors without creating a string per value.
   */
  rawDictionaries?: { customer: Utf8Values; order: Utf8Values | null };
  /** Units on the line, when the file has a quantity column. */
  quantity: Float64Array | null;
  /**
   * The cost of the goods on the line, when the file has a cost (or unit cost) column: negative
   * on return lines, so returns net cost as they net revenue; 0 where the cell is blank or does
   * not read (the summary counts those). Optional: tables built before the cost role have none.
   */
  cost?: Float64Array | null;
  /** Product category per line (-1 for none), indexing `categoryNames`. */
  category: CodeColumn | null;
  categoryNames: string[] | null;
  /** Sales channel per line (-1 for none), indexing `channelNames`. */
  channel: CodeColumn | null;
  channelNames: string[] | null;
}
