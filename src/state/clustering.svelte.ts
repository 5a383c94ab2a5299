import { proxy } from 'comlink';
import { CUSTOMER_FEATURES, DEFAULT_FEATURES, MAX_CLUSTERS } from '../core/index.ts';
import type { ClusterOutcome, ClusterSettings, CustomerClustering, CustomerFeature, CustomerColumns, FeatureChoice, KSweep, ScalingMethod, SegmentSettings, SweepSettings } from '../core/index.ts';
import { WorkerCrashError, isAbort } from '../bridge/worker-bridge.ts';
import { analysisWorker } from '../bridge/workers.ts';
import type { DatasetState } from './dataset.svelte.ts';

export type ClusteringStatus = 'idle' | 'running' | 'ready' | 'error';
/** What is running: the sweep behind "Suggest k", or one k-means run. */
export type ClusteringTask = 'sweep' | 'cluster';

/** The analyst's choices, kept between runs. */
export interface ClusteringSettings {
  /** All three features in a fixed order, each on or off and with or without the log. */
  features: Array<{ feature: CustomerFeature; use: boolean; log: boolean }>;
  scaling: ScalingMethod;
  k: number;
  seed: number;
}

/** A problem to show: a clustering problem from the worker, or a failure of the worker itself. */
export interface ClusteringMessage {
  code: string;
  message: string;
}

export const DEFAULT_SEED = 42;

export function defaultClusteringSettings(): ClusteringSettings {
  return {
    features: (Object.keys(CUSTOMER_FEATURES) as CustomerFeature[]).map((feature) => ({
      feature,
      use: DEFAULT_FEATURES.some((f) => f.feature === feature),
      log: DEFAULT_FEATURES.find((f) => f.feature === feature)?.log ?? true,
    })),
    scaling: 'zscore',
    k: 4,
    seed: DEFAULT_SEED,
  };
}

/** What is wrong with the settings before anything is sent to the worker; null when fine. */
export function settingsProblem(settings: ClusteringSettings, forSweep: boolean): string | null {
  if (!settings.features.some((f) => f.use)) return 'Choose at least one feature to cluster on.';
  if (!forSweep && !(Number.isInteger(settings.k) && settings.k >= 2 && settings.k <= MAX_CLUSTERS)) {
    return `The number of clusters must be a whole number from 2 to ${MAX_CLUSTERS}.`;
  }
  if (!(Number.isInteger(settings.seed) && settings.seed >= 0 && settings.seed <= 0xffffffff)) return 'The seed must be a whole number from 0 to 4294967295.';
  return null;
}

/**
 * Clustering of the loaded customers: the settings, the k sweep behind "Suggest k" and the
 * latest clustering, each with an explicit status. Runs happen in the analysis worker; a newer
 * run supersedes the one in flight, and Cancel terminates the worker. Results belong to the
 * customer table they were computed for and disappear when another file is loaded.
 */
export class ClusteringState {
  settings = $state<ClusteringSettings>(defaultClusteringSettings());
  /** The analyst's names for the clusters of the current result, prefilled with the automatic ones. */
  names = $state<string[]>([]);
  #status = $state<ClusteringStatus>('idle');
  #task = $state<ClusteringTask | null>(null);
  #progress = $state(0);
  #problems = $state.raw<ClusteringMessage[]>([]);
  #cancelled = $state(false);
  // Results with the table they were computed for: large values, replaced whole.
  #sweep = $state.raw<{ table: CustomerColumns; value: KSweep } | null>(null);
  #clustering = $state.raw<{ table: CustomerColumns; value: CustomerClustering } | null>(null);
  #controller: AbortController | null = null;
  readonly #dataset: DatasetState;
  /** The analysis day the segment model uses (recency is measured to it); null: the data set's default. */
  readonly #analysisDay: () => number | null;
  /** The settings of the segment model on screen, whose RFM segments the clusters are compared with. */
  readonly #segments: () => SegmentSettings | null;

  constructor(dataset: DatasetState, analysisDay: () => number | null = () => null, segments: () => SegmentSettings | null = () => null) {
    this.#dataset = dataset;
    this.#analysisDay = analysisDay;
    this.#segments = segments;
  }

  /** Results only count for the customers on screen. */
  #current<T>(held: { table: CustomerColumns; value: T } | null): T | null {
    return held && held.table === this.#dataset.customers ? held.value : null;
  }

  get sweep(): KSweep | null {
    return this.#current(this.#sweep);
  }

  get clustering(): CustomerClustering | null {
    return this.#current(this.#clustering);
  }

  get status(): ClusteringStatus {
    if (this.#status === 'running') return 'running';
    if (this.#status === 'ready' && !this.sweep && !this.clustering) return 'idle';
    return this.#status;
  }

  get task(): ClusteringTask | null {
    return this.#task;
  }

  /** Fraction of the sweep done, 0..1. */
  get progress(): number {
    return this.#progress;
  }

  get problems(): ClusteringMessage[] {
    return this.#problems;
  }

  /** True after Cancel, until the next run. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** The chosen features as the worker takes them. */
  get featureChoices(): FeatureChoice[] {
    return this.settings.features.filter((f) => f.use).map(({ feature, log }) => ({ feature, log }));
  }

  /** Runs the sweep over k = 2..10 behind "Suggest k". */
  async suggestK(): Promise<boolean> {
    const base = this.#base(true);
    if (!base) return false;
    const settings: SweepSettings = base.settings;
    return this.#run<KSweep>('sweep', base.table, (signal) => {
      const onProgress = proxy((fraction: number) => {
        if (!signal.aborted) this.#progress = fraction;
      });
      return analysisWorker.call<ClusterOutcome<KSweep>>(signal, (api) => api.sweepK(settings, onProgress));
    }, (value) => (this.#sweep = { table: base.table, value }), 'segment:ksweep');
  }

  /** Uses the suggested k and clusters with it. */
  async acceptSuggestion(): Promise<boolean> {
    const sweep = this.sweep;
    if (!sweep) return false;
    this.settings.k = sweep.suggestedK;
    return this.run();
  }

  /** Runs k-means with the current settings; true when a new clustering is on screen. */
  async run(): Promise<boolean> {
    const base = this.#base(false);
    if (!base) return false;
    const settings: ClusterSettings = { ...base.settings, k: this.settings.k };
    const segments = this.#segments();
    const call = (signal: AbortSignal) => analysisWorker.call<ClusterOutcome<CustomerClustering>>(signal, (api) => api.cluster(settings, segments));
    return this.#run<CustomerClustering>('cluster', base.table, call, (value) => {
      this.#clustering = { table: base.table, value };
      this.names = value.clusters.map((c) => c.name);
    }, 'segment:kmeans');
  }

  /** Stops the run in flight (terminating the worker); results shown before stay. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#task = null;
    this.#status = this.sweep || this.clustering ? 'ready' : 'idle';
    this.#cancelled = true;
  }

  dismissProblems(): void {
    this.#problems = [];
    if (this.#status === 'error') this.#status = this.sweep || this.clustering ? 'ready' : 'idle';
  }

  #base(forSweep: boolean): { table: CustomerColumns; settings: SweepSettings } | null {
    const table = this.#dataset.customers;
    const scores = this.#dataset.scores;
    if (!table || !scores) return null;
    const problem = settingsProblem(this.settings, forSweep);
    if (problem) {
      this.#problems = [{ code: 'settings', message: problem }];
      this.#status = 'error';
      return null;
    }
    return { table, settings: { analysisDay: this.#analysisDay() ?? scores.analysisDay, features: this.featureChoices, scaling: this.settings.scaling, seed: this.settings.seed } };
  }

  async #run<T>(
    task: ClusteringTask,
    table: CustomerColumns,
    call: (signal: AbortSignal) => Promise<ClusterOutcome<T>>,
    accept: (value: T) => void,
    mark: string,
  ): Promise<boolean> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status = 'running';
    this.#task = task;
    this.#progress = 0;
    this.#problems = [];
    this.#cancelled = false;
    const current = () => this.#controller === controller && this.#dataset.customers === table;
    try {
      // Marks for the benchmark (bench/run.mjs), around the worker call only.
      performance.mark(`${mark}-start`);
      const outcome = await call(controller.signal);
      performance.mark(`${mark}-end`);
      performance.measure(mark, `${mark}-start`, `${mark}-end`);
      if (!current()) return false;
      if (!outcome.ok) {
        this.#problems = outcome.problems;
        this.#status = 'error';
        return false;
      }
      accept(outcome.value);
      this.#status = 'ready';
      return true;
    } catch (e) {
      if (isAbort(e) || !current()) return false;
      // A worker that died is no fault of these customers: said as what it is, under its own heading.
      this.#problems =
        e instanceof WorkerCrashError
          ? [{ code: 'worker-crashed', message: `The clustering did not finish: ${e.message}.` }]
          : [{ code: 'failed', message: `Clustering failed: ${e instanceof Error ? e.message : String(e)}` }];
      this.#status = 'error';
      return false;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#task = null;
      }
    }
  }
}
