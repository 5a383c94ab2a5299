import type { ReadableFile } from '../../src/core/index.ts';
import type { FileSource, SourceChunk, SourceInput } from './file-source.ts';

/** The file's bytes in slices; the next slice is read while this one is parsed. */
export async function* readSlices(file: ReadableFile, sliceBytes: number): AsyncGenerator<SourceChunk> {
  const read = (offset: number) => (offset < file.size ? file.slice(offset, offset + sliceBytes).arrayBuffer() : null);
  let pending = read(0);
  for (let offset = 0; pending; offset += sliceBytes) {
    const bytes = new Uint8Array(await pending);
    pending = read(offset + sliceBytes);
    yield { bytes, bytesRead: Math.min(file.size, offset + sliceBytes) };
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
