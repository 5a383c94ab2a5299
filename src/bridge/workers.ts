import type { AnalysisApi, IngestApi } from '../core/index.ts';
import { WorkerBridge } from './worker-bridge.ts';

// The only place the app starts workers; Vite bundles each URL as its own module chunk.
export const ingestWorker = new WorkerBridge<IngestApi>(
  () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
);

export const analysisWorker = new WorkerBridge<AnalysisApi>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
);

/** Starts both workers while the page is idle, so the first file is read without waiting for them. */
export function warmWorkers(): void {
  const warm = () => {
    ingestWorker.warm();
    analysisWorker.warm();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 1000 });
  else setTimeout(warm, 200);
}
