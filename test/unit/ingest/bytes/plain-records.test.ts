import { describe, expect, it } from 'vitest';
import { assemblePlainRecords, plainRecordsModule } from '../../../../scripts/build-wasm.mjs';
import { PLAIN_RECORDS_WASM } from '../../../../src/core/ingest/bytes/plain-records-module.ts';
import { RecordScanner, recordHashes, seededRandom, type RecordView } from '../../../../src/core/index.ts';

/** Everything a record's reader sees of it, its bytes copied out. */
interface Seen {
  record: number;
  fields: Array<{ start: number; end: number; kind: number; text: string }>;
  recordStart: number;
  recordEnd: number;
  whole: string;
  nul: boolean;
  hashes: [number, number];
}

const latin1 = new TextDecoder('latin1');

function seen(v: RecordView): Seen {
  const fields = [];
  for (let k = v.first; k < v.first + v.count; k++) fields.push({ start: v.start[k], end: v.end[k], kind: v.kind[k], text: latin1.decode(v.bytes.subarray(v.start[k], v.end[k])) });
  return { record: v.record, fields, recordStart: v.recordStart, recordEnd: v.recordEnd, whole: latin1.decode(v.bytes.subarray(v.recordStart, v.recordEnd)), nul: v.nul, hashes: [v.hash1, v.hash2] };
}

/** The records of `bytes` pushed in pieces cut at `cuts`, with how many were read in WebAssembly. */
function scan(bytes: Uint8Array, cuts: number[], delimiter: number, wasm: boolean): { records: Seen[]; plain: number; repaired: number; unclosed: number | null } {
  const records: Seen[] = [];
  const s = new RecordScanner(delimiter, (v) => records.push(seen(v)), { wasm });
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    s.push(bytes.subarray(at, cut));
    at = cut;
  }
  s.finish();
  return { records, plain: s.plainRecords, repaired: s.repairedRecords, unclosed: s.unclosedQuoteRecord };
}

/** Random delimited bytes: mostly plain records, with the cases the WebAssembly reader hands back or must get right. */
function randomFile(rand: () => number, delimiter: string): Uint8Array {
  const cells = ['', 'a', '12.50', 'CUST0042', '2024-03-01', 'a long plain cell that spans several blocks of 16 bytes', ' padded ', 'é€'];
  const odd = ['"quoted, with delimiter"', '"dou""bled"', '"over\nlines"', 'in"side', '"stray', 'nul\u0000here', '"a"b'];
  const breaks = ['\n', '\r\n', '\r'];
  const lines: string[] = [];
  const rows = 1 + Math.floor(rand() * 40);
  for (let r = 0; r < rows; r++) {
    if (rand() < 0.05) {
      lines.push('');
      continue;
    }
    const width = rand() < 0.02 ? 300 : 1 + Math.floor(rand() * 8);
    const row: string[] = [];
    for (let c = 0; c < width; c++) row.push(rand() < 0.04 ? odd[Math.floor(rand() * odd.length)] : cells[Math.floor(rand() * cells.length)]);
    lines.push(row.join(delimiter));
  }
  let text = '';
  for (const line of lines) text += line + breaks[Math.floor(rand() * (rand() < 0.8 ? 1 : 3))];
  if (rand() < 0.3) text = text.replace(/[\r\n]+$/, '');
  return new TextEncoder().encode(text);
}

describe('the plain records reader (WebAssembly)', () => {
  it('is the assembly of plain-records.wat, as committed', async () => {
    const bytes = await assemblePlainRecords();
    expect(Array.from(PLAIN_RECORDS_WASM)).toEqual(Array.from(bytes));
    expect(plainRecordsModule(bytes)).toContain(`new Uint8Array([\n  ${Array.from(bytes.subarray(0, 24)).join(', ')},`);
  });

  it('reads what the JavaScript reader reads, record for record, on 600 random files cut anywhere', () => {
    const rand = seededRandom(20261206);
    let plain = 0;
    for (let k = 0; k < 600; k++) {
      const delimiter = [',', ';', '\t', '|'][k % 4];
      const bytes = randomFile(rand, delimiter);
      const cuts = Array.from({ length: Math.floor(rand() * 4) }, () => Math.floor(rand() * bytes.length)).sort((a, b) => a - b);
      const js = scan(bytes, cuts, delimiter.charCodeAt(0), false);
      const wasm = scan(bytes, cuts, delimiter.charCodeAt(0), true);
      expect(js.plain).toBe(0);
      expect(wasm.records, latin1.decode(bytes)).toEqual(js.records);
      expect([wasm.repaired, wasm.unclosed]).toEqual([js.repaired, js.unclosed]);
      plain += wasm.plain;
    }
    // Most records are plain, and were read in WebAssembly.
    expect(plain).toBeGreaterThan(5000);
  });

  it('hashes each record as recordHashes hashes its bytes', () => {
    const bytes = randomFile(seededRandom(5), ',');
    const out = new Int32Array(2);
    let checked = 0;
    const s = new RecordScanner(44, (v) => {
      recordHashes(v.bytes, v.recordStart, v.recordEnd, out);
      expect([v.hash1, v.hash2]).toEqual([out[0], out[1]]);
      checked++;
    });
    s.push(bytes);
    s.finish();
    expect(s.plainRecords).toBeGreaterThan(0);
    expect(checked).toBeGreaterThanOrEqual(s.plainRecords);
  });

  it('reads a file that quotes every cell, with plain stretches between, as the JavaScript reader does', () => {
    const rand = seededRandom(9);
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const quoted = Math.floor(i / 500) % 2 === 0 || rand() < 0.01;
      const cells = [`C${i % 97}`, `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, (rand() * 100).toFixed(2), i % 13 === 0 ? 'with, comma' : 'Books'];
      lines.push(cells.map((c) => (quoted ? `"${c}"` : c.replace(',', ''))).join(','));
    }
    const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
    // Chunks of about 8 KB: past a few quoted records the rest of a chunk is read in JavaScript,
    // and the next chunk is tried in WebAssembly again.
    const cuts: number[] = [];
    for (let at = Math.floor(rand() * 8000); at < bytes.length; at += 4000 + Math.floor(rand() * 8000)) cuts.push(at);
    const wasm = scan(bytes, cuts, 44, true);
    expect(wasm.records).toEqual(scan(bytes, cuts, 44, false).records);
    expect(wasm.records).toHaveLength(6000);
    expect(wasm.plain).toBeGreaterThan(1500);
    expect(wasm.plain).toBeLessThan(3000);
  });

  it('reads a chunk larger than its memory, and a record of more fields than its output holds, in JavaScript', () => {
    const wide = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    const small = 'a,b\n1,2\n';
    const text = `${wide}\n${small}`;
    const bytes = new TextEncoder().encode(text);
    const wasm = scan(bytes, [], 44, true);
    const js = scan(bytes, [], 44, false);
    expect(wasm.records).toEqual(js.records);
    expect(wasm.records[0].fields).toHaveLength(20_000);
    expect(wasm.plain).toBe(2);
    // 9 MB in one chunk, past the 8.1 MB the memory takes.
    const big = new TextEncoder().encode('x,y\n'.repeat(9 << 18));
    const bigWasm = scan(big, [], 44, true);
    expect(bigWasm.records).toHaveLength(9 << 18);
    expect(bigWasm.plain).toBe(0);
  });
});
