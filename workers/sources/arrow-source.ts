import { CompressionType, compressionRegistry } from 'apache-arrow';
import { decompress as decodeZstd } from 'fzstd';
import { arrowToCsv, decodeLz4Frame, readArrowIpc } from '../../src/core/index.ts';
import type { FileSource, SourceInput } from './file-source.ts';
import { csvSource } from './csv-source.ts';

/**
 * Arrow reads compressed IPC buffers only through codecs registered with it. Feather files from
 * pandas and R are LZ4-compressed by default; ZSTD is the other codec the format allows. Any
 * encoder already registered is kept.
 */
function registerCodecs(): void {
  const codecs: Array<[CompressionType, (data: Uint8Array) => Uint8Array]> = [
    [CompressionType.LZ4_FRAME, decodeLz4Frame],
    [CompressionType.ZSTD, (data) => decodeZstd(data)],
  ];
  for (const [type, decode] of codecs) {
    if (!compressionRegistry.get(type)?.decode) compressionRegistry.set(type, { ...compressionRegistry.get(type), decode });
  }
}

/**
 * An Arrow IPC file (Feather v2) or stream, read whole (the file format keeps its index at the
 * end) and written out as CSV batch by batch.
 */
export function arrowSource(input: SourceInput, format: 'arrow' | 'arrow-stream'): FileSource {
  return csvSource(input, format, async () => {
    registerCodecs();
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    let table = readArrowIpc(bytes);
    if (input.options.maxRows !== undefined) table = table.slice(0, input.options.maxRows);
    return { chunks: arrowToCsv(table), rows: table.numRows };
  });
}
