import type { Deflater } from '../core/index.ts';

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // A bomb stops unpacking here rather than filling memory.
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform) as ReadableStream<Uint8Array>;
}

/** Deflate through the platform's CompressionStream (browser, worker and Node alike). */
export const streamDeflate: Deflater = {
  async deflate(bytes) {
    return (await readAll(through(bytes, new CompressionStream('deflate')), Number.POSITIVE_INFINITY))!;
  },
  inflate(bytes, maxBytes) {
    return readAll(through(bytes, new DecompressionStream('deflate')), maxBytes);
  },
};
