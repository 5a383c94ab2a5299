import type { Outcome } from './errors.ts';
import type { RfmSettings } from './rfm/score-rfm.ts';
import type { ClusterSettings, CustomerClustering } from './cluster/cluster-customers.ts';
import type { ClusterOutcome } from './cluster/cluster-error.ts';
import type { KSweep, SweepSettings } from './cluster/sweep-customers.ts';
import type { ScoredCustomers } from './segments/score-and-segment.ts';
import type { CleaningPolicy, DayNumber, IngestSummary, Mapping } from './types.ts';
import type { CustomerColumns } from './ingest/pack-strings.ts';
import type { IngestContext, IngestOptions, IngestPart } from './ingest/ingest-types.ts';
import type { RowHashes } from './ingest/transaction-ingest.ts';
import type { ImportPreview } from './ingest/build-preview.ts';
import type { AttributeSummary } from './attributes/summarize-attributes.ts';
import type { ClusterColumn } from './model/rule-fields.ts';
import type { SessionRecord } from './share/session-record.ts';
import type { SessionSettings } from './share/session-settings.ts';
import type { MetricTable } from './metrics/metric-table.ts';
import type { SegmentSettings } from './model/segment-settings.ts';
import type { SegmentModelView } from './model/model-view.ts';
import type { CellCrossTab, Segmentation, SegmentationKey } from './model/segmentations.ts';
import type { SegmentProfile } from './segments/profile-segments.ts';
import type { CrossTab } from './segments/cross-tab.ts';
import type { ClvFits, ClvSettings } from './clv/lifetime-value.ts';
import type { LifetimeValueView } from './clv/lifetime-value-view.ts';
import type { SqlExportRequest } from './sql/sql-input.ts';
import type { FieldColumn } from './model/field-column.ts';

/**
 * The key of the one message a worker posts outside Comlink: `{ [LIFE_LOCK_MESSAGE]: name }`,
 * the name of a Web Lock it holds for as long as it lives (see WorkerBridge).
 */
export const LIFE_LOCK_MESSAGE = 'segmentStudioLifeLock';

/** What the app may choose for an import; the worker adds the file's name, size and decoder. */
export type IngestOptionsInput = Omit<IngestOptions, 'fileName' | 'bytes' | 'decode'> & {
  /** The sheet of a workbook to read; the first sheet with data when absent. */
  sheet?: string;
};

/**
 * The part of a `File`/`Blob` the ingest worker uses, declared here so the core needs no DOM
 * types. A `File` satisfies it structurally.
 */
export interface ReadableFile {
  readonly size: number;
  readonly name?: string;
  slice(start?: number, end?: number): ReadableFile;
  arrayBuffer(): Promise<ArrayBuffer>;
  stream(): FileStream;
}

/** The part of a file's `ReadableStream` the ingest uses: a default reader, or a reader into buffers of its own (BYOB). */
export interface FileStream {
  getReader(): FileStreamReader;
  getReader(options: { mode: 'byob' }): FileByobReader;
}

/** The part of a `ReadableStreamBYOBReader` the ingest uses: each read fills (part of) the view given. */
export interface FileByobReader {
  read<T extends ArrayBufferView<ArrayBuffer>>(view: T): Promise<{ done: boolean; value?: T }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The part of a `ReadableStreamDefaultReader` over a file's bytes that the ingest uses. */
export interface FileStreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

export interface IngestProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface IngestResult {
  /** One row per customer; ids packed as UTF-8 so the table crosses threads as typed arrays. */
  customers: CustomerColumns;
  summary: IngestSummary;
  /**
   * SHA-256 (hex) of the file's first and last MiB, for its fingerprint; null when they could
   * not be read again.
   */
  fileHash: string | null;
  /**
   * Which read of a file the table comes from (the same for the same read cut at another
   * date), so a session saves the lines of the read it shows (see IngestApi.saveSessionLines).
   */
  readId: number;
  /** Which answer this is, for {@link IngestApi.remakeMetrics}. */
  metricsId: number;
}

export type SessionLinesOutcome = { ok: true; lines: number } | { ok: false; message: string };

export type SessionSaveOutcome = { ok: true; bytes: number } | { ok: false; code: 'blocked' | 'quota' | 'unavailable' | 'missing' | 'out-of-step' | 'failed'; message: string };

/**
 * What the page knows of the per-customer metrics the analysis worker holds: not their columns
 * (about 85 MB at 10M lines, kept once, in that worker), only what the page shows of them.
 */
export interface MetricsInfo {
  n: number;
  channelNames: string[] | null;
}

export type SessionOpenOutcome = { ok: true; summary: IngestSummary; customers: CustomerColumns; metrics: MetricsInfo | null } | { ok: false; message: string };

/** What a session file's transactions were read with (see src/persist/session-file.ts). */
export interface SessionLinesMeta {
  summary: IngestSummary;
  mapping: Mapping;
}

/** Where the lines of the analysis on screen are: the read of a file, or a session's saved lines. */
export type LinesSource = { readId: number } | { sessionId: string };

/**
 * A session file read and checked in the analysis worker: the settings and summary, copies of
 * its tables for the page (transferred), and its transactions still as a slice of the file.
 */
export type SessionFileOpenOutcome =
  | { ok: true; name: string; fileName: string; settings: SessionSettings; summary: IngestSummary; customers: CustomerColumns; metrics: MetricsInfo | null; lines: (SessionLinesMeta & { bytes: ReadableFile }) | null }
  | { ok: false; problems: string[] };

/** The ingest worker's contract. The worker keeps the transaction table (Arrow) for later steps. */
export interface IngestApi {
  /**
   * Streams the file in slices (never the whole file in memory as text), parses, validates and
   * aggregates per customer. Delimited text, gzip-compressed text, Excel and OpenDocument
   * workbooks, Parquet and Arrow IPC are told apart by their first bytes; the binary formats are
   * converted to CSV text on the way (workbooks, Arrow files and Parquet metadata are read whole
   * or per row group). Expected problems come back as `{ ok: false, problem }`.
   */
  ingest(
    file: ReadableFile,
    fileName: string,
    onProgress?: (p: IngestProgress) => void,
    settings?: IngestOptionsInput,
  ): Promise<Outcome<IngestResult>>;
  /**
   * The first rows of a file as parsed, with guessed column roles, for the mapping step; for a
   * workbook also its sheet names, previewing `sheet` (the first with data when absent).
   */
  preview(file: ReadableFile, fileName: string, sheet?: string): Promise<Outcome<ImportPreview>>;
  /**
   * The per-customer metrics that need the transactions (gaps, returns, channels...) of the last
   * successful ingest, for the day after its last transaction (typed arrays, transferred); null
   * before any. They are computed right after `ingest` answers, so the customer table can be
   * scored elsewhere meanwhile.
   */
  metrics(): Promise<MetricTable | null>;
  /**
   * The metrics of the answer `metricsId` (IngestResult.metricsId) made again from the
   * transactions held here, for a fresh analysis worker (the page keeps no copy); null when this
   * worker no longer holds them (another read started, or the worker was restarted).
   */
  remakeMetrics(metricsId: number): Promise<MetricTable | null>;
  /**
   * The customer table of the last file read, cut at another analysis date (null: the day after
   * its last transaction) without reading the file again: lines dated after it are left out of
   * every figure, and counted in the summary. The metrics follow through `metrics()`. Null
   * before any file; a problem when no purchase is dated on or before that day.
   */
  window(analysisDay: DayNumber | null): Promise<Outcome<IngestResult> | null>;
  /** Rows in the transaction table the worker holds (0 before an ingest). */
  transactionCount(): Promise<number>;
  /**
   * Saves the lines of read `readId` (before cleaning, Arrow IPC) with session `sessionId`,
   * written here and put into IndexedDB from this worker, so the page neither holds nor clones
   * them. Nothing is written when the worker holds another read ('out-of-step') or the session
   * is gone ('missing').
   */
  saveSessionLines(sessionId: string, readId: number, mapping: Mapping): Promise<SessionSaveOutcome>;
  /**
   * Loads a saved session's lines into this worker in place of the file, cleaned with `policy`
   * (the one the session shows), so cleanSessionLines and window() run without the file.
   */
  openSessionLines(sessionId: string, policy: CleaningPolicy): Promise<SessionLinesOutcome>;
  /**
   * The lines of the analysis on screen as Arrow IPC (a Blob of the writer's pieces, or of the
   * saved bytes), with what they were read with, for a session file; null when this worker does
   * not hold the lines of `source` (another read meanwhile, or a session saved without them).
   */
  sessionFileLines(source: LinesSource, mapping: Mapping | null): Promise<{ lines: ReadableFile; meta: SessionLinesMeta } | null>;
  /**
   * Decodes and checks the transactions of a session file (its slice), and keeps them under
   * `token`, as openSessionLines and cleanSessionLines find a saved session's lines; nothing
   * else changes here until they are opened.
   */
  checkFileLines(token: string, bytes: ReadableFile, meta: SessionLinesMeta): Promise<SessionLinesOutcome>;
  /**
   * Saves the lines kept under `token` (a session file's) with session `sessionId` in
   * IndexedDB, from this worker; they are then found under either name.
   */
  keepFileLines(token: string, sessionId: string): Promise<SessionSaveOutcome>;
  /**
   * The customer table of a saved session's lines cleaned with other choices (the analyst's over
   * the defaults), as reading the file again with them would give; loads the lines first when
   * this worker does not hold them (a fresh worker after a Cancel). The metrics follow through
   * `metrics()`.
   */
  cleanSessionLines(sessionId: string, cleaning: Partial<CleaningPolicy>): Promise<Outcome<IngestResult>>;
}

/**
 * The contract of the helper worker that reads the second half of a large text file in
 * parallel with the ingest worker (which starts it and joins the result).
 */
export interface IngestPartApi {
  readPart(file: ReadableFile, fileName: string, context: IngestContext, onProgress?: (bytesRead: number) => void): Promise<IngestPart>;
  /**
   * Ends the part being read at `offset` bytes into it (a line start), for the rest to be read
   * elsewhere: false when its reading is there already (then it reads on to its end).
   */
  stopAt(offset: number): Promise<boolean>;
  /**
   * The rows whose two hashes repeat an earlier row's, as pairs (see repeatedRows): for the
   * ingest worker, which goes on meanwhile. The hashes come transferred and are freed here.
   */
  repeatedRows(hashes: RowHashes): Promise<Int32Array>;
}

/**
 * The analysis worker's contract. The worker holds the customer table it was last given, so
 * rescoring with new settings sends settings only, never the table again.
 */
export interface AnalysisApi {
  /** The customer table, and its metrics when it came from a file (without them only tenure and order value are known). */
  setCustomers(customers: CustomerColumns, metrics?: MetricTable | null): Promise<void>;
  /** The metrics of the customers held, when they come after the table (see {@link IngestApi.metrics}). */
  setMetrics(metrics: MetricTable): Promise<void>;
  /**
   * Saves a session: `record` and the held customer table and metrics, written here as Arrow IPC
   * and put into IndexedDB from this worker in one transaction, so the page never clones the
   * data. `held` is what the page believes is held: when the worker holds something else (a new
   * file on its way), nothing is written and the answer says so.
   */
  saveSession(record: SessionRecord, summary: IngestSummary, held: { customers: number; metrics: boolean }): Promise<SessionSaveOutcome>;
  /**
   * Reads a saved session's data (Arrow IPC, or version 1's typed arrays) from IndexedDB into
   * this worker, in place of what it held; answers the summary, a copy of the customer table
   * (transferred) for the page, and what the page shows of the metrics.
   */
  openSession(id: string): Promise<SessionOpenOutcome>;
  /**
   * The held customer table and metrics as Arrow IPC (a Blob of the writer's pieces, the same
   * bytes a session keeps in IndexedDB), for a session file; `held` as in saveSession.
   */
  sessionFileTable(held: { customers: number; metrics: boolean }): Promise<{ ok: true; table: ReadableFile } | { ok: false; message: string }>;
  /**
   * Reads and checks a session file (either version) here; nothing held changes until
   * holdSessionFile, so a damaged file leaves the analysis on screen as it was.
   */
  openSessionFile(file: ReadableFile, fileName: string): Promise<SessionFileOpenOutcome>;
  /** Holds the tables of the session file last opened (see openSessionFile) in place of what was held. */
  holdSessionFile(): Promise<void>;
  /**
   * Takes the metrics of the customers held (a fresh worker's, after a crash or a Cancel) from
   * where they were saved: a session in IndexedDB, or a session file. False when that holds no
   * metrics for these customers.
   */
  restoreMetrics(from: { session: string } | { file: ReadableFile }): Promise<boolean>;
  /** A copy of the metrics held (transferred), for the page to keep when no session can keep them. */
  metricsCopy(): Promise<MetricTable | null>;
  /**
   * Scores and segments the held customers with the settings (RFM scores, segments, value
   * bands, lifecycle, rule segments): per-customer arrays transferred, summaries small. Only
   * settings cross, never the table; what the changed settings do not touch is reused. Settings
   * that cannot be used come back as problems.
   */
  segmentModel(settings: SegmentSettings): Promise<ModelOutcome<SegmentModelView>>;
  /**
   * The analyst's clusters (codes and the names given them), offered to rules as the "Cluster"
   * field; null when there are none. The next segment model evaluates rules with them.
   */
  setCluster(cluster: ClusterColumn | null): Promise<void>;
  /** How many customers a rule selects under the settings: the rule builder's live count. */
  countRule(rule: unknown, settings: SegmentSettings): Promise<ModelOutcome<{ count: number; revenue: number }>>;
  /** Profiles of one segmentation (see profileSegmentation); `cluster` when it is the clusters. */
  profileSegments(settings: SegmentSettings, by: SegmentationKey, cluster?: Segmentation | null): Promise<ModelOutcome<SegmentProfile[]>>;
  /** Customers by two segmentations or text attributes (country × RFM segment). */
  crossTabSegments(settings: SegmentSettings, rows: SegmentationKey, columns: SegmentationKey, cluster?: Segmentation | null): Promise<ModelOutcome<CellCrossTab>>;
  /** RFM scores and every customer's classic RFM segment (typed arrays, transferred). */
  scoreRfm(settings: RfmSettings): Promise<ScoredCustomers>;
  /**
   * k-means on the held customers with the given features, scaling, seed and k, described in
   * original units, and compared with the RFM segments of the segment model of `segments` (the
   * analyst's map; the classic map with 5 scores when null or unusable). Input that cannot be
   * clustered comes back as `{ ok: false, problems }`.
   */
  cluster(settings: ClusterSettings, segments: SegmentSettings | null): Promise<ClusterOutcome<CustomerClustering>>;
  /** k-means for k = 2..10 with inertia and silhouette, and a suggested k with the reason. */
  sweepK(settings: SweepSettings, onProgress?: (fraction: number) => void): Promise<ClusterOutcome<KSweep>>;
  /**
   * Reads a customer attributes file and joins it to the held customers by id (the age on
   * `analysisDay` is derived from a birth date). The joined columns stay in the worker, for the
   * export, profiles and rules; the summary says what matched, both ways.
   */
  setAttributes(file: ReadableFile, fileName: string, analysisDay: number): Promise<Outcome<AttributeSummary>>;
  clearAttributes(): Promise<void>;
  /**
   * Fits the lifetime-value models on the held customers' purchase days (BG/NBD and Pareto/NBD on
   * the calibration period with their backtests, the chosen one on all purchases, Gamma-Gamma)
   * and predicts every customer. The per-customer figures stay here, for rules, segmentations and
   * the export (the next segment model includes them); the answer is the small view. Settings
   * that cannot be used, or a table without its transactions, come back as problems; model
   * failures are inside the view.
   */
  lifetimeValue(settings: ClvSettings, onProgress?: (fraction: number) => void): Promise<ModelOutcome<LifetimeValueView>>;
  /**
   * Gives a fresh worker (after a cancel or a crash) the lifetime-value figures the last one held:
   * the per-customer columns are computed again from the fitted models, without fitting.
   */
  restoreLifetimeValue(settings: ClvSettings, fits: ClvFits): Promise<void>;
  /** One CSV row per held customer (see customerCsvColumns), written in the worker. */
  exportCustomersCsv(request: CustomerCsvRequest): Promise<CustomerCsvFile>;
  /**
   * The segmentation of the settings as one SQL script for a warehouse (see segmentationSql),
   * written in the worker from the model; problems (a rule segment on a field SQL does not
   * compute, settings that cannot be used) come back as values.
   */
  exportSql(request: SqlExportRequest): Promise<ModelOutcome<string>>;
  /**
   * One field of the customer table (any number or text field rules can use: metrics, scores,
   * segments, attributes) for the model of the settings, transferred: the scatter's axes and
   * colours. Null when the model has no such field.
   */
  fieldColumn(settings: SegmentSettings, id: string): Promise<ModelOutcome<FieldColumn | null>>;
  /**
   * The selected customers (1 in `selected`) sorted by a field or by 'id' (see orderSelected),
   * as customer indices, transferred: the order of the selection's table.
   */
  orderSelected(settings: SegmentSettings, selected: Uint8Array, by: string, descending: boolean): Promise<ModelOutcome<Uint32Array>>;
}

/** A result of the segment model, or the reasons the settings or rule cannot be used. */
export type ModelOutcome<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** What the customers CSV holds besides the customer table: the segment model, and clusters when there are. */
export interface CustomerCsvRequest {
  settings: SegmentSettings;
  /** Written as the `cluster` column: per customer a code into `names` (the analyst's names). */
  cluster?: { codes: Uint8Array; names: string[] };
  /** Only the customers with this code in this segmentation; all customers when absent. */
  only?: { by: SegmentationKey; code: number } | null;
  /** Only the customers with a 1 here (a selection made on the charts); wins over `only`. */
  selected?: Uint8Array | null;
  /** Start with a UTF-8 byte order mark, so Excel reads accents right. */
  bom?: boolean;
}

export interface CustomerCsvFile {
  /** A Blob of UTF-8 CSV text (declared structurally: the core has no DOM types). */
  file: ReadableFile;
  rows: number;
}
