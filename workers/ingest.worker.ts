import { expose, proxy, wrap } from 'comlink';
import type { IngestPartApi } from '../src/core/index.ts';
import { createIngestApi, type PartReader } from './ingest-api.ts';
import { holdLifeLock } from './hold-life-lock.ts';

const startPartWorker = () => new Worker(new URL('./ingest-part.worker.ts', import.meta.url), { type: 'module', name: 'ingest-part' });

// A worker takes a few hundred ms to start and load its module, and the second part of a file
// should start as soon as the first part's header is read: one is kept started and waiting.
let spare: Worker | null = null;

/** Reads a second part of a file in a worker of its own; terminating it stops the read. */
const partReader: PartReader = (file, fileName, context, onProgress) => {
  const worker = spare ?? startPartWorker();
  spare = null;
  const api = wrap<IngestPartApi>(worker);
  const result = api.readPart(file, fileName, context, proxy(onProgress));
  const done = () => {
    worker.terminate();
    spare ??= startPartWorker();
  };
  result.then(done, done);
  return { result, cancel: done };
};

// One core reads the whole file when the machine has only one.
const parallel = self.navigator.hardwareConcurrency >= 2;
if (parallel) spare = startPartWorker();
expose(createIngestApi(parallel ? { partReader } : {}));
holdLifeLock();
