import type { ReadableFile } from '../../src/core/index.ts';
import type { FileSource, SourceChunk, SourceInput } from './file-source.ts';

/**
 * The file's bytes in slices; the next slice is read while this one is parsed. A smaller first
 * slice gets the header (and what depends on it) through sooner.
 */
export async function* readSlices(file: ReadableFile, sliceBytes: number, firstSliceBytes = sliceBytes): AsyncGenerator<SourceChunk> {
  const read = (from: number, to: number) => (from < file.size ? file.slice(from, to).arrayBuffer() : null);
  let end = Math.min(file.size, firstSliceBytes);
  let pending = read(0, end);
  while (pending) {
    const bytes = new Uint8Array(await pending);
    const bytesRead = end;
    pending = read(end, end + sliceBytes);
    end = Math.min(file.size, end + sliceBytes);
    yield { bytes, bytesRead };
  }
}

/**
 * UTF-16 text (Excel's "Unicode text") is turned into UTF-8 chunk by chunk, so the byte scanner
 * only ever sees ASCII-compatible text; any other text passes through. `found` hears when the
 * first chunk starts with a UTF-16 byte order mark.
 */
export async function* transcodeUtf16(chunks: AsyncIterable<SourceChunk>, found: () => void): AsyncGenerator<SourceChunk> {
  let decoder: TextDecoder | null | undefined;
  let encoder: TextEncoder | null = null;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    bytesRead = chunk.bytesRead;
    if (decoder === undefined) {
      const b = chunk.bytes;
      const le = b[0] === 0xff && b[1] === 0xfe;
      const be = b[0] === 0xfe && b[1] === 0xff;
      decoder = le || be ? new TextDecoder(le ? 'utf-16le' : 'utf-16be') : null;
      if (decoder) {
        encoder = new TextEncoder();
        found();
      }
    }
    yield decoder ? { bytes: encoder!.encode(decoder.decode(chunk.bytes, { stream: true })), bytesRead } : chunk;
  }
  // A character cut at the very end is flushed (as U+FFFD) rather than lost.
  const rest = decoder ? decoder.decode() : '';
  if (rest) yield { bytes: encoder!.encode(rest), bytesRead };
}

/** A delimited text file in any encoding the ingest reads, UTF-16 transcoded to UTF-8. */
export function textSource({ file, options }: SourceInput): FileSource {
  const source = {
    format: 'text' as const,
    utf16: false,
    chunks: () => transcodeUtf16(readSlices(file, options.sliceBytes), () => (source.utf16 = true)),
  };
  return source;
}
