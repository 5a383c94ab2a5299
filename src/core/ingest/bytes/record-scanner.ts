import { PlainStop, plainRecords, type PlainRecords } from './plain-records.ts';
import { recordHashes } from './record-hashes.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const NUL = 0;
/** Records not plain one after another before the rest of a chunk is read in JavaScript (see RecordScanner.scan). */
const NOT_PLAIN_RUN = 8;
/** Bytes of a new chunk joined to a record cut at the end of the last one. */
const JOIN_BYTES = 64 << 10;
/**
 * Bytes a quoted field that runs over line breaks may hold. Such a field that would run past
 * this, or to the end of the file, or that closes with text right after its closing quote (it
 * closed on the opening quote of a later field), was opened by a stray quote mark: the quote is
 * read as an ordinary character instead, as spreadsheets do, rather than swallowing the rest of
 * the file into one cell.
 */
export const MAX_QUOTED_BYTES = 1 << 20;

/** How a field was written: plain, quoted, or quoted with doubled quotes inside. */
export const enum FieldKind {
  Plain = 0,
  Quoted = 1,
  QuotedWithEscapes = 2,
}

/**
 * One record's fields as byte ranges into `bytes`, valid only during the callback.
 * For quoted fields the range excludes the surrounding quotes; doubled quotes inside are left
 * as they are (kind {@link FieldKind.QuotedWithEscapes}) for the reader to undo if it needs to.
 */
export interface RecordView {
  bytes: Uint8Array;
  count: number;
  /** Field `i` of the record is at `first + i` of `start`, `end` and `kind`. */
  first: number;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  /** 1-based record number (the header, when there is one, is record 1). */
  record: number;
  /** The whole record's bytes, quotes included, line break excluded (for duplicate checks). */
  recordStart: number;
  recordEnd: number;
  /** True when the record holds a NUL byte (anywhere, quotes and all): text files hold none. */
  nul: boolean;
  /** Two hashes of the whole record's bytes (see recordHashes), for exact duplicates. */
  hash1: number;
  hash2: number;
}

/**
 * A CSV scanner over bytes: finds records and field boundaries without decoding text or
 * creating strings, so a reader can parse only the columns it needs straight from the bytes.
 * Works for UTF-8 and single-byte encodings alike, since the delimiter, quote and line breaks
 * are ASCII and never occur inside a multi-byte UTF-8 character. Chunks may be cut anywhere.
 * Blank lines are skipped.
 */
export class RecordScanner {
  private readonly delimiter: number;
  /**
   * 1 for the bytes that end a plain field (the delimiter and line breaks) and for NUL, which is
   * noted and read on: 0 for the rest.
   */
  private readonly stops = new Uint8Array(256);
  private readonly onRecord: (r: RecordView) => void;
  private carry: Uint8Array | null = null;
  private view: RecordView;
  /** The reader of plain records in WebAssembly, or null (see plainRecords). */
  private readonly plain: PlainRecords | null;
  /** The fields of a record read here in JavaScript (the view's, then, with `first` 0). */
  private fields = { start: new Int32Array(64), end: new Int32Array(64), kind: new Uint8Array(64) };
  private readonly hashes = new Int32Array(2);
  /** Records read by {@link plain}. */
  plainRecords = 0;
  /** The JavaScript reader's next line feed and NUL byte in the bytes being read (see scanHere). */
  private lf = -1;
  private zero = -1;
  /** The first record with a stray quote (see {@link MAX_QUOTED_BYTES}), or null. */
  unclosedQuoteRecord: number | null = null;
  /** Records read with a stray quote taken as an ordinary character. */
  repairedRecords = 0;

  /**
   * `options.wasm` false: every record is read in JavaScript, as where WebAssembly is missing (the
   * tests compare the two ways).
   */
  constructor(delimiter: number, onRecord: (r: RecordView) => void, options: { wasm?: boolean } = {}) {
    this.delimiter = delimiter;
    this.stops[delimiter] = this.stops[LF] = this.stops[CR] = this.stops[NUL] = 1;
    this.onRecord = onRecord;
    this.view = { bytes: new Uint8Array(0), count: 0, first: 0, ...this.fields, record: 0, recordStart: 0, recordEnd: 0, nul: false, hash1: 0, hash2: 0 };
    const special = delimiter === QUOTE || delimiter === LF || delimiter === CR || delimiter === NUL;
    this.plain = options.wasm === false || special ? null : plainRecords();
  }

  get records(): number {
    return this.view.record;
  }

  /**
   * Counts `n` records read elsewhere (a part of the file read in parallel and joined here), so
   * that the records read next are numbered after them.
   */
  skipRecords(n: number): void {
    this.view.record += n;
  }

  /** True while the bytes pushed so far end inside a record (kept until more bytes come). */
  get hasCarry(): boolean {
    return this.carry !== null && this.carry.length > 0;
  }

  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.carry) {
      // The record cut at the end of the last chunk is completed from the head of this one; the
      // rest of the chunk is scanned where it is, not copied behind the carried bytes.
      const carry = this.carry;
      this.carry = null;
      const head = Math.min(chunk.length, JOIN_BYTES);
      const joined = new Uint8Array(carry.length + head);
      joined.set(carry);
      joined.set(chunk.subarray(0, head), carry.length);
      const used = head < chunk.length ? this.scan(joined, false) : 0;
      if (head === chunk.length) {
        bytes = joined;
      } else if (used > carry.length) {
        bytes = chunk.subarray(used - carry.length);
      } else {
        // A record longer than the joined head (a huge quoted cell): join all of it.
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
      }
    }
    const used = this.scan(bytes, false);
    if (used < bytes.length) this.carry = bytes.slice(used);
  }

  finish(): void {
    if (this.carry) {
      const bytes = this.carry;
      this.carry = null;
      this.scan(bytes, true);
    }
  }

  /**
   * Scans complete records; returns how many bytes were consumed. Plain records are found in
   * WebAssembly, and the reader here takes each record that is not plain, one at a time.
   */
  private scan(bytes: Uint8Array, final: boolean): number {
    this.lf = this.zero = -1;
    const plain = this.plain;
    // In use: a record's callback pushes into another scanner (a part started as the header is
    // read), which reads in JavaScript rather than over the bytes being read here.
    if (plain === null || plain.inUse || bytes.length > plain.capacity) return this.scanHere(bytes, final, 0, false);
    plain.inUse = true;
    try {
      const n = bytes.length;
      // The records' offsets are into the copy, which is the view's bytes: the same as into `bytes`.
      const copy = plain.load(bytes);
      let at = 0;
      // Records in a row that were not plain: past a few, the rest of the chunk is read here (a
      // file that quotes every cell would otherwise go back and forth for every record).
      let notPlain = 0;
      for (;;) {
        const count = plain.scan(at, n, final, this.delimiter);
        if (count > 0) {
          this.takePlain(plain, copy, count);
          notPlain = 0;
        }
        at = plain.next;
        const stop = plain.stop;
        if (stop === PlainStop.Full) continue;
        if (stop !== PlainStop.NotPlain) return stop === PlainStop.Cut ? at : n;
        const rest = ++notPlain > NOT_PLAIN_RUN;
        const after = this.scanHere(copy, final, at, !rest);
        if (rest || after === at) return after;
        at = after;
      }
    } finally {
      plain.inUse = false;
    }
  }

  /** Hands on the `count` records {@link PlainRecords.scan} wrote, their fields read where it wrote them. */
  private takePlain(plain: PlainRecords, bytes: Uint8Array, count: number): void {
    const v = this.view;
    const { records, starts, ends } = plain;
    v.bytes = bytes;
    v.start = starts;
    v.end = ends;
    v.kind = plain.kinds;
    v.nul = false;
    for (let r = 0; r < count; r++) {
      const o = r << 2;
      const first = records[o];
      const fields = records[o + 1];
      v.first = first;
      v.count = fields;
      v.recordStart = starts[first];
      v.recordEnd = ends[first + fields - 1];
      v.hash1 = records[o + 2];
      v.hash2 = records[o + 3];
      v.record++;
      this.onRecord(v);
    }
    this.plainRecords += count;
  }

  /**
   * Scans complete records from `from` in JavaScript, quotes and all; `one`: only the first
   * (blank or not). Returns where the bytes consumed end.
   */
  private scanHere(bytes: Uint8Array, final: boolean, from: number, one: boolean): number {
    const n = bytes.length;
    const d = this.delimiter;
    const v = this.view;
    v.bytes = bytes;
    v.first = 0;
    v.start = this.fields.start;
    v.end = this.fields.end;
    v.kind = this.fields.kind;
    let i = from;
    // The next line feed at or after i (n when none): tells a quoted field that crosses a line.
    // Kept between the calls for one record each on the same bytes (see scan), as is `zero`.
    let lf = this.lf;
    // The next NUL byte at or after a quoted field's start (n when none), searched only once a
    // quoted field is met: plain fields find NUL in their own byte loop. A search of every chunk
    // instead cost about 4% of reading a file.
    let zero = this.zero;
    while (i < n) {
      const recordStart = i;
      let repaired = false;
      let nul = false;
      let count = 0;
      let complete = false;
      for (;;) {
        if (count === v.start.length) this.grow();
        let fieldEnd = 0;
        let quoted = i < n && bytes[i] === QUOTE;
        if (quoted) {
          let j = i + 1;
          let kind = FieldKind.Quoted;
          for (;;) {
            j = bytes.indexOf(QUOTE, j);
            if (j < 0) {
              j = n;
              break;
            }
            if (j + 1 < n && bytes[j + 1] === QUOTE) {
              kind = FieldKind.QuotedWithEscapes;
              j += 2;
              continue;
            }
            // A quote as the very last byte could still be the first of a doubled pair.
            if (j + 1 >= n && !final) j = n;
            break;
          }
          if (lf < i) {
            lf = bytes.indexOf(LF, i);
            if (lf < 0) lf = n;
          }
          // Closed on its own line (the usual case), or a cell over lines that ends as cells do.
          if (j > lf && (j - i > MAX_QUOTED_BYTES || (j + 1 < n && bytes[j + 1] !== d && bytes[j + 1] !== LF && bytes[j + 1] !== CR))) {
            quoted = false;
          } else if (j >= n) {
            if (!final) return recordStart;
            quoted = false;
          }
          if (quoted) {
            v.start[count] = i + 1;
            v.end[count] = j;
            v.kind[count] = kind;
            if (zero < i) {
              zero = bytes.indexOf(NUL, i);
              if (zero < 0) zero = n;
            }
            i = j + 1;
            // Text after the closing quote (`"a"b`) is dropped to the next delimiter or line end.
            while (i < n && bytes[i] !== d && bytes[i] !== LF && bytes[i] !== CR) i++;
            fieldEnd = i;
            if (zero < fieldEnd) nul = true;
          } else {
            repaired = true;
          }
        }
        if (!quoted) {
          // One table read a byte, where three comparisons were: most bytes are in plain fields.
          const stops = this.stops;
          let j = i;
          for (;;) {
            while (j < n && stops[bytes[j]] === 0) j++;
            if (j === n || bytes[j] !== NUL) break;
            nul = true;
            j++;
          }
          v.start[count] = i;
          v.end[count] = j;
          v.kind[count] = FieldKind.Plain;
          i = j;
          fieldEnd = j;
        }
        count++;
        if (fieldEnd >= n) {
          if (!final) return recordStart;
          complete = true;
          break;
        }
        const b = bytes[i];
        i++;
        if (b === d) continue;
        if (b === CR && i < n && bytes[i] === LF) i++;
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      if (repaired) {
        this.repairedRecords++;
        this.unclosedQuoteRecord ??= v.record + 1;
      }
      v.recordStart = recordStart;
      v.nul = nul;
      v.recordEnd = v.end[count - 1] + (v.kind[count - 1] === FieldKind.Plain ? 0 : 1);
      const blank = count === 1 && v.kind[0] === FieldKind.Plain && v.start[0] === v.end[0];
      if (!blank) {
        v.count = count;
        recordHashes(bytes, recordStart, v.recordEnd, this.hashes);
        v.hash1 = this.hashes[0];
        v.hash2 = this.hashes[1];
        v.record++;
        this.onRecord(v);
      }
      if (one) {
        this.lf = lf;
        this.zero = zero;
        return i;
      }
    }
    return n;
  }

  /** Doubles the room for a record's fields read here (see scanHere). */
  private grow(): void {
    const v = this.view;
    const size = v.start.length * 2;
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    const kind = new Uint8Array(size);
    start.set(v.start);
    end.set(v.end);
    kind.set(v.kind);
    this.fields = { start, end, kind };
    v.start = start;
    v.end = end;
    v.kind = kind;
  }
}

/** Copies a quoted field's bytes with doubled quotes undone. */
export function unescapeQuotes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let o = 0;
  for (let i = start; i < end; i++) {
    out[o++] = bytes[i];
    if (bytes[i] === QUOTE && bytes[i + 1] === QUOTE) i++;
  }
  return out.subarray(0, o);
}
