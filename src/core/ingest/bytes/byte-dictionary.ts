import type { Utf8Values } from '../../types.ts';
import { releaseBuffers } from '../../release-buffers.ts';
import { NumberedIds } from './numbered-ids.ts';

/** A dictionary's values as {@link ByteDictionary.rawValues} gives them. */
export interface DictionaryValues extends Utf8Values {
  /** Each value ends in a number above the one before it (see ByteDictionary). */
  ascending?: boolean;
}

/** How a dictionary looks its values up before its hash table (see the constructor). */
export type DictionaryLookup = 'plain' | 'numbered' | 'few';

/** Slots of the table of recent values a dictionary of few values keeps (a power of two). */
const RECENT_SLOTS = 256;

/** Trailing digits read as a number for the ascending-id check; more would lose exactness. */
const MAX_TAIL_DIGITS = 15;

/**
 * Interns byte strings to dense codes 0..n-1 in order of first appearance, with an
 * open-addressing hash table over the raw bytes: no string is created per row, only one per
 * distinct value when {@link ByteDictionary.values} decodes them at the end.
 *
 * Order ids in exports sorted by date usually ascend ("536365", "536366", "C536367", "O1002"):
 * while every new id ends in a number above every earlier id's, it cannot have been seen, and
 * is added without a hash lookup. Millions of distinct order ids make the hash table far larger
 * than the CPU caches, so this saves a cache miss per order; the table is built the first time
 * an id does not ascend, and used from then on.
 */
export class ByteDictionary {
  private slots: Int32Array | null = null;
  private mask = 0;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private arena: Uint8Array;
  private arenaUsed = 0;
  /**
   * Values joined by {@link appendAll} and not yet copied into the arena (see flatten), in
   * order after those in it: another dictionary's storage, from its value `from` on.
   */
  private joined: Array<{ data: Uint8Array; offsets: Int32Array; from: number; handedOver: boolean }> = [];
  private joinedValues = 0;
  private joinedBytes = 0;
  /** The first bytes of the arena known to be ASCII (see isAscii). */
  private asciiBytes = 0;
  private last = -1;
  /** While ids ascend: the largest trailing number so far (-1 before the first id). */
  private tail = -1;
  private ascending = true;
  private sealed = false;
  private readonly numbered: NumberedIds | null;
  /** code + 1 by a hash of a value's length and end bytes ('few' only); 0 where none. */
  private readonly recent: Int32Array | null;
  size = 0;

  /**
   * `lookup`: 'numbered' looks ids up by their number first (see {@link NumberedIds}), for ids
   * met again and again in any order, as customer ids are; 'few' keeps the last value seen for
   * each hash of its length and first and last bytes, for columns of a few distinct values in any
   * order (categories, channels), where that is cheaper than hashing every byte.
   */
  constructor(initialCapacity = 1024, lookup: DictionaryLookup = 'plain') {
    this.numbered = lookup === 'numbered' ? new NumberedIds() : null;
    this.recent = lookup === 'few' ? new Int32Array(RECENT_SLOTS) : null;
    this.hashes = new Int32Array(initialCapacity);
    this.offsets = new Int32Array(initialCapacity + 1);
    this.arena = new Uint8Array(initialCapacity * 16);
  }

  /** The code of bytes[start, end), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (this.joinedValues > 0) this.flatten();
    const numbered = this.numbered;
    if (numbered !== null) {
      const known = numbered.find(bytes, start, end);
      if (known >= 0) return (this.last = known);
      const key = numbered.key;
      if (key >= 0) {
        const code = this.find(bytes, start, end);
        numbered.remember(key, code, this.size);
        return code;
      }
    }
    const len = end - start;
    const recent = this.recent;
    if (recent !== null && len > 0) {
      const slot = (Math.imul(len ^ (bytes[start] << 8) ^ (bytes[end - 1] << 16), 0x9e3779b1) >>> 24) & (RECENT_SLOTS - 1);
      const seen = recent[slot] - 1;
      if (seen >= 0) {
        const o = this.offsets[seen];
        if (this.offsets[seen + 1] - o === len) {
          let k = 0;
          while (k < len && this.arena[o + k] === bytes[start + k]) k++;
          if (k === len) return (this.last = seen);
        }
      }
      const code = this.find(bytes, start, end);
      recent[slot] = code + 1;
      return code;
    }
    // Lines of one order, and the orders of one customer, usually come one after another:
    // comparing with the previous value is cheaper than hashing.
    const last = this.last;
    if (last >= 0) {
      const o = this.offsets[last];
      if (this.offsets[last + 1] - o === len) {
        let k = 0;
        while (k < len && this.arena[o + k] === bytes[start + k]) k++;
        if (k === len) return last;
      }
    }
    return this.find(bytes, start, end);
  }

  /** The code of bytes[start, end) by the ascending check or the hash table, adding it when new. */
  private find(bytes: Uint8Array, start: number, end: number): number {
    if (this.sealed) throw new Error('ByteDictionary: sealed, no value is looked up or added any more');
    const len = end - start;
    if (this.ascending) {
      const t = trailingNumber(bytes, start, end);
      if (t > this.tail) {
        this.tail = t;
        return (this.last = this.append(bytes, start, end));
      }
      this.ascending = false;
      this.buildTable(this.size);
    }
    // FNV-1a, 32-bit.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const slots = this.slots!;
    let s = h & this.mask;
    for (;;) {
      const code = slots[s];
      if (code < 0) break;
      if (this.hashes[code] === h) {
        const o = this.offsets[code];
        if (this.offsets[code + 1] - o === len) {
          let same = true;
          for (let k = 0; k < len; k++) {
            if (this.arena[o + k] !== bytes[start + k]) {
              same = false;
              break;
            }
          }
          if (same) return (this.last = code);
        }
      }
      s = (s + 1) & this.mask;
    }
    const code = this.append(bytes, start, end);
    this.hashes[code] = h;
    slots[s] = code;
    // Keep the table at most half full so probe runs stay short.
    if (this.size * 2 > slots.length) this.buildTable(this.size * 2);
    return (this.last = code);
  }

  /** Stores a new value's bytes; returns its code. */
  private append(bytes: Uint8Array, start: number, end: number): number {
    const code = this.size++;
    if (this.size >= this.hashes.length) this.growCodes(this.hashes.length * 2);
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    // A loop, not set(subarray()): ids are a few bytes, and a view per id costs more than the copy.
    const arena = this.arena;
    let at = this.arenaUsed;
    for (let i = start; i < end; i++) arena[at++] = bytes[i];
    this.arenaUsed = at;
    this.offsets[code + 1] = this.arenaUsed;
    return code;
  }

  private growCodes(n: number): void {
    const hashes = new Int32Array(n);
    hashes.set(this.hashes.subarray(0, this.size));
    this.hashes = hashes;
    const offsets = new Int32Array(n + 1);
    offsets.set(this.offsets.subarray(0, this.size + 1));
    this.offsets = offsets;
  }

  /**
   * A hash table with room for `room` values, filled with every code so far; the first time
   * (when ids stop ascending) their hashes are computed from the stored bytes.
   */
  private buildTable(room: number): void {
    const fresh = this.slots === null;
    let cap = 16;
    while (cap < room * 2) cap <<= 1;
    const slots = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let code = 0; code < this.size; code++) {
      if (fresh) {
        let h = 0x811c9dc5 | 0;
        for (let i = this.offsets[code]; i < this.offsets[code + 1]; i++) h = Math.imul(h ^ this.arena[i], 0x01000193);
        this.hashes[code] = h;
      }
      let s = this.hashes[code] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = code;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /**
   * Frees what looking values up takes (a hash per value, the hash table, the numbered index)
   * once the file is read and nothing is added: the values stay readable. Held to the end of a
   * session otherwise, they were 34 MB at 10M lines (21 MB for the order ids' hashes alone).
   * Interning after this throws.
   */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    releaseBuffers(this.hashes, this.slots);
    this.hashes = new Int32Array(0);
    this.slots = null;
    this.numbered?.forget();
    this.recent?.fill(0);
    this.last = -1;
  }

  /** Makes room for `n` values (the bytes still grow as needed), so millions of ids need no rehashing. */
  reserve(n: number): void {
    if (n >= this.hashes.length) this.growCodes(n + 1);
    if (this.slots && n * 2 > this.slots.length) this.buildTable(n);
  }

  /**
   * Makes room for `n` bytes of values in all, so the bytes of millions of ids are not copied
   * into a twice larger store again and again (each store written for the first time: see
   * TransactionIngest.reserveOrderBytes).
   */
  reserveBytes(n: number): void {
    this.flatten();
    if (n <= this.arena.length) return;
    const arena = new Uint8Array(n);
    arena.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = arena;
  }

  /** Bytes of values stored. */
  get bytes(): number {
    return this.arenaUsed + this.joinedBytes;
  }

  /** The bytes of one value (a view into the arena: copy it to keep it). */
  bytesOf(code: number): Uint8Array {
    this.flatten();
    return this.arena.subarray(this.offsets[code], this.offsets[code + 1]);
  }

  /** True when every value is plain ASCII, so any text decoding reads it the same way. */
  isAscii(): boolean {
    // Values are only ever added after the others: bytes found ASCII once are not read again
    // (the encoding is settled and the ids packed from the same customer ids, 2.4 MB at 5M lines).
    const a = this.arena;
    const used = this.arenaUsed;
    if (!asciiFrom(a, this.asciiBytes, used)) return false;
    this.asciiBytes = used;
    // Values joined and not yet copied are read where they are (see appendAll).
    for (const { data, offsets, from } of this.joined) if (!asciiFrom(data, offsets[from], offsets[offsets.length - 1])) return false;
    return true;
  }

  /**
   * The values of `codes`, in that order, as one byte buffer with offsets, when every value is
   * plain ASCII (so its bytes are its UTF-8 text, as packStrings would give it); else null.
   */
  packValues(codes: Int32Array): Utf8Values | null {
    if (!this.isAscii()) return null;
    this.flatten();
    const n = codes.length;
    const from = this.offsets;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + from[codes[i] + 1] - from[codes[i]];
    const data = new Uint8Array(offsets[n]);
    // A customer table's codes ascend with few gaps (customers without a purchase): each run of
    // consecutive codes is one copy of the arena's bytes, not a loop per value.
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && codes[j] === codes[j - 1] + 1) j++;
      data.set(this.arena.subarray(from[codes[i]], from[codes[j - 1] + 1]), offsets[i]);
      i = j;
    }
    return { data, offsets };
  }

  /** The values as one UTF-8/ASCII byte buffer with offsets: an Arrow Utf8 vector's buffers. */
  rawValues(): Utf8Values {
    this.flatten();
    return { data: this.arena.slice(0, this.arenaUsed), offsets: this.offsets.slice(0, this.size + 1) };
  }

  /**
   * The values for another dictionary to join ({@link internAll}), with whether they ascend: views
   * of this dictionary's storage, for handing over when it is no longer added to.
   */
  exportValues(): DictionaryValues {
    this.flatten();
    return { data: this.arena.subarray(0, this.arenaUsed), offsets: this.offsets.subarray(0, this.size + 1), ascending: this.ascending };
  }

  /**
   * Interns every value of another dictionary (as {@link rawValues} gave them) and returns, for
   * each of its codes, the code here: how a part of a file read elsewhere joins this one.
   * `handOver`: the values' storage is this dictionary's from now on, and freed once read (it
   * may be kept until then: see appendAll); otherwise it is only read, and must not change.
   */
  internAll(values: DictionaryValues, handOver = false): Int32Array {
    const { data, offsets } = values;
    const n = offsets.length - 1;
    // No room is made for n more values up front: a part's customers are mostly known here, and
    // room for them all (with a table rebuilt twice as large) was memory written for nothing.
    const map = new Int32Array(n);
    let c = 0;
    if (values.ascending && n > 1) {
      // The first may repeat the last value here (an order the cut went through). After it,
      // values that ascend beyond every value here cannot be here: they are added in one copy.
      // It is compared with the last value where that is, so values joined before (a file read
      // in three parts) are not copied for it.
      if (this.size > 0 && this.isLast(data, offsets[0], offsets[1])) map[c++] = this.size - 1;
      else if (this.joinedValues === 0 || !this.ascending) map[c++] = this.intern(data, offsets[0], offsets[1]);
      if (this.ascending && trailingNumber(data, offsets[c], offsets[c + 1]) > this.tail) {
        this.appendAll(values, c, map, handOver);
        return map;
      }
    }
    for (; c < n; c++) map[c] = this.intern(data, offsets[c], offsets[c + 1]);
    if (handOver) releaseBuffers(data, offsets);
    return map;
  }

  /**
   * Adds values `from`.. of ascending values known to be new, recording their codes in `map`.
   * Their bytes stay where they are until a value is next looked up or read (see flatten): a
   * part's order ids, joined as the import finishes, are then copied after the first answer,
   * when the transaction table is first read, instead of before it (about 10 MB at 5M lines,
   * written for the first time: 44-46 ms in Node).
   */
  private appendAll(values: Utf8Values, from: number, map: Int32Array, handedOver: boolean): void {
    const { data, offsets } = values;
    const n = offsets.length - 1;
    for (let c = from; c < n; c++) map[c] = this.size + c - from;
    this.joined.push({ data, offsets, from, handedOver });
    this.joinedValues += n - from;
    this.joinedBytes += offsets[n] - offsets[from];
    this.size += n - from;
    this.last = this.size - 1;
    this.tail = trailingNumber(data, offsets[n - 1], offsets[n]);
  }

  /** True when bytes[start, end) are the last value added (wherever its bytes are). */
  private isLast(bytes: Uint8Array, start: number, end: number): boolean {
    let data = this.arena;
    let from = this.offsets[this.size - 1];
    let to = this.offsets[this.size];
    const joined = this.joined[this.joined.length - 1];
    if (joined) {
      const n = joined.offsets.length - 1;
      data = joined.data;
      from = joined.offsets[n - 1];
      to = joined.offsets[n];
    }
    if (to - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (data[from + k] !== bytes[start + k]) return false;
    return true;
  }

  /** Copies the values joined by {@link appendAll} into the arena, after those in it. */
  private flatten(): void {
    if (this.joinedValues === 0) return;
    if (this.size >= this.hashes.length) this.growCodes(Math.max(this.size + 1, this.hashes.length * 2));
    if (this.arenaUsed + this.joinedBytes > this.arena.length) {
      const arena = new Uint8Array(this.arenaUsed + this.joinedBytes);
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    let code = this.size - this.joinedValues;
    for (const { data, offsets, from, handedOver } of this.joined) {
      const n = offsets.length - 1;
      const start = offsets[from];
      this.arena.set(data.subarray(start, offsets[n]), this.arenaUsed);
      const shift = this.arenaUsed - start;
      for (let c = from; c < n; c++) this.offsets[++code] = offsets[c + 1] + shift;
      this.arenaUsed += offsets[n] - start;
      if (handedOver) releaseBuffers(data, offsets);
    }
    this.joined = [];
    this.joinedValues = 0;
    this.joinedBytes = 0;
  }

  /**
   * All values decoded to strings, indexed by code. Plain ASCII (most ids) reads the same in any
   * encoding: then the arena is decoded once and cut, instead of one decode call per value.
   */
  values(decode: (bytes: Uint8Array) => string): string[] {
    this.flatten();
    const out = new Array<string>(this.size);
    if (this.size > 64 && this.isAscii()) {
      const all = decode(this.arena.subarray(0, this.arenaUsed));
      for (let c = 0; c < this.size; c++) out[c] = all.slice(this.offsets[c], this.offsets[c + 1]);
      return out;
    }
    for (let c = 0; c < this.size; c++) out[c] = decode(this.bytesOf(c));
    return out;
  }
}

/** The number the bytes end with (up to 15 digits), or -1 when they do not end in a digit. */
function trailingNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = end;
  while (i > start && end - i < MAX_TAIL_DIGITS && bytes[i - 1] >= 48 && bytes[i - 1] <= 57) i--;
  if (i === end || (i > start && bytes[i - 1] >= 48 && bytes[i - 1] <= 57)) return -1;
  let t = 0;
  for (let k = i; k < end; k++) t = t * 10 + (bytes[k] - 48);
  return t;
}

/** Words read between checks in {@link asciiFrom}: a non-ASCII byte early ends the check early. */
const ASCII_BLOCK = 4096;

/**
 * True when bytes[from, to) are all below 128. Read four at a time, their high bits or'ed
 * together a block at a time: a byte at a time, the order ids of a 5M-line file (about 15 MB,
 * checked before the first answer) took about 10 ms, four at a time about 3.
 */
function asciiFrom(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && ((bytes.byteOffset + i) & 3) !== 0) if (bytes[i++] > 127) return false;
  const words = (to - i) >> 2;
  if (words > 0) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w += ASCII_BLOCK) {
      let high = 0;
      const end = Math.min(words, w + ASCII_BLOCK);
      for (let k = w; k < end; k++) high |= view[k];
      if ((high & 0x80808080) !== 0) return false;
    }
    i += words * 4;
  }
  for (; i < to; i++) if (bytes[i] > 127) return false;
  return true;
}
