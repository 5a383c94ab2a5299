import type { AnalysisApi, IngestApi } from '../core/index.ts';
import { WorkerBridge } from './worker-bridge.ts';

// The only place the app starts workers; Vite bundles each URL as its own module chunk.
export const ingestWorker = new WorkerBridge<IngestApi>(
  () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
);

export const analysisWorker = new WorkerBridge<AnalysisApi>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
);

/**
 * Starts both workers as the page starts: their code loads off the main thread, and an analyst
 * who drops a file at once should not wait for it (the ingest worker in turn starts the worker
 * that reads the second half of large files).
 */
export function warmWorkers(): void {
  ingestWorker.warm();
  analysisWorker.warm();
  sparePainter ??= newPainter();
}

let sparePainter: Worker | null = null;
const newPainter = () => new Worker(new URL('../../workers/scatter-paint.worker.ts', import.meta.url), { type: 'module', name: 'scatter-paint' });

/**
 * A painter for one scatter (it holds that chart's positions and colours): the one started with
 * the page when there is one, so the first picture does not wait for a worker to load.
 */
export function startScatterPainter(): Worker {
  const worker = sparePainter ?? newPainter();
  sparePainter = null;
  return worker;
}
