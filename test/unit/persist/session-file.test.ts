import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSessionFile, sessionFileBlob, type SessionFileHeader } from '../../../src/persist/session-file.ts';
import { sessionLinesFromIpc, sessionLinesIpcParts, sessionTableIpcParts, type CustomerColumns, type MetricTable } from '../../../src/core/index.ts';
import type { ReadLines } from '../../../src/core/ingest/read-lines.ts';
import { sampleSettings } from '../share/session-fixture.ts';

const customers = (): CustomerColumns => ({ n: 3, ids: { data: new TextEncoder().encode('abc'), offsets: Int32Array.from([0, 1, 2, 3]) }, firstDay: Int32Array.from([1, 2, 3]), lastDay: Int32Array.from([4, 5, 6]), frequency: Uint32Array.from([1, 2, 3]), monetary: Float64Array.from([1.5, 2.5, 3.5]) });
const metrics = (): MetricTable => ({ metrics: { n: 3, analysisDay: 7, meanGapDays: Float64Array.from([NaN, 2, 3]) }, channelNames: ['web'], categoryNames: null, fromTransactions: true, history: null }) as never;
const lines = (): ReadLines => ({
  length: 4,
  customer: Int32Array.from([0, 1, 2, 0]),
  day: Int32Array.from([1, 2, 3, 4]),
  amount: Float64Array.from([10, -5, 7.25, 3]),
  order: Int32Array.from([0, 1, 2, 3]),
  quantity: null,
  category: null,
  channel: Int32Array.from([0, 0, -1, 0]),
  cost: null,
  flags: Uint8Array.from([0, 2, 0, 1]),
  customerIds: ['a', 'b', 'c'],
  orderCount: 4,
  categoryNames: null,
  channelNames: ['web'],
});
const header = (): SessionFileHeader => ({
  name: 'Spring',
  fileName: 'sales.csv',
  settings: sampleSettings(),
  summary: { fileName: 'sales.csv', customers: 3 } as never,
  lines: { summary: { fileName: 'sales.csv', customers: 3, rows: 4 } as never, mapping: { customer: 1, date: 2, amount: 3 } as never },
});

async function fileOf(withLines = true): Promise<Blob> {
  const table = new Blob(await sessionTableIpcParts(customers(), metrics()));
  const l = lines();
  return sessionFileBlob(header(), table, withLines ? new Blob(await sessionLinesIpcParts([l], l)) : null);
}

const problems = async (file: Blob, name = 'f.segment-session') => {
  const out = await readSessionFile(file, name);
  return out.ok ? '' : out.problems.join(' ');
};

describe('sessionFileBlob / readSessionFile (version 2: Arrow IPC)', () => {
  it('round-trips the settings, the customer table with its metrics and the read lines', async () => {
    const out = await readSessionFile(await fileOf(), 'x.segment-session');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.name).toBe('Spring');
    expect(out.value.settings).toEqual(sampleSettings());
    expect(out.value.customers.monetary).toEqual(customers().monetary);
    expect(out.value.customers.frequency).toBeInstanceOf(Uint32Array);
    expect([...(out.value.metrics!.metrics as unknown as { meanGapDays: Float64Array }).meanGapDays]).toEqual([NaN, 2, 3]);
    expect(out.value.lines?.mapping).toEqual(header().lines!.mapping);
    const read = sessionLinesFromIpc(new Uint8Array(await out.value.lines!.bytes.arrayBuffer()));
    const want = lines();
    expect(read.length).toBe(4);
    expect(read.amount).toEqual(want.amount);
    expect(read.flags).toEqual(want.flags);
    expect(read.channel).toEqual(want.channel);
    expect(read.customerIds).toEqual(want.customerIds);
  });

  it('writes the same IPC bytes the session keeps in IndexedDB, after a small header', async () => {
    const file = new Uint8Array(await (await fileOf()).arrayBuffer());
    const table = new Uint8Array(await new Blob(await sessionTableIpcParts(customers(), metrics())).arrayBuffer());
    const view = new DataView(file.buffer, 'SEGMENT-STUDIO-SESSION 2\n'.length, 24);
    const start = 25 + 24 + view.getFloat64(0, true);
    expect(view.getFloat64(8, true)).toBe(table.byteLength);
    expect(file.subarray(start, start + table.byteLength)).toEqual(table);
  });

  it('an analysis without read lines has none in its file', async () => {
    const out = await readSessionFile(await fileOf(false), 'x.segment-session');
    expect(out.ok && out.value.lines).toBe(null);
  });

  it('still opens a version-1 file saved by the app before (fixture), without transactions', async () => {
    const bytes = readFileSync('test/fixtures/share/small-shop-v1.segment-session');
    const out = await readSessionFile(new Blob([bytes]), 'small-shop-v1.segment-session');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.fileName).toBe('small-shop.csv');
    expect(out.value.settings.segment.rfm.bins).toBe(4);
    expect(out.value.settings.segment.rfm.monetary).toBe('averageOrderValue');
    expect(out.value.customers.n).toBe(out.value.summary.customers);
    expect(out.value.customers.n).toBeGreaterThan(0);
    expect(out.value.lines).toBe(null);
  });

  it('refuses another kind of file, a newer format, a cut file and damaged parts, saying which', async () => {
    expect(await problems(new Blob(['customer,date\n1,2\n']))).toMatch(/not a Segment Studio session file/);
    expect(await problems(new Blob(['SEGMENT-STUDIO-SESSION 3\n']))).toMatch(/newer format/);
    const whole = await fileOf();
    expect(await problems(whole.slice(0, whole.size - 1))).toMatch(/damaged or cut short: its parts do not add up/);
    expect(await problems(whole.slice(0, 30))).toMatch(/damaged or cut short/);
    // The customer table's bytes overwritten: lengths still add up, the table does not read.
    const bytes = new Uint8Array(await whole.arrayBuffer());
    const start = 49 + new DataView(bytes.buffer, 25, 24).getFloat64(0, true);
    bytes.fill(0xff, start, start + 64);
    expect(await problems(new Blob([bytes]))).toMatch(/customer table cannot be read/);
  });

  it('refuses a hostile header before reading anything else', async () => {
    const json = new TextEncoder().encode('{"__proto__":{"x":1}}');
    const lengths = new DataView(new ArrayBuffer(24));
    lengths.setFloat64(0, json.byteLength, true);
    expect(await problems(new Blob(['SEGMENT-STUDIO-SESSION 2\n', lengths.buffer, json]))).toMatch(/key "__proto__", which is not allowed/);
  });
});
