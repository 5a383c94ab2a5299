import { proxy } from 'comlink';
import type { CustomerTable, IngestProgress, IngestResult, IngestSummary, Outcome, Problem, RfmScores } from '../core/index.ts';
import { isAbort } from '../bridge/worker-bridge.ts';
import { analysisWorker, ingestWorker } from '../bridge/workers.ts';

export type DatasetStatus = 'idle' | 'reading' | 'scoring' | 'ready' | 'error' | 'cancelled';

/** Default number of RFM score bins (quintiles). */
export const RFM_BINS = 5;

/**
 * The loaded data set and its analysis, with an explicit status. Large results are `$state.raw`
 * and replaced whole: typed arrays must not become deep proxies.
 * A new load supersedes the one in flight; a failed or cancelled load keeps the previous data.
 */
export class DatasetState {
  status = $state<DatasetStatus>('idle');
  progress = $state<IngestProgress | null>(null);
  problem = $state<Problem | null>(null);
  fileName = $state('');
  summary = $state.raw<IngestSummary | null>(null);
  customers = $state.raw<CustomerTable | null>(null);
  scores = $state.raw<RfmScores | null>(null);
  private controller: AbortController | null = null;

  constructor() {
    // A cancelled analysis terminates its worker; the next one gets the current table back.
    analysisWorker.restore = async (api) => {
      if (this.customers) await api.setCustomers(this.customers);
    };
  }

  get busy(): boolean {
    return this.status === 'reading' || this.status === 'scoring';
  }

  async load(file: File): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    // Marks for the benchmark (bench/run.mjs): selection -> customers -> scores -> painted.
    performance.mark('segment:file-selected');
    this.status = 'reading';
    this.problem = null;
    this.fileName = file.name;
    this.progress = { bytesRead: 0, bytesTotal: file.size, rows: 0 };
    try {
      const onProgress = proxy((p: IngestProgress) => {
        if (!signal.aborted) this.progress = p;
      });
      const outcome = await ingestWorker.call<Outcome<IngestResult>>(signal, (api) => api.ingest(file, file.name, onProgress));
      if (!outcome.ok) {
        this.fail(outcome.problem);
        return;
      }
      const { customers, summary } = outcome.value;
      performance.mark('segment:customers-ready');
      this.status = 'scoring';
      const scores = await analysisWorker.call(signal, async (api) => {
        await api.setCustomers(customers);
        return api.scoreRfm({ bins: RFM_BINS, analysisDay: summary.lastDay + 1 });
      });
      performance.mark('segment:scores-ready');
      this.customers = customers;
      this.summary = summary;
      this.scores = scores;
      this.status = 'ready';
    } catch (e) {
      if (isAbort(e)) return;
      this.fail({ code: 'read-failed', message: `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.progress = null;
      }
    }
  }

  /** Stops the read or scoring in flight; the data loaded before stays. */
  cancel(): void {
    if (!this.controller) return;
    this.controller.abort();
    this.controller = null;
    this.progress = null;
    this.status = 'cancelled';
  }

  dismissProblem(): void {
    this.problem = null;
    if (this.status === 'error') this.status = this.summary ? 'ready' : 'idle';
  }

  private fail(problem: Problem): void {
    this.problem = problem;
    this.status = 'error';
  }
}
