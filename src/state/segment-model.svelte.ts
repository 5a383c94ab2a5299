import type { Remote } from 'comlink';
import { tick, untrack } from 'svelte';
import { keepEqualPartsInSlices, type AnalysisApi, type CellCrossTab, type ClusterColumn, type CustomerColumns, type ModelOutcome, type Segmentation, type SegmentationKey, type SegmentModelView, type SegmentProfile, type SegmentSettings } from '../core/index.ts';
import { analysisWorker } from '../bridge/workers.ts';
import { nextTask } from '../bridge/next-task.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { SegmentSettingsState } from './segment-settings.svelte.ts';

export type ModelStatus = 'idle' | 'running' | 'ready' | 'error';

/** One part of the model view on screen (its scores, its segments, its fields...). */
class ViewPart {
  value = $state.raw<unknown>(undefined);
}

/**
 * The segment model of the customers on screen: scores, segments, value bands, lifecycle and
 * rule segments, computed in the analysis worker from the settings alone (the worker holds the
 * table). Any change of the settings rescores at once; changes made while a rescore runs (typing)
 * are gathered into one more rescore with the latest settings when it is done. Nothing is
 * stopped half-way: rescoring is quick, and stopping the worker would cost it its table.
 *
 * The view on screen is one object per table whose parts are each reactive and each replaced only
 * when a new model changes what it holds: a model computed again for new lifetime value figures
 * (only the fields change) or for a setting that moves one segmentation leaves every chart of
 * the others as it is. Reading `view.rfm` depends on the RFM segments alone; `version` changes
 * with every new model, for questions asked of the worker about the model on screen.
 *
 * Marks for the benchmark (bench/run.mjs): `segment:rescore` measures from the worker call to the
 * new counts on screen.
 */
export class SegmentModelState {
  // The view object changes with the table only, and the settings with every model: readers of
  // the view do not run again for a model that changed nothing they read.
  #shown = $state.raw<{ table: CustomerColumns; view: SegmentModelView } | null>(null);
  #heldSettings = $state.raw<SegmentSettings | null>(null);
  #version = $state(0);
  /** The last model's view as plain data, to compare the next one with. */
  #plain: SegmentModelView | null = null;
  readonly #parts = new Map<string, ViewPart>();
  #status = $state<ModelStatus>('idle');
  #problems = $state.raw<string[]>([]);
  #running = false;
  #again = false;
  #request = 0;
  readonly #dataset: DatasetState;
  readonly #settings: SegmentSettingsState;

  constructor(dataset: DatasetState, settings: SegmentSettingsState) {
    this.#dataset = dataset;
    this.#settings = settings;
    // Lives as long as the app: rescore whenever the table or any setting changes.
    let shownTable: CustomerColumns | null = null;
    $effect.root(() => {
      $effect(() => {
        const table = dataset.customers;
        if (table && table !== shownTable) {
          // A date typed for one file means nothing for the next: back to its own default.
          if (shownTable) untrack(() => (settings.settings.rfm.analysisDay = null));
          shownTable = table;
        }
        // Reading every setting (through the serialisation) makes each a dependency.
        JSON.stringify(settings.settings);
        const usable = settings.usable;
        if (!table || !usable) return;
        untrack(() => this.#schedule());
      });
    });
  }

  /** The model of the customers on screen; null until the first one is ready. */
  get view(): SegmentModelView | null {
    return this.#shown && this.#shown.table === this.#dataset.customers ? this.#shown.view : null;
  }

  /** Changes with every new model on screen (the view object itself stays while the table does). */
  get version(): number {
    return this.#version;
  }

  /** The settings the model on screen was computed with: counts, profiles and the export use these. */
  get settings(): SegmentSettings | null {
    return this.view ? this.#heldSettings : null;
  }

  get status(): ModelStatus {
    return this.#status;
  }

  get problems(): string[] {
    return this.#problems;
  }

  #cluster: ClusterColumn | null = null;

  /** The clusters last given to the worker (a fresh worker must be given them again). */
  get cluster(): ClusterColumn | null {
    return this.#cluster;
  }

  /**
   * The clusters rules may use (the "Cluster" field, by the names the analyst gave them): sent to
   * the worker, then the model is computed again so rule segments and the rule builder see them.
   */
  setCluster(cluster: ClusterColumn | null): void {
    if (cluster === null && this.#cluster === null) return;
    this.#cluster = cluster;
    void analysisWorker.call(new AbortController().signal, (api) => api.setCluster(cluster)).then(
      () => this.#schedule(),
      () => {},
    );
  }

  /** Computes the model again with the same settings: the worker has something new for it (lifetime value). */
  refresh(): void {
    this.#schedule();
  }

  #schedule(): void {
    if (this.#running) this.#again = true;
    else void this.#rescore();
  }

  async #rescore(): Promise<void> {
    const table = this.#dataset.customers;
    if (!table || !this.#settings.usable) return;
    const settings = this.#settings.snapshot();
    const id = ++this.#request;
    this.#status = 'running';
    this.#running = true;
    try {
      performance.mark('segment:rescore-start');
      const outcome = await analysisWorker.call<ModelOutcome<SegmentModelView>>(new AbortController().signal, (api) => api.segmentModel(settings));
      performance.mark('segment:rescore-received');
      if (id !== this.#request || table !== this.#dataset.customers) return;
      if (!outcome.ok) {
        this.#problems = outcome.problems;
        this.#status = 'error';
        return;
      }
      // Compared with the model on screen in slices a task apart: a quarter of a million
      // customers' parts took 22 ms, in the task that then drew the new model.
      const same = this.#shown?.table === table ? this.#plain : null;
      const { value } = await keepEqualPartsInSlices(same, outcome.value, nextTask);
      if (id !== this.#request || table !== this.#dataset.customers) return;
      this.#hold(table, settings, value);
      this.#problems = [];
      this.#status = 'ready';
      await tick();
      performance.mark('segment:rescore-end');
      performance.measure('segment:rescore', 'segment:rescore-start', 'segment:rescore-end');
    } catch (e) {
      if (id !== this.#request) return;
      this.#problems = [`Scoring failed: ${e instanceof Error ? e.message : String(e)}`];
      this.#status = 'error';
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        void this.#rescore();
      }
    }
  }

  /** Shows a model whose parts equal to those on screen are theirs (keepEqualParts). */
  #hold(table: CustomerColumns, settings: SegmentSettings, value: SegmentModelView): void {
    const shown = this.#shown;
    const same = shown?.table === table ? shown : null;
    this.#plain = value;
    const keys = Object.keys(value) as Array<keyof SegmentModelView>;
    // Setting a part to the array it already holds changes nothing: only what moved is redrawn.
    for (const key of keys) this.#part(key).value = value[key];
    if (!same || !keys.every((k) => Object.hasOwn(same.view, k))) this.#shown = { table, view: this.#liveView(keys) };
    this.#heldSettings = settings;
    this.#version++;
  }

  #part(key: string): ViewPart {
    let part = this.#parts.get(key);
    if (!part) this.#parts.set(key, (part = new ViewPart()));
    return part;
  }

  /** A view whose every property reads its own part, so a reader depends on the parts it reads. */
  #liveView(keys: Array<keyof SegmentModelView>): SegmentModelView {
    const view = {} as SegmentModelView;
    for (const key of keys) {
      const part = this.#part(key);
      Object.defineProperty(view, key, { get: () => part.value, enumerable: true });
    }
    return view;
  }

  /** The live count of a rule (validated in the worker against the fields). */
  countRule(rule: unknown): Promise<ModelOutcome<{ count: number; revenue: number }>> {
    return this.#ask((api, settings) => api.countRule(rule, settings));
  }

  profiles(by: SegmentationKey, cluster: Segmentation | null): Promise<ModelOutcome<SegmentProfile[]>> {
    return this.#ask((api, settings) => api.profileSegments(settings, by, cluster));
  }

  crossTab(rows: SegmentationKey, columns: SegmentationKey, cluster: Segmentation | null): Promise<ModelOutcome<CellCrossTab>> {
    return this.#ask((api, settings) => api.crossTabSegments(settings, rows, columns, cluster));
  }

  /** The selected customers sorted by a field (or 'id') under the model on screen: the selection table's order. */
  orderSelected(selected: Uint8Array, by: string, descending: boolean): Promise<ModelOutcome<Uint32Array>> {
    return this.#ask((api, settings) => api.orderSelected(settings, selected, by, descending));
  }

  /** A question about the model on screen: asked with its settings, so the worker answers for exactly that model. */
  #ask<T>(run: (api: Remote<AnalysisApi>, settings: SegmentSettings) => Promise<ModelOutcome<T>>): Promise<ModelOutcome<T>> {
    const settings = this.settings;
    if (!settings) return Promise.resolve({ ok: false, problems: ['The customers are still being scored.'] });
    return analysisWorker.call<ModelOutcome<T>>(new AbortController().signal, (api) => run(api, settings));
  }
}
