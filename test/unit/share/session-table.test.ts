import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createIngestApi } from '../../../workers/ingest-api.ts';
import { sessionTableFromIpc, sessionTableIpcParts, sessionTableToIpc, unpackStrings, type CustomerColumns, type MetricTable } from '../../../src/core/index.ts';

const CSV = [
  'Order,Customer ID,Date,Amount,Channel,Category',
  'A1,c1,2024-01-05,100.00,web,Toys',
  'A1,c1,2024-01-05,20.00,web,Books',
  'A2,Zoë,2024-01-10,50.00,shop,Toys',
  'A3,c1,2024-02-01,30.00,shop,Toys',
  'A4,客户 7,2024-02-03,7.25,web,Books',
  'A5,Zoë,2024-02-12,-10.00,shop,Toys',
  'A6,c1,2024-02-20,12.00,web,Games',
].join('\n');

async function read(): Promise<{ customers: CustomerColumns; metrics: MetricTable }> {
  const ingest = createIngestApi();
  const mapping = { order: 0, customer: 1, date: 2, amount: 3, channel: 4, category: 5, quantity: null, price: null, product: null };
  const outcome = await ingest.ingest(new Blob([CSV]), 'shop.csv', undefined, { mapping } as never);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  const metrics = await ingest.metrics();
  if (!metrics) throw new Error('no metrics');
  return { customers: outcome.value.customers, metrics };
}

const ids = (c: CustomerColumns) => unpackStrings(c.ids, (b) => new TextDecoder().decode(b));

describe('the session table as Arrow IPC', () => {
  it('in pieces: the same bytes as written whole, with the columns\' bytes as views of their arrays (not copies)', async () => {
    const { customers, metrics } = await read();
    const parts = await sessionTableIpcParts(customers, metrics);
    const whole = sessionTableToIpc(customers, metrics);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    expect(Buffer.compare(joined, whole)).toBe(0);
    expect(parts.some((p) => p.buffer === customers.monetary.buffer)).toBe(true);
    expect(parts.some((p) => p.buffer === metrics.history!.revenue.buffer)).toBe(true);
    expect(ids(sessionTableFromIpc(joined).customers)).toEqual(['c1', 'Zoë', '客户 7']);
  });

  it('round-trips the customer table, every metric column, the names and the purchase days exactly', async () => {
    const { customers, metrics } = await read();
    const back = sessionTableFromIpc(sessionTableToIpc(customers, metrics));
    expect(ids(back.customers)).toEqual(['c1', 'Zoë', '客户 7']);
    for (const k of ['firstDay', 'lastDay', 'frequency', 'monetary'] as const) {
      expect(back.customers[k]).toBeInstanceOf(customers[k].constructor);
      expect(back.customers[k]).toEqual(customers[k]);
    }
    expect(back.metrics).not.toBeNull();
    const m = back.metrics!;
    expect(Object.keys(m.metrics).sort()).toEqual(Object.keys(metrics.metrics).sort());
    for (const [k, v] of Object.entries(metrics.metrics)) {
      // toEqual treats NaN as equal to NaN, and checks the typed array's kind.
      expect((m.metrics as unknown as Record<string, unknown>)[k], k).toEqual(v);
    }
    expect([m.channelNames, m.categoryNames, m.fromTransactions]).toEqual([metrics.channelNames, metrics.categoryNames, true]);
    expect(m.history).toEqual(metrics.history);
  });

  it('is a plain Arrow table any Arrow reader sees: one row per customer, ids as text, purchases as a list', async () => {
    const { customers, metrics } = await read();
    const table = tableFromIPC(sessionTableToIpc(customers, metrics));
    expect(table.numRows).toBe(3);
    expect(table.getChild('customer_id')?.toArray()).toEqual(['c1', 'Zoë', '客户 7']);
    expect([...table.getChild('monetary')!.toArray()]).toEqual([162, 40, 7.25]);
    // c1 bought on 2024-01-05 (120.00), 2024-02-01 (30.00) and 2024-02-20 (12.00), by hand from the lines above.
    const c1 = table.getChild('purchases')!.get(0)!;
    expect([...c1].map((p) => [p.day, p.revenue])).toEqual([
      [19727, 120],
      [19754, 30],
      [19773, 12],
    ]);
  });

  it('keeps a table saved before its metrics came: no metrics', async () => {
    const { customers } = await read();
    const back = sessionTableFromIpc(sessionTableToIpc(customers, null));
    expect(back.metrics).toBeNull();
    expect(back.customers.monetary).toEqual(customers.monetary);
  });

  it('says so when the bytes are another Arrow table, or no Arrow at all', async () => {
    const { customers } = await read();
    const other = tableFromIPC(sessionTableToIpc(customers, null));
    const { Schema, Table, tableToIPC } = await import('apache-arrow');
    const unmarked = new Table(new Schema(other.schema.fields), other.batches);
    expect(() => sessionTableFromIpc(tableToIPC(unmarked, 'stream'))).toThrow(/not in a format this version reads/);
    expect(() => sessionTableFromIpc(new Uint8Array([1, 2, 3, 4]))).toThrow();
  });
});
