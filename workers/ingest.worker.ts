import { expose, proxy, transfer, wrap, type Remote } from 'comlink';
import type { IngestPartApi, RowHashes } from '../src/core/index.ts';
import { createIngestApi, type PartReader } from './ingest-api.ts';
import { holdLifeLock } from './hold-life-lock.ts';

/** A part worker and the one proxy it is called through for its life. */
interface PartWorker {
  worker: Worker;
  api: Remote<IngestPartApi>;
}

// One proxy per worker, kept as long as the worker: a proxy collected as garbage tells the
// worker's side to stop listening (Comlink's release), and a second part would never be read.
const startPartWorker = (): PartWorker => {
  const worker = new Worker(new URL('./ingest-part.worker.ts', import.meta.url), { type: 'module', name: 'ingest-part' });
  return { worker, api: wrap<IngestPartApi>(worker) };
};

// A worker takes a few hundred ms to start and load its module, and the second part of a file
// should start as soon as the first part's header is read: one is kept started and waiting.
let spare: PartWorker | null = null;

/**
 * Reads a later part of a file in a worker of its own; cancelling stops the read (the worker is
 * ended). A worker that read its part is kept for the next one: a part taken over from this
 * worker's own range (see readInParts) starts at once, its code already compiled.
 */
const partReader: PartReader = (file, fileName, context, onProgress) => {
  const part = spare ?? startPartWorker();
  spare = null;
  const result = part.api.readPart(file, fileName, context, proxy(onProgress));
  let settled = false;
  const end = (read: boolean) => {
    if (settled) return;
    settled = true;
    if (read && !spare) spare = part;
    else part.worker.terminate();
    spare ??= startPartWorker();
  };
  result.then(
    () => end(true),
    () => end(false),
  );
  return { result, cancel: () => end(false), stopAt: (offset) => (settled ? Promise.resolve(false) : part.api.stopAt(offset)) };
};

/** The duplicates' search of a file read in parts, in the part worker that read (idle now). */
const repeatedRows = (hashes: RowHashes): Promise<Int32Array> => {
  spare ??= startPartWorker();
  // Pieces can be views of one buffer (the rows read here): each buffer goes once.
  const buffers = new Set(hashes.flatMap((p) => [p.h1.buffer as ArrayBuffer, p.h2.buffer as ArrayBuffer]));
  return spare.api.repeatedRows(transfer(hashes, [...buffers]));
};

// One core reads the whole file when the machine has only one.
const parallel = self.navigator.hardwareConcurrency >= 2;
if (parallel) spare = startPartWorker();
expose(createIngestApi(parallel ? { partReader, repeatedRows } : {}));
holdLifeLock();
