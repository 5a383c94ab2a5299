/**
 * Interns byte strings to dense codes 0..n-1 in order of first appearance, with an
 * open-addressing hash table over the raw bytes: no string is created per row, only one per
 * distinct value when {@link ByteDictionary.values} decodes them at the end.
 */
export class ByteDictionary {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private arena: Uint8Array;
  private arenaUsed = 0;
  private last = -1;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.hashes = new Int32Array(initialCapacity);
    this.offsets = new Int32Array(initialCapacity + 1);
    this.arena = new Uint8Array(initialCapacity * 16);
  }

  /** The code of bytes[start, end), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
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
    // FNV-1a, 32-bit.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    let s = h & this.mask;
    for (;;) {
      const code = this.slots[s];
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
    return (this.last = this.add(bytes, start, end, h, s));
  }

  private add(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const code = this.size++;
    if (this.size >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const offsets = new Int32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.arenaUsed += len;
    this.hashes[code] = h;
    this.offsets[code + 1] = this.arenaUsed;
    this.slots[slot] = code;
    // Keep the table at most half full so probe runs stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let code = 0; code < this.size; code++) {
      let s = this.hashes[code] & this.mask;
      while (this.slots[s] >= 0) s = (s + 1) & this.mask;
      this.slots[s] = code;
    }
  }

  /** The bytes of one value (a view into the arena: copy it to keep it). */
  bytesOf(code: number): Uint8Array {
    return this.arena.subarray(this.offsets[code], this.offsets[code + 1]);
  }

  /** True when every value is plain ASCII, so any text decoding reads it the same way. */
  isAscii(): boolean {
    const a = this.arena;
    for (let i = 0; i < this.arenaUsed; i++) if (a[i] > 127) return false;
    return true;
  }

  /** The values as one UTF-8/ASCII byte buffer with offsets: an Arrow Utf8 vector's buffers. */
  rawValues(): { data: Uint8Array; offsets: Int32Array } {
    return { data: this.arena.slice(0, this.arenaUsed), offsets: this.offsets.slice(0, this.size + 1) };
  }

  /**
   * Interns every value of another dictionary (as {@link rawValues} gave them) and returns, for
   * each of its codes, the code here: how a part of a file read elsewhere joins this one.
   */
  internAll(values: { data: Uint8Array; offsets: Int32Array }): Int32Array {
    const n = values.offsets.length - 1;
    const map = new Int32Array(n);
    for (let c = 0; c < n; c++) map[c] = this.intern(values.data, values.offsets[c], values.offsets[c + 1]);
    return map;
  }

  /** All values decoded to strings, indexed by code. */
  values(decode: (bytes: Uint8Array) => string): string[] {
    const out = new Array<string>(this.size);
    for (let c = 0; c < this.size; c++) out[c] = decode(this.bytesOf(c));
    return out;
  }
}
