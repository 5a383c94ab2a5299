/**
 * Two independent 32-bit hashes of a record's raw bytes, for finding exact duplicate rows: FNV-1a
 * in four interleaved lanes (a single chain of multiplications took as long as parsing the
 * fields), and Fletcher's position-weighted sum (s1 = sum of the bytes, s2 = sum of the running
 * s1), four bytes a step. Written to `out` to spare an allocation per row.
 */
export function recordHashes(b: Uint8Array, start: number, end: number, out: Int32Array): void {
  let l0 = 0x811c9dc5 | 0;
  let l1 = 0x050c5d1f;
  let l2 = 0x2b5f1a63;
  let l3 = 0x1b873593;
  let s1 = 0;
  let s2 = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const b0 = b[i];
    const b1 = b[i + 1];
    const b2 = b[i + 2];
    const b3 = b[i + 3];
    l0 = Math.imul(l0 ^ b0, 0x01000193);
    l1 = Math.imul(l1 ^ b1, 0x01000193);
    l2 = Math.imul(l2 ^ b2, 0x01000193);
    l3 = Math.imul(l3 ^ b3, 0x01000193);
    s1 = (s1 + b0 + b1 + b2 + b3) | 0;
    s2 = (s2 + 4 * s1 - b1 - 2 * b2 - 3 * b3) | 0;
  }
  for (; i < end; i++) {
    l0 = Math.imul(l0 ^ b[i], 0x01000193);
    s1 = (s1 + b[i]) | 0;
    s2 = (s2 + s1) | 0;
  }
  let h = Math.imul(l0 ^ (end - start), 0x85ebca6b) ^ Math.imul(l1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f) ^ Math.imul(l2, 0x165667b1) ^ Math.imul(l3, 0x9e3779b1);
  out[0] = h ^ (h >>> 13);
  out[1] = s2 ^ Math.imul(s1, 0x7feb352d);
}

