import type { CustomerTable, Utf8Values } from '../types.ts';

/**
 * Strings as one UTF-8 buffer with offsets. A quarter of a million ids posted between threads
 * as a string array costs a structured clone of every string on both sides (a long task on the
 * main thread); packed, they are two typed arrays that can be transferred.
 */
export function packStrings(strings: readonly string[]): Utf8Values {
  let size = 0;
  for (const s of strings) size += s.length * 3;
  const data = new Uint8Array(size);
  const offsets = new Int32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    for (let k = 0; k < s.length; k++) {
      let c = s.charCodeAt(k);
      if (c < 0x80) data[at++] = c;
      else if (c < 0x800) {
        data[at++] = 0xc0 | (c >> 6);
        data[at++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c < 0xdc00 && k + 1 < s.length) {
        // A surrogate pair: one code point in four bytes.
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++k) - 0xdc00);
        data[at++] = 0xf0 | (c >> 18);
        data[at++] = 0x80 | ((c >> 12) & 63);
        data[at++] = 0x80 | ((c >> 6) & 63);
        data[at++] = 0x80 | (c & 63);
      } else {
        data[at++] = 0xe0 | (c >> 12);
        data[at++] = 0x80 | ((c >> 6) & 63);
        data[at++] = 0x80 | (c & 63);
      }
    }
    offsets[i + 1] = at;
  }
  return { data: data.slice(0, at), offsets };
}

/** The strings back, decoded by the given UTF-8 decoder (a TextDecoder's, where there is one). */
export function unpackStrings(packed: Utf8Values, decode: (bytes: Uint8Array) => string): string[] {
  const n = packed.offsets.length - 1;
  const out = new Array<string>(n);
  const { data, offsets } = packed;
  if (n > 64 && isAscii(data)) {
    // Plain ASCII (most ids): byte offsets are character offsets, so one decode and cuts do,
    // instead of one decode call per id (about 2 µs each).
    const all = decode(data);
    for (let i = 0; i < n; i++) out[i] = all.slice(offsets[i], offsets[i + 1]);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = decode(data.subarray(offsets[i], offsets[i + 1]));
  return out;
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 127) return false;
  return true;
}

/** The customer table as it crosses threads: ids packed. */
export type CustomerColumns = Omit<CustomerTable, 'ids'> & { ids: Utf8Values };

/**
 * The customer table with its ids packed; `ids`, when given, are those already packed (and the
 * table's own are not read: named fields, not a spread, which would read ids decoded on first use).
 */
export function packCustomers(table: CustomerTable, ids: Utf8Values | null = null): CustomerColumns {
  const { n, firstDay, lastDay, frequency, monetary } = table;
  return { n, ids: ids ?? packStrings(table.ids), firstDay, lastDay, frequency, monetary };
}

/**
 * The customer table with its ids as strings, decoded on first use: scoring and the segment
 * model never read them (the attributes join and the export do), and a quarter of a million
 * ids took 15-30 ms to decode before the first scores.
 */
export function unpackCustomers(columns: CustomerColumns, decode: (bytes: Uint8Array) => string): CustomerTable {
  const { ids: packed, ...rest } = columns;
  let ids: string[] | null = null;
  return Object.defineProperty(rest, 'ids', { enumerable: true, get: () => (ids ??= unpackStrings(packed, decode)) }) as unknown as CustomerTable;
}
