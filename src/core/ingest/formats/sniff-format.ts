/**
 * The kinds of file the ingest reads. Text (any delimiter, any supported encoding) and gzip go
 * to the byte scanner as they are (gzip after decompressing); the others are converted to UTF-8
 * CSV text first. `zip`, `xls-or-ole` and `feather-v1` are recognised only to say what they are.
 */
export type FileFormat = 'text' | 'gzip' | 'xlsx' | 'ods' | 'xls' | 'parquet' | 'arrow' | 'arrow-stream' | 'zip' | 'feather-v1';

/** How each format is named to an analyst, in a sentence ("… looks like an Excel workbook"). */
export const FILE_FORMAT_LABELS: Record<FileFormat, string> = {
  text: 'a text file',
  gzip: 'a gzip-compressed file',
  xlsx: 'an Excel workbook',
  ods: 'an OpenDocument spreadsheet',
  xls: 'an Excel 97-2003 workbook',
  parquet: 'a Parquet file',
  arrow: 'an Arrow IPC (Feather) file',
  'arrow-stream': 'an Arrow IPC stream',
  zip: 'a zip archive',
  'feather-v1': 'a Feather version 1 file',
};

/** Bytes of the file's head that {@link sniffFormat} looks at (zip entry names are near the start). */
export const SNIFF_BYTES = 64 << 10;

// Magic numbers as byte literals (not computed, so bundlers can drop this module where unused).
/** "ARROW1" */
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
/** "PAR1" */
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];
/** "FEA1" */
const FEATHER_V1_MAGIC = [0x46, 0x45, 0x41, 0x31];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** An IPC stream message starts with the continuation marker 0xFFFFFFFF. */
const ARROW_STREAM_MAGIC = [0xff, 0xff, 0xff, 0xff];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** Whether the ASCII `text` occurs anywhere in `bytes`. */
function contains(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  const n = text.length;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i + n <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < n; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/**
 * True when a zip archive ends with its directory (the end-of-central-directory record, within
 * the last 64 KB + 22 bytes). A workbook cut short has none, and SheetJS, given one, searched
 * for minutes instead of failing (found by the ingest fuzz test).
 */
export function hasZipEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - (65_535 + 22));
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return true;
  }
  return false;
}

/**
 * Names of the zip entries whose local headers lie in `head`, walking header to header. Stops
 * at an entry whose size is only given after its data (general purpose flag bit 3).
 */
export function zipEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at + 30 <= head.length && startsWith(head, ZIP_MAGIC, at)) {
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    if (at + 30 + nameLength > head.length) break;
    names.push(String.fromCharCode(...head.subarray(at + 30, at + 30 + nameLength)));
    if (flags & 8) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

/**
 * Tells a file's format from its first bytes (see {@link SNIFF_BYTES}), never from its name:
 * exports often carry the wrong extension (a `.csv` that is really a workbook, a `.gz` renamed).
 * A zip archive is an Excel workbook when its entries include Excel's `xl/` folder (OOXML:
 * .xlsx, .xlsm, .xlsb), and an OpenDocument spreadsheet by its mimetype entry.
 */
export function sniffFormat(head: Uint8Array): FileFormat {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip';
  if (startsWith(head, PARQUET_MAGIC)) return 'parquet';
  if (startsWith(head, ARROW_MAGIC)) return 'arrow';
  if (startsWith(head, ARROW_STREAM_MAGIC)) return 'arrow-stream';
  if (startsWith(head, FEATHER_V1_MAGIC)) return 'feather-v1';
  if (startsWith(head, OLE_MAGIC)) return 'xls';
  if (startsWith(head, ZIP_MAGIC)) {
    if (contains(head, 'application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    const names = zipEntryNames(head);
    const excel = names.some((name) => name.startsWith('xl/')) || (names.length === 0 && contains(head, 'xl/'));
    return excel ? 'xlsx' : 'zip';
  }
  return 'text';
}

/** Whether a format is a spreadsheet workbook (read through the spreadsheet library, with sheets). */
export function isWorkbook(format: FileFormat): format is 'xlsx' | 'ods' | 'xls' {
  return format === 'xlsx' || format === 'ods' || format === 'xls';
}
