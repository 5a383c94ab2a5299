import type { ReadableFile } from '../../src/core/index.ts';
import { unreadable } from './csv-source.ts';
import type { FileSource, SourceChunk, SourceInput } from './file-source.ts';
import { readChunks, transcodeUtf16 } from './text-source.ts';

/**
 * A gzip file decompressed as it is read: chunks of the compressed file go into a
 * `DecompressionStream` while its output is taken out; progress counts compressed bytes.
 */
export async function* gunzipSlices(file: ReadableFile, fileName: string, sliceBytes: number): AsyncGenerator<SourceChunk> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let bytesRead = 0;
  const pump = (async () => {
    for await (const slice of readChunks(file, sliceBytes)) {
      bytesRead = slice.bytesRead;
      await writer.write(slice.bytes as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  })();
  // A corrupt stream fails both sides; the reader's error is the one reported.
  pump.catch(() => undefined);
  let done = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (e) {
        done = true;
        throw unreadable(fileName, 'gzip', e);
      }
      if (next.done) break;
      yield { bytes: next.value, bytesRead };
    }
    await pump;
    done = true;
  } finally {
    // Stopped early (a preview needs only the head): stop decompressing the rest.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/** Gzip-compressed delimited text: decompressed, then read as a text file is. */
export function gzipSource({ file, fileName, options }: SourceInput): FileSource {
  const source = {
    format: 'gzip' as const,
    utf16: false,
    chunks: () => transcodeUtf16(gunzipSlices(file, fileName, options.sliceBytes), () => (source.utf16 = true)),
  };
  return source;
}
