import { FILE_FORMAT_LABELS, SegmentError, clipText, hasZipEnd, sheetToCsv, type SheetRows } from '../../src/core/index.ts';
import type { FileSource, SourceInput } from './file-source.ts';
import { csvSource, unreadable } from './csv-source.ts';

type WorkbookFormat = 'xlsx' | 'ods' | 'xls';

/**
 * A spreadsheet workbook (.xlsx and its macro and binary variants, .ods, .xls) read with SheetJS:
 * one sheet (the one asked for, else the first with data), cells formatted as dates read as
 * dates, written out as CSV. The whole workbook is parsed in memory first, as the format needs.
 */
export async function workbookSource(input: SourceInput, format: WorkbookFormat): Promise<FileSource> {
  const { file, fileName, options } = input;
  let XLSX: typeof import('@e965/xlsx');
  let data: Uint8Array;
  let names: string[];
  try {
    XLSX = await import('@e965/xlsx');
    data = new Uint8Array(await file.arrayBuffer());
    if (format !== 'xls' && !hasZipEnd(data)) {
      throw new SegmentError({
        code: 'read-failed',
        message: `"${fileName}" looks like ${FILE_FORMAT_LABELS[format]} but is cut short: it ends before its table of contents (${data.length.toLocaleString('en-GB')} bytes were read). Download or export it again and retry.`,
      });
    }
    names = XLSX.read(data, { type: 'array', bookSheets: true }).SheetNames;
  } catch (e) {
    throw workbookProblem(fileName, format, e);
  }
  if (options.sheet !== undefined && !names.includes(options.sheet)) {
    throw new SegmentError({
      code: 'sheet-not-found',
      message: `"${fileName}" has no sheet named "${clipText(options.sheet)}". Its sheets are: ${names.slice(0, 20).map((n) => `"${clipText(n)}"`).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}.`,
    });
  }
  const parse = (name: string) => {
    const book = XLSX.read(data, {
      type: 'array',
      sheets: name,
      dense: true,
      // Cells formatted as dates come out as Dates (SheetJS 0.20 makes them UTC-correct).
      cellDates: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      ...(options.maxRows !== undefined ? { sheetRows: options.maxRows + 50 } : {}),
    });
    const sheet = book.Sheets[name];
    const ref = sheet?.['!ref'];
    return ref ? { rows: (sheet['!data'] ?? []) as SheetRows, range: XLSX.utils.decode_range(ref) } : null;
  };
  let chosen = options.sheet;
  let parsed: ReturnType<typeof parse> = null;
  try {
    for (const name of chosen !== undefined ? [chosen] : names) {
      parsed = parse(name);
      chosen = name;
      if (parsed) break;
    }
  } catch (e) {
    throw workbookProblem(fileName, format, e);
  }
  const sheet = parsed;
  return csvSource(
    input,
    format,
    async () => ({
      chunks: sheet ? sheetToCsv(sheet.rows, sheet.range) : [],
      rows: sheet ? sheet.range.e.r - sheet.range.s.r : 0,
    }),
    { sheets: names, ...(chosen !== undefined ? { sheet: chosen } : {}) },
  );
}

function workbookProblem(fileName: string, format: WorkbookFormat, e: unknown): unknown {
  if (e instanceof Error && /password/i.test(e.message)) {
    return new SegmentError({
      code: 'unsupported-format',
      message: `"${fileName}" is protected with a password. Open it in Excel, save a copy without the password, and try again.`,
    });
  }
  return unreadable(fileName, format, e);
}
