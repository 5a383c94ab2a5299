import { expose, proxy, wrap } from 'comlink';
import type { IngestPartApi } from '../src/core/index.ts';
import { createIngestApi, type PartReader } from './ingest-api.ts';

/** Reads a second part of a file in a worker of its own; terminating it stops the read. */
const partReader: PartReader = (file, fileName, context, onProgress) => {
  const worker = new Worker(new URL('./ingest-part.worker.ts', import.meta.url), { type: 'module', name: 'ingest-part' });
  const api = wrap<IngestPartApi>(worker);
  const result = api.readPart(file, fileName, context, proxy(onProgress));
  const done = () => worker.terminate();
  result.then(done, done);
  return { result, cancel: done };
};

// One core reads the whole file when the machine has only one.
expose(createIngestApi(self.navigator.hardwareConcurrency >= 2 ? { partReader } : {}));
