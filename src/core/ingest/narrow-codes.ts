import type { CodeColumn } from '../types.ts';

/**
 * Dictionary codes (-1 for none) copied into the narrowest signed array that holds every code of
 * a dictionary of `size` values: a file has a handful of categories and channels, and their codes
 * were 4 bytes a line for the whole session (two columns, 80 MB at 10M lines, where 20 do).
 * Signed, so -1 reads as -1 wherever the codes are read. Returns `codes` itself when no narrower
 * array holds them, or when they are that narrow already.
 */
export function narrowCodes(codes: CodeColumn, size: number): CodeColumn {
  const Narrow = size <= 128 ? Int8Array : size <= 32768 ? Int16Array : null;
  // Already as narrow (the reading keeps codes narrow as it goes): nothing to copy.
  if (!Narrow || codes.BYTES_PER_ELEMENT <= Narrow.BYTES_PER_ELEMENT) return codes;
  const out = new Narrow(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i];
  return out;
}
