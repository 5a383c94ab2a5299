import { transfer, type Remote } from 'comlink';
import type { AnalysisApi, ClusterColumn, ClvFits, ClvSettings, CustomerColumns, MetricsInfo, MetricTable, ReadableFile } from '../core/index.ts';
import { metricBuffers } from '../core/index.ts';
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
  metrics: HeldMetrics | null;
  /** The joined attributes file, and the day ages were computed for. */
  attributes: { file: ReadableFile; analysisDay: number } | null;
  /** The analyst's clusters and names, the "Cluster" field of rules. */
  cluster: ClusterColumn | null;
  /** The lifetime-value fit the figures of rules, colours and the export come from: its settings and fitted models. */
  lifetimeValue: { settings: ClvSettings; fits: ClvFits } | null;
}

/**
 * The page's part of the metrics the analysis worker holds: what it shows of them, and where a
 * fresh worker gets their columns again. The page keeps no copy of them: at 10M lines it was
 * 85 MB, and making and passing it on raised the load's peak by about 180 MB.
 */
export interface HeldMetrics extends MetricsInfo {
  /** The ingest worker's answer they were made for (IngestApi.remakeMetrics): a file just read, or cut at another date. */
  answer: number | null;
  /** The session file they were opened from. */
  file: ReadableFile | null;
  /** A copy kept here only when no session could keep them (see SessionsState). */
  copy: MetricTable | null;
}

/** Where else a fresh worker's metrics may be found than {@link HeldMetrics} says. */
export interface MetricsSources {
  /** The ingest worker's remakeMetrics: null when it no longer holds that answer. */
  remake(answer: number): Promise<MetricTable | null>;
  /** The saved session whose data is the data held (its metrics included), if any. */
  session: string | null;
}

/**
 * Gives a fresh analysis worker the metrics from the first place that still has them: the copy,
 * the ingest worker's transactions, the saved session, the session file. False when none has
 * them (another file was read meanwhile, and the session was deleted or never saved).
 */
async function restoreMetrics(api: Remote<AnalysisApi>, held: HeldMetrics, sources: MetricsSources): Promise<boolean> {
  if (held.copy) {
    const m = await copyForTransfer(held.copy);
    await api.setMetrics(transfer(m.copy, m.buffers));
    return true;
  }
  if (held.answer !== null) {
    const made = await sources.remake(held.answer).catch(() => null);
    if (made) {
      await api.setMetrics(transfer(made, metricBuffers(made)));
      return true;
    }
  }
  if (sources.session !== null && (await api.restoreMetrics({ session: sources.session }).catch(() => false))) return true;
  return held.file !== null && (await api.restoreMetrics({ file: held.file }).catch(() => false));
}

/**
 * Gives the analysis worker the customer table as a transferred copy, made in small tasks: a
 * structured clone in one message blocked the page for tens of ms. A copy, so the original stays
 * here (drawn, and given to the next fresh worker).
 */
export async function sendCustomers(api: Remote<AnalysisApi>, customers: CustomerColumns): Promise<void> {
  const c = await copyForTransfer(customers);
  await api.setCustomers(transfer(c.copy, c.buffers), null);
}

/**
 * Gives a fresh analysis worker what the last one held (nothing when no data is loaded).
 * Answers false when the metrics could not be found again: the worker then has the customers
 * without them, as before the metrics of a file arrive.
 */
export async function restoreAnalysis(api: Remote<AnalysisApi>, held: AnalysisHoldings | null, sources: MetricsSources): Promise<boolean> {
  if (!held) return true;
  await sendCustomers(api, held.customers);
  const metricsFound = held.metrics === null || (await restoreMetrics(api, held.metrics, sources));
  if (held.attributes) {
    const { file, analysisDay } = held.attributes;
    await api.setAttributes(file, file.name ?? 'attributes.csv', analysisDay);
  }
  if (held.cluster) await api.setCluster(held.cluster);
  // A fit is made from the metrics: without them it is not restored (it is fitted again on request).
  if (held.lifetimeValue && metricsFound) await api.restoreLifetimeValue(held.lifetimeValue.settings, held.lifetimeValue.fits);
  return metricsFound;
}
