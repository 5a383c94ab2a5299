import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { connect } from '../connect.ts';
import { createAnalysisApi } from '../../../workers/analysis-api.ts';
import { createIngestApi } from '../../../workers/ingest-api.ts';
import { DEFAULT_MISSING_MARKERS, sourceFingerprint } from '../../../src/core/index.ts';
import type { AnalysisApi, CleaningPolicy, ClusterSettings, IngestApi, SegmentSettings, SqlClusterModel, SqlDialectName, SqlThresholds } from '../../../src/core/index.ts';

export type Row = Record<string, string>;

/** A file of the repository, its path and text. */
export function repoFile(path: string): { path: string; text: string } {
  const url = new URL(`../../../${path}`, import.meta.url);
  return { path: url.pathname, text: readFileSync(url, 'utf8') };
}

export interface AppRun {
  /** The app's customers export, parsed. */
  rows: Row[];
  /** The generated script. */
  sql: string;
}

/**
 * Reads a file with the real ingest and analysis APIs as the app does, exports the customers CSV,
 * and asks for the SQL script of the same settings (and clusters, with `cluster`).
 */
export async function appRun(
  file: { path: string; text: string },
  settings: SegmentSettings,
  options: { dialect?: SqlDialectName; thresholds?: SqlThresholds; cluster?: Omit<ClusterSettings, 'analysisDay'>; analysisDay?: number; cleaning?: Partial<CleaningPolicy> } = {},
): Promise<AppRun> {
  const fileName = file.path.split('/').pop()!;
  const ingest = connect<IngestApi>(createIngestApi());
  let outcome = await ingest.ingest(new Blob([file.text]), fileName, undefined, options.cleaning ? { cleaning: options.cleaning } : {});
  if (!outcome.ok) throw new Error(outcome.problem.message);
  // As the app does when the analyst types an analysis date: the lines after it are cut.
  if (options.analysisDay !== undefined) outcome = (await ingest.window(options.analysisDay))!;
  if (!outcome.ok) throw new Error(outcome.problem.message);
  const metrics = await ingest.metrics();
  if (!metrics) throw new Error('no metrics after an ingest');
  const analysis = connect<AnalysisApi>(createAnalysisApi());
  await analysis.setCustomers(outcome.value.customers);
  await analysis.setMetrics(metrics);
  const summary = outcome.value.summary;
  let cluster: { codes: Uint8Array; names: string[] } | undefined;
  let clusters: SqlClusterModel | null = null;
  if (options.cluster) {
    const fit = await analysis.cluster({ ...options.cluster, analysisDay: settings.rfm.analysisDay ?? summary.analysisDay }, settings);
    if (!fit.ok) throw new Error(fit.problems.map((p) => p.message).join(' '));
    const names = fit.value.clusters.map((c, i) => `${i + 1}. ${c.name}`);
    cluster = { codes: fit.value.labels, names };
    clusters = { features: options.cluster.features, scales: fit.value.scales, centroids: fit.value.centroids, names };
  }
  const csv = await analysis.exportCustomersCsv({ settings, ...(cluster ? { cluster } : {}) });
  const rows = Papa.parse<Row>(await (csv.file as Blob).text(), { header: true, skipEmptyLines: true }).data;
  const header = Papa.parse<string[]>(file.text.slice(0, file.text.indexOf('\n'))).data[0];
  const sql = await analysis.exportSql({
    settings,
    dialect: options.dialect ?? 'duckdb',
    table: 'transactions',
    thresholds: options.thresholds ?? 'fixed',
    appVersion: 'test',
    source: { fileName, header, columns: summary.columns, cleaning: summary.cleaningPolicy, missingMarkers: DEFAULT_MISSING_MARKERS, analysisDay: options.analysisDay ?? null, fingerprint: sourceFingerprint(summary) },
    clusters,
  });
  if (!sql.ok) throw new Error(sql.problems.join(' '));
  return { rows, sql: sql.value };
}

/** Runs a script in DuckDB over a CSV loaded with warehouse types, and returns customer_segments as text cells. */
export async function runDuckDb(sql: string, csvPath: string, types: Record<string, string>): Promise<{ rows: Row[]; columns: string[] }> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const columns = Object.entries(types).map(([k, v]) => `'${k}': '${v}'`).join(', ');
    await connection.run(`CREATE TABLE transactions AS SELECT * FROM read_csv('${csvPath}', header = true, quote = '"', columns = {${columns}})`);
    await connection.run(sql);
    const reader = await connection.runAndReadAll('SELECT * FROM customer_segments');
    const names = reader.columnNames();
    const rows = reader.getRowsJS().map((values) => Object.fromEntries(names.map((n, i) => [n, values[i] === null ? '' : String(values[i])])));
    return { rows, columns: names };
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** Online Retail's columns as a warehouse holds them. */
export const RETAIL_TYPES = {
  InvoiceNo: 'VARCHAR', StockCode: 'VARCHAR', Quantity: 'DOUBLE', InvoiceDate: 'TIMESTAMP', UnitPrice: 'DOUBLE', CustomerID: 'VARCHAR', Country: 'VARCHAR',
};
