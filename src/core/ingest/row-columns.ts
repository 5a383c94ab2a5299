import { releaseBuffers } from '../release-buffers.ts';
import type { CodeColumn } from '../types.ts';
import { RecordNumbers, type RecordRuns } from './record-numbers.ts';

/** Both hashes of rows, in row order, in pieces (see RowColumns.takeHashes). */
export type HashPieces = Array<{ h1: Int32Array; h2: Int32Array }>;

/** Which optional columns a file's mapping fills. */
export interface OptionalColumns {
  quantity: boolean;
  order: boolean;
  category: boolean;
  channel: boolean;
  /** A cost or unit cost column: the line's cost. */
  cost: boolean;
}

/** The columns as plain arrays, each `length` long (unfilled optional columns are empty). */
export interface RowArrays {
  customer: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
  order: Int32Array;
  /** Codes as narrow as the dictionary so far needs (see {@link RowColumns.widenCodes}). */
  category: CodeColumn;
  channel: CodeColumn;
  /** The line's cost (see TransactionColumns.cost). */
  cost: Float64Array;
  /** The record number in the file of each row, for messages (see RecordNumbers). */
  recordRuns: RecordRuns;
  /** Cleaning-rule bits (see cleaning-rules.ts). */
  flags: Uint8Array;
  /** Two hashes of the raw record, for exact duplicates. */
  hash1: Int32Array;
  hash2: Int32Array;
}

/**
 * A run of rows, `length` from row `at`: its columns (unfilled optional ones are empty) and
 * their cleaning flags.
 */
export type RowSpan = Omit<RowArrays, 'recordRuns' | 'hash1' | 'hash2'> & { at: number; length: number };

/**
 * The per-row columns of the transactions being read, grown together: a row is written with
 * one capacity check and plain stores (`const at = cols.next(); cols.amount[at] = ...`), where a
 * growable array per column cost a call and a check per cell. Optional columns the mapping does
 * not fill stay empty.
 */
export class RowColumns implements Omit<RowArrays, 'recordRuns'> {
  length = 0;
  private capacity: number;
  customer: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
  order: Int32Array;
  category: CodeColumn;
  channel: CodeColumn;
  /** The largest code the category and channel columns hold as they are. */
  categoryMax = 127;
  channelMax = 127;
  cost: Float64Array;
  /** The record number in the file of each row, for messages. */
  readonly records = new RecordNumbers();
  flags: Uint8Array;
  hash1: Int32Array;
  hash2: Int32Array;
  /**
   * The hashes of the rows appended from other parts, kept as those parts gave them (see
   * {@link adopt}): `hash1` and `hash2` hold only the rows read here.
   */
  private readonly hashParts: Array<{ at: number; h1: Int32Array; h2: Int32Array }> = [];
  /** False once the flags and hashes are released (see {@link releaseBookkeeping}): rooms grown after hold none. */
  private bookkept = true;
  /** Rows taken from other parts, held apart until joined (see {@link adopt}). */
  private readonly pieces: RowSpan[] = [];

  constructor(
    private readonly optional: OptionalColumns,
    capacity = 1024,
  ) {
    this.capacity = capacity;
    const some = (used: boolean) => (used ? capacity : 0);
    this.customer = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.quantity = new Float64Array(some(optional.quantity));
    this.order = new Int32Array(some(optional.order));
    // A file has a handful of categories and channels: a byte a line each until it has more
    // (four bytes a line each were 80 MB at 10M lines, written for the first time while reading).
    this.category = new Int8Array(some(optional.category));
    this.channel = new Int8Array(some(optional.channel));
    this.cost = new Float64Array(some(optional.cost));
    this.flags = new Uint8Array(capacity);
    this.hash1 = new Int32Array(capacity);
    this.hash2 = new Int32Array(capacity);
  }

  /** The index of a new row, every column grown first when full. */
  next(): number {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    return this.length++;
  }

  /**
   * Makes the category or channel column wide enough for `code` (Int8, Int16, then Int32 codes),
   * its rows so far copied: call before writing a code above {@link categoryMax} / {@link channelMax}.
   */
  widenCodes(which: 'category' | 'channel', code: number): void {
    const Wider = code <= 32767 ? Int16Array : Int32Array;
    const old = this[which];
    if (old.BYTES_PER_ELEMENT >= Wider.BYTES_PER_ELEMENT) return;
    const next = new Wider(this.capacity);
    next.set(old.subarray(0, this.length));
    releaseBuffers(old);
    this[which] = next;
    this[which === 'category' ? 'categoryMax' : 'channelMax'] = Wider === Int16Array ? 32767 : 2147483647;
  }

  /** Makes room for `capacity` rows, so a file of known size never regrows. */
  reserve(capacity: number): void {
    if (capacity > this.capacity) this.resize(capacity);
  }

  /**
   * Takes the rows of another part of the file as a piece of its own, after the rows so far:
   * its dictionary codes translated in place through the maps (empty cells, -1, stay -1), its
   * record numbers shifted by `rowOffset`. Nothing is copied: the steps that make the customer
   * table read the rows piece by piece (see {@link lineSpans}), and the pieces are joined into
   * the room reserved here only when a step needs the rows in one run ({@link joinPieces}). At
   * 5M rows, joining the second half first wrote about 75 MB of memory for the first time, while
   * both cores were busy reading: 0.5 s of the worker's time in Chromium, before the picture.
   * No row is read here after a part is taken, until the pieces are joined.
   */
  adopt(part: RowArrays, maps: { customer: Int32Array; order: Int32Array; category: Int32Array; channel: Int32Array }, rowOffset: number): void {
    const n = part.customer.length;
    const at = this.length;
    const o = this.optional;
    translate(part.customer, maps.customer);
    if (o.order) translate(part.order, maps.order);
    const codes = (column: CodeColumn, map: Int32Array) => {
      const wide = widened(column, largest(map));
      translate(wide, map);
      return wide;
    };
    this.pieces.push({
      at,
      length: n,
      customer: part.customer,
      amount: part.amount,
      quantity: o.quantity ? part.quantity : new Float64Array(0),
      order: o.order ? part.order : new Int32Array(0),
      category: o.category ? codes(part.category, maps.category) : new Int8Array(0),
      channel: o.channel ? codes(part.channel, maps.channel) : new Int8Array(0),
      cost: o.cost ? part.cost : new Float64Array(0),
      flags: part.flags,
    });
    this.records.append(part.recordRuns, at, rowOffset, n);
    // Kept, not copied: the hashes are read once, by the duplicates' search, which takes them in
    // pieces (see takeHashes). None when the search has them already (see TransactionIngest.mergePart).
    if (part.hash1.length > 0) this.hashParts.push({ at, h1: part.hash1, h2: part.hash2 });
    this.length += n;
  }

  /** True while rows taken from other parts are held apart (see {@link adopt}). */
  get hasPieces(): boolean {
    return this.pieces.length > 0;
  }

  /**
   * The filled rows in runs, in row order, without copying: the rows read here, then each
   * part's piece (see {@link adopt}). One run when no part was taken or the pieces are joined.
   */
  lineSpans(): RowSpan[] {
    const own = this.pieces.length > 0 ? this.pieces[0].at : this.length;
    const take = <T extends Int32Array | Float64Array | Uint8Array | CodeColumn>(a: T, used: boolean): T => a.subarray(0, used ? own : 0) as T;
    const o = this.optional;
    const spans: RowSpan[] = [];
    if (own > 0 || this.pieces.length === 0) {
      spans.push({
        at: 0,
        length: own,
        customer: take(this.customer, true),
        amount: take(this.amount, true),
        quantity: take(this.quantity, o.quantity),
        order: take(this.order, o.order),
        category: take(this.category, o.category),
        channel: take(this.channel, o.channel),
        cost: take(this.cost, o.cost),
        flags: take(this.flags, true),
      });
    }
    spans.push(...this.pieces);
    return spans;
  }

  /**
   * Copies the pieces taken from other parts into the room after the rows read here, freeing
   * each as it is copied, so the columns are one run again. `withFlags` false: the flags are
   * done with (see {@link releaseBookkeeping}) and not copied.
   */
  joinPieces(withFlags = true): void {
    if (this.pieces.length === 0) return;
    const pieces = this.pieces.splice(0);
    const n = this.length;
    // Rows read here come before every piece (no row is read once a part is taken): the room
    // grows, if it must, with those rows only.
    this.length = pieces[0].at;
    this.reserve(n);
    const o = this.optional;
    for (const p of pieces) {
      this.customer.set(p.customer, p.at);
      this.amount.set(p.amount, p.at);
      if (o.quantity) this.quantity.set(p.quantity, p.at);
      if (o.order) this.order.set(p.order, p.at);
      // Wide enough for any code the piece's column can hold.
      if (o.category) {
        if (codeLimit(p.category) > this.categoryMax) this.widenCodes('category', codeLimit(p.category));
        this.category.set(p.category, p.at);
      }
      if (o.channel) {
        if (codeLimit(p.channel) > this.channelMax) this.widenCodes('channel', codeLimit(p.channel));
        this.channel.set(p.channel, p.at);
      }
      if (o.cost) this.cost.set(p.cost, p.at);
      if (withFlags && this.bookkept) this.flags.set(p.flags, p.at);
      releaseBuffers(p.customer, p.amount, p.quantity, p.order, p.category, p.channel, p.cost, p.flags);
    }
    this.length = n;
  }

  /**
   * The filled rows as views, without copying: for columns read once and let go, or handed over
   * whole to another thread (a transfer moves the buffer, and the view keeps its length).
   */
  views(): RowArrays {
    this.joinPieces();
    const n = this.length;
    const take = <T extends Int32Array | Float64Array | Uint8Array | CodeColumn>(a: T, used = true): T => a.subarray(0, used ? n : 0) as T;
    return {
      customer: take(this.customer),
      amount: take(this.amount),
      quantity: take(this.quantity, this.optional.quantity),
      order: take(this.order, this.optional.order),
      category: take(this.category, this.optional.category),
      channel: take(this.channel, this.optional.channel),
      cost: take(this.cost, this.optional.cost),
      recordRuns: this.records.export(),
      flags: take(this.flags),
      hash1: take(this.hash1),
      hash2: take(this.hash2),
    };
  }

  /**
   * Hands over the hashes of all rows, in row order, as pieces: the rows read here, and each
   * part's as it came (see {@link adopt}). Keeps none: the taker may transfer or free them; no
   * row is added after.
   */
  takeHashes(): HashPieces {
    const pieces: HashPieces = [];
    let from = 0;
    const own = (to: number) => {
      if (to > from) pieces.push({ h1: this.hash1.subarray(from, to), h2: this.hash2.subarray(from, to) });
    };
    for (const part of this.hashParts) {
      own(part.at);
      pieces.push({ h1: part.h1, h2: part.h2 });
      from = part.at + part.h1.length;
    }
    own(this.length);
    this.hash1 = new Int32Array(0);
    this.hash2 = new Int32Array(0);
    this.hashParts.length = 0;
    return pieces;
  }

  /**
   * Frees the flags and hashes (9 bytes a row), once the cleaning that needs them is done; the
   * transaction columns stay. Flags in `handedOver` (views of the flag columns, or of their
   * pieces) are the caller's from now on: not freed, and no longer held here.
   */
  releaseBookkeeping(handedOver: readonly Uint8Array[] = []): void {
    const kept = new Set(handedOver.map((f) => f.buffer));
    const flags = [this.flags, ...this.pieces.map((p) => p.flags)].filter((f) => !kept.has(f.buffer));
    releaseBuffers(...flags, this.hash1, this.hash2, ...this.hashParts.flatMap((p) => [p.h1, p.h2]));
    this.hashParts.length = 0;
    this.flags = new Uint8Array(0);
    this.hash1 = new Int32Array(0);
    this.hash2 = new Int32Array(0);
    for (const p of this.pieces) p.flags = this.flags;
    this.bookkept = false;
  }

  private resize(capacity: number): void {
    const n = this.length;
    // The old arrays are freed as each is copied (see releaseBuffers).
    const int32 = (a: Int32Array, used = true) => {
      if (!used) return a;
      const next = new Int32Array(capacity);
      next.set(a.subarray(0, n));
      releaseBuffers(a);
      return next;
    };
    const float64 = (a: Float64Array, used = true) => {
      if (!used) return a;
      const next = new Float64Array(capacity);
      next.set(a.subarray(0, n));
      releaseBuffers(a);
      return next;
    };
    this.customer = int32(this.customer);
    this.amount = float64(this.amount);
    this.quantity = float64(this.quantity, this.optional.quantity);
    this.order = int32(this.order, this.optional.order);
    const codes = (a: CodeColumn, used: boolean): CodeColumn => {
      if (!used) return a;
      const next = new (a.constructor as new (n: number) => CodeColumn)(capacity);
      next.set(a.subarray(0, n));
      releaseBuffers(a);
      return next;
    };
    this.category = codes(this.category, this.optional.category);
    this.channel = codes(this.channel, this.optional.channel);
    this.cost = float64(this.cost, this.optional.cost);
    if (this.bookkept) {
      const flags = new Uint8Array(capacity);
      flags.set(this.flags.subarray(0, n));
      releaseBuffers(this.flags);
      this.flags = flags;
      this.hash1 = int32(this.hash1);
      this.hash2 = int32(this.hash2);
    }
    this.capacity = capacity;
  }
}

function largest(map: Int32Array): number {
  let top = -1;
  for (let i = 0; i < map.length; i++) if (map[i] > top) top = map[i];
  return top;
}

/** Replaces each code by its translation (empty cells, -1, stay -1). */
function translate(codes: Int32Array | CodeColumn, map: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    codes[i] = c < 0 ? -1 : map[c];
  }
}

/** The largest code a column of this type holds. */
function codeLimit(codes: CodeColumn): number {
  return codes instanceof Int8Array ? 127 : codes instanceof Int16Array ? 32767 : 2147483647;
}

/** The codes in a column wide enough for `top` (the same column when it is), freeing a narrower one. */
function widened(codes: CodeColumn, top: number): CodeColumn {
  if (top <= codeLimit(codes)) return codes;
  const wide = top <= 32767 ? new Int16Array(codes.length) : new Int32Array(codes.length);
  wide.set(codes);
  releaseBuffers(codes);
  return wide;
}
