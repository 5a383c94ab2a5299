/** Rows are split into 2^PARTITION_BITS groups by hash, each small enough for a cache-resident table. */
const PARTITION_BITS = 8;
/** Bits in the filter that picks out candidate duplicates: 2 MiB, small enough to stay in cache. */
const FILTER_BITS = 1 << 24;
/**
 * Up to this many rows the filter beats splitting into groups. Measured on random hashes with one
 * key (vitest, shared two-core machine): at 5M rows filter 90-130 ms against groups 410-490 ms, at
 * 7.5M 180-590 against 1,900-2,150, at 10M about even (both 1.5-3.3 s). The filter's candidates
 * grow with the rows, but its exact table stays smaller than the groups' three copies of the rows.
 */
const FILTER_MAX_ROWS = 1 << 23;

/**
 * Marks rows that repeat an earlier row exactly. Each row comes with two independent 32-bit
 * hashes of its raw bytes; a row is a duplicate when an earlier row has both hashes and the same
 * parsed values in every column the analysis uses, so a false match would need a 64-bit hash
 * collision between rows that agree on everything analysed anyway.
 * Returns 1 for each later copy (the first occurrence stays 0). `method` is chosen by size; tests
 * set it to check both ways agree.
 *
 * One hash table over millions of rows is far larger than the CPU caches, and every row missed
 * them. Up to about eight million rows, two passes over a bit filter of the first hash find the
 * rows whose hash may repeat, and only those go through the exact table. Beyond that the filter
 * fills up, and the rows are instead split, in file order, into 256 groups by the top bits of
 * the first hash (equal rows land in the same group), each with a small table of its own.
 */
export function findDuplicates(
  h1: Int32Array,
  h2: Int32Array,
  keys: ReadonlyArray<Int32Array | Float64Array>,
  length: number,
  method: 'filter' | 'groups' = length <= FILTER_MAX_ROWS ? 'filter' : 'groups',
): Uint8Array {
  if (method === 'filter') return filtered(h1, h2, keys, length);
  const dup = new Uint8Array(length);
  const groups = 1 << PARTITION_BITS;
  const shift = 32 - PARTITION_BITS;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < length; i++) start[(h1[i] >>> shift) + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  // The hashes are copied into group order with their row: reading them through the row
  // numbers instead would jump across the whole column for every row.
  const next = start.slice(0, groups);
  const row = new Int32Array(length);
  const g1 = new Int32Array(length);
  const g2 = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const at = next[h1[i] >>> shift]++;
    row[at] = i;
    g1[at] = h1[i];
    g2[at] = h2[i];
  }

  let largest = 0;
  for (let g = 0; g < groups; g++) largest = Math.max(largest, start[g + 1] - start[g]);
  let cap = 16;
  while (cap < largest * 2) cap <<= 1;
  const slots = new Int32Array(cap);
  for (let g = 0; g < groups; g++) {
    const from = start[g];
    const to = start[g + 1];
    if (to - from < 2) continue;
    let size = 16;
    while (size < (to - from) * 2) size <<= 1;
    const mask = size - 1;
    slots.fill(-1, 0, size);
    for (let k = from; k < to; k++) {
      let s = (g1[k] ^ Math.imul(g2[k], 0x9e3779b1)) & mask;
      for (;;) {
        const j = slots[s];
        if (j < 0) {
          slots[s] = k;
          break;
        }
        if (g1[j] === g1[k] && g2[j] === g2[k] && sameKeys(keys, row[k], row[j])) {
          dup[row[k]] = 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
  return dup;
}

/** The candidates the bit filter picks, through one exact table in file order. */
function filtered(h1: Int32Array, h2: Int32Array, keys: ReadonlyArray<Int32Array | Float64Array>, length: number): Uint8Array {
  const dup = new Uint8Array(length);
  let bits = 1024;
  while (bits < length * 8 && bits < FILTER_BITS) bits *= 2;
  const mask = bits - 1;
  const seen = new Int32Array(bits >>> 5);
  const again = new Int32Array(bits >>> 5);
  let candidates = 0;
  for (let i = 0; i < length; i++) {
    const b = h1[i] & mask;
    const word = b >>> 5;
    const bit = 1 << (b & 31);
    if (seen[word] & bit) again[word] |= bit;
    else seen[word] |= bit;
  }
  for (let i = 0; i < length; i++) {
    const b = h1[i] & mask;
    if (again[b >>> 5] & (1 << (b & 31))) candidates++;
  }
  if (candidates === 0) return dup;
  let cap = 16;
  while (cap < candidates * 2) cap <<= 1;
  const slotMask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  for (let i = 0; i < length; i++) {
    const b = h1[i] & mask;
    if ((again[b >>> 5] & (1 << (b & 31))) === 0) continue;
    let s = (h1[i] ^ Math.imul(h2[i], 0x9e3779b1)) & slotMask;
    for (;;) {
      const j = slots[s];
      if (j < 0) {
        slots[s] = i;
        break;
      }
      if (h1[j] === h1[i] && h2[j] === h2[i] && sameKeys(keys, i, j)) {
        dup[i] = 1;
        break;
      }
      s = (s + 1) & slotMask;
    }
  }
  return dup;
}

function sameKeys(keys: ReadonlyArray<Int32Array | Float64Array>, i: number, j: number): boolean {
  for (const k of keys) if (!Object.is(k[i], k[j])) return false;
  return true;
}
