import { transfer } from 'comlink';
import type { Table } from 'apache-arrow';
import { SegmentError, TransactionIngest, transactionsToArrow } from '../src/core/index.ts';
import type { IngestApi, IngestProgress, IngestResult, Outcome } from '../src/core/index.ts';

/** Bytes read per slice: big enough to amortise the read, small enough for smooth progress. */
const SLICE_BYTES = 4 << 20;

export interface IngestApiOptions {
  /** Slice size in bytes; tests make it tiny to cut characters and records apart. */
  sliceBytes?: number;
}

/**
 * The ingest worker's API as a plain object, so the Node tests can expose it over a
 * MessageChannel exactly as the worker does over its global scope.
 */
export function createIngestApi({ sliceBytes = SLICE_BYTES }: IngestApiOptions = {}): IngestApi {
  // The transaction table stays here, in the worker; only the customer table crosses.
  let transactions: Table | null = null;

  return {
    async ingest(file, fileName, onProgress?: (p: IngestProgress) => void): Promise<Outcome<IngestResult>> {
      transactions = null;
      const ingest = new TransactionIngest(fileName, file.size);
      // UTF-8, byte order mark stripped; `stream: true` keeps characters split across slices.
      const decoder = new TextDecoder('utf-8');
      try {
        for (let offset = 0; offset < file.size; offset += sliceBytes) {
          const bytes = new Uint8Array(await file.slice(offset, offset + sliceBytes).arrayBuffer());
          ingest.push(decoder.decode(bytes, { stream: true }));
          onProgress?.({ bytesRead: Math.min(file.size, offset + sliceBytes), bytesTotal: file.size, rows: ingest.rowsRead });
        }
        ingest.push(decoder.decode());
        const out = ingest.finish();
        transactions = transactionsToArrow(out.transactions);
        const c = out.customers;
        const value: IngestResult = { customers: c, summary: out.summary };
        return transfer({ ok: true, value }, [c.firstDay.buffer, c.lastDay.buffer, c.frequency.buffer, c.monetary.buffer]);
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
    },
    async transactionCount() {
      return transactions?.numRows ?? 0;
    },
  };
}
