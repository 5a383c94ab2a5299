import type { FileFingerprint } from '../core/index.ts';

const MIB = 1024 * 1024;

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * SHA-256 of a file's first and last MiB (the whole file when it is under 2 MiB), in hex: two
 * slices read asynchronously and hashed natively, a few ms whatever the file's size. The ingest
 * worker runs it while it reads the file, so the page never holds the bytes.
 */
export async function hashFileEnds(file: { size: number; slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> } }): Promise<string> {
  const [head, tail] = await Promise.all([
    file.slice(0, MIB).arrayBuffer(),
    file.size > MIB ? file.slice(Math.max(MIB, file.size - MIB)).arrayBuffer() : Promise.resolve(new ArrayBuffer(0)),
  ]);
  const both = new Uint8Array(head.byteLength + tail.byteLength);
  both.set(new Uint8Array(head), 0);
  both.set(new Uint8Array(tail), head.byteLength);
  return hex(await crypto.subtle.digest('SHA-256', both));
}

/** A file's fingerprint: its name, size, columns and rows as read, and {@link hashFileEnds}. */
export function fileFingerprint(file: { name: string; size: number }, columns: readonly string[], rows: number, hash: string): FileFingerprint {
  return { name: file.name, bytes: file.size, columns: [...columns], rows, hash };
}
