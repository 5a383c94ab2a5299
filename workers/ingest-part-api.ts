import { transfer } from 'comlink';
import { readChunks } from './sources/text-source.ts';
import { throttleProgress } from './throttle-progress.ts';
import { nextTask } from '../src/bridge/next-task.ts';
import { TransactionIngest, releaseBuffers, repeatedRows } from '../src/core/index.ts';
import type { IngestContext, IngestPart, IngestPartApi, ReadableFile, TextEncodingName } from '../src/core/index.ts';

const SLICE_BYTES = 4 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (bytes: Uint8Array, encoding: TextEncodingName): string => (encoding === 'utf-8' ? utf8 : cp1252).decode(bytes);

/**
 * Where a part's reading is, and where it is to end: the worker that reads the part before it,
 * done first, may take over the rest of it (see readInParts).
 */
export class PartStop {
  /** Bytes of the part pushed so far. */
  read = 0;
  /** Bytes of the part to read (Infinity: all). */
  limit = Infinity;

  /** Ends the part at `offset`, unless it is read that far already or has an end already. */
  at(offset: number): boolean {
    if (offset <= this.read || this.limit !== Infinity) return false;
    this.limit = offset;
    return true;
  }
}

/**
 * Reads a later part of a plain-text file into raw columns, for the ingest worker to join; up
 * to `stop`'s limit when one is set while it reads.
 */
export async function readPart(
  file: ReadableFile,
  fileName: string,
  context: IngestContext,
  onProgress?: (bytesRead: number) => void,
  sliceBytes = SLICE_BYTES,
  stop = new PartStop(),
): Promise<IngestPart> {
  const ingest = new TransactionIngest({ fileName, bytes: file.size, decode, continuation: context });
  const report = throttleProgress(file.size, (bytesRead) => onProgress?.(bytesRead));
  for await (const { bytes, bytesRead } of readChunks(file, sliceBytes, { inPlace: true })) {
    const take = Math.min(bytes.length, stop.limit - (bytesRead - bytes.length));
    ingest.push(take < bytes.length ? bytes.subarray(0, take) : bytes);
    stop.read = bytesRead - bytes.length + take;
    report(stop.read);
    if (stop.read >= stop.limit) break;
    // A stop asked for meanwhile is taken here.
    await nextTask();
  }
  return ingest.finishPart();
}

/** The part worker's API: one part at a time, its columns transferred back. */
export function createIngestPartApi(): IngestPartApi {
  let reading: PartStop | null = null;
  return {
    async readPart(file, fileName, context, onProgress) {
      const stop = (reading = new PartStop());
      try {
        const part = await readPart(file, fileName, context, onProgress, SLICE_BYTES, stop);
        const buffers = [
          part.customer, part.amount, part.quantity, part.order, part.category, part.channel, part.cost, part.recordRuns.lines, part.recordRuns.records, part.flags, part.hash1, part.hash2,
          part.dates.shape, part.dates.raw, part.customers.data, part.customers.offsets, part.orders.data, part.orders.offsets,
          part.categories.data, part.categories.offsets, part.channels.data, part.channels.offsets,
        ].map((a) => a.buffer as ArrayBuffer);
        return transfer(part, buffers);
      } finally {
        if (reading === stop) reading = null;
      }
    },
    async stopAt(offset) {
      return reading?.at(offset) ?? false;
    },
    async repeatedRows(hashes) {
      const pairs = repeatedRows(hashes, undefined, () => releaseBuffers(...hashes.flatMap((p) => [p.h1, p.h2])));
      return transfer(pairs, [pairs.buffer as ArrayBuffer]);
    },
  };
}
