import type { CustomerColumns, IngestSummary, MetricTable, SessionSettings } from '../core/index.ts';
import { parseSafeJson, validateSessionSettings } from '../core/index.ts';

/**
 * The first session file format (written until session 6, still read): a line naming the format, the length of a JSON header, the header
 * (settings, summary, and the data with every typed array replaced by a reference), then the
 * typed arrays' bytes, each 8-byte aligned so they are read back as views without copying.
 */
export const MAGIC_V1 = 'SEGMENT-STUDIO-SESSION 1\n';
const MAGIC = MAGIC_V1;
const SESSION_FILE_EXTENSION = '.segment-session';
/** The header holds settings and the summary (with a few examples per problem): never megabytes. */
const MAX_HEADER_CHARS = 8_000_000;

export interface SessionFileV1Content {
  name: string;
  fileName: string;
  settings: SessionSettings;
  summary: IngestSummary;
  customers: CustomerColumns;
  metrics: MetricTable | null;
}

const TYPES = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;
type Ref = { $array: TypeName; offset: number; length: number };

function typeName(v: ArrayBufferView): TypeName | null {
  for (const [name, ctor] of Object.entries(TYPES)) if (v instanceof ctor) return name as TypeName;
  return null;
}

/** The file as Blob parts (kept to test the reader; the app writes version 2): no copy of the arrays is made here (the Blob takes them). */
export function sessionFileV1Parts(content: SessionFileV1Content): BlobPart[] {
  const arrays: ArrayBufferView[] = [];
  let offset = 0;
  const refs: Ref[] = [];
  const tree = JSON.parse(
    JSON.stringify(content, function (this: unknown, _key, value: unknown) {
      if (ArrayBuffer.isView(value)) {
        const name = typeName(value);
        if (!name) throw new Error('A session holds an array of an unknown type.');
        const ref: Ref = { $array: name, offset, length: (value as unknown as { length: number }).length };
        refs.push(ref);
        arrays.push(value);
        offset += Math.ceil(value.byteLength / 8) * 8;
        return ref;
      }
      return value;
    }),
  ) as unknown;
  const header = new TextEncoder().encode(JSON.stringify(tree));
  const start = Math.ceil((MAGIC.length + 12 + header.byteLength) / 8) * 8;
  const lengths = new DataView(new ArrayBuffer(12));
  lengths.setUint32(0, header.byteLength, true);
  lengths.setFloat64(4, offset, true);
  const parts: BlobPart[] = [MAGIC, lengths.buffer, header as Uint8Array<ArrayBuffer>, new Uint8Array(start - MAGIC.length - 12 - header.byteLength)];
  for (const a of arrays) {
    parts.push(new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength));
    const pad = Math.ceil(a.byteLength / 8) * 8 - a.byteLength;
    if (pad) parts.push(new Uint8Array(pad));
  }
  return parts;
}

export type SessionFileV1Outcome = { ok: true; value: SessionFileV1Content } | { ok: false; problems: string[] };

const fail = (problem: string): SessionFileV1Outcome => ({ ok: false, problems: [problem] });

/**
 * Reads a session file, checking everything before anything is applied: the format line, the
 * header (as hostile JSON), the settings, every array reference (type, bounds) and the
 * customer table's lengths.
 */
export function readSessionFileV1(buffer: ArrayBuffer, fileName: string): SessionFileV1Outcome {
  const bytes = new Uint8Array(buffer);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) {
    if (magic.startsWith('SEGMENT-STUDIO-SESSION ')) return fail(`"${fileName}" is a session file of a newer format than this Segment Studio reads. Open it in the version that saved it.`);
    return fail(`"${fileName}" is not a Segment Studio session file (they end in ${SESSION_FILE_EXTENSION}). To analyse a data file, drop it on the page instead.`);
  }
  if (bytes.byteLength < MAGIC.length + 12) return fail(`"${fileName}" is cut short.`);
  const view = new DataView(buffer, MAGIC.length, 12);
  const headerLength = view.getUint32(0, true);
  const dataLength = view.getFloat64(4, true);
  const start = Math.ceil((MAGIC.length + 12 + headerLength) / 8) * 8;
  if (headerLength > MAX_HEADER_CHARS * 4 || start + dataLength !== bytes.byteLength) return fail(`"${fileName}" is damaged or cut short: its parts do not add up to its size.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 12, MAGIC.length + 12 + headerLength));
  } catch {
    return fail(`"${fileName}" is damaged: its header is not text.`);
  }
  const parsed = parseSafeJson(text, MAX_HEADER_CHARS);
  if (!parsed.ok) return fail(`"${fileName}": ${parsed.problem}`);
  const problems: string[] = [];
  const revive = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(revive);
    if (typeof v !== 'object' || v === null) return v;
    const r = v as Partial<Ref>;
    if (typeof r.$array === 'string') {
      const ctor = Object.hasOwn(TYPES, r.$array) ? TYPES[r.$array] : null;
      const ok = ctor && Number.isInteger(r.offset) && Number.isInteger(r.length) && r.offset! >= 0 && r.length! >= 0 && r.offset! % 8 === 0 && r.offset! + r.length! * ctor.BYTES_PER_ELEMENT <= dataLength;
      if (!ok) {
        problems.push(`"${fileName}" is damaged: an array in it points outside the file.`);
        return null;
      }
      return new ctor(buffer, start + r.offset!, r.length!);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  };
  const content = revive(parsed.value) as Partial<SessionFileV1Content>;
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 1) };
  const settings = validateSessionSettings(content.settings);
  if (!settings.ok) return { ok: false, problems: settings.problems.map((p) => `"${fileName}": ${p}`) };
  const c = content.customers;
  const n = c?.n;
  const columnsOk =
    typeof n === 'number' && Number.isInteger(n) && n >= 0 &&
    [c!.firstDay, c!.lastDay, c!.frequency, c!.monetary].every((a) => ArrayBuffer.isView(a) && (a as Int32Array).length === n) &&
    c!.ids?.offsets instanceof Int32Array && c!.ids.offsets.length === n + 1 && c!.ids.data instanceof Uint8Array;
  if (!columnsOk || typeof content.summary !== 'object' || content.summary === null) return fail(`"${fileName}" is damaged: its customer table is incomplete.`);
  if (content.metrics && (typeof content.metrics !== 'object' || content.metrics.metrics?.n !== n)) return fail(`"${fileName}" is damaged: its metrics do not match its customers.`);
  return {
    ok: true,
    value: { name: typeof content.name === 'string' ? content.name.slice(0, 200) : fileName, fileName: typeof content.fileName === 'string' ? content.fileName.slice(0, 1000) : fileName, settings: settings.value, summary: content.summary!, customers: c!, metrics: content.metrics ?? null },
  };
}
