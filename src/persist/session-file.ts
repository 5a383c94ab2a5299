import type { CustomerColumns, IngestSummary, Mapping, MetricTable, SessionSettings } from '../core/index.ts';
import { parseSafeJson, sessionTableFromIpc, validateSessionSettings } from '../core/index.ts';
import { MAGIC_V1, readSessionFileV1, type SessionFileV1Content } from './session-file-v1.ts';

/**
 * A session as one file (version 2): a line naming the format, three lengths (float64, little
 * endian: header, table, lines), a JSON header (name, settings, summary, and what the lines were
 * read with), then the same two Arrow IPC streams a session keeps in IndexedDB: the customer
 * table with its metrics ({@link sessionTableIpcParts}) and the lines read from the file before
 * cleaning ({@link sessionLinesIpcParts}; absent when the analysis has none). The streams are
 * Blobs made in the workers that hold the data; the file is a Blob of them, so their bytes are
 * never joined on the page. Version 1 files (JSON header + typed arrays) still open.
 */
const MAGIC = 'SEGMENT-STUDIO-SESSION 2\n';
const LENGTHS_BYTES = 24;
const START = MAGIC.length + LENGTHS_BYTES;
export const SESSION_FILE_EXTENSION = '.segment-session';
/** The header holds settings and summaries (with a few examples per problem): never megabytes. */
const MAX_HEADER_BYTES = 8_000_000;

/** What a session file's lines were read with: cleaning them again needs both. */
export interface SessionFileLinesMeta {
  summary: IngestSummary;
  mapping: Mapping;
}

export interface SessionFileHeader {
  name: string;
  fileName: string;
  settings: SessionSettings;
  /** The summary of the analysis saved (after its cleaning and analysis date). */
  summary: IngestSummary;
  lines: SessionFileLinesMeta | null;
}

/** The session file as a Blob of its parts: the two IPC Blobs are taken by reference, not read. */
export function sessionFileBlob(header: SessionFileHeader, table: Blob, lines: Blob | null): Blob {
  const json = new TextEncoder().encode(JSON.stringify({ ...header, lines: lines ? header.lines : null }));
  const lengths = new DataView(new ArrayBuffer(LENGTHS_BYTES));
  lengths.setFloat64(0, json.byteLength, true);
  lengths.setFloat64(8, table.size, true);
  lengths.setFloat64(16, lines?.size ?? 0, true);
  return new Blob([MAGIC, lengths.buffer, json, table, ...(lines ? [lines] : [])], { type: 'application/octet-stream' });
}

export interface SessionFileContent extends SessionFileV1Content {
  /** The lines' IPC (a slice of the file, not read yet) and what they were read with; null in a version-1 file. */
  lines: (SessionFileLinesMeta & { bytes: Blob }) | null;
}

export type SessionFileOutcome = { ok: true; value: SessionFileContent } | { ok: false; problems: string[] };

const fail = (problem: string): SessionFileOutcome => ({ ok: false, problems: [problem] });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLength = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Reads a session file of either version, checking everything the page applies before it is
 * applied: the format line, the lengths against the file's size (a cut file), the header (as
 * hostile JSON), the settings and the customer table. The lines are only sliced here; the
 * ingest worker decodes and checks them ({@link sessionLinesFromIpc}).
 */
export async function readSessionFile(file: Blob, fileName: string): Promise<SessionFileOutcome> {
  const head = new Uint8Array(await file.slice(0, START).arrayBuffer());
  const magic = new TextDecoder().decode(head.subarray(0, MAGIC.length));
  if (magic === MAGIC_V1) {
    const v1 = readSessionFileV1(await file.arrayBuffer(), fileName);
    return v1.ok ? { ok: true, value: { ...v1.value, lines: null } } : v1;
  }
  if (magic !== MAGIC) {
    if (magic.startsWith('SEGMENT-STUDIO-SESSION ')) return fail(`"${fileName}" is a session file of a newer format than this Segment Studio reads. Open it in the version that saved it.`);
    return fail(`"${fileName}" is not a Segment Studio session file (they end in ${SESSION_FILE_EXTENSION}). To analyse a data file, drop it on the page instead.`);
  }
  if (head.byteLength < START) return fail(`"${fileName}" is damaged or cut short: it ends before its header.`);
  const view = new DataView(head.buffer, MAGIC.length, LENGTHS_BYTES);
  const [headerBytes, tableBytes, linesBytes] = [view.getFloat64(0, true), view.getFloat64(8, true), view.getFloat64(16, true)];
  if (![headerBytes, tableBytes, linesBytes].every(isLength) || headerBytes > MAX_HEADER_BYTES || START + headerBytes + tableBytes + linesBytes !== file.size) {
    return fail(`"${fileName}" is damaged or cut short: its parts do not add up to its size.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.slice(START, START + headerBytes).arrayBuffer());
  } catch {
    return fail(`"${fileName}" is damaged: its header is not text.`);
  }
  const parsed = parseSafeJson(text, MAX_HEADER_BYTES);
  if (!parsed.ok) return fail(`"${fileName}": ${parsed.problem}`);
  const header = parsed.value;
  if (!isObject(header) || !isObject(header.summary)) return fail(`"${fileName}" is damaged: its header has no summary.`);
  const settings = validateSessionSettings(header.settings);
  if (!settings.ok) return { ok: false, problems: settings.problems.map((p) => `"${fileName}": ${p}`) };
  const lines = header.lines;
  if ((linesBytes > 0) !== isObject(lines) || (isObject(lines) && (!isObject(lines.summary) || !isObject(lines.mapping)))) {
    return fail(`"${fileName}" is damaged: its transactions do not match its header.`);
  }
  const tableStart = START + headerBytes;
  let tables: { customers: CustomerColumns; metrics: MetricTable | null };
  try {
    tables = sessionTableFromIpc(new Uint8Array(await file.slice(tableStart, tableStart + tableBytes).arrayBuffer()));
  } catch (e) {
    return fail(`"${fileName}" is damaged: its customer table cannot be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (tables.customers.n !== (header.summary as { customers?: unknown }).customers) return fail(`"${fileName}" is damaged: its customer table does not match its summary.`);
  const name = typeof header.name === 'string' ? header.name.slice(0, 200) : fileName;
  return {
    ok: true,
    value: {
      name,
      fileName: typeof header.fileName === 'string' ? header.fileName.slice(0, 1000) : fileName,
      settings: settings.value,
      summary: header.summary as unknown as IngestSummary,
      ...tables,
      lines: isObject(lines) ? { summary: lines.summary as unknown as IngestSummary, mapping: lines.mapping as unknown as Mapping, bytes: file.slice(tableStart + tableBytes, tableStart + tableBytes + linesBytes) } : null,
    },
  };
}
