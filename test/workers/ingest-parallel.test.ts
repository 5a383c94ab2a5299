import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { createIngestApi, type PartReader } from '../../workers/ingest-api.ts';
import { PartStop, createIngestPartApi, readPart } from '../../workers/ingest-part-api.ts';
import { transfer } from 'comlink';
import type { IngestApi, IngestResult, RowHashes } from '../../src/core/index.ts';
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

/**
 * As {@link counting}, in slices of `sliceBytes`, and the part can be told to stop early (as the
 * part worker can). Without `progress`, the part says nothing of how far it is: the line start it
 * is told to end at is then always the first after the middle of its range.
 */
function stoppable(sliceBytes: number, progress = true) {
  const calls = { started: 0, cancelled: 0, stopped: 0 };
  const reader: PartReader = (file, fileName, context, onProgress) => {
    calls.started++;
    const stop = new PartStop();
    return {
      result: readPart(file, fileName, context, progress ? onProgress : () => {}, sliceBytes, stop),
      cancel: () => void calls.cancelled++,
      stopAt: async (offset) => {
        const stopped = stop.at(offset);
        if (stopped) calls.stopped++;
        return stopped;
      },
    };
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

  it('searches the duplicates in the part worker once the parts are read: the one-part result', async () => {
    const bytes = Uint8Array.from(readFileSync(new URL('../fixtures/online-retail/online-retail-slice.csv', import.meta.url)));
    const partWorker = connect(createIngestPartApi());
    const sent: Int32Array[] = [];
    const repeatedRows = (hashes: RowHashes) => {
      sent.push(...hashes.flatMap((p) => [p.h1, p.h2]));
      const buffers = new Set(hashes.flatMap((p) => [p.h1.buffer as ArrayBuffer, p.h2.buffer as ArrayBuffer]));
      return partWorker.repeatedRows(transfer(hashes, [...buffers]));
    };
    const { reader } = counting();
    const twoParts = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 4096, repeatedRows }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    // Asked once, with the hashes in pieces (the part's kept as it gave them), and they went:
    // transferred, not copied.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    const asked = sent.length;
    expect(sent.every((h) => h.length === 0)).toBe(true);
    expect(twoParts.summary.cleaning.find((s) => s.rule === 'duplicates')!.rows).toBeGreaterThan(0);
    expect(twoParts).toEqual(onePart);
    // A file read in one part is searched where it is read.
    await ingest(createIngestApi({ partReader: reader, sliceBytes: 4096, repeatedRows }), bytes);
    expect(sent.length).toBe(asked);
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

  it('gives the one-part result when the free worker takes over the rest of this one', async () => {
    const bytes = Uint8Array.from(readFileSync(new URL('../fixtures/online-retail/online-retail-slice.csv', import.meta.url)));
    const { reader, calls } = counting();
    // This worker reads in small slices, the other in large ones: the other is done first, takes
    // half of what is left here, and again, while 8 KB or more are left.
    const stolen = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 256, stealMinBytes: 8192 }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    expect(calls.started).toBeGreaterThan(2);
    expect(calls.cancelled).toBe(0);
    expect(stolen).toEqual(onePart);
  });

  it('reads here a part taken over that ends inside a quoted field, and the parts after it', async () => {
    // One quoted cell, line breaks included, spans the middle of the file where the other worker
    // starts; the rest is plain. Parts taken over from this worker's range end there.
    const plain = (from: number) => Array.from({ length: 1500 }, (_, i) => `c${(from + i) % 97},2024-02-${String(1 + (i % 28)).padStart(2, '0')},${from + i + 1},x`);
    const note = Array.from({ length: 400 }, (_, i) => `note ${i}`).join('\n');
    const text = `customer,date,amount,note\n${plain(0).join('\n')}\nq,2024-03-01,7,"${note}"\n${plain(1500).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const { reader, calls } = counting();
    const stolen = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 64, stealMinBytes: 4096 }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    // The part that ends inside the cell, and the one after it.
    expect(calls.cancelled).toBeGreaterThanOrEqual(2);
    expect(calls.started).toBeGreaterThan(calls.cancelled);
    expect(stolen).toEqual(onePart);
    expect(stolen.summary.rowsUsed).toBe(3001);
  });

  it('gives the one-part result when this worker, done first, reads the second half of what the other has left', async () => {
    const bytes = Uint8Array.from(readFileSync(new URL('../fixtures/online-retail/online-retail-slice.csv', import.meta.url)));
    // The other worker reads in small slices: this one is done first and takes over.
    const { reader, calls } = stoppable(128);
    const taken = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 1 << 16, stealMinBytes: 8192 }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    expect(calls).toEqual({ started: 1, cancelled: 0, stopped: 1 });
    expect(taken).toEqual(onePart);
  });

  it('reads the other part here when it was stopped inside a quoted field', async () => {
    // Quoted cells with line breaks fill the second half: the line start the other part is told
    // to end at (the first after the middle of its range) is inside one, so that part cannot be
    // joined, and both ranges are read here.
    const plain = Array.from({ length: 1500 }, (_, i) => `c${i % 97},2024-02-${String(1 + (i % 28)).padStart(2, '0')},${i + 1},x`);
    const quoted = Array.from({ length: 1500 }, (_, i) => `d${i % 89},2024-03-${String(1 + (i % 28)).padStart(2, '0')},${i + 1},"a\nb\nc\nd\ne\nf\ng\nh"`);
    const bytes = new TextEncoder().encode(`customer,date,amount,note\n${plain.join('\n')}\n${quoted.join('\n')}\n`);
    const { reader, calls } = stoppable(64, false);
    const taken = await ingest(createIngestApi({ partReader: reader, parallelMinBytes: 1, sliceBytes: 1 << 16, stealMinBytes: 4096 }), bytes);
    const onePart = await ingest(createIngestApi({ sliceBytes: 4096 }), bytes);
    expect(calls.stopped).toBe(1);
    expect(calls.cancelled).toBe(1);
    expect(taken).toEqual(onePart);
    expect(taken.summary.rowsUsed).toBe(3000);
  });

  it('stays with one part for small files', async () => {
    const { reader, calls } = counting();
    await ingest(createIngestApi({ partReader: reader }), new TextEncoder().encode('customer,date,amount\na,2024-01-01,5\n'));
    expect(calls.started).toBe(0);
  });
});
