/**
 * A short fingerprint of some text: 64-bit FNV-1a over its UTF-16 code units, as 16 hex digits.
 * Not cryptographic: it tells two settings (or two files' summaries) apart at a glance.
 */
export function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * The fingerprint of a source file as the app read it: its name, size, rows, date range, and
 * the customers, orders and revenue the app found. Two reads of the same file with the same
 * mapping and cleaning give the same fingerprint; it is not a hash of the bytes.
 */
export function sourceFingerprint(summary: {
  fileName: string; bytes: number; rows: number; rowsUsed: number; firstDay: number; lastDay: number; customers: number; orders: number; revenue: number;
}): string {
  const { fileName, bytes, rows, rowsUsed, firstDay, lastDay, customers, orders, revenue } = summary;
  return fingerprint(JSON.stringify([fileName, bytes, rows, rowsUsed, firstDay, lastDay, customers, orders, revenue]));
}
