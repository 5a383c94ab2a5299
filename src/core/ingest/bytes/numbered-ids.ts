import { releaseBuffers } from '../../release-buffers.ts';

const ZERO = 48;
/** Digits after the prefix an id may have to be looked up by its number (10^9 fits an int). */
const MAX_DIGITS = 9;
const MAX_PREFIX = 16;
/** The index never grows past this many entries (16 MB)... */
const MAX_ENTRIES = 1 << 22;
/** ...nor past this many entries per value known, so sparse numbers cannot make it huge. */
const ENTRIES_PER_VALUE = 16;

/**
 * A direct index from ids written as one fixed prefix and a number ("CUST206272", "17850") to
 * their dictionary codes: the id's number is the index, so a lookup is a short pass over its
 * bytes and one read, where a hash table costs a hash and three or four reads far apart in
 * memory (a table of hundreds of thousands of customers is far larger than the CPU caches).
 *
 * The prefix is the first id's, up to its trailing digits. An id then has a number when it is
 * that prefix and 1 to 9 digits without a leading zero: two different ids never share one.
 * The index is only a cache in front of the dictionary's own lookup: an id it does not know
 * (not looked up yet, no number, or a number past the room it allows itself) is found there.
 */
export class NumberedIds {
  private prefix: Uint8Array | null = null;
  private off = false;
  /** code + 1 by number; 0 where the number is not known. */
  private codes = new Int32Array(0);
  /** The number of the id last passed to {@link find}, or -1 when it has none. */
  key = -1;
  /** The last id found, by number and code: lines of one customer usually come together. */
  private lastKey = -1;
  private lastCode = -1;

  /** The code of the id in bytes[start, end), or -1 when not known here. Sets {@link key}. */
  find(bytes: Uint8Array, start: number, end: number): number {
    this.key = -1;
    let p = this.prefix;
    if (p === null) {
      if (this.off) return -1;
      p = this.takePrefix(bytes, start, end);
      if (p === null) return -1;
    }
    const pl = p.length;
    const digits = end - start - pl;
    if (digits <= 0 || digits > MAX_DIGITS || bytes[start + pl] === ZERO) return -1;
    for (let k = 0; k < pl; k++) if (bytes[start + k] !== p[k]) return -1;
    let n = 0;
    for (let i = start + pl; i < end; i++) {
      const d = bytes[i] - ZERO;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    this.key = n;
    if (n === this.lastKey) return this.lastCode;
    const code = n < this.codes.length ? this.codes[n] - 1 : -1;
    if (code >= 0) {
      this.lastKey = n;
      this.lastCode = code;
    }
    return code;
  }

  /** Records the code of the id whose number is `key`, when the index has or may take room for it. */
  remember(key: number, code: number, values: number): void {
    if (key >= this.codes.length) {
      let room = Math.max(1024, this.codes.length);
      while (room <= key) room *= 2;
      if (room > MAX_ENTRIES || room > ENTRIES_PER_VALUE * (values + 4096)) return;
      const codes = new Int32Array(room);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[key] = code + 1;
    this.lastKey = key;
    this.lastCode = code;
  }

  /** Frees the index for good: every id is then looked up in the dictionary itself. */
  forget(): void {
    releaseBuffers(this.codes);
    this.codes = new Int32Array(0);
    this.prefix = null;
    this.off = true;
    this.lastKey = -1;
    this.lastCode = -1;
  }

  /** The first id's bytes before its trailing digits, or null (and off for good) when it has none. */
  private takePrefix(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
    let i = end;
    while (i > start && bytes[i - 1] >= ZERO && bytes[i - 1] <= ZERO + 9) i--;
    if (i === end || i - start > MAX_PREFIX) {
      this.off = true;
      return null;
    }
    this.prefix = bytes.slice(start, i);
    return this.prefix;
  }
}
