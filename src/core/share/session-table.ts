import { readArrowIpc } from '../ingest/formats/read-arrow-ipc.ts';
import { Field, Schema, Float32, Float64, Int8, Int16, Int32, List, Struct, Table, Uint8, Uint16, Uint32, Utf8, RecordBatchStreamWriter, makeData, makeVector, tableToIPC, type Data, type DataType, type Vector } from 'apache-arrow';
import type { CustomerColumns } from '../ingest/pack-strings.ts';
import type { MetricTable } from '../metrics/metric-table.ts';
import type { CustomerMetrics } from '../metrics/customer-metrics.ts';

/**
 * A saved session's customer table as one Arrow table, written as Arrow IPC (stream format):
 * one row per customer with the columns `customer_id` (UTF-8), `first_day`, `last_day`,
 * `frequency`, `monetary`; once the metrics are known, one column per metric (`m.<name>`) and the
 * purchase days as `purchases: List<Struct<day: Int32, revenue: Float64>>`. What is not a column
 * (the analysis day, channel and category names) is JSON in the schema's metadata. The columns
 * wrap the typed arrays without copying them, so writing costs one pass over the bytes, in the
 * worker that holds the table.
 */
export const SESSION_TABLE_FORMAT = 'segment-studio/session-table@1';

const FORMAT_KEY = 'segment-studio.format';
const METRICS_KEY = 'segment-studio.metrics';
const METRIC_PREFIX = 'm.';

type Numeric = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

function arrowType(values: ArrayBufferView): DataType {
  if (values instanceof Int32Array) return new Int32();
  if (values instanceof Uint32Array) return new Uint32();
  if (values instanceof Float64Array) return new Float64();
  if (values instanceof Float32Array) return new Float32();
  if (values instanceof Uint8Array) return new Uint8();
  if (values instanceof Int8Array) return new Int8();
  if (values instanceof Int16Array) return new Int16();
  if (values instanceof Uint16Array) return new Uint16();
  throw new Error(`session table: no Arrow type for ${values.constructor.name}`);
}

const numeric = (values: Numeric): Vector => makeVector(makeData({ type: arrowType(values), length: values.length, data: values } as never));

/** What the metrics hold besides their columns. */
interface MetricsMeta {
  analysisDay: number;
  channelNames: string[] | null;
  categoryNames: string[] | null;
  fromTransactions: boolean;
  columns: string[];
}

/** The Arrow IPC bytes of a customer table and its metrics (see {@link SESSION_TABLE_FORMAT}). */
export function sessionTableToIpc(customers: CustomerColumns, metrics: MetricTable | null): Uint8Array {
  return tableToIPC(sessionArrowTable(customers, metrics), 'stream');
}

/**
 * The same bytes as {@link sessionTableToIpc}, in the pieces the writer made them: the columns'
 * own bytes are views of the typed arrays, not copies. A session saved as a Blob of these pieces
 * never holds the whole table's bytes twice (at 10M rows they are about 110 MB).
 */
export async function sessionTableIpcParts(customers: CustomerColumns, metrics: MetricTable | null): Promise<Uint8Array<ArrayBuffer>[]> {
  const writer = RecordBatchStreamWriter.writeAll(sessionArrowTable(customers, metrics));
  const parts: Uint8Array<ArrayBuffer>[] = [];
  // Views of the columns' ArrayBuffers, or of buffers the writer made: never shared memory.
  for await (const part of writer) parts.push(part as Uint8Array<ArrayBuffer>);
  return parts;
}

function sessionArrowTable(customers: CustomerColumns, metrics: MetricTable | null): Table {
  const n = customers.n;
  const columns: Record<string, Vector> = {
    customer_id: makeVector(makeData({ type: new Utf8(), length: n, data: customers.ids.data, valueOffsets: customers.ids.offsets })),
    first_day: numeric(customers.firstDay),
    last_day: numeric(customers.lastDay),
    frequency: numeric(customers.frequency),
    monetary: numeric(customers.monetary),
  };
  const metadata = new Map<string, string>([[FORMAT_KEY, SESSION_TABLE_FORMAT]]);
  if (metrics) {
    if (metrics.metrics.n !== n) throw new Error(`session table: ${metrics.metrics.n} rows of metrics for ${n} customers`);
    const names: string[] = [];
    for (const [name, values] of Object.entries(metrics.metrics)) {
      if (!ArrayBuffer.isView(values)) continue;
      if ((values as Numeric).length !== n) throw new Error(`session table: metric ${name} has ${(values as Numeric).length} rows for ${n} customers`);
      columns[METRIC_PREFIX + name] = numeric(values as Numeric);
      names.push(name);
    }
    const h = metrics.history;
    if (h) {
      const day = makeData({ type: new Int32(), length: h.day.length, data: h.day });
      const revenue = makeData({ type: new Float64(), length: h.revenue.length, data: h.revenue });
      const entry = new Struct([new Field('day', new Int32(), false), new Field('revenue', new Float64(), false)]);
      const child = makeData({ type: entry, length: h.day.length, nullCount: 0, children: [day, revenue] });
      columns.purchases = makeVector(makeData({ type: new List(new Field('item', entry, false)), length: n, nullCount: 0, valueOffsets: h.start, child }));
    }
    const meta: MetricsMeta = { analysisDay: metrics.metrics.analysisDay, channelNames: metrics.channelNames, categoryNames: metrics.categoryNames, fromTransactions: metrics.fromTransactions, columns: names };
    metadata.set(METRICS_KEY, JSON.stringify(meta));
  }
  const plain = new Table(columns);
  return new Table(new Schema(plain.schema.fields, metadata), plain.batches);
}

/** A column's values as one typed array: the view into the bytes when the column is one chunk. */
function values<T extends Numeric>(table: Table, name: string, kind: new (n: number) => T): T {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`the saved customer table has no column "${name}"`);
  const out = vector.toArray() as unknown;
  if (!(out instanceof kind)) throw new Error(`the saved customer table's column "${name}" is not ${kind.name}`);
  return out;
}

/** One chunk of a column (the table is written as one record batch). */
function single(table: Table, name: string): Data {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`the saved customer table has no column "${name}"`);
  if (vector.data.length !== 1) throw new Error(`the saved customer table's column "${name}" is in ${vector.data.length} parts`);
  return vector.data[0];
}

/**
 * Reads back what {@link sessionTableToIpc} wrote: the customer table and its metrics (null when
 * none were saved). The typed arrays are views into `bytes`.
 *
 * @throws Error saying what is wrong when the bytes are not such a table.
 */
export function sessionTableFromIpc(bytes: Uint8Array): { customers: CustomerColumns; metrics: MetricTable | null } {
  const table = readArrowIpc(bytes);
  if (table.schema.metadata.get(FORMAT_KEY) !== SESSION_TABLE_FORMAT) throw new Error('the saved customer table is not in a format this version reads');
  const n = table.numRows;
  const ids = single(table, 'customer_id');
  const customers: CustomerColumns = {
    n,
    ids: { data: ids.values as Uint8Array, offsets: ids.valueOffsets.subarray(ids.offset, ids.offset + n + 1) as Int32Array },
    firstDay: values(table, 'first_day', Int32Array),
    lastDay: values(table, 'last_day', Int32Array),
    frequency: values(table, 'frequency', Uint32Array),
    monetary: values(table, 'monetary', Float64Array),
  };
  const metaText = table.schema.metadata.get(METRICS_KEY);
  if (metaText === undefined) return { customers, metrics: null };
  const meta = JSON.parse(metaText) as MetricsMeta;
  const m: Record<string, unknown> = { n, analysisDay: meta.analysisDay };
  for (const name of meta.columns) {
    const vector = table.getChild(METRIC_PREFIX + name);
    if (!vector) throw new Error(`the saved customer table has no metric "${name}"`);
    m[name] = vector.toArray();
  }
  let history: MetricTable['history'] = null;
  if (table.getChild('purchases')) {
    const list = single(table, 'purchases');
    const entries = list.children[0];
    // Through vectors: a child's buffer is padded to 8 bytes, its vector is its exact length.
    history = { start: list.valueOffsets.subarray(list.offset, list.offset + n + 1) as Int32Array, day: makeVector(entries.children[0]).toArray() as Int32Array, revenue: makeVector(entries.children[1]).toArray() as Float64Array };
  }
  return { customers, metrics: { metrics: m as unknown as CustomerMetrics, channelNames: meta.channelNames, categoryNames: meta.categoryNames, fromTransactions: meta.fromTransactions, history } };
}
