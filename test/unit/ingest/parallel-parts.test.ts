import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TransactionIngest, type IngestOptions, type TextEncodingName } from '../../../src/core/index.ts';

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
 * Reads [0, cut) and [cut, end) as two parts, the second from the first's context, and joins them;
 * `touch` rows of room are touched (every step taken, 3 rows a step) before the join, as the
 * worker does while it waits for the other part.
 */
function split(bytes: Uint8Array, cut: number, options: Partial<IngestOptions> = {}, touch = 0) {
  const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, ...options });
  first.push(bytes.subarray(0, cut));
  expect(first.atRecordBoundary()).toBe(true);
  const second = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, ...options, continuation: first.context()! });
  second.push(bytes.subarray(cut));
  const steps = [...first.touchRoom(touch, 3)].length;
  expect(steps).toBe(Math.ceil(touch / 3));
  first.mergePart(second.finishPart());
  return first.finish();
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

  it('the joined part\'s columns, dates and dictionaries are freed as they are copied, its hashes once searched', () => {
    const bytes = fixture('small-shop.csv');
    const cut = lineStarts(bytes)[Math.floor(lineStarts(bytes).length / 2)];
    const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    first.push(bytes.subarray(0, cut));
    const second = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, continuation: first.context()! });
    second.push(bytes.subarray(cut));
    const part = second.finishPart();
    expect(part.customer.length).toBeGreaterThan(0);
    first.mergePart(part);
    // Detached: nothing of the part is held twice once it is joined.
    for (const a of [part.customer, part.amount, part.order, part.flags, part.dates.shape, part.dates.raw, part.customers.data, part.orders.offsets]) {
      expect(a.buffer.byteLength).toBe(0);
    }
    // The hashes are kept as the part gave them (never copied) until the duplicates are searched.
    expect(part.hash1.length).toBeGreaterThan(0);
    expect(part.hash2.length).toBe(part.hash1.length);
    // The joined result is whole all the same.
    expect(first.finish().summary).toEqual(single(bytes).summary);
    expect(part.hash1.buffer.byteLength + part.hash2.buffer.byteLength).toBe(0);
  });

  for (const name of ['small-shop.csv', 'semicolon-decimal-comma.csv', 'windows-1252.csv']) {
    it(`gives exactly the one-pass result for ${name}, wherever it is cut between records`, () => {
      const bytes = fixture(name);
      const whole = single(bytes);
      for (const cut of lineStarts(bytes)) expect(split(bytes, cut)).toEqual(whole);
    });
  }

  it('gives exactly the one-pass result with the room for the second part touched first', () => {
    const bytes = fixture('small-shop.csv');
    const whole = single(bytes);
    const starts = lineStarts(bytes);
    for (const cut of [starts[0], starts[Math.floor(starts.length / 2)], starts[starts.length - 1]]) {
      for (const touch of [1, 10, starts.length]) expect(split(bytes, cut, {}, touch)).toEqual(whole);
    }
  });

  it('touches the room for the second part while the first is read, so none is left to touch at the join, and gives the one-pass result', () => {
    const bytes = fixture('online-retail/online-retail-slice.csv');
    const starts = lineStarts(bytes);
    const cut = starts[Math.floor(starts.length / 2)];
    const first = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    // As the worker does: after each chunk, room for twice the rows it held.
    for (let at = 0; at < cut; at += 4096) {
      const rows = first.rowsRead;
      first.push(bytes.subarray(at, Math.min(cut, at + 4096)));
      first.touchAhead(2 * (first.rowsRead - rows));
    }
    const second = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode, continuation: first.context()! });
    second.push(bytes.subarray(cut));
    const part = second.finishPart();
    // The first half has at least as many rows as the second: its room is touched already.
    expect(first.rowsRead).toBeGreaterThanOrEqual(part.customer.length);
    expect([...first.touchRoom(part.customer.length, 1)]).toHaveLength(0);
    // Read the same way without the touches ahead, the room is left to touch, a row a step.
    const untouched = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    for (let at = 0; at < cut; at += 4096) untouched.push(bytes.subarray(at, Math.min(cut, at + 4096)));
    expect([...untouched.touchRoom(part.customer.length, 1)].length).toBeGreaterThan(part.customer.length / 2);
    first.mergePart(part);
    expect(first.finish()).toEqual(single(bytes));
  });

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
