import { transfer, type Remote } from 'comlink';
import type { AnalysisApi, ClusterColumn, ClvFits, ClvSettings, CustomerColumns, MetricTable, ReadableFile } from '../core/index.ts';
import { copyForTransfer } from './copy-for-transfer.ts';

/**
 * Everything the analysis worker holds that only the page can give back: a worker ended by a
 * Cancel or a crash loses it all, and a fresh one must answer exactly as the old one would.
 * (Scores and segment models are not here: the worker makes them again from the settings each
 * call brings.)
 */
export interface AnalysisHoldings {
  customers: CustomerColumns;
  /** The per-customer metrics from the transactions, once the ingest worker has made them. */
  metrics: MetricTable | null;
  /** The joined attributes file, and the day ages were computed for. */
  attributes: { file: ReadableFile; analysisDay: number } | null;
  /** The analyst's clusters and names, the "Cluster" field of rules. */
  cluster: ClusterColumn | null;
  /** The lifetime-value fit the figures of rules, colours and the export come from: its settings and fitted models. */
  lifetimeValue: { settings: ClvSettings; fits: ClvFits } | null;
}

/**
 * Gives the analysis worker the customer table and metrics as transferred copies, made in small
 * tasks: a structured clone of them all in one message blocked the page for tens of ms. Copies,
 * so the originals stay here for the next fresh worker.
 */
export async function sendCustomers(api: Remote<AnalysisApi>, customers: CustomerColumns, metrics: MetricTable | null): Promise<void> {
  const c = await copyForTransfer(customers);
  const m = metrics ? await copyForTransfer(metrics) : null;
  await api.setCustomers(transfer(c.copy, c.buffers), m ? transfer(m.copy, m.buffers) : null);
}

/** Gives a fresh analysis worker what the last one held (nothing when no data is loaded). */
export async function restoreAnalysis(api: Remote<AnalysisApi>, held: AnalysisHoldings | null): Promise<void> {
  if (!held) return;
  await sendCustomers(api, held.customers, held.metrics);
  if (held.attributes) {
    const { file, analysisDay } = held.attributes;
    await api.setAttributes(file, file.name ?? 'attributes.csv', analysisDay);
  }
  if (held.cluster) await api.setCluster(held.cluster);
  if (held.lifetimeValue) await api.restoreLifetimeValue(held.lifetimeValue.settings, held.lifetimeValue.fits);
}
