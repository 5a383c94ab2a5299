import { transfer } from 'comlink';
import type { Table } from 'apache-arrow';
import {
  SegmentError,
  TransactionIngest,
  aggregateCustomers,
  buildPreview,
  cleanReadLines,
  lineBatchesOf,
  readLineBatchesInPlace,
  sessionLinesFromChunks,
  sessionLinesFromIpc,
  sessionLinesIpcPieces,
  formatDay,
  looksBinary,
  metricBuffers,
  metricTable,
  oneColumnProblem,
  packCustomers,
  transactionsThrough,
  transactionsToArrow,
} from '../src/core/index.ts';
import type {
  CleaningPolicy,
  SplitLines,
  LineColumns,
  LineNames,
  SessionLinesMeta,
  CustomerTable,
  CustomerColumns,
  Mapping,
  ReadLines,
  IngestApi,
  ImportPreview,
  IngestOutput,
  IngestSummary,
  TransactionColumns,
  IngestContext,
  IngestOptionsInput,
  IngestPart,
  IngestProgress,
  IngestResult,
  MetricTable,
  Outcome,
  ReadableFile,
  RowHashes,
  TextEncodingName,
  Utf8Values,
} from '../src/core/index.ts';
import { openSource } from './sources/open-source.ts';
import type { FileSource } from './sources/file-source.ts';
import { readChunks } from './sources/text-source.ts';
import { PAGE_PROGRESS_MS, throttleProgress } from './throttle-progress.ts';
import { nextTask } from '../src/bridge/next-task.ts';
import { PartStop, readPart } from './ingest-part-api.ts';
import { hashFileEnds } from '../src/persist/fingerprint-file.ts';
import { blobInSteps } from '../src/persist/blob-in-steps.ts';
import { deleteLineChunks, lineChunkBytes, lineChunksBlob, loadSessionLines, openSessionsDb, saveLineChunk, saveSessionLines, SessionStoreError, type LineChunks, type SessionsDb } from '../src/persist/sessions-db.ts';

/**
 * Lines per record batch when a session's lines are written, and so per stored chunk: 15-24 MB
 * of bytes (29-45 a line), which bounds the copy made for each.
 */
const LINE_BATCH_ROWS = 1 << 19;

/**
 * Stores lines given in batches as the chunks of a new key, one at a time: each batch's bytes go
 * to the browser's blob store (see blobInSteps) and are stored before the next batch is asked
 * for, which may write over it (see readLineBatchesInPlace); so no Blob or buffer of the whole
 * lines exists in this process. A failure deletes what was written.
 */
async function writeLineChunks(db: SessionsDb, batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): Promise<LineChunks> {
  const key = crypto.randomUUID();
  const written: LineChunks = { key, count: 0, bytes: 0, lines: 0 };
  try {
    for (const { pieces, batch } of sessionLinesIpcPieces(batches, names)) {
      const bytes = await blobInSteps(pieces);
      if (batch) written.lines += batch.length;
      if (bytes.size === 0) continue;
      await saveLineChunk(db, { key, index: written.count, bytes });
      written.count++;
      written.bytes += bytes.size;
    }
  } catch (e) {
    await deleteLineChunks(db, key).catch(() => {});
    throw e;
  }
  return written;
}

/** Runs `work` with the sessions database open, and closes it. */
async function withDb<T>(work: (db: SessionsDb) => Promise<T>): Promise<T> {
  const db = await openSessionsDb();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * The read lines as a Blob of Arrow IPC, grown batch by batch, each merged batch's bytes in the
 * browser's blob store before the next is merged over it (holding every batch to the end took
 * about 250 MB more at 10M lines).
 */
function linesBlob(split: SplitLines): Promise<Blob> {
  return blobOf(readLineBatchesInPlace(split, LINE_BATCH_ROWS), split);
}

async function blobOf(batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): Promise<Blob> {
  let bytes = new Blob([]);
  for (const { pieces } of sessionLinesIpcPieces(batches, names)) {
    bytes = new Blob([bytes, await blobInSteps(pieces)]);
  }
  return bytes;
}

/** The most bytes pushed into the ingest at once (the stream's chunks are rarely larger). */
const SLICE_BYTES = 4 << 20;

/**
 * Reads a later part of a text file somewhere else (another worker) from the first part's
 * context. `cancel` stops it when its result is not wanted; `stopAt` ends it early, at a line
 * start `offset` bytes into it, unless it is past it (see IngestPartApi.stopAt).
 */
export type PartReader = (
  file: ReadableFile,
  fileName: string,
  context: IngestContext,
  onProgress: (bytesRead: number) => void,
) => { result: Promise<IngestPart>; cancel: () => void; stopAt?: (offset: number) => Promise<boolean> };

export interface IngestApiOptions {
  /** The most bytes per chunk read; tests make it tiny to cut characters and records apart. */
  sliceBytes?: number;
  /** Reads the second half of large plain-text files in parallel; absent: one part only. */
  partReader?: PartReader;
  /** Files from this size on are read in two parts when a part reader is given. */
  parallelMinBytes?: number;
  /** The least left to read here for the part reader, once free, to take half of it (see readInParts). */
  stealMinBytes?: number;
  /**
   * Finds the rows whose hashes repeat in another worker (see TransactionIngest.finishWith):
   * the part reader's, idle once a file read in parts is read. Absent: here.
   */
  repeatedRows?: (hashes: RowHashes) => Promise<Int32Array>;
}

/** The first chunk of a file read in two parts: the other part starts once its header is read. */
const HEAD_SLICE_BYTES = 64 << 10;

/** Below this a second worker costs more to start than it saves. */
const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Below this left to read, the free worker does not take half of it. Taking 3 MB (about 55k
 * lines) spares this worker about 50 ms of reading. The part is not copied when joined (see
 * RowColumns.adopt): its cost is interning its ids, a few ms, and a small read to find a line
 * start. At 16 MB, a traced 5M-row import had the part worker idle while this one read its last
 * 11 MB in a task of 229 ms.
 */
const STEAL_MIN_BYTES = 6 << 20;
/** The offset just after the first line break at or after `from`, or -1. */
async function lineStartAfter(file: ReadableFile, from: number): Promise<number> {
  for (let at = from; at < file.size; at += 1 << 16) {
    const bytes = new Uint8Array(await file.slice(at, at + (1 << 16)).arrayBuffer());
    const i = bytes.indexOf(10);
    if (i >= 0) return at + i + 1 < file.size ? at + i + 1 : -1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (bytes: Uint8Array, encoding: TextEncodingName): string => (encoding === 'utf-8' ? utf8 : cp1252).decode(bytes);

/** Bytes of text read for the mapping step's preview. */
const PREVIEW_BYTES = 64 << 10;
/** Rows of a table format converted for the preview. */
const PREVIEW_ROWS = 100;

/** Decodes the head of a file (UTF-16 already transcoded): UTF-8, else Windows-1252. */
function decodeHead(bytes: Uint8Array): string {
  try {
    // Streaming, so a character cut at the end of the sample is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return cp1252.decode(bytes);
  }
}

/** The first `limit` bytes a source gives (or all of them when fewer). */
async function head(source: FileSource, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const { bytes } of source.chunks()) {
    parts.push(bytes);
    size += bytes.length;
    if (size >= limit) break;
  }
  const out = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const p of parts) {
    const take = p.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
    if (at >= out.length) break;
  }
  return out;
}

async function startsUtf16(file: ReadableFile): Promise<boolean> {
  const b = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

/** A later range of the file, read by another worker; `bytes` of it read so far. */
interface PartRead {
  from: number;
  to: number;
  read: ReturnType<PartReader>;
  /** Settled or cancelled; `ok`: read (a failed worker, out of memory say, is given no other part). */
  arrived: boolean;
  ok: boolean;
  bytes: number;
}

/**
 * Reads a text file cut at `cut` (a line start): the bytes before it are pushed into the ingest
 * here while another worker reads the rest, and the parts are joined in the file's order.
 *
 * The two halves rarely take the same time: on a busy machine one worker finished 0.4-0.8 s
 * before the other in runs of the 5M-row bench file. So when the other worker is done while
 * this one still has at least `stealMinBytes` to read, it takes the second half of what is left
 * here (cut at a line start), again while there is enough left. A part is joined only where the
 * bytes before it end on a record; one cut inside a quoted field is read here instead, as are the
 * parts after it, and so is a part whose worker failed. `firstRead` is called once this worker
 * has read its own bytes. Returns the bytes pushed or joined.
 */
async function readInParts(
  ingest: TransactionIngest,
  file: ReadableFile,
  cut: number,
  fileName: string,
  sliceBytes: number,
  partReader: PartReader,
  report: (bytesRead: number) => void,
  firstRead: () => unknown,
  stealMinBytes: number,
): Promise<number> {
  /** The parts after this worker's range, in the file's order. */
  const later: PartRead[] = [];
  let ownRead = 0;
  let pushed = 0;
  const progress = () => report(later.reduce((sum, p) => sum + p.bytes, ownRead));
  /** Starts reading a range as a part, put at `index` of `later`; `reader`: the other worker, or this one. */
  const start = (from: number, to: number, context: IngestContext, reader = partReader, index = 0): PartRead => {
    const part: PartRead = {
      from,
      to,
      arrived: false,
      ok: false,
      bytes: 0,
      read: reader(file.slice(from, to), fileName, context, (b) => {
        part.bytes = b;
        progress();
      }),
    };
    part.read.result.then(
      () => (part.ok = part.arrived = true),
      () => (part.arrived = true),
    );
    later.splice(index, 0, part);
    return part;
  };
  const inThisWorker: PartReader = (part, name, context, onProgress) => ({ result: readPart(part, name, context, onProgress, sliceBytes), cancel: () => {} });
  /** Reads a range here, after everything pushed or joined so far. */
  const readHere = async (from: number, to: number, onBytes: (bytesRead: number) => void) => {
    for await (const { bytes, bytesRead } of readChunks(file.slice(from, to), sliceBytes, { inPlace: true })) {
      ingest.push(bytes);
      pushed += bytes.length;
      onBytes(bytesRead);
      progress();
    }
  };
  try {
    let context: IngestContext | null = null;
    // The other part starts as soon as the header is read, inside the push that reads it.
    ingest.onContext((known) => {
      context = known;
      start(cut, file.size, known);
    });
    let at = 0;
    let end = cut;
    while (at < end) {
      // Where this range's reading stopped for the other worker to take part of what is left.
      let stopped = -1;
      const head = at === 0 ? { firstMaxBytes: Math.min(sliceBytes, HEAD_SLICE_BYTES) } : {};
      for await (const { bytes, bytesRead } of readChunks(file.slice(at, end), sliceBytes, { ...head, inPlace: true })) {
        ingest.push(bytes);
        pushed += bytes.length;
        ownRead = at + bytesRead;
        progress();
        // The file's reads may all resolve without a task in between: a message from the other
        // worker (its part read, its progress) is taken only at a task boundary.
        if (later.length > 0 && !later[0].arrived) await nextTask();
        if (later[0]?.ok && end - ownRead >= stealMinBytes) {
          stopped = ownRead;
          break;
        }
      }
      if (stopped < 0) break;
      at = stopped;
      const from = await lineStartAfter(file, at + Math.floor((end - at) / 2));
      if (from > at && from < end) {
        start(from, end, context!);
        end = from;
      } else stealMinBytes = Infinity;
    }
    // A header read after the cut is read here, with the rest: no part starts then.
    ingest.onContext(null);
    firstRead();
    // A file whose header was not read before the cut (a header of megabytes) is read here.
    if (later.length === 0) await readHere(cut, file.size, () => {});
    // Done first: this worker reads the second half of what the other has left, as a part of
    // its own joined after the other's (which is told to end where it begins).
    const running = later[0];
    if (running && !running.arrived && running.read.stopAt && context) {
      const left = running.to - running.from - running.bytes;
      const from = left >= stealMinBytes ? await lineStartAfter(file, running.from + running.bytes + Math.floor(left / 2)) : -1;
      if (from > running.from && from < running.to && (await running.read.stopAt(from - running.from))) {
        const part = start(from, running.to, context, inThisWorker, 1);
        running.to = from;
        await part.read.result.catch(() => null);
      }
    }
    let onRecord = ingest.atRecordBoundary();
    for (const part of later) {
      if (onRecord) {
        const result = await part.read.result.catch(() => null);
        // The last part ends with the file; any other is joined only if it ends on a record.
        if (result && (result.endsOnRecord || part.to === file.size)) {
          ingest.mergePart(result);
          pushed += part.to - part.from;
          continue;
        }
      }
      part.read.cancel();
      part.arrived = true;
      part.bytes = 0;
      await readHere(part.from, part.to, (b) => (part.bytes = b));
      onRecord = ingest.atRecordBoundary();
    }
    return pushed;
  } finally {
    for (const part of later) if (!part.arrived) part.read.cancel();
  }
}

function emptyProblem(fileName: string, source: FileSource | null): Outcome<never> {
  const where = source?.sheet !== undefined ? `The sheet "${source.sheet}" of "${fileName}"` : `"${fileName}"`;
  return { ok: false, problem: { code: 'empty-file', message: `${where} is empty: there is nothing to read.` } };
}

/**
 * The ingest worker's API as a plain object, so the Node tests can expose it over a
 * MessageChannel exactly as the worker does over its global scope.
 */
/** Lines held in place of a file: a saved session's, or a session file's (`keptAs`: the session they were then saved with). */
interface HeldLines {
  sessionId: string;
  keptAs?: string;
  lines: ReadLines;
  meta: SessionLinesMeta;
  /** Their bytes for a session file: the stored chunks joined, or the session file's own. */
  bytes: () => Promise<Blob>;
  /** A session file's lines as their check cleaned them, for the open that follows (with that policy, as JSON). */
  checked?: { policy: string; out: IngestOutput };
}

export function createIngestApi({ sliceBytes = SLICE_BYTES, partReader, parallelMinBytes = PARALLEL_MIN_BYTES, stealMinBytes = STEAL_MIN_BYTES, repeatedRows }: IngestApiOptions = {}): IngestApi {
  // The transaction table stays here, in the worker; only the customer table crosses.
  let transactions: Table | null = null;
  let metrics: Promise<MetricTable> | null = null;
  /** Makes the metrics of the last answer, until they are asked for (see answer). */
  let startMetrics: (() => void) | null = null;
  /**
   * How the last answer's metrics are made, by its id (IngestResult.metricsId): made again for a
   * fresh analysis worker, as the page keeps no copy of them (85 MB at 10M lines). Dropped with
   * the transactions they come from.
   */
  let remake: { id: number; make: () => MetricTable } | null = null;
  let answers = 0;
  /** The last file read: cut again at another analysis date without reading it again. */
  let held: IngestOutput | null = null;
  /** {@link hashFileEnds} of the file held, for the fingerprint; null when it could not be read. */
  let heldHash: string | null = null;
  /** Counts the reads: the id of the read held. */
  let reads = 0;
  let heldRead = 0;
  /** A saved session's lines held in place of a file (see openSessionLines). */
  let saved: HeldLines | null = null;
  /** A session file's lines, checked and kept until they are opened (see checkFileLines). */
  let fileLines: HeldLines | null = null;
  /** The chunks the lines of the read held were saved as, for a session file of that read. */
  let savedRead: { readId: number; chunks: LineChunks } | null = null;
  const named = (s: HeldLines | null, id: string): s is HeldLines => s !== null && (s.sessionId === id || s.keptAs === id);

  /** Loads a session's lines from IndexedDB, unless they are held already. */
  async function sessionLines(sessionId: string): Promise<HeldLines | string> {
    if (named(saved, sessionId)) return saved;
    if (named(fileLines, sessionId)) return fileLines;
    const damaged = (e: unknown) =>
      e instanceof SessionStoreError ? e.message : `The saved transactions of this session are damaged (${e instanceof Error ? e.message : String(e)}); its analysis is still here. Open its file again to change how it is cleaned or its analysis date.`;
    try {
      return await withDb(async (db): Promise<HeldLines | string> => {
        const record = await loadSessionLines(db, sessionId);
        if (!record) return 'This session was saved without its transactions (by an older version, or from a session file): open its file again to change how it is cleaned or its analysis date.';
        const meta = { summary: record.summary, mapping: record.mapping };
        if (record.format === 2) {
          const { chunks } = record;
          let lines: ReadLines;
          try {
            lines = await sessionLinesFromChunks(lineChunkBytes(db, chunks), chunks.lines);
          } catch (e) {
            return damaged(e);
          }
          // Deleted meanwhile (in another tab, say): made again from the lines held.
          const bytes = () => withDb((d) => lineChunksBlob(d, chunks)).catch(() => blobOf(lineBatchesOf(lines, LINE_BATCH_ROWS), lines));
          return { sessionId, lines, meta, bytes };
        }
        // Saved by version 3 as one record.
        let lines: ReadLines;
        try {
          lines = sessionLinesFromIpc(record.lines);
        } catch (e) {
          return damaged(e);
        }
        const bytes = record.lines as Uint8Array<ArrayBuffer>;
        return { sessionId, lines, meta, bytes: () => blobInSteps([bytes]) };
      });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** Holds a session's lines cleaned with `cleaning` as the read that window() cuts. */
  function holdSessionLines(s: HeldLines, cleaning: Partial<CleaningPolicy>): IngestOutput {
    // Opening a session file: its check has just cleaned the lines this way; not twice.
    const checked = s.checked?.policy === JSON.stringify(cleaning) ? s.checked.out : null;
    s.checked = undefined;
    const out = checked ?? cleanReadLines(s.lines, s.meta, cleaning);
    transactions = null;
    metrics = null;
    startMetrics = null;
    remake = null;
    heldHash = null;
    saved = s;
    held = out;
    heldRead = ++reads;
    return out;
  }

  /**
   * Answers with the customer table; the metrics that need the transactions (gaps, returns,
   * channels...) and the Arrow transaction table of a file just read are made when first asked
   * for (see metrics()): the page asks once the scatter has its first picture, so they do not
   * take a core while the table is scored and the workspace mounts.
   */
  /** `packedIds`: the customer ids packed already (see IngestOutput.packedCustomerIds), or null to pack them here. */
  function answer(read: IngestOutput, customers: CustomerTable, summary: IngestSummary, lines: () => TransactionColumns, linesAgain = lines, packedIds: Utf8Values | null = null): Outcome<IngestResult> {
    const metricsId = ++answers;
    // `linesAgain`, not `lines`: a cut at another date is made again when asked, not kept beside the read.
    remake = { id: metricsId, make: () => metricTable(linesAgain(), customers, summary.analysisDay) };
    const mine = new Promise<MetricTable>((resolve, reject) => {
      startMetrics = () => {
        startMetrics = null;
        try {
          const tx = lines();
          // Unless another file was read meanwhile.
          if (held === read && !transactions) transactions = transactionsToArrow(read.transactions);
          resolve(metricTable(tx, customers, summary.analysisDay));
        } catch (e) {
          reject(e);
        }
      };
    });
    metrics = mine;
    // A failure is answered by metrics(); it is not also an unhandled rejection here.
    mine.catch(() => {});
    const c = customers;
    // Copies cross (transferred): the columns here are still needed for the metrics.
    const p = packCustomers(c, packedIds);
    const packed: CustomerColumns = { ...p, firstDay: p.firstDay.slice(), lastDay: p.lastDay.slice(), frequency: p.frequency.slice(), monetary: p.monetary.slice() };
    const value: IngestResult = { customers: packed, summary, fileHash: heldHash, readId: heldRead, metricsId };
    const buffers = [packed.ids.data.buffer, packed.ids.offsets.buffer, packed.firstDay.buffer, packed.lastDay.buffer, packed.frequency.buffer, packed.monetary.buffer];
    return transfer({ ok: true, value }, buffers);
  }

  return {
    async ingest(file, fileName, onProgress?: (p: IngestProgress) => void, settings: IngestOptionsInput = {}): Promise<Outcome<IngestResult>> {
      transactions = null;
      metrics = null;
      startMetrics = null;
      remake = null;
      held = null;
      heldHash = null;
      saved = null;
      fileLines = null;
      savedRead = null;
      const { sheet, ...options } = settings;
      const ingest = new TransactionIngest({ ...options, fileName, bytes: file.size, decode });
      try {
        // A large plain-text file is cut at a line break near its middle; the second half is read
        // by another worker from the first half's context, and joined here. The three small reads
        // this takes go out together (each is a round trip to the browser's file reader).
        const splittable = partReader !== undefined && file.size >= parallelMinBytes;
        const [source, utf16, middle] = await Promise.all([
          openSource(file, fileName, { sliceBytes, ...(sheet !== undefined ? { sheet } : {}) }),
          splittable ? startsUtf16(file) : false,
          splittable ? lineStartAfter(file, Math.floor(file.size / 2)) : -1,
        ]);
        const cut = source.format === 'text' && !utf16 ? middle : -1;
        const report = throttleProgress(file.size, (bytesRead) => onProgress?.({ bytesRead, bytesTotal: file.size, rows: ingest.rowsRead }), PAGE_PROGRESS_MS);
        // The fingerprint's hash reads the file's first and last MiB, once this worker has read its
        // part: started first, its two reads competed with the file's own first reads. It is not
        // needed for the first picture, but awaited before the answer; started only after the
        // read, it waited behind the join and finish() (synchronous) and then still had its reads
        // and digest to do: 35-190 ms at 5M rows. Started before, they run meanwhile.
        let hashing: Promise<string | null> | null = null;
        const startHash = () => (hashing ??= hashFileEnds(file).catch(() => null));
        let pushed = 0;
        if (cut < 0) {
          for await (const { bytes, bytesRead } of source.chunks()) {
            ingest.push(bytes);
            pushed += bytes.length;
            report(bytesRead);
          }
        } else {
          pushed = await readInParts(ingest, file, cut, fileName, sliceBytes, partReader!, report, startHash, stealMinBytes);
        }
        // An empty sheet of a workbook that is not empty: say which sheet.
        if (pushed === 0 && source.sheet !== undefined) return emptyProblem(fileName, source);
        // The hash is read here, so the page never holds the file's bytes; the hashing itself is native.
        const hashed = startHash();
        // A file read in parts has a worker idle now to search its duplicates.
        const out = cut >= 0 && repeatedRows ? await ingest.finishWith(repeatedRows) : ingest.finish();
        if (source.utf16) out.summary.encoding = 'utf-16';
        const hash = await hashed;
        held = out;
        heldHash = hash;
        heldRead = ++reads;
        return answer(out, out.customers, out.summary, () => out.transactions, undefined, out.packedCustomerIds?.() ?? null);
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
    },
    async preview(file, fileName, sheet?: string) {
      if (file.size === 0) return emptyProblem(fileName, null);
      let source: FileSource;
      let bytes: Uint8Array;
      try {
        const options = { sliceBytes: Math.min(sliceBytes, PREVIEW_BYTES), maxRows: PREVIEW_ROWS };
        source = await openSource(file, fileName, { ...options, ...(sheet !== undefined ? { sheet } : {}) });
        bytes = await head(source, PREVIEW_BYTES);
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
      if (bytes.length === 0) return emptyProblem(fileName, source);
      if (looksBinary(bytes)) {
        return { ok: false, problem: { code: 'binary-file', message: `"${fileName}" is not a text file (it contains binary data). Export the data as CSV and try again.` } };
      }
      let preview: ImportPreview;
      try {
        preview = buildPreview(fileName, decodeHead(bytes));
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
      if (preview.header.length === 0) return emptyProblem(fileName, source);
      if (preview.header.length === 1) return { ok: false, problem: oneColumnProblem(fileName, preview.header[0]) };
      preview.format = source.format;
      if (source.sheets) preview.sheets = source.sheets;
      if (source.sheet !== undefined) preview.sheet = source.sheet;
      return { ok: true, value: preview };
    },
    async window(analysisDay) {
      const read = held;
      if (!read) return null;
      const day = analysisDay ?? read.summary.lastDay + 1;
      const { transactions: tx, linesAfter } = transactionsThrough(read.transactions, day);
      const agg = aggregateCustomers(tx);
      if (agg.customers.n === 0) {
        return { ok: false, problem: { code: 'no-valid-rows', message: `No purchase in "${read.summary.fileName}" is dated on or before ${formatDay(day)}: choose a later analysis date.` } };
      }
      const summary: IngestSummary = {
        ...read.summary,
        customers: agg.customers.n,
        customersWithoutPurchase: agg.customersWithoutPurchase,
        orders: agg.orders,
        revenue: agg.revenue,
        returnLines: agg.returnLines,
        analysisDay: day,
        linesAfterAnalysisDay: linesAfter,
      };
      return answer(read, agg.customers, summary, () => tx, () => transactionsThrough(read.transactions, day).transactions);
    },
    async metrics() {
      if (!metrics) return null;
      startMetrics?.();
      const table = await metrics;
      return transfer(table, metricBuffers(table));
    },
    async remakeMetrics(metricsId) {
      if (!remake || remake.id !== metricsId) return null;
      const table = remake.make();
      return transfer(table, metricBuffers(table));
    },
    async saveSessionLines(sessionId, readId, mapping) {
      const read = held;
      if (!read || heldRead !== readId || !read.readLines) {
        return { ok: false, code: 'out-of-step', message: 'Another file was read meanwhile; its own session keeps its lines.' };
      }
      try {
        const split = read.readLines();
        const chunks = await withDb(async (db) => {
          // Merged from the kept and left-out lines batch by batch, each freed once stored.
          const written = await writeLineChunks(db, readLineBatchesInPlace(split, LINE_BATCH_ROWS), split);
          // The summary of the read itself, not of a cut at another analysis date.
          if (await saveSessionLines(db, { id: sessionId, format: 2, summary: read.summary, mapping, chunks: written })) return written;
          await deleteLineChunks(db, written.key);
          return null;
        });
        if (!chunks) return { ok: false, code: 'missing', message: 'The session was deleted meanwhile.' };
        if (held === read) savedRead = { readId, chunks };
        return { ok: true, bytes: chunks.bytes };
      } catch (e) {
        if (e instanceof SessionStoreError) return { ok: false, code: e.code, message: e.message };
        return { ok: false, code: 'failed', message: `The transactions could not be saved with the session (${e instanceof Error ? e.message : String(e)}). The analysis itself is saved.` };
      }
    },
    async sessionFileLines(source, mapping) {
      if ('sessionId' in source) {
        const s = named(saved, source.sessionId) ? saved : named(fileLines, source.sessionId) ? fileLines : null;
        if (!s) return null;
        return { lines: await s.bytes(), meta: s.meta };
      }
      const read = held;
      if (saved || !read || heldRead !== source.readId || !read.readLines || !mapping) return null;
      const meta = { summary: read.summary, mapping };
      // The lines saved with the session already: their chunks, joined by the browser, not made again.
      const stored = savedRead?.readId === source.readId ? savedRead.chunks : null;
      if (stored) {
        const lines = await withDb((db) => lineChunksBlob(db, stored)).catch(() => null);
        if (lines) return { lines, meta };
      }
      return { lines: await linesBlob(read.readLines()), meta };
    },
    async checkFileLines(token, bytes, meta) {
      fileLines = null;
      try {
        const lines = sessionLinesFromIpc(new Uint8Array(await bytes.arrayBuffer()));
        // Checked as a cleaning would use them, so a damaged file is refused before it is shown.
        const out = cleanReadLines(lines, meta, meta.summary.cleaningPolicy);
        const checked = { policy: JSON.stringify(meta.summary.cleaningPolicy), out };
        fileLines = { sessionId: token, lines, meta, bytes: async () => bytes as Blob, checked };
        return { ok: true, lines: lines.length };
      } catch (e) {
        return { ok: false, message: `its transactions cannot be read (${e instanceof SegmentError ? e.problem.message : e instanceof Error ? e.message : String(e)})` };
      }
    },
    async keepFileLines(token, sessionId) {
      const s = named(saved, token) ? saved : named(fileLines, token) ? fileLines : null;
      if (!s) return { ok: false, code: 'out-of-step', message: 'Another file was read meanwhile; its own session keeps its lines.' };
      try {
        const chunks = await withDb(async (db) => {
          // Written from the lines held (views, nothing copied), in chunks as a read's are.
          const written = await writeLineChunks(db, lineBatchesOf(s.lines, LINE_BATCH_ROWS), s.lines);
          if (await saveSessionLines(db, { id: sessionId, format: 2, summary: s.meta.summary, mapping: s.meta.mapping, chunks: written })) return written;
          await deleteLineChunks(db, written.key);
          return null;
        });
        if (!chunks) return { ok: false, code: 'missing', message: 'The session was deleted meanwhile.' };
        s.keptAs = sessionId;
        return { ok: true, bytes: chunks.bytes };
      } catch (e) {
        if (e instanceof SessionStoreError) return { ok: false, code: e.code, message: e.message };
        return { ok: false, code: 'failed', message: `The transactions could not be saved with the session (${e instanceof Error ? e.message : String(e)}). The analysis itself is saved.` };
      }
    },
    async openSessionLines(sessionId, policy) {
      const s = await sessionLines(sessionId);
      if (typeof s === 'string') return { ok: false, message: s };
      try {
        holdSessionLines(s, policy);
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      // The metrics came with the session's table: none are worked out here.
      metrics = null;
      startMetrics = null;
      remake = null;
      return { ok: true, lines: s.lines.length };
    },
    async cleanSessionLines(sessionId, cleaning) {
      const s = await sessionLines(sessionId);
      if (typeof s === 'string') return { ok: false, problem: { code: 'read-failed', message: s } };
      try {
        const out = holdSessionLines(s, cleaning);
        return answer(out, out.customers, out.summary, () => out.transactions, undefined, out.packedCustomerIds?.() ?? null);
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
    },
    async transactionCount() {
      startMetrics?.();
      await metrics?.catch(() => null);
      return transactions?.numRows ?? 0;
    },
  };
}
