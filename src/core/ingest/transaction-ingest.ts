import { SegmentError } from '../errors.ts';
import { aggregateLineSpans, buyersAndRevenue } from '../metrics/aggregate-customers.ts';
import type { CleaningPolicy, CodeColumn, CostCellReason, IngestSummary, Mapping, TransactionColumns } from '../types.ts';
import { ByteDictionary } from './bytes/byte-dictionary.ts';
import { DATE_READING_LABELS, DateColumn, NO_DAY, type DateReading } from './bytes/date-column.ts';
import { numberRead, readNumberBytes, type NumberStyle } from './bytes/parse-number-bytes.ts';
import { FieldKind, RecordScanner, unescapeQuotes, type RecordView } from './bytes/record-scanner.ts';
import { sniffDelimiter } from './csv-tokenizer.ts';
import { RowColumns, type HashPieces, type RowSpan } from './row-columns.ts';
import { narrowCodes } from './narrow-codes.ts';
import { releaseBuffers } from '../release-buffers.ts';
import { confirmRepeatsInSpans, repeatedRows, type DuplicateKey } from './find-duplicates.ts';
import type { IngestContext, IngestOptions, IngestOutput, IngestPart, TextEncodingName } from './ingest-types.ts';
import { NON_POSITIVE_PRICE, NON_PRODUCT, RETURN, applyCleaning, compaction, defaultCleaning, excludedBits, markDuplicates, type Cleaning } from './cleaning-rules.ts';
import { leftOutLines, type LineColumns, type SplitLines } from './read-lines.ts';
import { concat, hasDigit, isAscii, stripFloatZeros } from './bytes/byte-text.ts';
import { guessMapping } from './guess-mapping.ts';
import { sniffNumberStyle } from './sniff-number-style.ts';
import { COST_CELL_LABELS, SkipCounter } from './skip-counter.ts';
import { DEFAULT_MISSING_MARKERS, MissingMarkers } from './missing-markers.ts';
import { clipText, looksBinary } from './file-shape-problems.ts';

const SPACE = 32;
/** Rows read before the order ids' bytes are reserved (see reserveOrderBytes). */
const ORDER_SAMPLE_ROWS = 50_000;
/** Bytes of the file's head the delimiter and number style are sniffed from. */
const SAMPLE_BYTES = 65536;
const TAB = 9;

/**
 * Builds the transaction table from the bytes of a delimited text file pushed in chunks.
 * The bytes are scanned for field boundaries and only the mapped columns are parsed, straight
 * from the bytes into typed columns; ids are interned by their bytes, and strings exist only
 * for distinct values. Dates are read per cell and resolved from the whole column at the end.
 * Expected problems are thrown as {@link SegmentError}.
 */
export class TransactionIngest {
  private scanner: RecordScanner | null = null;
  private header: string[] | null = null;
  private headerBytes: Uint8Array[] = [];
  private mapping: Mapping | null = null;
  private need = 0;
  private style: NumberStyle | null;
  private encoding: TextEncodingName = 'utf-8';
  private readonly customers = new ByteDictionary(4096, 'numbered');
  private readonly orders = new ByteDictionary(4096);
  private readonly categories = new ByteDictionary(64, 'few');
  private readonly channels = new ByteDictionary(16, 'few');
  private dates = new DateColumn(4096);
  /** Set with the mapping, before the first data row. */
  private cols: RowColumns = new RowColumns({ quantity: false, order: false, category: false, channel: false, cost: false }, 0);
  private readonly skips = new SkipCounter();
  /** Cost cells that give no cost: the row stays (its revenue is sound), its cost counts as 0. */
  private readonly costCells = new SkipCounter<CostCellReason['code']>(COST_CELL_LABELS);
  private reserved = false;
  /** Order ids the room was reserved for (see reserve), until their bytes are reserved too. */
  private orderRoom = 0;
  private delimiter = ',';
  private dataRows = 0;
  private pendingHead: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingLines = 0;
  private sample = '';
  /** An unclosed quote found by a merged part, for the summary. */
  private partUnclosedQuote: number | null = null;
  private partRepairedQuotes = 0;
  /** Told the context once the header is read (see onContext). */
  private contextReady: ((context: IngestContext) => void) | null = null;
  /** The first NUL byte found in a record, and how many records hold one. */
  private nul: { row: number; column: string; rows: number } | null = null;
  private readonly markers: readonly string[];
  private readonly missing: MissingMarkers;
  /** Rows kept without an order id (empty or a marker): they share one order per customer. */
  private missingOrders = 0;

  constructor(private readonly options: IngestOptions) {
    this.style = options.numberStyle ?? null;
    const c = options.continuation;
    this.markers = c?.missingMarkers ?? options.missingMarkers ?? DEFAULT_MISSING_MARKERS;
    this.missing = new MissingMarkers(this.markers);
    if (c) {
      this.delimiter = c.delimiter;
      this.header = c.header;
      this.style = c.style;
      this.useMapping(c.mapping);
      this.scanner = new RecordScanner(c.delimiter.charCodeAt(0), (r) => this.onRecord(r));
    }
  }

  /** How this file reads, once its header is in: what a parallel part needs to start. */
  context(): IngestContext | null {
    if (!this.header || !this.mapping || !this.style) return null;
    return { delimiter: this.delimiter, header: this.header, mapping: this.mapping, style: this.style, missingMarkers: this.markers };
  }

  /**
   * Calls `ready` once with the {@link context}, as soon as it is known: at once when it is, else
   * as the header is read, inside the push that reads it, before the rest of that chunk. A part
   * read in parallel then starts without waiting for the head of the file to be parsed: the first
   * chunk (64 KB, 1,255 rows of the bench's file) took 80 ms in the ingest worker, cold, with the
   * page busy beside it. Null takes back a callback not called yet.
   */
  onContext(ready: ((context: IngestContext) => void) | null): void {
    const known = this.context();
    this.contextReady = known ? null : ready;
    if (known && ready) ready(known);
  }

  /**
   * True when the bytes pushed so far end exactly at the end of a record. A file cut for
   * parallel reading must be cut there: a cut inside a quoted field would misread the rest.
   */
  atRecordBoundary(): boolean {
    return this.scanner !== null && this.pendingHead.length === 0 && !this.scanner.hasCarry;
  }

  /**
   * Ends a continuation part and hands over its raw columns: views of this part's storage, not
   * copies (transferring them moves the buffers); this ingest is done with once they are taken.
   */
  finishPart(): IngestPart {
    const endsOnRecord = this.atRecordBoundary();
    this.scanner?.finish();
    return {
      records: this.scanner?.records ?? 0,
      endsOnRecord,
      dataRows: this.dataRows,
      unclosedQuoteRecord: this.scanner?.unclosedQuoteRecord ?? null,
      repairedQuoteRows: this.scanner?.repairedRecords ?? 0,
      nul: this.nul,
      skipped: this.skips.list(),
      costCells: this.costCells.list(),
      missingOrders: this.missingOrders,
      customers: this.customers.exportValues(),
      orders: this.orders.exportValues(),
      categories: this.categories.exportValues(),
      channels: this.channels.exportValues(),
      dates: this.dates.exportRaw(),
      ...this.cols.views(),
    };
  }

  /**
   * Joins a later part of the file, read in parallel, after everything pushed here: its ids are
   * interned into these dictionaries, its rows renumbered to follow these. Parts are joined in
   * the file's order, each where the bytes pushed or joined so far end (on a record: see
   * {@link atRecordBoundary} and IngestPart.endsOnRecord). Call before finish().
   *
   * The part's columns are kept as they came, a piece after the rows read here (see
   * RowColumns.adopt): the customer table is made from the pieces, and they are copied into one
   * run only when the transaction table is first read, after the customer table is out.
   *
   * Its ids are interned and its codes translated only when its rows are next needed: by finish(),
   * once the rows' hashes are handed to the duplicates' search (see finishWith), or by a push of
   * rows that go after it. That work (100-140 ms at 5M rows in Chromium) held up the search, in
   * another worker, which was then the longer of the two ways to the answer in some runs.
   */
  mergePart(part: IngestPart): void {
    const rowOffset = this.scanner?.records ?? 0;
    this.scanner?.skipRecords(part.records);
    this.partsToAdopt.push({ part, rowOffset });
    this.skips.merge(part.skipped, rowOffset);
    this.costCells.merge(part.costCells, rowOffset);
    this.dataRows += part.dataRows;
    this.missingOrders += part.missingOrders;
    if (part.unclosedQuoteRecord !== null) this.partUnclosedQuote ??= part.unclosedQuoteRecord + rowOffset;
    this.partRepairedQuotes += part.repairedQuoteRows;
    if (part.nul) {
      if (this.nul) this.nul.rows += part.nul.rows;
      else this.nul = { ...part.nul, row: part.nul.row + rowOffset };
    }
  }

  /** Parts merged but not yet adopted (see mergePart), in the file's order. */
  private readonly partsToAdopt: Array<{ part: IngestPart; rowOffset: number }> = [];

  /** Interns the parts merged so far and takes their rows, after the rows so far (see mergePart). */
  private adoptParts(): void {
    for (const { part, rowOffset } of this.partsToAdopt.splice(0)) {
      // The parts' dictionaries are handed over: freed once read (see ByteDictionary.internAll).
      const maps = {
        customer: this.customers.internAll(part.customers, true),
        order: this.orders.internAll(part.orders, true),
        category: this.categories.internAll(part.categories, true),
        channel: this.channels.internAll(part.channels, true),
      };
      this.cols.adopt(part, maps, rowOffset);
      this.dates.adoptRaw(part.dates);
    }
  }

  /**
   * The hashes of every row, in row order (see RowColumns.takeHashes): the rows taken so far, then
   * the parts still to adopt, whose hashes are then no longer theirs.
   */
  private takeHashes(): RowHashes {
    const pieces = this.cols.takeHashes();
    for (const { part } of this.partsToAdopt) {
      pieces.push({ h1: part.hash1, h2: part.hash2 });
      part.hash1 = part.hash2 = new Int32Array(0);
    }
    return pieces;
  }

  /** Data rows read so far (header excluded), for progress. */
  get rowsRead(): number {
    return this.dataRows;
  }

  /** Reads the next bytes of the file. Nothing holds `chunk` after this returns: its buffer may be read into again. */
  push(chunk: Uint8Array): void {
    // Rows read after a part was joined (one whose bytes are read here after all) go after its rows.
    this.adoptParts();
    if (this.cols.hasPieces) this.joinPieces();
    if (this.scanner) {
      // Columns are sized from the first chunk after the header: not before the header is read,
      // so a part read in parallel can start without waiting for tens of MB to be allocated.
      if (!this.reserved) {
        this.reserved = true;
        this.reserve(chunk);
      }
      this.scanner.push(chunk);
      if (this.orderRoom > 0 && this.dataRows >= ORDER_SAMPLE_ROWS) this.reserveOrderBytes();
      return;
    }
    // Sniffing needs the first lines whole: hold back small chunks until a few lines are in.
    let lines = 0;
    for (let i = 0; i < chunk.length && lines < 2; i++) if (chunk[i] === 10) lines++;
    this.pendingLines += lines;
    this.pendingBytes += chunk.length;
    const ready = this.pendingLines >= 2 || this.pendingBytes >= SAMPLE_BYTES;
    // A chunk held for later is copied: the caller may read the next chunk into the same buffer.
    this.pendingHead.push(ready ? chunk : chunk.slice());
    if (ready) this.start();
  }

  /** Sniffs the file from its first bytes and starts scanning them. */
  private start(): void {
    let bytes = concat(this.pendingHead, this.pendingBytes);
    this.pendingHead = [];
    if (bytes.length === 0) return;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const head = bytes.subarray(0, SAMPLE_BYTES);
    if (looksBinary(head)) {
      throw new SegmentError({
        code: 'binary-file',
        message: `"${this.options.fileName}" is not a text file (it contains binary data). Export the data as CSV and try again.`,
      });
    }
    this.sample = this.decodeSample(head);
    this.delimiter = sniffDelimiter(this.sample);
    this.scanner = new RecordScanner(this.delimiter.charCodeAt(0), (r) => this.onRecord(r));
    this.scanner.push(bytes);
  }

  /** Notes a NUL byte in the record, by row and column, for the summary. */
  private findNul(v: RecordView): void {
    const at = v.bytes.subarray(v.recordStart, v.recordEnd).indexOf(0);
    if (at < 0) return;
    let field = 0;
    while (field < v.count - 1 && v.end[v.first + field] < v.recordStart + at) field++;
    if (this.nul) this.nul.rows++;
    else this.nul = { row: v.record, column: clipText(this.header?.[field] ?? `column ${field + 1}`), rows: 1 };
  }

  /** Sizes the columns from the file size and the line length of the first chunk. */
  private reserve(head: Uint8Array): void {
    let lines = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 10) lines++;
    if (lines < 2 || head.length < 4096) return;
    const rows = Math.ceil((this.options.bytes / head.length) * lines * 1.05);
    if (rows > 50_000_000) return;
    this.cols.reserve(rows);
    this.dates.reserve(rows);
    // Order ids are mostly new ones, and rehashing millions of them costs more than the room.
    if (this.mapping?.order != null) {
      this.orderRoom = Math.ceil(rows / 2);
      this.orders.reserve(this.orderRoom);
    }
  }

  /**
   * Reserves the bytes of the order ids too, once enough rows are read to tell their length. The
   * store grew by doubling, each time into memory written for the first time (about 3 ms a MiB
   * on the machine measured) with everything so far copied: at 5M rows about 50 MB written for 15
   * MB of ids in the worker that reads the head of the file, and the join copied them all again.
   * Ids that count up grow longer further on: the longest so far is taken, with a margin.
   */
  private reserveOrderBytes(): void {
    const orders = this.orders;
    const longest = orders.size > 0 ? orders.bytesOf(orders.size - 1).length : 0;
    const perId = Math.max(orders.bytes / Math.max(1, orders.size), longest) * 1.2;
    orders.reserveBytes(Math.ceil(this.orderRoom * perId));
    this.orderRoom = 0;
  }

  /**
   * Ends the file and builds the result, in steps: the date column read as a whole, the rows with
   * a usable date, duplicates and the cleaning rules, the customer table, and the summary.
   */
  finish(): IngestOutput {
    const steps = this.finishing();
    const hashes = steps.next().value as RowHashes;
    const repeats = repeatedRows(hashes, undefined, () => releaseBuffers(...hashes.flatMap((p) => [p.h1, p.h2])));
    steps.next();
    return steps.next(repeats).value as IngestOutput;
  }

  /**
   * {@link finish}, with the rows whose hashes repeat found by `search`, in another worker: it is
   * given the hashes (theirs to transfer: this ingest reads them no more) as soon as the file is
   * read, and searches them while the dates, the cleaning rules and, when duplicates are kept,
   * the customer table are made here. The search reads every row: 200-300 ms at 5M rows, all of
   * it on a core that was idle once both parts of the file were read.
   */
  async finishWith(search: (hashes: RowHashes) => Promise<Int32Array>): Promise<IngestOutput> {
    const steps = this.finishing();
    const searching = search(steps.next().value as RowHashes);
    // Settled either way before it is awaited: a failure thrown by the steps meanwhile must not
    // leave the search's rejection unhandled.
    searching.catch(() => {});
    steps.next();
    return steps.next(await searching).value as IngestOutput;
  }

  /** The steps of {@link finish}: yields the rows' hashes, then asks for their repeats (see repeatedRows). */
  private *finishing(): Generator<RowHashes | 'repeats', IngestOutput, Int32Array | undefined> {
    this.endScanning();
    yield this.takeHashes();
    this.adoptParts();
    const dates = this.resolveDates();
    // The cells are read as days now: what is left of their raw column goes.
    this.dates.release();
    this.dates = new DateColumn(0);
    const encoding = this.settleEncoding();
    // Every value is in: the dictionaries are read from now on, never looked up.
    for (const dict of [this.customers, this.orders, this.categories, this.channels]) dict.seal();
    // Not `this.options` inside: the result outlives this ingest (the worker keeps it to cut at
    // another date), and a closure over `this` would keep every column read, reserve included.
    const decodeAs = this.options.decode;
    const decode = (b: Uint8Array) => decodeAs(b, encoding);
    const { lines, lineOf } = this.datedLines(dates);
    const policy: CleaningPolicy = { ...defaultCleaning(this.mapping!), ...this.options.cleaning };
    const cleaning = applyCleaning(policy, this.mapping!, lines.spans, lines.recordOf, true);
    const names = this.names(decode);
    // The customer table is aggregated over the rows the rules keep, in place; the transaction
    // table is compacted to those rows only when first read, after the customer table is out.
    // Duplicates kept change nothing in it: it is made while the duplicates are still searched.
    const customerIds = this.customers;
    const byCode = { customerCount: customerIds.size, customerIds: () => names.customerIds, orderCount: names.orderCount };
    const aggregate = () => aggregateLineSpans(byCode, lines.spans, cleaning.used === lines.length ? null : cleaning.kept);
    let agg = policy.duplicates === 'drop' ? null : aggregate();
    const repeats = yield 'repeats';
    this.markDuplicates(lines, lineOf, repeats!, cleaning, policy);
    agg ??= aggregate();
    const { steps: cleaningSteps, kept, used } = cleaning;
    const mask = used === lines.length ? null : kept;
    if (agg.customers.n === 0) {
      throw new SegmentError({ code: 'no-valid-rows', message: `No row in "${this.options.fileName}" is a purchase: every amount is zero or negative.` });
    }
    const beforeCleaning = mask === null ? { customers: agg.customers.n, revenue: agg.revenue } : buyersAndRevenue(lines.spans, this.customers.size);
    const { transactions, leftOut } = this.keptTransactions(this.joinedLines(lines), kept, used, names, encoding, decode);
    // The flags are complete now (duplicates and returns marked): with the policy they say
    // which line went where, so the read lines can be put back together (see readLineBatchesInPlace).
    // Kept as the runs they are, and joined only when the lines are first read back (for the
    // session's save, after the picture): copied here, they were 5 MB of memory written for the
    // first time before the first answer at 5M lines (14 ms in Node).
    const flagRuns = lines.spans.map((s) => s.flags);
    const flags = joinedOnce(flagRuns, lines.length);
    const bits = excludedBits(policy);
    // Record numbers and hashes were for the messages and the cleaning, now done; the flags stay.
    this.cols.releaseBookkeeping(flagRuns);
    this.cols = new RowColumns({ quantity: false, order: false, category: false, channel: false, cost: false }, 0);
    const summary: IngestSummary = {
      ...this.fileFacts(encoding, dates),
      rowsUsed: used,
      cleaning: cleaningSteps,
      cleaningPolicy: policy,
      beforeCleaning,
      customers: agg.customers.n,
      customersWithoutPurchase: agg.customersWithoutPurchase,
      orders: agg.orders,
      revenue: agg.revenue,
      returnLines: agg.returnLines,
      // Without rows left out by the rules, the days' range is that of the dates read.
      ...(mask === null ? analysisDays(dates.first, dates.last) : dayRange(lines.spans, mask)),
      linesAfterAnalysisDay: 0,
    };
    const output: IngestOutput = {
      get transactions() {
        return transactions();
      },
      customers: agg.customers,
      summary,
    };
    // Not enumerable (see readLines below). The customer table's ids as they cross to the page:
    // their bytes as read, when those are their UTF-8 text, without decoding a quarter of a
    // million ids and encoding them again (130 ms at 5M lines, before the picture).
    const codes = agg.codes;
    Object.defineProperty(output, 'packedCustomerIds', { value: () => (encoding === 'utf-8' ? customerIds.packValues(codes) : null) });
    // Not enumerable: two reads of the same file compare equal (a closure differs each time).
    Object.defineProperty(output, 'readLines', {
      value: (): SplitLines => {
        const k = transactions();
        // Named, not spread: a spread reads the order ids' getter, which decodes every order id
        // (about 70 MB of strings at 5M lines) for a save that writes their codes only.
        const kept: LineColumns = { length: k.length, customer: k.customer, day: k.day, amount: k.amount, order: k.order, quantity: k.quantity, category: k.category, channel: k.channel, cost: k.cost ?? null };
        return { customerIds: k.customerIds, rawCustomerIds: k.rawDictionaries?.customer, orderCount: k.orderCount, categoryNames: k.categoryNames, channelNames: k.channelNames, flags: flags(), excludedBits: bits, kept, excluded: leftOut() };
      },
    });
    return output;
  }

  /** Reads the last bytes; a file without a header or data rows is a problem. */
  private endScanning(): void {
    const { fileName } = this.options;
    if (!this.scanner) this.start();
    if (!this.scanner) throw new SegmentError({ code: 'empty-file', message: `"${fileName}" is empty: there is nothing to read.` });
    this.scanner.finish();
    if (!this.header) throw new SegmentError({ code: 'empty-file', message: `"${fileName}" is empty: there is nothing to read.` });
    if (this.dataRows === 0) {
      throw new SegmentError({ code: 'no-valid-rows', message: `"${fileName}" has a header but no data rows.`, row: 2 });
    }
  }

  /**
   * Decides how the date column reads, from the whole column (day/month or month/day when it
   * cannot tell: as asked, or the preferred one, with both ranges for the analyst), and counts
   * the cells that do not fit that reading as skipped rows.
   */
  private resolveDates(): ResolvedDates {
    const m = this.mapping!;
    const h = this.header!;
    const records = this.cols.records;
    const detected = this.dates.reading();
    let reading: DateReading | null = this.options.dateReading ?? detected.reading;
    let ambiguity: IngestSummary['dateAmbiguity'] = null;
    if (!this.options.dateReading && detected.ambiguous) {
      // Rare enough to read in one run: both readings are tried over the whole column.
      this.joinPieces();
      const dayFirst = this.dates.days('day-first');
      const monthFirst = this.dates.days('month-first');
      ambiguity = { dayFirst: [dayFirst.first, dayFirst.last], monthFirst: [monthFirst.first, monthFirst.last] };
      reading = this.options.preferDayFirst === false ? 'month-first' : 'day-first';
    }
    if (!reading) {
      for (let i = 0; i < this.cols.length; i++) this.skips.add('bad-date', records.of(i), h[m.date], 'no date format recognised');
      throw this.noValidRows();
    }
    const read = this.dates.takeDayPieces(reading);
    const rows = this.cols.length;
    if (read.bad > 0) {
      let i = 0;
      for (const days of read.days) {
        for (let k = 0; k < days.length; k++, i++) {
          if (days[k] === NO_DAY) this.skips.add('bad-date', records.of(i), h[m.date], `does not read as ${DATE_READING_LABELS[reading]}`);
        }
      }
    }
    if (rows === read.bad) throw this.noValidRows();
    return { reading, ambiguity, days: read.days, kept: rows - read.bad, first: read.first, last: read.last };
  }

  /**
   * The rows whose date fits the column's reading (usually all: then nothing is copied, and a
   * file read in parts stays in its pieces), their columns compacted in place otherwise: these
   * columns are not read again once the import is finished. `lineOf`, when rows were left out:
   * each row's index among those kept, or -1.
   */
  private datedLines({ days, kept }: ResolvedDates): { lines: Lines; lineOf: Int32Array | null } {
    const m = this.mapping!;
    const records = this.cols.records;
    const rows = this.cols.length;
    let spans = this.cols.lineSpans();
    if (kept === rows && spans.length === days.length) {
      return { lines: { length: rows, spans: spans.map((s, k) => lineSpan(m, s, days[k])), recordOf: (line) => records.of(line) }, lineOf: null };
    }
    // Rows are left out: compacted in one run.
    this.cols.joinPieces();
    spans = this.cols.lineSpans();
    const day = joinSpans(days, rows);
    const dated = new Uint8Array(kept === rows ? 0 : rows);
    let lineOf: Int32Array | null = null;
    let recordOf = (line: number) => records.of(line);
    if (kept < rows) {
      lineOf = new Int32Array(rows);
      // Each kept line's row before the compaction, for its record number.
      const rowOf = new Int32Array(kept);
      for (let i = 0, at = 0; i < rows; i++) {
        dated[i] = day[i] === NO_DAY ? 0 : 1;
        if (dated[i]) rowOf[at] = i;
        lineOf[i] = dated[i] ? at++ : -1;
      }
      recordOf = (line) => records.of(rowOf[line]);
    }
    const datedOnly = compaction(dated, kept);
    const s = spans[0];
    const one: RowSpan = {
      at: 0,
      length: kept,
      customer: datedOnly(s.customer),
      amount: datedOnly(s.amount),
      quantity: m.quantity === null ? s.quantity : datedOnly(s.quantity),
      order: m.order === null ? s.order : datedOnly(s.order),
      category: m.category === null ? s.category : datedOnly(s.category),
      channel: m.channel === null ? s.channel : datedOnly(s.channel),
      cost: hasCost(m) ? datedOnly(s.cost) : s.cost,
      flags: datedOnly(s.flags),
    };
    return { lines: { length: kept, spans: [lineSpan(m, one, datedOnly(day))], recordOf }, lineOf };
  }

  /**
   * The lines' columns in one run, for the transaction table: the pieces of a file read in parts
   * are copied into the room after the rows read here (see RowColumns.joinPieces) when this is
   * first called, after the customer table is made. Not `this` inside (see finishing).
   */
  private joinedLines(lines: Lines): () => LineSpan {
    if (lines.spans.length === 1) {
      const only = lines.spans[0];
      return () => only;
    }
    const cols = this.cols;
    const m = this.mapping!;
    const n = lines.length;
    let days: Int32Array[] | null = lines.spans.map((s) => s.day);
    return () => {
      // The flags were bookkeeping, released by now: not copied.
      cols.joinPieces(false);
      const s = cols.lineSpans()[0];
      const day = joinSpans(days!, n);
      days = null;
      return lineSpan(m, s, day);
    };
  }

  /** Joins the pieces taken from other parts (see mergePart) into one run, rows and dates alike. */
  private joinPieces(): void {
    this.cols.joinPieces();
    this.dates.joinPieces();
  }

  /**
   * Marks the exact duplicates among the rows whose hashes repeat, by their parsed values, and
   * adds them to the cleaning (left out when the policy drops them).
   */
  private markDuplicates(lines: Lines, lineOf: Int32Array | null, repeats: Int32Array, cleaning: Cleaning, policy: CleaningPolicy): void {
    const keys = lines.spans.map((s) => [s.customer, s.day, s.amount, s.order, s.quantity, s.category, s.channel].filter((k): k is DuplicateKey => k !== null));
    const dup = confirmRepeatsInSpans(repeats, keys, lines.spans.map((s) => s.length), lineOf);
    markDuplicates(cleaning, policy, lines.spans, lines.recordOf, dup);
    releaseBuffers(lineOf);
    if (cleaning.used === 0) {
      throw new SegmentError({ code: 'no-valid-rows', message: `Every row of "${this.options.fileName}" was left out by the cleaning rules. Change them (for example keep returns) and read the file again.` });
    }
  }

  /** The dictionaries' values as text (order ids are left for later: there can be millions). */
  /** The dictionaries' values as text; customer ids (a quarter of a million, say) decoded on first read. */
  private names(decode: (b: Uint8Array) => string): Names {
    const m = this.mapping!;
    const customers = this.customers;
    let customerIds: string[] | null = null;
    return {
      get customerIds() {
        return (customerIds ??= customers.values(decode));
      },
      orderCount: m.order === null ? 0 : this.orders.size,
      categoryNames: m.category === null ? null : this.categories.values(decode),
      channelNames: m.channel === null ? null : this.channels.values(decode),
    };
  }

  /** The transaction table of the kept rows, compacted on first use (see finish). */
  private keptTransactions(joined: () => LineSpan, kept: Uint8Array | null, used: number, names: Names, encoding: TextEncodingName, decode: (b: Uint8Array) => string): { transactions: () => TransactionColumns; leftOut: () => LineColumns } {
    const hasOrders = this.mapping!.order !== null;
    const orders = this.orders;
    const customerIds = this.customers;
    // Only the columns the table is made of are held (not the record numbers, flags and hashes
    // of the lines), and the uncompacted ones only until the table is made.
    let source: { kept: Uint8Array | null; joined: () => LineSpan } | null = { kept, joined };
    let transactions: TransactionColumns | null = null;
    let excluded: LineColumns | null = null;
    const categoryCount = this.categories.size;
    const channelCount = this.channels.size;
    // The read column (a view of the reading's storage, read by nothing else now) goes once copied.
    const narrow = (codes: CodeColumn, size: number) => {
      const out = narrowCodes(codes, size);
      if (out !== codes) releaseBuffers(codes);
      return out;
    };
    const table = () => {
      if (transactions) return transactions;
      const { joined: join, kept: keep } = source!;
      source = null;
      const c = join();
      // The lines left out are gathered before the compaction writes over them (usually few).
      // Every line kept (no mark): nothing left out, nothing to compact.
      const marks = keep ?? new Uint8Array(0);
      excluded = leftOutLines(c, marks, c.length - used);
      const keptOnly = compaction(marks, used);
      transactions = {
        ...names,
        orderIds: null,
        length: used,
        customer: keptOnly(c.customer),
        day: keptOnly(c.day),
        amount: keptOnly(c.amount),
        order: c.order && keptOnly(c.order),
        quantity: c.quantity && keptOnly(c.quantity),
        category: c.category && narrow(keptOnly(c.category), categoryCount),
        channel: c.channel && narrow(keptOnly(c.channel), channelCount),
        cost: c.cost && keptOnly(c.cost),
      };
      if (hasOrders) {
        // Hundreds of thousands of order ids are rarely looked at: decode them on first use.
        let decoded: string[] | null = null;
        Object.defineProperty(transactions, 'orderIds', { enumerable: true, get: () => (decoded ??= orders.values(decode)) });
      }
      if (encoding === 'utf-8') {
        // Views of the dictionaries' storage, not copies (the order ids' are 48 MB at 10M lines):
        // nothing is added to them once the file is read, and the getter above keeps them anyway.
        const raw = (d: ByteDictionary) => {
          const { data, offsets } = d.exportValues();
          return { data, offsets };
        };
        transactions.rawDictionaries = { customer: raw(customerIds), order: hasOrders ? raw(orders) : null };
      }
      return transactions;
    };
    return {
      transactions: table,
      leftOut: () => {
        table();
        return excluded!;
      },
    };
  }

  /** What the summary says about the file itself: name, size, how it was read, what was skipped. */
  private fileFacts(encoding: TextEncodingName, dates: ResolvedDates) {
    const m = this.mapping!;
    const header = encoding === 'utf-8' ? this.header! : this.headerBytes.map((b) => clipText(this.options.decode(b, encoding).trim()));
    const columns: IngestSummary['columns'] = {};
    for (const role of ['customer', 'date', 'order', 'amount', 'quantity', 'price', 'product', 'category', 'channel', 'cost', 'unitCost'] as const) {
      const index = m[role];
      if (index != null) columns[role] = header[index];
    }
    const warnings: string[] = [];
    if (this.missingOrders > 0) {
      const n = this.missingOrders;
      warnings.push(`${n} ${n === 1 ? 'row has' : 'rows have'} no order id (empty or a missing-value marker): a customer's rows without one count as one order.`);
    }
    for (const c of hasCost(m) ? this.costCells.list() : []) {
      const ex = c.examples[0];
      warnings.push(
        `${c.count} ${c.count === 1 ? 'row has' : 'rows have'} ${c.code === 'missing-cost' ? 'no cost (empty or a missing-value marker)' : 'a cost that is not a number'}, ` +
          `the first in row ${ex.row}, column "${ex.column}"${ex.value ? `: "${ex.value}"` : ''}. Their revenue counts; their cost counts as 0, so the gross margin of those customers is too high.`,
      );
    }
    if (this.nul) {
      const { row, column, rows } = this.nul;
      const more = rows - 1;
      warnings.push(
        `Row ${row}, column "${column}": a NUL byte (a control character text files do not hold), read as part of the text.` +
          (more > 0 ? ` ${more} more ${more === 1 ? 'row has' : 'rows have'} one.` : ''),
      );
    }
    const scanner = this.scanner!;
    const unclosed = scanner.unclosedQuoteRecord ?? this.partUnclosedQuote;
    if (unclosed !== null) {
      const n = scanner.repairedRecords + this.partRepairedQuotes;
      warnings.push(
        `${n} ${n === 1 ? 'row has a quote mark that is' : 'rows have a quote mark that is'} never closed (the first in row ${unclosed}): ` +
          `the quote was read as an ordinary character, as spreadsheets do, and the rest of the file as usual. Check ${n === 1 ? 'that row' : 'those rows'} in the file.`,
      );
    }
    const style = this.style ?? { decimal: 46, thousands: 44 };
    return {
      fileName: this.options.fileName,
      bytes: this.options.bytes,
      delimiter: this.delimiter,
      dateFormat: DATE_READING_LABELS[dates.reading],
      columns,
      rows: this.dataRows,
      skipped: this.skips.list(),
      ...(hasCost(m) ? { costCells: this.costCells.list() } : {}),
      warnings,
      encoding,
      numberStyle: { decimal: String.fromCharCode(style.decimal), thousands: style.thousands ? String.fromCharCode(style.thousands) : '' },
      dateAmbiguity: dates.ambiguity,
    };
  }

  // The field last selected by `select`: bytes and range, trimmed. Fields instead of a returned
  // tuple because this runs for every cell of millions of rows.
  private fb: Uint8Array = new Uint8Array(0);
  private fs = 0;
  private fe = 0;

  /** Points fb/fs/fe at a field, quotes undone when needed, surrounding blanks trimmed. */
  private select(v: RecordView, index: number): void {
    let b = v.bytes;
    const k = v.first + index;
    let s = v.start[k];
    let e = v.end[k];
    if (v.kind[k] === FieldKind.QuotedWithEscapes) {
      b = unescapeQuotes(b, s, e);
      s = 0;
      e = b.length;
    }
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    this.fb = b;
    this.fs = s;
    this.fe = e;
  }

  private selectedText(): string {
    return this.text(this.fb, this.fs, this.fe);
  }

  private onRecord(v: RecordView): void {
    if (v.nul) this.findNul(v);
    if (!this.header) {
      this.readHeader(v);
      return;
    }
    this.dataRows++;
    const m = this.mapping!;
    const h = this.header;
    const row = v.record;
    if (v.count <= this.need) {
      this.skips.add('short-row', row, h[this.need], this.text(v.bytes, v.start[v.first], v.end[v.first + v.count - 1]));
      return;
    }
    // Customer id, with a float export's ".0" removed ("17850.0" is customer 17850).
    this.select(v, m.customer);
    const cb = this.fb;
    const cs = this.fs;
    const ce = stripFloatZeros(cb, cs, this.fe);
    if (this.missing.has(cb, cs, ce)) {
      this.skips.add('missing-customer', row, h[m.customer], this.selectedText());
      return;
    }
    this.select(v, m.date);
    if (!this.dates.push(this.fb, this.fs, this.fe)) {
      const missing = this.missing.has(this.fb, this.fs, this.fe);
      this.skips.add(missing ? 'missing-date' : 'bad-date', row, h[m.date], this.selectedText());
      return;
    }
    const style = this.style!;
    let amount: number;
    let quantity = NaN;
    let flags = 0;
    if (m.quantity !== null) {
      this.select(v, m.quantity);
      readNumberBytes(this.fb, this.fs, this.fe, style);
      quantity = numberRead[0];
    }
    if (m.amount !== null) {
      this.select(v, m.amount);
      readNumberBytes(this.fb, this.fs, this.fe, style);
      amount = numberRead[0];
      if (Number.isNaN(amount)) return this.rejectAmount(v, m.amount);
    } else {
      if (Number.isNaN(quantity)) return this.rejectAmount(v, m.quantity!);
      this.select(v, m.price!);
      readNumberBytes(this.fb, this.fs, this.fe, style);
      const price = numberRead[0];
      if (Number.isNaN(price)) return this.rejectAmount(v, m.price!);
      amount = quantity * price;
      if (price <= 0) flags |= NON_POSITIVE_PRICE;
    }
    // Marked here, as the amount is read: the cleaning then reads the flags alone (see applyCleaning).
    if (amount < 0) flags |= RETURN;
    if (m.product !== null) {
      this.select(v, m.product);
      if (this.fs < this.fe && !hasDigit(this.fb, this.fs, this.fe)) flags |= NON_PRODUCT;
    }
    const cols = this.cols;
    const at = cols.next();
    cols.hash1[at] = v.hash1;
    cols.hash2[at] = v.hash2;
    cols.customer[at] = this.customers.intern(cb, cs, ce);
    cols.amount[at] = amount;
    cols.records.add(at, row);
    if (m.quantity !== null) cols.quantity[at] = quantity;
    if (m.order !== null) {
      this.select(v, m.order);
      const ob = this.fb;
      const os = this.fs;
      // Cancelled orders are marked by a leading C before the number (C536379), as in many shop exports.
      if (this.fe - os > 1 && (ob[os] === 67 || ob[os] === 99) && ob[os + 1] >= 48 && ob[os + 1] <= 57) flags |= RETURN;
      if (this.missing.has(ob, os, this.fe)) {
        // "NA" is no order id: such lines go with the empty id, not into an order of their own.
        this.missingOrders++;
        cols.order[at] = this.orders.intern(ob, os, os);
      } else cols.order[at] = this.orders.intern(ob, os, this.fe);
    }
    cols.flags[at] = flags;
    if (m.category !== null) {
      this.select(v, m.category);
      const code = this.fs === this.fe ? -1 : this.categories.intern(this.fb, this.fs, this.fe);
      if (code > cols.categoryMax) cols.widenCodes('category', code);
      cols.category[at] = code;
    }
    if (m.channel !== null) {
      this.select(v, m.channel);
      const code = this.fs === this.fe ? -1 : this.channels.intern(this.fb, this.fs, this.fe);
      if (code > cols.channelMax) cols.widenCodes('channel', code);
      cols.channel[at] = code;
    }
    if (m.cost != null || m.unitCost != null) this.lineCost(v, m, amount, quantity, at);
  }

  /**
   * The cost of the goods on the line: the cost cell, or unit cost × quantity. A return line
   * (amount below 0) takes its cost back as it takes its revenue back: a cost written as a
   * positive number there counts negative. A cell that gives no cost counts as 0 and is counted
   * for the summary, by row and column: the line's revenue is sound and stays. Written to row
   * `at` of the cost column, not returned: a double returned from a call that is not inlined is
   * a fresh heap object each line (see numberRead).
   */
  private lineCost(v: RecordView, m: Mapping, amount: number, quantity: number, at: number): void {
    const costs = this.cols.cost;
    costs[at] = 0;
    const column = (m.cost ?? m.unitCost)!;
    this.select(v, column);
    readNumberBytes(this.fb, this.fs, this.fe, this.style!);
    let cost = numberRead[0];
    if (Number.isNaN(cost)) {
      this.costCells.add(this.missing.has(this.fb, this.fs, this.fe) ? 'missing-cost' : 'bad-cost', v.record, this.header![column], this.selectedText());
      return;
    }
    if (m.cost == null) {
      if (Number.isNaN(quantity)) {
        this.select(v, m.quantity!);
        this.costCells.add('missing-cost', v.record, this.header![m.quantity!], this.selectedText());
        return;
      }
      cost *= quantity;
    }
    costs[at] = amount < 0 && cost > 0 ? -cost : cost;
  }

  /** Skips a row whose amount (or quantity or price) is missing or not a number; its date was already kept. */
  private rejectAmount(v: RecordView, column: number): void {
    this.dates.pop();
    this.select(v, column);
    const missing = this.missing.has(this.fb, this.fs, this.fe);
    this.skips.add(missing ? 'missing-amount' : 'bad-amount', v.record, this.header![column], this.selectedText());
  }

  private readHeader(v: RecordView): void {
    this.headerBytes = [];
    for (let i = 0; i < v.count; i++) {
      this.select(v, i);
      this.headerBytes.push(this.fb.slice(this.fs, this.fe));
    }
    // Names are cut for messages and the summary: a header cell can be a whole megabyte-long line.
    this.header = this.headerBytes.map((b) => clipText(this.decodeLoose(b).trim()));
    const mapping = this.options.mapping ?? guessMapping(this.header);
    const width = this.header.length;
    for (const role of ['customer', 'date', 'order', 'amount', 'quantity', 'price', 'product', 'category', 'channel', 'cost', 'unitCost'] as const) {
      const index = mapping[role];
      if (index != null && (index < 0 || index >= width)) {
        throw new Error(`TransactionIngest: mapping.${role} = ${index} is outside the ${width} header columns`);
      }
    }
    this.useMapping(mapping);
    this.style ??= sniffNumberStyle(this.sample, this.delimiter, mapping.amount ?? mapping.price ?? mapping.quantity!);
    const ready = this.contextReady;
    this.contextReady = null;
    ready?.(this.context()!);
  }

  private useMapping(mapping: Mapping): void {
    this.mapping = mapping;
    if (mapping.unitCost != null && mapping.quantity === null) throw new Error('TransactionIngest: mapping.unitCost needs mapping.quantity');
    this.cols = new RowColumns({ quantity: mapping.quantity !== null, order: mapping.order !== null, category: mapping.category !== null, channel: mapping.channel !== null, cost: hasCost(mapping) });
    this.need = Math.max(...Object.values(mapping).filter((x): x is number => x != null));
  }

  /** Text for messages and headers: UTF-8 when valid, Windows-1252 otherwise. */
  private decodeLoose(bytes: Uint8Array): string {
    try {
      return this.options.decode(bytes, this.encoding);
    } catch {
      this.encoding = 'windows-1252';
      return this.options.decode(bytes, 'windows-1252');
    }
  }

  /**
   * The head of the file, for sniffing the delimiter and number style only. It does not decide
   * the encoding: it is cut at a fixed size, which can split a character, and how much of the
   * file it holds depends on how the file was read (whole, or cut for parallel reading).
   */
  private decodeSample(head: Uint8Array): string {
    let end = head.length;
    // Leave out a character cut by the end of the sample: its lead byte and continuation bytes.
    for (let back = 1; back <= 3 && end - back >= 0; back++) {
      const b = head[end - back];
      if (b < 0x80) break;
      if (b >= 0xc0) {
        end -= back;
        break;
      }
    }
    try {
      return this.options.decode(head.subarray(0, end), this.encoding);
    } catch {
      return this.options.decode(head, 'windows-1252');
    }
  }

  /**
   * A cell quoted in the report, in the file's encoding as far as known. Unlike a header name, a
   * bad byte in a skipped cell says nothing of the ids: it must not switch the whole file to
   * Windows-1252 (that depended on where the file was cut for parallel reading, too).
   */
  private text(bytes: Uint8Array, start: number, end: number): string {
    const cell = bytes.subarray(start, Math.min(end, start + 200));
    try {
      return this.options.decode(cell, this.encoding);
    } catch {
      return this.options.decode(cell, 'windows-1252');
    }
  }

  /**
   * The encoding for the dictionaries, decided over every distinct id, category and channel in
   * the whole file: one value that is not valid UTF-8 means the file is Windows-1252.
   */
  private settleEncoding(): TextEncodingName {
    if (this.encoding === 'utf-8') {
      for (const dict of [this.customers, this.categories, this.channels, this.orders]) {
        if (dict.isAscii()) continue;
        for (let c = 0; c < dict.size; c++) {
          const b = dict.bytesOf(c);
          if (!isAscii(b)) {
            try {
              this.options.decode(b, 'utf-8');
            } catch {
              this.encoding = 'windows-1252';
              return this.encoding;
            }
          }
        }
      }
    }
    return this.encoding;
  }

  private noValidRows(): SegmentError {
    const top = this.skips.list()[0];
    const ex = top.examples[0];
    const where = ex ? ` For example row ${ex.row}, column "${ex.column}": "${ex.value}".` : '';
    return new SegmentError({
      code: 'no-valid-rows',
      message: `None of the ${this.dataRows} rows could be used: ${top.count} ${top.count === 1 ? 'row has' : 'rows have'} ${top.label}.${where}`,
      row: ex?.row,
      column: ex?.column,
    });
  }
}

/** Both hashes of every row read (see recordHashes), for the duplicates, in pieces in row order. */
export type RowHashes = HashPieces;

/** How the date column reads, and each row's day (NO_DAY where it does not fit). */
interface ResolvedDates {
  reading: DateReading;
  ambiguity: IngestSummary['dateAmbiguity'];
  /** In runs: one for the rows read here, one per part joined (see DateColumn.takeDayPieces). */
  days: Int32Array[];
  /** Rows whose day fits the reading. */
  kept: number;
  /** The first and last of those days. */
  first: number;
  last: number;
}

/** A run of the rows with a usable date, as columns (unmapped optional columns null). */
interface LineSpan {
  length: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  order: Int32Array | null;
  quantity: Float64Array | null;
  category: CodeColumn | null;
  channel: CodeColumn | null;
  cost: Float64Array | null;
  flags: Uint8Array;
}

/** A run of rows as lines: their days beside them, the columns the mapping does not fill null. */
function lineSpan(m: Mapping, s: RowSpan, day: Int32Array): LineSpan {
  return {
    length: s.length,
    customer: s.customer,
    day,
    amount: s.amount,
    order: m.order === null ? null : s.order,
    quantity: m.quantity === null ? null : s.quantity,
    category: m.category === null ? null : s.category,
    channel: m.channel === null ? null : s.channel,
    cost: hasCost(m) ? s.cost : null,
    flags: s.flags,
  };
}

/** The rows with a usable date: one run, or one per part of a file read in parts, in row order. */
interface Lines {
  length: number;
  spans: LineSpan[];
  /** A line's record number in the file, for examples in messages. */
  recordOf: (line: number) => number;
}

/** True when the mapping gives each line a cost (a line cost or a unit cost column). */
export function hasCost(m: Mapping): boolean {
  return m.cost != null || m.unitCost != null;
}

type Names = Pick<TransactionColumns, 'customerIds' | 'orderCount' | 'categoryNames' | 'channelNames'>;

/** The first and last day of the kept lines; the default analysis date is the day after. */
function analysisDays(firstDay: number, lastDay: number): { firstDay: number; lastDay: number; analysisDay: number } {
  return { firstDay, lastDay, analysisDay: lastDay + 1 };
}

function dayRange(spans: ReadonlyArray<{ day: Int32Array }>, mask: Uint8Array): { firstDay: number; lastDay: number; analysisDay: number } {
  let firstDay = 2147483647;
  let lastDay = -2147483648;
  let at = 0;
  for (const { day } of spans) {
    for (let i = 0; i < day.length; i++) {
      if (mask[at + i] === 0) continue;
      const d = day[i];
      if (d < firstDay) firstDay = d;
      if (d > lastDay) lastDay = d;
    }
    at += day.length;
  }
  return analysisDays(firstDay, lastDay);
}

/**
 * Runs of one column as one array of `length`: the only run itself, else the first run's
 * buffer when it has room after it (the room reserved for the whole file), else a new array.
 */
function joinSpans<T extends Int32Array>(runs: T[], length: number): T {
  if (runs.length === 1) return runs[0];
  const first = runs[0];
  const Type = first.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => T;
  const room = first.byteOffset === 0 && first.buffer instanceof ArrayBuffer && first.buffer.byteLength >= length * first.BYTES_PER_ELEMENT;
  const out = room ? new Type(first.buffer as ArrayBuffer, 0, length) : (new (first.constructor as new (n: number) => T)(length));
  let at = 0;
  for (const run of runs) {
    if (run !== first || !room) out.set(run, at);
    at += run.length;
    if (run !== first) releaseBuffers(run);
  }
  if (!room) releaseBuffers(first);
  return out;
}

/**
 * The runs joined into one array of `length` on the first call, the same array after; each run
 * is freed as it is copied (the caller hands them over: nothing else reads them).
 */
function joinedOnce(runs: Uint8Array[], length: number): () => Uint8Array {
  let joined: Uint8Array | null = null;
  return () => {
    if (joined) return joined;
    joined = new Uint8Array(length);
    let at = 0;
    for (const run of runs) {
      joined.set(run, at);
      at += run.length;
      releaseBuffers(run);
    }
    runs.length = 0;
    return joined;
  };
}
