import { transfer } from 'comlink';
import type { Table } from 'apache-arrow';
import { SegmentError, TransactionIngest, transactionsToArrow } from '../src/core/index.ts';
import type { IngestApi, IngestOptionsInput, IngestProgress, IngestResult, Outcome, TextEncodingName } from '../src/core/index.ts';

/** Bytes read per slice: big enough to amortise the read, small enough for smooth progress. */
const SLICE_BYTES = 4 << 20;

export interface IngestApiOptions {
  /** Slice size in bytes; tests make it tiny to cut characters and records apart. */
  sliceBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (bytes: Uint8Array, encoding: TextEncodingName): string => (encoding === 'utf-8' ? utf8 : cp1252).decode(bytes);

/**
 * UTF-16 files (Excel's "Unicode text") are turned into UTF-8 bytes slice by slice, so the byte
 * scanner only ever sees ASCII-compatible text. Returns null for any other file.
 */
function utf16Transcoder(first: Uint8Array): ((bytes: Uint8Array, last: boolean) => Uint8Array) | null {
  const le = first[0] === 0xff && first[1] === 0xfe;
  const be = first[0] === 0xfe && first[1] === 0xff;
  if (!le && !be) return null;
  const decoder = new TextDecoder(le ? 'utf-16le' : 'utf-16be');
  const encoder = new TextEncoder();
  return (bytes, last) => encoder.encode(decoder.decode(bytes, { stream: !last }));
}

/**
 * The ingest worker's API as a plain object, so the Node tests can expose it over a
 * MessageChannel exactly as the worker does over its global scope.
 */
export function createIngestApi({ sliceBytes = SLICE_BYTES }: IngestApiOptions = {}): IngestApi {
  // The transaction table stays here, in the worker; only the customer table crosses.
  let transactions: Table | null = null;

  return {
    async ingest(file, fileName, onProgress?: (p: IngestProgress) => void, settings: IngestOptionsInput = {}): Promise<Outcome<IngestResult>> {
      transactions = null;
      const ingest = new TransactionIngest({ ...settings, fileName, bytes: file.size, decode });
      let transcode: ((bytes: Uint8Array, last: boolean) => Uint8Array) | null = null;
      try {
        const read = (offset: number) => (offset < file.size ? file.slice(offset, offset + sliceBytes).arrayBuffer() : null);
        // The next slice is read while this one is parsed: reading and parsing overlap.
        let pending = read(0);
        for (let offset = 0; pending; offset += sliceBytes) {
          let bytes: Uint8Array = new Uint8Array(await pending);
          pending = read(offset + sliceBytes);
          if (offset === 0) transcode = utf16Transcoder(bytes);
          if (transcode) bytes = transcode(bytes, offset + sliceBytes >= file.size);
          ingest.push(bytes);
          onProgress?.({ bytesRead: Math.min(file.size, offset + sliceBytes), bytesTotal: file.size, rows: ingest.rowsRead });
        }
        const out = ingest.finish();
        if (transcode) out.summary.encoding = 'utf-16';
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
