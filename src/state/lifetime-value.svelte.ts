import { proxy } from 'comlink';
import { DEFAULT_CLV_SETTINGS, type ClvFits, type ClvSettings, type CustomerColumns, type LifetimeValueView, type ModelOutcome, type PurchaseFit } from '../core/index.ts';
import { isAbort } from '../bridge/worker-bridge.ts';
import { analysisWorker } from '../bridge/workers.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { SegmentModelState } from './segment-model.svelte.ts';

export type LifetimeValueStatus = 'idle' | 'running' | 'ready' | 'error';

/**
 * The lifetime-value fit of the customers on screen: its settings, the run in flight (progress,
 * Cancel) and the last result. The fit runs in the analysis worker, which keeps the per-customer
 * figures; once they are there the segment model is computed again, so rules, the scatter's axes
 * and colours, cross tabs and the export see them.
 *
 * Marks for the benchmark (bench/run.mjs): `segment:clv` around the worker call.
 */
export class LifetimeValueState {
  settings = $state<ClvSettings>(structuredClone(DEFAULT_CLV_SETTINGS));
  #held = $state.raw<{ table: CustomerColumns; view: LifetimeValueView } | null>(null);
  #status = $state<LifetimeValueStatus>('idle');
  #progress = $state(0);
  #problems = $state.raw<string[]>([]);
  #cancelled = $state(false);
  #controller: AbortController | null = null;
  readonly #dataset: DatasetState;
  readonly #model: SegmentModelState;

  constructor(dataset: DatasetState, model: SegmentModelState) {
    this.#dataset = dataset;
    this.#model = model;
  }

  /** The result for the customers on screen; null before a fit (or for another file). */
  get view(): LifetimeValueView | null {
    return this.#held && this.#held.table === this.#dataset.customers ? this.#held.view : null;
  }

  /** The settings and fitted models of the figures the analysis worker holds, to give a fresh worker back; null without a fit. */
  holding(): { settings: ClvSettings; fits: ClvFits } | null {
    const view = this.view;
    if (!view?.purchase) return null;
    const purchase = { model: view.purchase.model, params: view.purchase.fit.params } as PurchaseFit;
    return { settings: view.settings, fits: { purchase, spend: view.spend?.params ?? null } };
  }

  /** The file's channels: each may have its own acquisition cost; empty without a channel column. */
  get channels(): readonly string[] {
    return this.#dataset.metrics?.channelNames ?? [];
  }

  /** Number columns of the joined customer attributes file: each may hold a per-customer acquisition cost. */
  get costColumns(): readonly string[] {
    return (this.#dataset.attributes?.columns ?? []).filter((c) => c.kind === 'number').map((c) => c.name);
  }

  get status(): LifetimeValueStatus {
    return this.#status;
  }

  get progress(): number {
    return this.#progress;
  }

  get problems(): string[] {
    return this.#problems;
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Fits with the current settings; a run in flight is superseded. */
  async fit(): Promise<void> {
    const table = this.#dataset.customers;
    if (!table) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status = 'running';
    this.#progress = 0;
    this.#problems = [];
    this.#cancelled = false;
    const settings = $state.snapshot(this.settings) as ClvSettings;
    const current = () => this.#controller === controller && this.#dataset.customers === table;
    const onProgress = proxy((f: number) => {
      if (current()) this.#progress = f;
    });
    try {
      performance.mark('segment:clv-start');
      const outcome = await analysisWorker.call<ModelOutcome<LifetimeValueView>>(controller.signal, (api) => api.lifetimeValue(settings, onProgress));
      performance.mark('segment:clv-end');
      performance.measure('segment:clv', 'segment:clv-start', 'segment:clv-end');
      if (!current()) return;
      if (!outcome.ok) {
        this.#problems = outcome.problems;
        this.#status = 'error';
        return;
      }
      this.#held = { table, view: outcome.value };
      this.#status = 'ready';
      // The worker now offers the figures to the segment model: compute it again.
      this.#model.refresh();
    } catch (e) {
      if (isAbort(e) || !current()) return;
      this.#problems = [`The lifetime value fit failed: ${e instanceof Error ? e.message : String(e)}`];
      this.#status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /** Stops the fit in flight (the worker is stopped and restored); the result shown before stays on screen. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#status = this.view ? 'ready' : 'idle';
    this.#cancelled = true;
  }
}
