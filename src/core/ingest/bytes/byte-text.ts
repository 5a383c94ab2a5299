/** Small byte-level helpers of the ingest. */

/** True when any byte in [s, e) is an ASCII digit. */
export function hasDigit(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] >= 48 && b[i] <= 57) return true;
  return false;
}

/** The chunks as one array (the chunk itself when there is one). */
export function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** End of the id without a trailing ".0", ".00", ... when everything before it is digits. */
export function stripFloatZeros(b: Uint8Array, s: number, e: number): number {
  const FLOAT_ID_DOT = 46;
  let k = e - 1;
  while (k > s && b[k] === 48) k--;
  if (k === e - 1 || b[k] !== FLOAT_ID_DOT || k === s) return e;
  for (let i = s; i < k; i++) if (b[i] < 48 || b[i] > 57) return e;
  return k;
}

/** True when every byte is below 128. */
export function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 127) return false;
  return true;
}
