import { PARQUET_TEXT_PARSERS, CsvChunker, valuesText, type CsvChunk } from '../../src/core/index.ts';
import type { FileSource, SourceInput } from './file-source.ts';
import { csvSource } from './csv-source.ts';

/**
 * A Parquet file read one row group at a time (column chunks are fetched by slicing the
 * File), each written out as CSV before the next is read. Codecs: snappy, gzip, brotli, zstd,
 * lz4 (hyparquet-compressors, bundled; nothing is fetched).
 */
export function parquetSource(input: SourceInput): FileSource {
  const { file, options } = input;
  return csvSource(input, 'parquet', async () => {
    const [{ parquetMetadataAsync, parquetScan, parquetSchema }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
    const buffer = { byteLength: file.size, slice: (start: number, end?: number) => file.slice(start, end).arrayBuffer() };
    const metadata = await parquetMetadataAsync(buffer, { parsers: PARQUET_TEXT_PARSERS });
    const names = parquetSchema(metadata).children.map((child) => child.element.name);
    const scan = await parquetScan({ file: buffer, metadata, compressors, parsers: PARQUET_TEXT_PARSERS });
    const total = Number(metadata.num_rows);
    const limit = Math.min(total, options.maxRows ?? Infinity);
    async function* chunks(): AsyncGenerator<CsvChunk> {
      const chunker = new CsvChunker();
      chunker.header(names);
      for (const range of scan.ranges) {
        const rowStart = range.rowStart;
        const rowEnd = Math.min(range.rowEnd, limit);
        if (rowEnd <= rowStart) break;
        const columns = await Promise.all(names.map((column) => scan.readColumn({ column, rowStart, rowEnd })));
        yield* chunker.append(columns.map(valuesText), rowEnd - rowStart);
      }
      yield* chunker.finish();
    }
    return { chunks: chunks(), rows: limit };
  });
}
