import { sourceFingerprint, type CustomerCsvFile, type CustomerCsvRequest, type ModelOutcome, type SegmentationKey, type SqlClusterModel, type SqlDialectName, type SqlExportRequest, type SqlThresholds } from '../core/index.ts';
import { version } from '../../package.json';
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

/** "shop export.csv" -> "shop export-segments-duckdb.sql" */
export function sqlFileName(fileName: string, dialect: SqlDialectName): string {
  const base = fileName.replace(/\.[^./\\]*$/, '') || 'segment-studio';
  return `${base}-segments-${dialect}.sql`;
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
  /** The SQL export's engine, input table and thresholds (see segmentationSql). */
  sqlDialect = $state<SqlDialectName>('duckdb');
  sqlTable = $state('transactions');
  sqlThresholds = $state<SqlThresholds>('fixed');
  sqlStatus = $state<ExportStatus>('idle');
  sqlMessage = $state<string | null>(null);
  /** The file name of the last script saved. */
  sqlSaved = $state<string | null>(null);
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

  /**
   * Writes the segmentation on screen as one SQL script for the chosen engine (in the analysis
   * worker, from the same model as the CSV) and saves it. The clusters go in when they are on
   * screen; a rule segment on a field SQL cannot compute is said, and nothing is saved.
   */
  async downloadSql(): Promise<void> {
    const settings = this.#model.settings;
    const summary = this.#dataset.summary;
    const preview = this.#dataset.preview;
    const read = this.#dataset.settings;
    if (!settings || !summary || !preview || !read || this.sqlStatus === 'running') return;
    const problem = tableNameProblem(this.sqlTable);
    if (problem) {
      this.sqlMessage = problem;
      this.sqlStatus = 'error';
      return;
    }
    const clustering = this.#clustering.clustering;
    let clusters: SqlClusterModel | null = null;
    if (clustering) {
      if (!clustering.centroids) {
        this.sqlMessage = 'These clusters were saved before the SQL export existed: run the clustering again to include them.';
        this.sqlStatus = 'error';
        return;
      }
      clusters = {
        features: clustering.settings.features.map((f) => ({ ...f })),
        scales: clustering.scales.map((s) => ({ ...s })),
        centroids: [...clustering.centroids],
        names: clustering.clusters.map((c, i) => this.#clustering.names[i]?.trim() || c.name),
      };
    }
    const request: SqlExportRequest = {
      settings,
      dialect: this.sqlDialect,
      table: this.sqlTable.trim(),
      thresholds: this.sqlThresholds,
      appVersion: version,
      source: {
        fileName: summary.fileName,
        header: [...preview.header],
        columns: { ...summary.columns },
        cleaning: { ...summary.cleaningPolicy },
        missingMarkers: [...read.missingMarkers],
        analysisDay: read.analysisDay,
        fingerprint: sourceFingerprint(summary),
      },
      clusters,
    };
    const controller = new AbortController();
    this.sqlStatus = 'running';
    this.sqlMessage = null;
    try {
      const result = await analysisWorker.call<ModelOutcome<string>>(controller.signal, (api) => api.exportSql(request));
      if (!result.ok) {
        this.sqlMessage = `The SQL export cannot be written: ${result.problems.join(' ')}`;
        this.sqlStatus = 'error';
        return;
      }
      const name = sqlFileName(summary.fileName, this.sqlDialect);
      saveFile(new Blob([result.value], { type: 'application/sql;charset=utf-8' }), name);
      this.sqlSaved = name;
      this.sqlStatus = 'idle';
    } catch (e) {
      if (isAbort(e)) return;
      this.sqlMessage = `The SQL export failed: ${e instanceof Error ? e.message : String(e)}`;
      this.sqlStatus = 'error';
    }
  }
}

/** Why a table name cannot be used, or null: letters, digits and underscores, optionally qualified by dots. */
export function tableNameProblem(name: string): string | null {
  const t = name.trim();
  if (t === '') return 'Give the name of the transactions table.';
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(t)) return `"${t}" is not a table name: use letters, digits and underscores, with dots between dataset and table (sales.transactions).`;
  return null;
}

/** "rfm=3" -> { by: 'rfm', code: 3 }; "all" (or anything unreadable) -> null. */
export function parseOnly(value: string): { by: SegmentationKey; code: number } | null {
  const at = value.lastIndexOf('=');
  if (value === 'all' || at < 0) return null;
  const code = Number(value.slice(at + 1));
  return Number.isInteger(code) ? { by: value.slice(0, at) as SegmentationKey, code } : null;
}
