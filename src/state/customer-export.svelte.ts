import type { CustomerCsvFile, CustomerCsvRequest, SegmentationKey } from '../core/index.ts';
import { isAbort } from '../bridge/worker-bridge.ts';
import { analysisWorker } from '../bridge/workers.ts';
import { saveFile } from '../components/save-file.ts';
import type { ClusteringState } from './clustering.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { SegmentModelState } from './segment-model.svelte.ts';

export type ExportStatus = 'idle' | 'running' | 'error';

/** "shop export.csv" -> "shop export-customers.csv" (or "-selected.csv" for a selection) */
export function customersFileName(fileName: string, what: 'customers' | 'selected' = 'customers'): string {
  const base = fileName.replace(/\.[^./\\]*$/, '') || 'segment-studio';
  return `${base}-${what}.csv`;
}

/**
 * The customers CSV download: written in the analysis worker (a quarter of a million rows take
 * about half a second), handed back as a Blob and saved through an object URL. Nothing leaves
 * the browser.
 */
export class CustomerExport {
  status = $state<ExportStatus>('idle');
  message = $state<string | null>(null);
  /** Rows in the last file written. */
  rows = $state(0);
  /** "all", or one segment as "<segmentation key>=<code>" (the select's value). */
  only = $state('all');
  /** Start the file with a byte order mark, so Excel reads accents right. */
  bom = $state(false);
  #controller: AbortController | null = null;
  readonly #dataset: DatasetState;
  readonly #clustering: ClusteringState;
  readonly #model: SegmentModelState;

  constructor(dataset: DatasetState, clustering: ClusteringState, model: SegmentModelState) {
    this.#dataset = dataset;
    this.#clustering = clustering;
    this.#model = model;
  }

  /** Writes the customers CSV: all of them (or the segment `only` names), or the customers of `selected` (1 = in). */
  async download(selected: Uint8Array | null = null): Promise<void> {
    // The file holds what is on screen: the model's settings, not ones typed since.
    const settings = this.#model.settings;
    if (!settings || this.status === 'running') return;
    const clustering = this.#clustering.clustering;
    const request: CustomerCsvRequest = {
      settings,
      only: parseOnly(this.only),
      selected,
      bom: this.bom,
      // Cloned, not transferred: the scatter keeps its labels. A name left blank falls back to the automatic one.
      cluster: clustering
        ? { codes: clustering.labels, names: clustering.clusters.map((c, i) => this.#clustering.names[i]?.trim() || c.name) }
        : undefined,
    };
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'running';
    this.message = null;
    try {
      const result = await analysisWorker.call<CustomerCsvFile>(controller.signal, (api) => api.exportCustomersCsv(request));
      if (!(result.file instanceof Blob)) throw new Error('the worker did not return a file');
      saveFile(result.file, customersFileName(this.#dataset.fileName, selected ? 'selected' : 'customers'));
      this.rows = result.rows;
      this.status = 'idle';
    } catch (e) {
      if (isAbort(e)) return;
      this.message = `The export failed: ${e instanceof Error ? e.message : String(e)}`;
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }
}

/** "rfm=3" -> { by: 'rfm', code: 3 }; "all" (or anything unreadable) -> null. */
export function parseOnly(value: string): { by: SegmentationKey; code: number } | null {
  const at = value.lastIndexOf('=');
  if (value === 'all' || at < 0) return null;
  const code = Number(value.slice(at + 1));
  return Number.isInteger(code) ? { by: value.slice(0, at) as SegmentationKey, code } : null;
}
