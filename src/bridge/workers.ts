import type { AnalysisApi, IngestApi } from '../core/index.ts';
import { WorkerBridge } from './worker-bridge.ts';

// The only place the app starts workers; Vite bundles each URL as its own module chunk.
export const ingestWorker = new WorkerBridge<IngestApi>(
  () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
);

export const analysisWorker = new WorkerBridge<AnalysisApi>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
);
