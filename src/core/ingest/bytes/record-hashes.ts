/**
 * Two 32-bit hashes of a record's raw bytes, for finding exact duplicate rows: FNV-1a in four
 * interleaved lanes (a single chain of multiplications took as long as parsing the fields), their
 * 128 bits of state then mixed two different ways, each with the length: every line is hashed
 * as it is read, so no second pass of arithmetic over its bytes. Written to `out` to spare an
 * allocation per row.
 */
export function recordHashes(b: Uint8Array, start: number, end: number, out: Int32Array): void {
  let l0 = 0x811c9dc5 | 0;
  let l1 = 0x050c5d1f;
  let l2 = 0x2b5f1a63;
  let l3 = 0x1b873593;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    l0 = Math.imul(l0 ^ b[i], 0x01000193);
    l1 = Math.imul(l1 ^ b[i + 1], 0x01000193);
    l2 = Math.imul(l2 ^ b[i + 2], 0x01000193);
    l3 = Math.imul(l3 ^ b[i + 3], 0x01000193);
  }
  for (; i < end; i++) l0 = Math.imul(l0 ^ b[i], 0x01000193);
  let h = Math.imul(l0 ^ (end - start), 0x85ebca6b) ^ Math.imul(l1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f) ^ Math.imul(l2, 0x165667b1) ^ Math.imul(l3, 0x9e3779b1);
  out[0] = h ^ (h >>> 13);
  let g = Math.imul(l3 ^ (end - start), 0xcc9e2d51) ^ Math.imul(l2, 0x1b873593);
  g = Math.imul(g ^ (g >>> 16), 0x85ebca77) ^ Math.imul(l1, 0xc2b2ae3d) ^ Math.imul(l0, 0x27d4eb2f);
  out[1] = g ^ (g >>> 15);
}
