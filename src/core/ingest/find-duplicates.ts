/** Bits in the filter that picks out candidate duplicates: 2 MiB, small enough to stay in cache. */
const FILTER_BITS = 1 << 24;

/**
 * Marks rows that repeat an earlier row exactly. Each row comes with two independent 32-bit
 * hashes of its raw bytes; a row is a duplicate when an earlier row has both hashes and the same
 * parsed values in every column the analysis uses, so a false match would need a 64-bit hash
 * collision between rows that agree on everything analysed anyway.
 * Returns 1 for each later copy (the first occurrence stays 0).
 *
 * Duplicates are rare, and a hash table over millions of rows does not fit in the CPU caches:
 * two passes over a bit filter of the first hash find the few rows whose hash occurs more than
 * once, and only those go through the exact comparison.
 */
export function findDuplicates(
  h1: Int32Array,
  h2: Int32Array,
  keys: ReadonlyArray<Int32Array | Float64Array>,
  length: number,
): Uint8Array {
  const dup = new Uint8Array(length);
  const bits = Math.min(FILTER_BITS, Math.max(1024, nextPowerOfTwo(length * 8)));
  const mask = bits - 1;
  const seen = new Int32Array(bits >>> 5);
  const again = new Int32Array(bits >>> 5);
  for (let i = 0; i < length; i++) {
    const b = h1[i] & mask;
    const word = b >>> 5;
    const bit = 1 << (b & 31);
    if (seen[word] & bit) again[word] |= bit;
    else seen[word] |= bit;
  }
  let candidates = 0;
  for (let i = 0; i < length; i++) {
    const b = h1[i] & mask;
    if (again[b >>> 5] & (1 << (b & 31))) candidates++;
  }
  if (candidates === 0) return dup;
  // The candidates, in file order, through an exact hash table of their own.
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

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function sameKeys(keys: ReadonlyArray<Int32Array | Float64Array>, i: number, j: number): boolean {
  for (const k of keys) if (!Object.is(k[i], k[j])) return false;
  return true;
}
