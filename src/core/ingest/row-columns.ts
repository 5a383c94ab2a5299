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
   * {@link append}): `hash1` and `hash2` hold only the rows read here.
   */
  private readonly hashParts: Array<{ at: number; h1: Int32Array; h2: Int32Array }> = [];

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
   * Appends the rows of another part of the file: its dictionary codes translated through the
   * maps (empty cells, -1, stay -1), its record numbers shifted by `rowOffset`.
   */
  append(part: RowArrays, maps: { customer: Int32Array; order: Int32Array; category: Int32Array; channel: Int32Array }, rowOffset: number): void {
    const n = part.customer.length;
    this.reserve(this.length + n);
    const at = this.length;
    // Each part column is freed once copied (see releaseBuffers, which frees columns that came
    // transferred from the part's worker too: transfer(0) left those held until a collection).
    mapInto(this.customer, at, part.customer, maps.customer);
    releaseBuffers(part.customer);
    this.amount.set(part.amount, at);
    releaseBuffers(part.amount);
    if (this.optional.quantity) this.quantity.set(part.quantity, at);
    if (this.optional.order) mapInto(this.order, at, part.order, maps.order);
    if (this.optional.category) {
      const top = largest(maps.category);
      if (top > this.categoryMax) this.widenCodes('category', top);
      mapInto(this.category, at, part.category, maps.category);
    }
    if (this.optional.channel) {
      const top = largest(maps.channel);
      if (top > this.channelMax) this.widenCodes('channel', top);
      mapInto(this.channel, at, part.channel, maps.channel);
    }
    if (this.optional.cost) this.cost.set(part.cost, at);
    releaseBuffers(part.quantity, part.order, part.category, part.channel, part.cost);
    this.records.append(part.recordRuns, at, rowOffset, n);
    this.flags.set(part.flags, at);
    releaseBuffers(part.flags);
    // Kept, not copied: the hashes are read once, by the duplicates' search, which takes them in
    // pieces (see takeHashes). Copied, they took 8 bytes a row of room written for the first time.
    this.hashParts.push({ at, h1: part.hash1, h2: part.hash2 });
    this.length += n;
  }

  /**
   * The filled rows as views, without copying: for columns read once and let go, or handed over
   * whole to another thread (a transfer moves the buffer, and the view keeps its length).
   */
  views(): RowArrays {
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
   * Writes zeros over rows `from .. to - 1` of the room reserved (zeros already): see
   * {@link TransactionIngest.touchRoom}.
   */
  touch(from: number, to: number): void {
    const end = Math.min(to, this.capacity);
    if (end <= from) return;
    const o = this.optional;
    // Not the hashes: a part's rows keep theirs (see append), and rows read here write theirs.
    for (const [column, used] of [[this.customer, true], [this.amount, true], [this.quantity, o.quantity], [this.order, o.order], [this.category, o.category], [this.channel, o.channel], [this.cost, o.cost], [this.flags, true]] as const) {
      if (used) column.fill(0, from, end);
    }
  }

  /** Rows of room reserved. */
  get room(): number {
    return this.capacity;
  }

  /**
   * Hands over the hashes of all rows, in row order, as pieces: the rows read here, and each
   * part's as it came (see {@link append}). Keeps none: the taker may transfer or free them; no
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
   * transaction columns stay.
   */
  releaseBookkeeping(): void {
    releaseBuffers(this.flags, this.hash1, this.hash2, ...this.hashParts.flatMap((p) => [p.h1, p.h2]));
    this.hashParts.length = 0;
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
    const flags = new Uint8Array(capacity);
    flags.set(this.flags.subarray(0, n));
    releaseBuffers(this.flags);
    this.flags = flags;
    this.hash1 = int32(this.hash1);
    this.hash2 = int32(this.hash2);
    this.capacity = capacity;
  }
}

function largest(map: Int32Array): number {
  let top = -1;
  for (let i = 0; i < map.length; i++) if (map[i] > top) top = map[i];
  return top;
}

function mapInto(to: Int32Array | CodeColumn, at: number, codes: Int32Array | CodeColumn, map: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    to[at + i] = c < 0 ? -1 : map[c];
  }
}
