import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createIngestApi, type PartReader } from '../../workers/ingest-api.ts';
import { readPart } from '../../workers/ingest-part-api.ts';
import type { IngestApi, IngestResult } from '../../src/core/index.ts';
import { unpackStrings, type Utf8Values } from '../../src/core/index.ts';

/** Customer ids arrive packed as UTF-8 (see packCustomers). */
const idsOf = (customers: { ids: Utf8Values }) => unpackStrings(customers.ids, (b) => new TextDecoder().decode(b));


/** The part reader the worker uses, in-process; counts how often it was asked and cancelled. */
function counting() {
  const calls = { started: 0, cancelled: 0 };
  const reader: PartReader = (file, fileName, context, onProgress) => {
    calls.started++;
    return { result: readPart(file, fileName, context, onProgress, 1000), cancel: () => void calls.cancelled++ };
  };
  return { reader, calls };
}

async function ingest(api: IngestApi, bytes: Uint8Array<ArrayBuffer>): Promise<IngestResult> {
  const outcome = await connect(api).ingest(new Blob([bytes]), 'f.csv');
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.value;
}

describe('IngestApi reading a large text file in two parts', () => {
  it('gives exactly the one-part result on the Online Retail slice', async () => {
    const bytes = Uint8Array.from(readFileSync(new URL('../fixtures/online-retail/online-retail-slice.csv', import.meta.url)));
    const { reader, calls } = counting();
    const twoParts = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 4096 }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    expect(calls.started).toBe(1);
    expect(twoParts).toEqual(onePart);
    expect(twoParts.summary.customers).toBeGreaterThan(100);
  });

  it('reads the second part itself when the cut falls inside a quoted field', async () => {
    // One quoted cell spans the middle of the file, line breaks included.
    const long = Array.from({ length: 200 }, (_, i) => `note ${i}`).join('\n');
    const text = `customer,date,amount,note\na,2024-01-01,5,x\nb,2024-01-02,7,"${long}"\nc,2024-01-03,9,y\n`;
    const bytes = new TextEncoder().encode(text);
    const { reader, calls } = counting();
    const result = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 64 }), bytes);
    expect(calls).toEqual({ started: 1, cancelled: 1 });
    expect(idsOf(result.customers)).toEqual(['a', 'b', 'c']);
    expect([...result.customers.monetary]).toEqual([5, 7, 9]);
  });

  it('stays with one part for small files', async () => {
    const { reader, calls } = counting();
    await ingest(createIngestApi({ partReader: reader }), new TextEncoder().encode('customer,date,amount\na,2024-01-01,5\n'));
    expect(calls.started).toBe(0);
  });
});
