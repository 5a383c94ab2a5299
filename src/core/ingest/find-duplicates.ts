/**
 * Marks rows that repeat an earlier row exactly. Each row comes with two independent 32-bit
 * hashes of its raw bytes; a row is a duplicate when an earlier row has both hashes and the same
 * parsed values in every column the analysis uses, so a false match would need a 64-bit hash
 * collision between rows that agree on everything analysed anyway.
 * Returns 1 for each later copy (the first occurrence stays 0).
 */
export function findDuplicates(
  h1: Int32Array,
  h2: Int32Array,
  keys: ReadonlyArray<Int32Array | Float64Array>,
  length: number,
): Uint8Array {
  const dup = new Uint8Array(length);
  let cap = 16;
  while (cap < length * 2) cap <<= 1;
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  for (let i = 0; i < length; i++) {
    let s = h1[i] & mask;
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
      s = (s + 1) & mask;
    }
  }
  return dup;
}

function sameKeys(keys: ReadonlyArray<Int32Array | Float64Array>, i: number, j: number): boolean {
  for (const k of keys) if (!Object.is(k[i], k[j])) return false;
  return true;
}
