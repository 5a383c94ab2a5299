import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TransactionIngest, repeatedRows, type IngestOptions, type TextEncodingName } from '../../../src/core/index.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (b: Uint8Array, e: TextEncodingName) => (e === 'utf-8' ? utf8 : cp1252).decode(b);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

function single(bytes: Uint8Array, options: Partial<IngestOptions> = {}) {
  const t = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, ...options });
  t.push(bytes);
  return t.finish();
}

/**
 * Reads the file cut at `cuts` (line starts, in order) as parts: the first here, each later one
 * from the first's context, joined in order; then, when `after` is given, the bytes from `after`
 * on are read here, after the parts (as the worker reads a part whose worker failed).
 */
function parts(bytes: Uint8Array, cuts: number[], options: Partial<IngestOptions> = {}, after?: number) {
  const end = after ?? bytes.length;
  const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, ...options });
  first.push(bytes.subarray(0, cuts[0]));
  expect(first.atRecordBoundary()).toBe(true);
  for (let k = 0; k < cuts.length; k++) {
    const part = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, ...options, continuation: first.context()! });
    part.push(bytes.subarray(cuts[k], k + 1 < cuts.length ? cuts[k + 1] : end));
    first.mergePart(part.finishPart());
  }
  if (after !== undefined) first.push(bytes.subarray(after));
  return first.finish();
}

/** Reads [0, cut) and [cut, end) as two parts, the second from the first's context, and joins them. */
function split(bytes: Uint8Array, cut: number, options: Partial<IngestOptions> = {}) {
  return parts(bytes, [cut], options);
}

/** Every offset just after a line break past the header: the places a file can be cut. */
function lineStarts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10) cuts.push(i + 1);
  return cuts.slice(1);
}

describe('TransactionIngest read in two parts', () => {
  it('tells the context as the header is read, before the rest of that chunk: a part started then joins to the one-part result', () => {
    const bytes = fixture('small-shop.csv');
    const cut = lineStarts(bytes)[Math.floor(lineStarts(bytes).length / 2)];
    const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    const told: Array<{ rowsRead: number; context: unknown }> = [];
    let second: TransactionIngest | null = null;
    first.onContext((context) => {
      told.push({ rowsRead: first.rowsRead, context });
      // Started from inside the push, as the worker starts the other part.
      second = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, continuation: context });
      second.push(bytes.subarray(cut));
    });
    first.push(bytes.subarray(0, cut));
    // Once, with no data row of the chunk read yet, and the context the ingest gives after.
    expect(told).toHaveLength(1);
    expect(told[0]!.rowsRead).toBe(0);
    expect(first.rowsRead).toBeGreaterThan(0);
    expect(told[0]!.context).toEqual(first.context());
    first.mergePart(second!.finishPart());
    expect(first.finish().summary).toEqual(single(bytes).summary);
  });

  it('tells a context already known at once, and not at all once the callback is taken back', () => {
    const bytes = fixture('small-shop.csv');
    const known = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    known.push(bytes);
    const now: unknown[] = [];
    known.onContext((context) => now.push(context));
    expect(now).toEqual([known.context()]);
    const later = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    const never: unknown[] = [];
    later.onContext((context) => never.push(context));
    later.onContext(null);
    later.push(bytes);
    expect(later.context()).not.toBeNull();
    expect(never).toEqual([]);
  });

  it('keeps the joined part\'s columns where they are until the transaction table is read, then frees them as they are copied', () => {
    const bytes = fixture('small-shop.csv');
    const cut = lineStarts(bytes)[Math.floor(lineStarts(bytes).length / 2)];
    const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    first.push(bytes.subarray(0, cut));
    const second = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, continuation: first.context()! });
    second.push(bytes.subarray(cut));
    const part = second.finishPart();
    expect(part.customer.length).toBeGreaterThan(0);
    first.mergePart(part);
    const columns = [part.customer, part.amount, part.order, part.dates.raw];
    const held = () => columns.filter((a) => a.buffer.byteLength > 0).length;
    expect(held()).toBe(columns.length);
    // The customer table and summary are made from the part's columns as they are.
    const out = first.finish();
    const whole = single(bytes);
    expect(out.summary).toEqual(whole.summary);
    expect(out.customers).toEqual(whole.customers);
    expect(held()).toBe(columns.length);
    // The hashes, searched, are freed.
    expect(part.hash1.buffer.byteLength + part.hash2.buffer.byteLength).toBe(0);
    // Read, the transaction table has the part's rows copied after the first's, and the part's
    // columns are freed: nothing of the part is held twice.
    expect(out.transactions).toEqual(whole.transactions);
    expect(held()).toBe(0);
    // Its dictionaries, interned (or joined, and read since), are freed.
    for (const a of [part.customers.data, part.orders.data, part.orders.offsets]) expect(a.buffer.byteLength).toBe(0);
  });

  it('hands every row\'s hashes to the duplicates\' search before it interns the parts\' ids, and gives the one-pass result', async () => {
    const bytes = fixture('online-retail/online-retail-slice.csv');
    const starts = lineStarts(bytes);
    const cuts = [starts[Math.floor(starts.length * 0.4)], starts[Math.floor(starts.length * 0.7)]];
    const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    first.push(bytes.subarray(0, cuts[0]));
    const read = [0, 1].map((k) => {
      const later = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, continuation: first.context()! });
      later.push(bytes.subarray(cuts[k], cuts[k + 1] ?? bytes.length));
      return later.finishPart();
    });
    for (const part of read) first.mergePart(part);
    let rows = 0;
    let internedBefore = true;
    const out = await first.finishWith(async (hashes) => {
      rows = hashes.reduce((n, p) => n + p.h1.length, 0);
      internedBefore = read.some((part) => part.customers.data.buffer.byteLength === 0);
      return repeatedRows(hashes);
    });
    // The search had them all, the parts' ids still to intern: the interning was not in its way.
    const alone = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    alone.push(bytes);
    let rowsAlone = 0;
    await alone.finishWith(async (hashes) => {
      rowsAlone = hashes.reduce((n, p) => n + p.h1.length, 0);
      return repeatedRows(hashes);
    });
    expect(rowsAlone).toBeGreaterThan(starts.length / 2);
    expect(rows).toBe(rowsAlone);
    expect(internedBefore).toBe(false);
    for (const part of read) expect(part.customers.data.buffer.byteLength).toBe(0);
    const whole = single(bytes);
    expect(out.summary).toEqual(whole.summary);
    expect(out.customers).toEqual(whole.customers);
    expect(out.transactions).toEqual(whole.transactions);
  });

  it('gives exactly the one-pass result with the file in three parts, and with rows read here after the parts', () => {
    const bytes = fixture('online-retail/online-retail-slice.csv');
    const starts = lineStarts(bytes);
    const whole = single(bytes);
    const at = (f: number) => starts[Math.floor(starts.length * f)];
    expect(parts(bytes, [at(0.3), at(0.6)])).toEqual(whole);
    expect(parts(bytes, [at(0.5)], {}, at(0.8))).toEqual(whole);
    expect(parts(bytes, [at(0.2), at(0.5)], {}, at(0.9))).toEqual(whole);
  });

  it('gives the one-pass result when dates are left out, read day first or ambiguous, and duplicates cross the cut, with either duplicates policy', () => {
    const files: Record<string, string[]> = {
      // Unreadable dates in both halves: the rows are left out, and the parts joined first.
      'bad dates': ['order,customer,date,amount', 'o1,a,2024-01-05,10', 'o2,b,yesterday,5', 'o3,a,2024-02-01,7', 'o4,c,2024-02-03,3', 'o5,b,2024-13-45,2', 'o6,c,2024-03-01,4'],
      // Day first, told by a cell of the second half: each part's days read, not handed over.
      'day first': ['order,customer,date,amount', 'o1,a,01/02/2024,10', 'o2,b,02/03/2024,5', 'o3,a,05/04/2024,7', 'o4,c,25/04/2024,3', 'o5,b,30/02/2024,2'],
      // Every first and second number 12 or less: the column is read in one run both ways.
      ambiguous: ['order,customer,date,amount', 'o1,a,01/02/2024,10', 'o2,b,02/03/2024,5', 'o3,a,05/04/2024,7', 'o4,c,11/12/2024,3'],
      // The same line in both halves, and returns.
      duplicates: ['order,customer,date,amount', 'o1,a,2024-01-05,10', 'o2,b,2024-01-06,5', 'o1,a,2024-01-05,10', 'o3,c,2024-01-07,-3', 'o2,b,2024-01-06,5', 'o1,a,2024-01-05,10', 'o4,c,2024-01-08,6'],
    };
    for (const [name, lines] of Object.entries(files)) {
      const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
      for (const cleaning of [{}, { cleaning: { returns: 'exclude' as const, duplicates: 'drop' as const, nonPositivePrice: 'exclude' as const, nonProduct: 'keep' as const } }]) {
        const whole = single(bytes, cleaning);
        // The lines read back (their flags kept in runs until then), read twice, the second
        // time after the transaction table.
        const wholeLines = whole.readLines!();
        for (const cut of lineStarts(bytes)) {
          const joined = split(bytes, cut, cleaning);
          expect(joined, `${name}, cut at ${cut}`).toEqual(whole);
          expect(joined.readLines!(), `${name}, cut at ${cut}: lines`).toEqual(wholeLines);
          expect(joined.transactions.length).toBe(whole.transactions.length);
          expect(joined.readLines!().flags, `${name}, cut at ${cut}: flags again`).toEqual(wholeLines.flags);
        }
        const starts = lineStarts(bytes);
        const three = parts(bytes, [starts[0], starts[2]], cleaning);
        expect(three, `${name} in three parts`).toEqual(whole);
        expect(three.readLines!(), `${name} in three parts: lines`).toEqual(wholeLines);
      }
    }
  });

  for (const name of ['small-shop.csv', 'semicolon-decimal-comma.csv', 'windows-1252.csv']) {
    it(`gives exactly the one-pass result for ${name}, wherever it is cut between records`, () => {
      const bytes = fixture(name);
      const whole = single(bytes);
      for (const cut of lineStarts(bytes)) expect(split(bytes, cut)).toEqual(whole);
    });
  }

  it('gives exactly the one-pass result on the Online Retail slice, with its duplicates, returns and skips', () => {
    const bytes = fixture('online-retail/online-retail-slice.csv');
    const starts = lineStarts(bytes);
    const whole = single(bytes);
    for (const cut of [starts[10], starts[Math.floor(starts.length / 2)], starts[starts.length - 3]]) expect(split(bytes, cut)).toEqual(whole);
  });

  it('keeps every category and channel however many there are: codes widen as the dictionary grows, in one pass and when a part is joined', () => {
    // 40,000 lines: the first half has 100 categories and 3 channels (a byte a code), the second
    // brings 300 more categories (two bytes) and then 40,000 distinct ones (four), and 200 channels.
    const lines = ['customer,date,amount,category,channel'];
    const expected: Array<[string, string]> = [];
    for (let i = 0; i < 40_000; i++) {
      const category = i < 20_000 ? `c${i % 100}` : i < 30_000 ? `d${i % 300}` : `e${i}`;
      const channel = i < 20_000 ? `w${i % 3}` : `v${i % 200}`;
      lines.push(`C${i % 97},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${1 + (i % 7)},${category},${channel}`);
      expected.push([category, channel]);
    }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const mapping = { customer: 0, date: 1, order: null, amount: 2, quantity: null, price: null, product: null, category: 3, channel: 4 };
    const check = (out: ReturnType<typeof single>) => {
      const t = out.transactions;
      expect(t.length).toBe(expected.length);
      for (let i = 0; i < t.length; i++) {
        if (t.categoryNames![t.category![i]] !== expected[i][0] || t.channelNames![t.channel![i]] !== expected[i][1]) throw new Error(`line ${i + 1}: ${t.categoryNames![t.category![i]]}, ${t.channelNames![t.channel![i]]}`);
      }
    };
    const whole = single(bytes, { mapping });
    check(whole);
    // Cut in the first half: the joined part brings the codes that need wider columns.
    const starts = lineStarts(bytes);
    const joined = split(bytes, starts[5_000], { mapping });
    check(joined);
    expect(joined.summary).toEqual(whole.summary);
  });

  it('knows when a cut falls inside a quoted field', () => {
    const bytes = new TextEncoder().encode('customer,date,amount\n"multi\nline",2024-01-01,5\n');
    const t = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    t.push(bytes.subarray(0, 28));
    expect(t.atRecordBoundary()).toBe(false);
    t.push(bytes.subarray(28));
    expect(t.atRecordBoundary()).toBe(true);
  });
});
