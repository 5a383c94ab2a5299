import { SegmentError, FILE_FORMAT_LABELS, clipText, type CsvChunk, type FileFormat } from '../../src/core/index.ts';
import type { FileSource, SourceChunk, SourceInput } from './file-source.ts';

/**
 * CSV text chunks written from a table, encoded to UTF-8. Progress is the share of rows
 * written, as bytes of the file; a library's error becomes a problem naming the format.
 */
export async function* encodeCsv(
  input: SourceInput,
  format: FileFormat,
  chunks: Iterable<CsvChunk> | AsyncIterable<CsvChunk>,
  totalRows: number,
): AsyncGenerator<SourceChunk> {
  const encoder = new TextEncoder();
  const size = input.file.size;
  try {
    for await (const chunk of chunks) {
      const bytesRead = totalRows > 0 ? Math.min(size, Math.round((size * chunk.rows) / totalRows)) : size;
      yield { bytes: encoder.encode(chunk.text), bytesRead };
    }
  } catch (e) {
    throw unreadable(input.fileName, format, e);
  }
}

/** A library's error while reading a binary format, as a problem the analyst can act on. */
export function unreadable(fileName: string, format: FileFormat, e: unknown): unknown {
  if (e instanceof SegmentError) return e;
  // A library's message can quote the file's bytes: cut like any file text.
  const reason = clipText(e instanceof Error ? e.message : String(e), 200);
  return new SegmentError({
    code: 'read-failed',
    message: `"${fileName}" looks like ${FILE_FORMAT_LABELS[format]} but could not be read (${reason}). It may be damaged or cut short; export it again and retry.`,
  });
}

/** A source whose chunks are CSV written by `open` (which may read the whole file first). */
export function csvSource(
  input: SourceInput,
  format: FileFormat,
  open: () => Promise<{ chunks: Iterable<CsvChunk> | AsyncIterable<CsvChunk>; rows: number }>,
  extra: { sheets?: string[]; sheet?: string } = {},
): FileSource {
  return {
    format,
    utf16: false,
    ...extra,
    async *chunks() {
      let opened;
      try {
        opened = await open();
      } catch (e) {
        throw unreadable(input.fileName, format, e);
      }
      yield* encodeCsv(input, format, opened.chunks, opened.rows);
    },
  };
}
