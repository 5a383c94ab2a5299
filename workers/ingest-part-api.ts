import { transfer } from 'comlink';
import { readChunks } from './sources/text-source.ts';
import { throttleProgress } from './throttle-progress.ts';
import { TransactionIngest } from '../src/core/index.ts';
import type { IngestContext, IngestPart, IngestPartApi, ReadableFile, TextEncodingName } from '../src/core/index.ts';

const SLICE_BYTES = 4 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (bytes: Uint8Array, encoding: TextEncodingName): string => (encoding === 'utf-8' ? utf8 : cp1252).decode(bytes);

/** Reads a later part of a plain-text file into raw columns, for the ingest worker to join. */
export async function readPart(
  file: ReadableFile,
  fileName: string,
  context: IngestContext,
  onProgress?: (bytesRead: number) => void,
  sliceBytes = SLICE_BYTES,
): Promise<IngestPart> {
  const ingest = new TransactionIngest({ fileName, bytes: file.size, decode, continuation: context });
  const report = throttleProgress(file.size, (bytesRead) => onProgress?.(bytesRead));
  for await (const { bytes, bytesRead } of readChunks(file, sliceBytes, { inPlace: true })) {
    ingest.push(bytes);
    report(bytesRead);
  }
  const p = ingest.finishPart();
  return p;
}

/** The part worker's API: one call, its columns transferred back. */
export function createIngestPartApi(): IngestPartApi {
  return {
    async readPart(file, fileName, context, onProgress) {
      const part = await readPart(file, fileName, context, onProgress);
      const buffers = [
        part.customer, part.amount, part.quantity, part.order, part.category, part.channel, part.cost, part.row, part.flags, part.hash1, part.hash2,
        part.dates.shape, part.dates.raw, part.customers.data, part.customers.offsets, part.orders.data, part.orders.offsets,
        part.categories.data, part.categories.offsets, part.channels.data, part.channels.offsets,
      ].map((a) => a.buffer as ArrayBuffer);
      return transfer(part, buffers);
    },
  };
}
