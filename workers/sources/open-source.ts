import { FILE_FORMAT_LABELS, SNIFF_BYTES, SegmentError, sniffFormat } from '../../src/core/index.ts';
import type { ReadableFile } from '../../src/core/index.ts';
import { arrowSource } from './arrow-source.ts';
import type { FileSource, SourceOptions } from './file-source.ts';
import { gzipSource } from './gzip-source.ts';
import { parquetSource } from './parquet-source.ts';
import { textSource } from './text-source.ts';
import { workbookSource } from './workbook-source.ts';

/**
 * Opens a file by what its first bytes say it is (see `sniffFormat`), not by its name.
 * Formats the app cannot read are expected problems, thrown as `SegmentError`.
 */
export async function openSource(file: ReadableFile, fileName: string, options: SourceOptions): Promise<FileSource> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const format = sniffFormat(head);
  const input = { file, fileName, options };
  switch (format) {
    case 'text':
      return textSource(input);
    case 'gzip':
      return gzipSource(input);
    case 'parquet':
      return parquetSource(input);
    case 'arrow':
    case 'arrow-stream':
      return arrowSource(input, format);
    case 'xlsx':
    case 'ods':
    case 'xls':
      return workbookSource(input, format);
    case 'zip':
      throw new SegmentError({
        code: 'binary-file',
        message: `"${fileName}" is not a text file but a zip archive. Unzip it and choose the CSV, Excel, Parquet or Arrow file inside.`,
      });
    case 'feather-v1':
      throw new SegmentError({
        code: 'unsupported-format',
        message: `"${fileName}" is ${FILE_FORMAT_LABELS[format]}, an old format. Save it again as Feather version 2 (Arrow), Parquet or CSV and try again.`,
      });
  }
}
