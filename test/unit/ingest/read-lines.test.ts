import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SegmentError,
  TransactionIngest,
  cleanReadLines,
  lineBatchesOf,
  readLineBatchesInPlace,
  sessionLinesFromChunks,
  sessionLinesIpcPieces,
  sessionLinesFromIpc,
  sessionLinesToIpc,
  type CleaningPolicy,
  type IngestOptions,
  type IngestOutput,
  type LineColumns,
  type ReadLines,
  type SplitLines,
  type TextEncodingName,
} from '../../../src/core/index.ts';

const SAMPLE = readFileSync(new URL('../../../public/samples/online-retail-2011-jan-feb.csv', import.meta.url));
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (b: Uint8Array, e: TextEncodingName) => (e === 'utf-8' ? utf8 : cp1252).decode(b);

function ingest(bytes: Uint8Array, options: Partial<IngestOptions> = {}): IngestOutput {
  const t = new TransactionIngest({ fileName: 'retail.csv', bytes: bytes.length, decode, ...options });
  for (let i = 0; i < bytes.length; i += 1 << 16) t.push(bytes.subarray(i, i + (1 << 16)));
  return t.finish();
}

/** Each rule both ways: nothing left out, everything that can be, and two mixes. */
const POLICIES: CleaningPolicy[] = [
  { returns: 'net', duplicates: 'keep', nonPositivePrice: 'keep', nonProduct: 'keep' },
  { returns: 'exclude', duplicates: 'drop', nonPositivePrice: 'exclude', nonProduct: 'exclude' },
  { returns: 'exclude', duplicates: 'keep', nonPositivePrice: 'exclude', nonProduct: 'keep' },
  { returns: 'net', duplicates: 'drop', nonPositivePrice: 'keep', nonProduct: 'exclude' },
];

/** Typed arrays compared as bytes (toEqual walks 60,000 entries one by one). */
function expectSameArray(a: ArrayBufferView | null | undefined, e: ArrayBufferView | null | undefined, what: string): void {
  if (!a || !e) {
    expect(a ?? null, what).toBe(e ?? null);
    return;
  }
  expect(a.constructor, what).toBe(e.constructor);
  expect(Buffer.compare(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(e.buffer, e.byteOffset, e.byteLength)), what).toBe(0);
}

/**
 * The read lines in file order, put back together here the plain way (each line from the kept
 * or the left-out lines, as its flags say), in the arrays a save writes (codes as Int32), `rows`
 * lines a batch: what readLineBatchesInPlace must give.
 */
function referenceBatches(split: SplitLines, rows: number): Generator<LineColumns & { flags: Uint8Array }> {
  const { flags, kept, excluded, excludedBits: bits } = split;
  const n = flags.length;
  const merged = (c: keyof Omit<LineColumns, 'length'>, Kind: Int32ArrayConstructor | Float64ArrayConstructor) => {
    const from = kept[c];
    if (!from) return null;
    const out = new Kind(n);
    for (let i = 0, k = 0, e = 0; i < n; i++) out[i] = (flags[i] & bits) === 0 ? from[k++] : excluded[c]![e++];
    return out;
  };
  const lines = {
    ...split,
    length: n,
    customer: merged('customer', Int32Array) as Int32Array,
    day: merged('day', Int32Array) as Int32Array,
    amount: merged('amount', Float64Array) as Float64Array,
    order: merged('order', Int32Array) as Int32Array | null,
    quantity: merged('quantity', Float64Array) as Float64Array | null,
    category: merged('category', Int32Array),
    channel: merged('channel', Int32Array),
    cost: merged('cost', Float64Array) as Float64Array | null,
  } as ReadLines;
  return lineBatchesOf(lines, rows);
}

/** The read lines of an ingest through Arrow IPC, written `rows` lines a batch. */
function throughIpc(split: SplitLines, rows: number): ReadLines {
  return sessionLinesFromIpc(sessionLinesToIpc(referenceBatches(split, rows), split));
}

function expectSameOutput(actual: IngestOutput, expected: IngestOutput): void {
  expect(actual.summary).toEqual(expected.summary);
  const ac = actual.customers;
  const ec = expected.customers;
  expect(ac.n).toBe(ec.n);
  expect(ac.ids).toEqual(ec.ids);
  for (const k of ['firstDay', 'lastDay', 'frequency', 'monetary'] as const) expectSameArray(ac[k], ec[k], k);
  const a = actual.transactions;
  const e = expected.transactions;
  expect(a.length).toBe(e.length);
  for (const k of ['customer', 'day', 'amount', 'order', 'quantity', 'category', 'channel', 'cost'] as const) expectSameArray(a[k], e[k], k);
  expect(a.customerIds).toEqual(e.customerIds);
  expect(a.orderCount).toBe(e.orderCount);
}

describe('read lines kept by a session', () => {
  it('under any other cleaning policy give what reading the file again with it gives, through Arrow IPC', () => {
    const first = ingest(SAMPLE);
    const split = first.readLines!();
    // Lines were left out (duplicates, free items): the batches must put them back in place.
    expect(split.excluded.length).toBeGreaterThan(0);
    const lines = throughIpc(split, 5000);
    expect(lines.length).toBe(split.kept.length + split.excluded.length);
    const mapping = { product: 1 };
    for (const policy of POLICIES) {
      expectSameOutput(cleanReadLines(lines, { summary: first.summary, mapping }, policy), ingest(SAMPLE, { cleaning: policy }));
    }
  });

  it('read from a file cleaned another way hold the same lines', () => {
    const a = ingest(SAMPLE, { cleaning: { returns: 'exclude', duplicates: 'keep', nonPositivePrice: 'keep', nonProduct: 'exclude' } });
    const b = ingest(SAMPLE);
    const la = throughIpc(a.readLines!(), 1 << 20);
    const lb = throughIpc(b.readLines!(), 777);
    expect(la.length).toBe(lb.length);
    for (const k of ['customer', 'day', 'amount', 'order', 'quantity', 'category', 'channel', 'cost', 'flags'] as const) expectSameArray(la[k], lb[k], k);
    expect(la.customerIds).toEqual(lb.customerIds);
  });

  it('with the cleaning the file was read with give the same analysis (one batch: views, no copy)', () => {
    const out = ingest(SAMPLE, { cleaning: { returns: 'exclude' } });
    const lines = throughIpc(out.readLines!(), 1 << 22);
    const again = cleanReadLines(lines, { summary: out.summary, mapping: { product: 1 } }, { returns: 'exclude' });
    expectSameOutput(again, ingest(SAMPLE, { cleaning: { returns: 'exclude' } }));
  });

  it('a policy that leaves no line is a problem, as when reading the file', () => {
    // Cancelled orders only (ids C and a digit): netted they read; left out, nothing is left.
    const text = new TextEncoder().encode('order,customer,date,amount\nC1,a,2024-01-01,5\nC2,b,2024-01-02,3\n');
    const out = ingest(text);
    const lines = throughIpc(out.readLines!(), 10);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SegmentError);
        return (e as SegmentError).problem.message;
      }
      throw new Error('expected a problem');
    };
    const fromLines = message(() => cleanReadLines(lines, { summary: out.summary, mapping: { product: null } }, { returns: 'exclude' }));
    expect(fromLines).toMatch(/cleaning rules/);
    expect(fromLines).toBe(message(() => ingest(text, { cleaning: { returns: 'exclude' } })));
  });

  for (const [label, policy] of [
    ['lines left out', { returns: 'exclude', duplicates: 'drop' }],
    ['no line left out', POLICIES[0]!],
  ] as const) {
    it(`in place (${label}): one set of arrays for every batch, the same bytes when each is written before the next, freed at the end`, () => {
      const out = ingest(SAMPLE, { cleaning: policy });
      const split = out.readLines!();
      expect(split.excluded.length > 0).toBe(label === 'lines left out');
      const whole = sessionLinesToIpc(referenceBatches(split, 7_000), split);
      const copies: Uint8Array[] = [];
      const arrays = new Set<ArrayBufferLike>();
      let first: Int32Array | null = null;
      let batches = 0;
      for (const { pieces, batch } of sessionLinesIpcPieces(readLineBatchesInPlace(split, 7_000), split)) {
        // What a Blob does with its parts: copies them, before the next batch is asked for.
        for (const p of pieces) copies.push(p.slice());
        if (!batch) continue;
        first ??= batch.customer;
        arrays.add(batch.customer.buffer);
        batches++;
      }
      expect(batches).toBe(Math.ceil(split.flags.length / 7_000));
      expect(batches).toBeGreaterThan(2);
      expect(arrays.size).toBe(1);
      expect(Buffer.compare(Buffer.concat(copies), whole)).toBe(0);
      // Freed once the last batch was done with; the read lines stay for the next save.
      expect(first!.length).toBe(0);
      expect(Buffer.compare(sessionLinesToIpc(referenceBatches(split, 7_000), split), whole)).toBe(0);
    });
  }

  it('read back chunk by chunk (one per batch, as a session stores them): the same lines as from the whole bytes', async () => {
    const out = ingest(SAMPLE, { cleaning: { returns: 'exclude', duplicates: 'drop' } });
    const split = out.readLines!();
    const chunks = [...sessionLinesIpcPieces(referenceBatches(split, 7_000), split)].map(({ pieces }) => Buffer.concat(pieces));
    expect(chunks.length).toBeGreaterThan(3);
    // Copies: each chunk read is freed (as a session's are, read from IndexedDB one by one).
    async function* each(list: Uint8Array[]) {
      for (const c of list) yield new Uint8Array(c);
    }
    const whole = sessionLinesFromIpc(Buffer.concat(chunks));
    const back = await sessionLinesFromChunks(each(chunks), whole.length);
    expect(back.length).toBe(whole.length);
    for (const k of ['customer', 'day', 'amount', 'order', 'quantity', 'category', 'channel', 'cost', 'flags'] as const) expectSameArray(back[k], whole[k], k);
    expect(back.customerIds).toEqual(whole.customerIds);
    expect([back.orderCount, back.categoryNames, back.channelNames]).toEqual([whole.orderCount, whole.categoryNames, whole.channelNames]);
    // Written again from the lines read back (views, nothing copied): the same chunks.
    const again = [...sessionLinesIpcPieces(lineBatchesOf(back, 7_000), back)].map(({ pieces }) => Buffer.concat(pieces));
    expect(Buffer.compare(Buffer.concat(again), Buffer.concat(chunks))).toBe(0);
    // A chunk left out, a damaged one, or a count that does not match are refused with a message.
    await expect(sessionLinesFromChunks(each([...chunks.slice(0, 2), ...chunks.slice(3)]), whole.length)).rejects.toThrow(/of the \d+ lines/);
    await expect(sessionLinesFromChunks(each([chunks[0], chunks[1].subarray(0, 100), ...chunks.slice(2)]), whole.length)).rejects.toThrow(/damaged/);
    await expect(sessionLinesFromChunks(each(chunks), whole.length - 1)).rejects.toThrow(/more than the/);
  });

  it('damaged bytes are refused with a message', () => {
    const out = ingest(SAMPLE);
    const bytes = sessionLinesToIpc(referenceBatches(out.readLines!(), 10_000), out.readLines!());
    expect(() => sessionLinesFromIpc(bytes.subarray(0, bytes.length >> 1))).toThrow();
    expect(() => sessionLinesFromIpc(new Uint8Array(64))).toThrow();
  });
});
