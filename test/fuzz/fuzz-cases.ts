import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../../scripts/mulberry32.mjs';

// Broken and hostile files for the ingest fuzz test (test/workers/ingest-fuzz.test.ts, and
// `npm run fuzz` for thousands). Every case comes from one seeded generator, so a failure is
// replayed exactly from its seed and number.

export interface FuzzCase {
  /** "kind #number": the number replays it (see caseAt). */
  name: string;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The fuzz cases' generator (mulberry32): the same seed gives the same files on every machine. */
export const seededRandom = mulberry32;

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)];
const encode = (s: string) => new TextEncoder().encode(s);
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));

let fixtures: Record<string, Uint8Array> | null = null;
/** The real files the mutations start from, read once. */
function realFiles(): Record<string, Uint8Array> {
  fixtures ??= {
    'small-shop.csv': fixture('small-shop.csv'),
    'semicolon-decimal-comma.csv': fixture('semicolon-decimal-comma.csv'),
    'windows-1252.csv': fixture('windows-1252.csv'),
    'utf-16le.csv': fixture('utf-16le.csv'),
    'customer-attributes.csv': fixture('customer-attributes.csv'),
    'online-retail-slice.csv': fixture('online-retail/online-retail-slice.csv'),
    'CDNOW_sample.txt': fixture('cdnow/CDNOW_sample.txt'),
    'workspace-same-revenue.csv': fixture('workspace/same-revenue.csv'),
    'small-shop.csv.gz': fixture('formats/small-shop.csv.gz'),
    'small-shop.xlsx': fixture('formats/small-shop.xlsx'),
    'small-shop.parquet': fixture('formats/small-shop.parquet'),
    'small-shop.arrow': fixture('formats/small-shop.arrow'),
    'small-shop.feather': fixture('formats/small-shop.feather'),
  };
  return fixtures;
}

/** The header and a random run of lines of a large text file, so a case stays small. */
function window(rng: Rng, bytes: Uint8Array): Uint8Array {
  if (bytes.length < 20_000) return bytes;
  const headerEnd = bytes.indexOf(10) + 1;
  const from = bytes.indexOf(10, headerEnd + int(rng, (bytes.length - headerEnd) / 3)) + 1;
  // Now and then over 128 KB, so the file is cut in two parts past the 64 KB sniffing sample.
  const to = Math.min(bytes.length, from + (rng() < 0.1 ? 140_000 + int(rng, 100_000) : 200 + int(rng, 12_000)));
  const out = new Uint8Array(headerEnd + (to - from));
  out.set(bytes.subarray(0, headerEnd));
  out.set(bytes.subarray(from, to), headerEnd);
  return out;
}

/** Byte strings that break parsers: quotes, separators, line ends, NUL, broken UTF-8, markers, formulas. */
const NASTY: readonly (string | number[])[] = [
  '"', '""', '",', ',"', ',', ';', '\t', '|', '\n', '\r', '\r\n', '\n\n', ' ', '\u00a0', '\ufeff',
  [0], [0, 0, 0], [0xff], [0xfe, 0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x80],
  'NA', 'N/A', '#N/A', 'null', 'NaN', '-', '1e309', '-1e309', '1e-320', 'Infinity', '0x10', '١٢٣', '(5,00)', '€', '£12.50',
  '99999999999999999999999', '-0', '.', ',,,,', '=1+1', '@SUM(A1)', '<script>x</script>', '2024-02-30', '31/12/1899',
  '0000-00-00', '9999-12-31', '1970-01-01T00:00:00Z', '12/13/2024', '2024-13-45', '\u202e', '𝕏', '\u0000,\u0000',
];

function nasty(rng: Rng): Uint8Array {
  const n = pick(rng, NASTY);
  return typeof n === 'string' ? encode(n) : Uint8Array.from(n);
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** One random edit: a byte changed, nasty bytes put in, a range cut or repeated, the end cut off. */
function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  const at = int(rng, bytes.length + 1);
  switch (int(rng, 8)) {
    case 0: {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[Math.min(at, out.length - 1)] = int(rng, 256);
      return out;
    }
    case 1:
    case 2:
      return splice(bytes, at, 0, nasty(rng));
    case 3:
      return splice(bytes, at, Math.min(bytes.length - at, int(rng, 200)), new Uint8Array(0));
    case 4: {
      const len = Math.min(bytes.length - at, int(rng, 400));
      return splice(bytes, at, 0, bytes.slice(at, at + len));
    }
    case 5:
      return bytes.slice(0, at);
    case 6:
      return splice(bytes, at, Math.min(bytes.length - at, 1), nasty(rng));
    default: {
      // A quote at the start of a random field, never closed.
      const comma = bytes.indexOf(44, at);
      return comma < 0 ? splice(bytes, at, 0, encode('"')) : splice(bytes, comma + 1, 0, encode('"'));
    }
  }
}

function mutateTimes(rng: Rng, bytes: Uint8Array, times: number): Uint8Array {
  let out = bytes;
  for (let i = 0; i < times; i++) out = mutate(rng, out);
  return out;
}

/** Every line break replaced by a random one of \n, \r\n and \r. */
function mixLineEnds(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 13 && bytes[i + 1] === 10) continue;
    if (b === 10 || b === 13) {
      const end = pick(rng, [[10], [13, 10], [13], [10, 10]]);
      out.push(...end);
    } else out.push(b);
  }
  return Uint8Array.from(out);
}

const HEADERS = [
  ['Customer ID', 'Date', 'Amount'],
  ['customer', 'order', 'date', 'quantity', 'unit price', 'product', 'category', 'channel'],
  ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'],
  ['client', 'when', 'total', 'note'],
  ['Kundennummer', 'Datum', 'Betrag'],
];
const DATE_STYLES: ((y: number, m: number, d: number) => string)[] = [
  (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  (y, m, d) => `${d}/${m}/${y}`,
  (y, m, d) => `${m}/${d}/${y}`,
  (y, m, d) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`,
  (y, m, d) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
  (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 13:${String(d).padStart(2, '0')}:00`,
];

/** A plausible export with random columns, styles, separators and quoting, then a few edits. */
function generatedCsv(rng: Rng): Uint8Array {
  const header = pick(rng, HEADERS);
  const sep = pick(rng, [',', ';', '\t', '|']);
  const date = pick(rng, DATE_STYLES);
  const decimalComma = sep !== ',' && rng() < 0.5;
  const rows = 1 + int(rng, 400);
  const customers = 1 + int(rng, 60);
  const lines = [header.join(sep)];
  for (let r = 0; r < rows; r++) {
    const cells = header.map((h) => {
      const lower = h.toLowerCase();
      if (rng() < 0.03) return pick(rng, ['', 'NA', '-', 'null']);
      if (/custom|client|kunden/.test(lower)) return `${pick(rng, ['c', '', 'Kunde '])}${int(rng, customers)}${rng() < 0.1 ? '.0' : ''}`;
      if (/date|when|datum/.test(lower)) return date(2020 + int(rng, 5), 1 + int(rng, 12), 1 + int(rng, 28));
      if (/order|invoice/.test(lower)) return `${rng() < 0.05 ? 'C' : ''}${1000 + int(rng, rows)}`;
      if (/quantity/.test(lower)) return String(int(rng, 20) - 2);
      const v = (rng() * 500 - 20).toFixed(int(rng, 4));
      if (/price|total|amount|betrag/.test(lower)) return decimalComma ? v.replace('.', ',') : v;
      const text = pick(rng, ['plain', 'with "quotes"', `with${sep}sep`, 'multi\nline', 'ü€😀', '=cmd']);
      return /["\n]|,|;|\t|\|/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    });
    lines.push(cells.join(sep));
  }
  return mutateTimes(rng, encode(lines.join(pick(rng, ['\n', '\r\n']))), int(rng, 3));
}

function randomBytes(rng: Rng): Uint8Array {
  const n = int(rng, 1 << (4 + int(rng, 12)));
  const out = new Uint8Array(n);
  // Sometimes only printable ASCII with separators and line breaks: text that is no table.
  const alphabet = rng() < 0.5 ? null : encode('abc019,;"\n\r\t. -');
  for (let i = 0; i < n; i++) out[i] = alphabet ? alphabet[int(rng, alphabet.length)] : int(rng, 256);
  return out;
}

function cut(rng: Rng, bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, int(rng, bytes.length));
}

const KINDS = [
  'mutated-real-file',
  'generated-export',
  'random-bytes',
  'truncated-gzip',
  'broken-gzip',
  'truncated-workbook',
  'broken-table-format',
  'unbalanced-quotes',
  'mixed-line-endings',
  'nul-bytes',
  'invalid-utf8',
  'header-only',
] as const;

/** Case `index` of the run with `seed`: the same pair gives the same bytes every time. */
export function caseAt(seed: number, index: number): FuzzCase {
  const rng = seededRandom((seed * 1_000_003 + index * 7919) >>> 0);
  const files = realFiles();
  const kind = KINDS[index % KINDS.length];
  const name = `${kind} #${index} (seed ${seed})`;
  const textFiles = Object.keys(files).filter((f) => /\.(csv|txt)$/.test(f));
  const someText = () => window(rng, files[pick(rng, textFiles)]);
  const csv = (bytes: Uint8Array): FuzzCase => ({ name, fileName: pick(rng, ['fuzz.csv', 'fuzz.txt', 'fuzz.tsv', 'fuzz']), bytes: Uint8Array.from(bytes) });
  switch (kind) {
    case 'mutated-real-file':
      return csv(mutateTimes(rng, someText(), 1 + int(rng, 6)));
    case 'generated-export':
      return csv(generatedCsv(rng));
    case 'random-bytes':
      return csv(randomBytes(rng));
    case 'truncated-gzip': {
      const text = rng() < 0.5 ? files['small-shop.csv.gz'] : gzipSync(someText());
      return { name, fileName: 'fuzz.csv.gz', bytes: Uint8Array.from(cut(rng, text)) };
    }
    case 'broken-gzip': {
      const gz = gzipSync(rng() < 0.5 ? someText() : generatedCsv(rng));
      return { name, fileName: 'fuzz.csv.gz', bytes: Uint8Array.from(mutateTimes(rng, gz, 1 + int(rng, 3))) };
    }
    case 'truncated-workbook': {
      const xlsx = files['small-shop.xlsx'];
      return { name, fileName: 'fuzz.xlsx', bytes: Uint8Array.from(rng() < 0.6 ? cut(rng, xlsx) : mutateTimes(rng, xlsx, 1 + int(rng, 4))) };
    }
    case 'broken-table-format': {
      const source = pick(rng, ['small-shop.parquet', 'small-shop.arrow', 'small-shop.feather', 'small-shop.xlsx'] as const);
      const bytes = rng() < 0.5 ? cut(rng, files[source]) : mutateTimes(rng, files[source], 1 + int(rng, 4));
      return { name, fileName: `fuzz.${source.split('.').pop()}`, bytes: Uint8Array.from(bytes) };
    }
    case 'unbalanced-quotes': {
      let bytes = someText();
      for (let i = 1 + int(rng, 4); i > 0; i--) {
        const at = int(rng, bytes.length);
        const sep = bytes.indexOf(pick(rng, [44, 10, 59]), at);
        bytes = splice(bytes, sep < 0 ? at : sep + 1, 0, encode(pick(rng, ['"', '"x', 'x"', '""x"'])));
      }
      return csv(bytes);
    }
    case 'mixed-line-endings':
      return csv(mixLineEnds(rng, rng() < 0.5 ? someText() : generatedCsv(rng)));
    case 'nul-bytes': {
      let bytes = someText();
      const many = rng() < 0.2;
      for (let i = many ? 200 + int(rng, 2000) : 1 + int(rng, 4); i > 0; i--) bytes = splice(bytes, int(rng, bytes.length), 0, new Uint8Array(1 + int(rng, 2)));
      return csv(bytes);
    }
    case 'invalid-utf8': {
      let bytes = someText();
      for (let i = 1 + int(rng, 8); i > 0; i--) {
        const bad = pick(rng, [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
        bytes = splice(bytes, int(rng, bytes.length), 0, Uint8Array.from(bad));
      }
      return csv(bytes);
    }
    case 'header-only': {
      const text = someText();
      const end = text.indexOf(10);
      const header = end < 0 ? text : text.subarray(0, end + int(rng, 2));
      return csv(rng() < 0.3 ? mixLineEnds(rng, Uint8Array.from([...header, 10, 10, 13, 10])) : header);
    }
  }
}

/** Large fixed cases, run once each whatever the count: they are slow to make and to read. */
export function largeCases(): FuzzCase[] {
  const line50mb = new Uint8Array(50 << 20).fill(120);
  // A 50 MB customer id in one line of a good file: read or skipped, never a stall.
  const tail = encode(',2024-01-01,5\nb,2024-01-02,7\n');
  const header = encode('customer,date,amount\n');
  const longField = new Uint8Array(header.length + line50mb.length + tail.length);
  longField.set(header);
  longField.set(line50mb, header.length);
  longField.set(tail, header.length + line50mb.length);
  const columns = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
  return [
    { name: 'a 50 MB single line', fileName: 'long-line.csv', bytes: line50mb },
    { name: 'a 50 MB line after a good header', fileName: 'long-field.csv', bytes: longField },
    { name: '100k columns', fileName: 'wide.csv', bytes: encode(`${columns}\n${columns.replace(/c/g, '')}\n`) },
    { name: '100k columns in one data row', fileName: 'wide-row.csv', bytes: encode(`customer,date,amount\na,2024-01-01,5\n${'x,'.repeat(100_000)}\nb,2024-01-02,7\n`) },
    { name: 'header only', fileName: 'header.csv', bytes: encode('customer,date,amount\n') },
    { name: 'header only, no line break', fileName: 'header.csv', bytes: encode('customer,date,amount') },
  ];
}
