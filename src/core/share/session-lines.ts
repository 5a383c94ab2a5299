import { DateDay, Dictionary, Float64, Int32, RecordBatch, RecordBatchStreamWriter, Schema, Field, Struct, Uint8, Utf8, makeData, makeVector, vectorFromArray, type Data, type DataType, type Vector } from 'apache-arrow';
import { readArrowIpc } from '../ingest/formats/read-arrow-ipc.ts';
import { releaseBuffers } from '../release-buffers.ts';
import type { LineColumns, LineNames, ReadLines } from '../ingest/read-lines.ts';

/**
 * A saved session's read lines (see {@link ReadLines}) as Arrow IPC (stream format), so a
 * cleaning change or another analysis date runs again without the file: one row per line in
 * file order, with `customer` (dictionary of the customer ids), `day` (DateDay), `amount`, the
 * optional `order` (codes), `quantity`, `category`, `channel` (codes, -1 for none), `cost`, and
 * `flags` (the cleaning rules the line falls under). Names that are not columns (categories,
 * channels, the number of orders) are JSON in the schema's metadata. Written in record batches:
 * apache-arrow's writer keeps each batch's buffers until it joins them into the bytes, so writing
 * holds the merged lines and then the bytes (about two copies of the lines at the peak);
 * {@link sessionLinesIpcPieces} gives the bytes batch by batch instead.
 */
export const SESSION_LINES_FORMAT = 'segment-studio/session-lines@1';

const FORMAT_KEY = 'segment-studio.format';
const NAMES_KEY = 'segment-studio.names';

interface NamesMeta {
  orderCount: number;
  categoryNames: string[] | null;
  channelNames: string[] | null;
}

const OPTIONAL = [
  ['order', Int32],
  ['quantity', Float64],
  ['category', Int32],
  ['channel', Int32],
  ['cost', Float64],
] as const;

const plain = (type: DataType, values: Int32Array | Float64Array | Uint8Array): Data => makeData({ type, length: values.length, data: values } as never);

/** The Arrow IPC bytes of read lines given in batches (see {@link SESSION_LINES_FORMAT}). */
export function sessionLinesToIpc(batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): Uint8Array {
  const writer = sessionLinesWriter(batches, names);
  return writer.toUint8Array(true);
}

/** What {@link sessionLinesIpcPieces} yields: bytes of the IPC, and the batch they end with. */
export interface SessionLinesPieces {
  /** The next bytes, in order; those of a batch are views of its columns (not copied). */
  pieces: Uint8Array<ArrayBuffer>[];
  /** The batch just written, which the writer reads no more: null for the stream's end. */
  batch: (LineColumns & { flags: Uint8Array }) | null;
}

/**
 * The same bytes as {@link sessionLinesToIpc}, given batch by batch as the writer makes them, so a
 * caller can store each batch's bytes (a Blob, in the ingest worker) and free its columns before
 * the next is merged: the save then holds one batch of merged lines at a time, not all of them.
 */
export function* sessionLinesIpcPieces(batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): Generator<SessionLinesPieces> {
  const writer = new PieceWriter();
  const recordBatch = batchMaker(names);
  for (const b of batches) {
    writer.write(recordBatch(b));
    yield { pieces: writer.take(), batch: b };
  }
  writer.finish();
  yield { pieces: writer.take(), batch: null };
}

/** The same bytes as {@link sessionLinesToIpc}, in the writer's pieces (views of the batches' columns), for a Blob. */
export async function sessionLinesIpcParts(batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): Promise<Uint8Array<ArrayBuffer>[]> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (const { pieces } of sessionLinesIpcPieces(batches, names)) parts.push(...pieces);
  return parts;
}

/**
 * A stream writer whose bytes are taken as they are written. apache-arrow's writer queues every
 * piece until its reader drains them asynchronously (or joins them all), which keeps every batch's
 * columns alive until the end.
 */
class PieceWriter extends RecordBatchStreamWriter {
  #pieces: Uint8Array<ArrayBuffer>[] = [];

  protected override _write(chunk: ArrayBufferView | ArrayBufferLike | ArrayLike<number> | Iterable<number> | string | null | undefined): this {
    if (this._started && chunk && ArrayBuffer.isView(chunk) && chunk.byteLength > 0) {
      this.#pieces.push(new Uint8Array(chunk.buffer as ArrayBuffer, chunk.byteOffset, chunk.byteLength));
      this._position += chunk.byteLength;
      return this;
    }
    return super._write(chunk as never);
  }

  take(): Uint8Array<ArrayBuffer>[] {
    const out = this.#pieces;
    this.#pieces = [];
    return out;
  }
}

function sessionLinesWriter(batches: Iterable<LineColumns & { flags: Uint8Array }>, names: LineNames): RecordBatchStreamWriter {
  const writer = new RecordBatchStreamWriter();
  const recordBatch = batchMaker(names);
  for (const b of batches) writer.write(recordBatch(b));
  writer.finish();
  return writer;
}

/** Makes each batch of lines a record batch of one schema. */
function batchMaker(names: LineNames): (b: LineColumns & { flags: Uint8Array }) => RecordBatch {
  // One dictionary for every batch: the writer sends it once. From the ingest's UTF-8 bytes when
  // it has them (the same bytes): encoding 486k ids again made about 60 MB of garbage at 10M lines.
  const raw = names.rawCustomerIds;
  const dictionary = raw
    ? makeVector(makeData({ type: new Utf8(), length: raw.offsets.length - 1, data: raw.data, valueOffsets: raw.offsets }))
    : vectorFromArray(names.customerIds, new Utf8());
  const customerType = new Dictionary(new Utf8(), new Int32(), 0);
  let schema: Schema | null = null;
  return (b) => {
    const children: Data[] = [makeData({ type: customerType, length: b.length, data: b.customer, dictionary }), plain(new DateDay(), b.day), plain(new Float64(), b.amount)];
    const fields: Field[] = [new Field('customer', customerType, false), new Field('day', new DateDay(), false), new Field('amount', new Float64(), false)];
    for (const [name, Type] of OPTIONAL) {
      const values = b[name];
      if (!values) continue;
      // Codes are saved as Int32 however narrow they are held (batches of the read lines are Int32 already).
      children.push(plain(new Type(), values instanceof Int8Array || values instanceof Int16Array ? Int32Array.from(values) : values));
      fields.push(new Field(name, new Type(), false));
    }
    children.push(plain(new Uint8(), b.flags));
    fields.push(new Field('flags', new Uint8(), false));
    if (!schema) {
      const meta: NamesMeta = { orderCount: names.orderCount, categoryNames: names.categoryNames, channelNames: names.channelNames };
      schema = new Schema(fields, new Map([[FORMAT_KEY, SESSION_LINES_FORMAT], [NAMES_KEY, JSON.stringify(meta)]]));
    }
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: b.length, nullCount: 0, children }));
  };
}

/** A column's chunks as one typed array (a view into the bytes when it is one chunk). */
function whole<T extends Int32Array | Float64Array | Uint8Array>(vector: Vector | null, name: string, kind: new (n: number) => T): T {
  if (!vector) throw new Error(`the saved transactions have no column "${name}"`);
  const chunks = vector.data.map((d) => {
    const values = d.values as unknown;
    if (!(values instanceof kind) || d.offset + d.length > values.length) throw new Error(`the saved transactions' column "${name}" is not ${kind.name}`);
    return values.subarray(d.offset, d.offset + d.length) as T;
  });
  if (chunks.length === 1) return chunks[0];
  const out = new kind(vector.length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads back what {@link sessionLinesToIpc} wrote.
 *
 * @throws Error saying what is wrong when the bytes are not such lines.
 */
export function sessionLinesFromIpc(bytes: Uint8Array): ReadLines {
  const table = readArrowIpc(bytes);
  if (table.schema.metadata.get(FORMAT_KEY) !== SESSION_LINES_FORMAT) throw new Error('the saved transactions are not in a format this version reads');
  const meta = JSON.parse(table.schema.metadata.get(NAMES_KEY) ?? 'null') as NamesMeta | null;
  if (!meta || typeof meta.orderCount !== 'number') throw new Error('the saved transactions have no names');
  const customer = table.getChild('customer');
  if (!customer) throw new Error('the saved transactions have no column "customer"');
  const dictionary = customer.data[0]?.dictionary;
  const customerIds = dictionary ? (dictionary.toArray() as string[]) : [];
  const optional = <T extends Int32Array | Float64Array>(name: string, kind: new (n: number) => T): T | null => (table.getChild(name) ? whole(table.getChild(name), name, kind) : null);
  const lines: ReadLines = {
    length: table.numRows,
    customer: whole(customer, 'customer', Int32Array),
    day: whole(table.getChild('day'), 'day', Int32Array),
    amount: whole(table.getChild('amount'), 'amount', Float64Array),
    order: optional('order', Int32Array),
    quantity: optional('quantity', Float64Array),
    category: optional('category', Int32Array),
    channel: optional('channel', Int32Array),
    cost: optional('cost', Float64Array),
    flags: whole(table.getChild('flags'), 'flags', Uint8Array),
    customerIds: Array.from(customerIds),
    orderCount: meta.orderCount,
    categoryNames: meta.categoryNames,
    channelNames: meta.channelNames,
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines.customer[i] < 0 || lines.customer[i] >= lines.customerIds.length) throw new Error(`the saved transactions' line ${i + 1} names no customer`);
  }
  return lines;
}

/** The bytes of a stream's first message (its schema, which has no body). */
function schemaMessage(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = bytes.length >= 4 && view.getInt32(0, true) === -1 ? 4 : 0;
  const length = bytes.length >= at + 4 ? view.getInt32(at, true) : -1;
  if (length <= 0 || at + 4 + length > bytes.length) throw new Error('the saved transactions do not start with their column list');
  return bytes.slice(0, at + 4 + length);
}

/** An array that is its whole buffer is this code's own to free (a view into a larger one may not be). */
function releaseOwn(bytes: Uint8Array): void {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) releaseBuffers(bytes);
}

/**
 * Reads back what {@link sessionLinesIpcPieces} wrote, given as the stream's bytes cut between
 * record batches (a saved session's chunks: the first holds the column list and the customer ids),
 * one chunk at a time: each is read as a stream of its own behind the column list, its lines
 * copied into columns of `length` lines made up front, and freed; so the lines are never held
 * twice (as the whole bytes, then the columns). A chunk that is its whole buffer is freed once
 * read: give chunks nothing reads again.
 *
 * @throws Error saying what is wrong when the bytes are not such lines, or not `length` of them.
 */
export async function sessionLinesFromChunks(chunks: AsyncIterable<Uint8Array>, length: number): Promise<ReadLines> {
  let head: Uint8Array | null = null;
  let lines: ReadLines | null = null;
  let at = 0;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (head) {
      bytes = new Uint8Array(head.length + chunk.length);
      bytes.set(head);
      bytes.set(chunk, head.length);
      releaseOwn(chunk);
    }
    const table = readArrowIpc(bytes);
    if (!lines) {
      lines = linesOf(table, length);
      head = schemaMessage(chunk);
    }
    const n = table.numRows;
    if (at + n > length) throw new Error(`the saved transactions hold more than the ${length} lines they were saved with`);
    const into = <T extends Int32Array | Float64Array | Uint8Array>(target: T | null, name: string, kind: new (n: number) => T) => {
      if (target && n > 0) target.set(whole(table.getChild(name), name, kind), at);
    };
    into(lines.customer, 'customer', Int32Array);
    into(lines.day, 'day', Int32Array);
    into(lines.amount, 'amount', Float64Array);
    into(lines.order, 'order', Int32Array);
    into(lines.quantity, 'quantity', Float64Array);
    // Int32, as linesOf makes them.
    into(lines.category as Int32Array | null, 'category', Int32Array);
    into(lines.channel as Int32Array | null, 'channel', Int32Array);
    into(lines.cost, 'cost', Float64Array);
    into(lines.flags, 'flags', Uint8Array);
    at += n;
    // Copied: freed now, not at a collection the copying would not prompt.
    releaseOwn(bytes);
  }
  if (!lines) throw new Error('the saved transactions are empty');
  if (at !== length) throw new Error(`the saved transactions hold ${at} of the ${length} lines they were saved with`);
  for (let i = 0; i < length; i++) {
    if (lines.customer[i] < 0 || lines.customer[i] >= lines.customerIds.length) throw new Error(`the saved transactions' line ${i + 1} names no customer`);
  }
  return lines;
}

/** Empty columns of `length` lines for what the first chunk's table says: its columns, names and customer ids. */
function linesOf(table: ReturnType<typeof readArrowIpc>, length: number): ReadLines {
  if (table.schema.metadata.get(FORMAT_KEY) !== SESSION_LINES_FORMAT) throw new Error('the saved transactions are not in a format this version reads');
  const meta = JSON.parse(table.schema.metadata.get(NAMES_KEY) ?? 'null') as NamesMeta | null;
  if (!meta || typeof meta.orderCount !== 'number') throw new Error('the saved transactions have no names');
  const has = (name: string) => table.getChild(name) !== null;
  const dictionary = table.getChild('customer')?.data[0]?.dictionary;
  return {
    length,
    customer: new Int32Array(length),
    day: new Int32Array(length),
    amount: new Float64Array(length),
    order: has('order') ? new Int32Array(length) : null,
    quantity: has('quantity') ? new Float64Array(length) : null,
    category: has('category') ? new Int32Array(length) : null,
    channel: has('channel') ? new Int32Array(length) : null,
    cost: has('cost') ? new Float64Array(length) : null,
    flags: new Uint8Array(length),
    customerIds: dictionary ? Array.from(dictionary.toArray() as string[]) : [],
    orderCount: meta.orderCount,
    categoryNames: meta.categoryNames,
    channelNames: meta.channelNames,
  };
}
