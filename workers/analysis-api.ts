import { transfer } from 'comlink';
import { blobInSteps } from '../src/persist/blob-in-steps.ts';
import { loadSessionData, openSessionsDb, saveSession, sessionTables, SessionStoreError } from '../src/persist/sessions-db.ts';
import { copyForTransfer } from '../src/bridge/copy-for-transfer.ts';
import { readSessionFile } from '../src/persist/session-file.ts';
import {
  SegmentError,
  buildSegmentModel,
  clusterCustomers,
  clusterOutcome,
  clvSettingsProblems,
  lifetimeValue,
  lifetimeValueColumns,
  tierLabels,
  lifetimeValueView,
  crossTabSegmentations,
  customersCsv,
  evaluateRule,
  exportFilter,
  fieldCatalog,
  fieldColumnBuffers,
  fieldColumnOf,
  orderSelected,
  type SortKey,
  joinAttributes,
  modelCsvColumns,
  modelSqlInput,
  segmentationSql,
  parseRule,
  prepareCustomers,
  profileSegmentation,
  readAttributes,
  scoreAndSegment,
  segmentModelView,
  summarizeAttributes,
  unpackCustomers,
  sessionTableIpcParts,
  sweepCustomers,
  validateSegmentSettings,
} from '../src/core/index.ts';
import type {
  AnalysisApi,
  AttributeTable,
  ClvFields,
  ClvCustomers,
  ClvSettings,
  ClusterColumn,
  CustomerAttributes,
  CustomerTable,
  MetricTable,
  MetricsInfo,
  ModelOutcome,
  PreparedCustomers,
  RfmSettings,
  ScoredCustomers,
  SegmentModel,
  SegmentSettings,
} from '../src/core/index.ts';

const utf8 = new TextDecoder();
/** The classic map's scores, for clusters asked for before any segment model. */
const DEFAULT_RFM_BINS = 5;

/** Attribute files are small: read whole, UTF-8, or Windows-1252 when that fails. */
async function readText(file: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** What the lifetime-value core needs of the held customers and metrics. */
function clvCustomers(customers: CustomerTable, m: MetricTable, acquisitionCost: Float64Array | null = null): ClvCustomers {
  const channel = m.channelNames && m.channelNames.length > 0 ? { codes: m.metrics.preferredChannel, names: m.channelNames } : null;
  // NaN for everyone when the file has no cost column (and absent in sessions saved before it).
  const g = m.metrics.grossMargin;
  const grossMargin = g && g.length > 0 && !Number.isNaN(g[0]) ? g : null;
  return { monetary: customers.monetary, describe: (r) => `customer "${customers.ids[r]}"`, channel, grossMargin, acquisitionCost };
}

/** The analysis worker's API as a plain object (see ingest-api.ts for why). */
/** What the page shows of metrics (see MetricsInfo); their columns stay in this worker. */
function metricsInfo(m: MetricTable | null): MetricsInfo | null {
  return m && { n: m.metrics.n, channelNames: m.channelNames };
}

export function createAnalysisApi(): AnalysisApi {
  let customers: CustomerTable | null = null;
  // The same table with its ids still packed, as a session saves it.
  let packed: import('../src/core/index.ts').CustomerColumns | null = null;
  // The last scoring, kept here: clustering and the export need the RFM segments, and the
  // copies sent to the main thread are transferred away.
  let scored: { bins: number; value: ScoredCustomers } | null = null;
  let attributes: { table: AttributeTable; joined: CustomerAttributes } | null = null;
  let metrics: MetricTable | null = null;
  // What no setting changes (ranks, Pareto curve), made on the first model of a table.
  let prepared: PreparedCustomers | null = null;
  // The last segment model and its settings: the next one reuses what the changed settings do
  // not touch, and counts, profiles and the export for the same settings reuse all of it.
  let model: { key: string; value: SegmentModel } | null = null;
  // The analyst's clusters for rules; a new object whenever they or their names change.
  let clusterColumn: ClusterColumn | null = null;
  // The lifetime-value figures of the held customers, once fitted; a new object on every fit.
  let clv: ClvFields | null = null;
  // The tables of the session file last opened, until the page shows it (holdSessionFile).
  let openedFile: { customers: import('../src/core/index.ts').CustomerColumns; metrics: MetricTable | null } | null = null;
  const table = (): CustomerTable => {
    if (!customers) throw new Error('analysis worker: setCustomers() must come before any analysis');
    return customers;
  };
  /** Each customer's own acquisition cost from the attributes column the settings name; null for none named, undefined when it is not there. */
  const ownAcquisitionCost = (settings: ClvSettings): Float64Array | null | undefined => {
    const name = settings.acquisitionCost.column;
    if (!name) return null;
    const column = attributes?.joined.columns.find((c) => c.name === name);
    return column?.kind === 'number' ? column.values : undefined;
  };
  const modelFor = (settings: SegmentSettings): ModelOutcome<SegmentModel> => {
    prepared ??= prepareCustomers(table(), metrics);
    const joined = attributes?.joined ?? null;
    const key = JSON.stringify(settings);
    if (model && model.key === key && model.value.prepared === prepared && model.value.attributes === joined && model.value.cluster === clusterColumn && model.value.clv === clv) {
      return { ok: true, value: model.value };
    }
    const problems = validateSegmentSettings(settings).filter((p) => p.part !== 'ruleSegments');
    if (problems.length > 0) return { ok: false, problems: problems.map((p) => p.message) };
    model = { key, value: buildSegmentModel(prepared, settings, joined, model?.value ?? null, clusterColumn, clv) };
    return { ok: true, value: model.value };
  };
  const scoring = (settings: RfmSettings): ScoredCustomers => {
    if (scored?.bins !== settings.bins || scored.value.analysisDay !== settings.analysisDay) {
      scored = { bins: settings.bins, value: scoreAndSegment(table(), settings) };
    }
    return scored.value;
  };

  return {
    async setCustomers(value, metricValues = null) {
      packed = value;
      customers = unpackCustomers(value, (b) => utf8.decode(b));
      metrics = metricValues;
      prepared = null;
      model = null;
      scored = null;
      // Attributes and clusters belong to the customers they were made for.
      attributes = null;
      clusterColumn = null;
      clv = null;
    },
    async setMetrics(metricValues) {
      if (metricValues.metrics.n !== table().n) throw new Error(`analysis worker: metrics for ${metricValues.metrics.n} customers, but ${table().n} are held`);
      metrics = metricValues;
      clv = null;
      // The scores stay (they need only the table); what used the metrics is made again.
      prepared = null;
      model = null;
    },
    async saveSession(record, summary, held) {
      if (!packed || packed.n !== held.customers || (metrics !== null) !== held.metrics) {
        return { ok: false, code: 'out-of-step', message: 'The analysis changed while it was being saved; it is saved again in a moment.' };
      }
      try {
        // A Blob of the writer's pieces: IndexedDB takes it by reference (its bytes go to the
        // browser's blob store), where a Uint8Array would be joined, serialised and wrapped,
        // three copies of the table in this process at once.
        const table = await blobInSteps(await sessionTableIpcParts(packed, metrics));
        const db = await openSessionsDb();
        try {
          await saveSession(db, { ...record, bytes: table.size }, { id: record.id, summary, format: 2, table });
        } finally {
          db.close();
        }
        return { ok: true, bytes: table.size };
      } catch (e) {
        if (e instanceof SessionStoreError) return { ok: false, code: e.code, message: e.message };
        return { ok: false, code: 'failed', message: `The session could not be saved (${e instanceof Error ? e.message : String(e)}). What was saved before is intact.` };
      }
    },
    async sessionFileTable(held) {
      if (!packed || packed.n !== held.customers || (metrics !== null) !== held.metrics) {
        return { ok: false, message: 'The analysis changed while it was being written; save it as a file again in a moment.' };
      }
      return { ok: true, table: await blobInSteps(await sessionTableIpcParts(packed, metrics)) };
    },
    async openSessionFile(file, fileName) {
      openedFile = null;
      const outcome = await readSessionFile(file as Blob, fileName);
      if (!outcome.ok) return outcome;
      const { customers: c0, metrics: m0, ...rest } = outcome.value;
      openedFile = { customers: c0, metrics: m0 };
      // The page keeps its own copy of the customers (drawn and sent to a fresh worker); of the
      // metrics only what it shows: a fresh worker takes them from the file or the session again.
      const c = await copyForTransfer(c0, async () => {});
      return transfer({ ok: true as const, ...rest, customers: c.copy, metrics: metricsInfo(m0) }, c.buffers);
    },
    async holdSessionFile() {
      if (!openedFile) throw new Error('the session file is no longer held (the analysis worker was restarted); open it again');
      const { customers: c, metrics: m } = openedFile;
      openedFile = null;
      await this.setCustomers(c, m);
    },
    async openSession(id) {
      let tables: ReturnType<typeof sessionTables>;
      let summary: import('../src/core/index.ts').IngestSummary;
      try {
        const db = await openSessionsDb();
        try {
          const data = await loadSessionData(db, id);
          summary = data.summary;
          tables = sessionTables(data);
        } finally {
          db.close();
        }
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      await this.setCustomers(tables.customers, tables.metrics);
      // As openSessionFile: a copy of the customers, and only what the page shows of the metrics.
      const c = await copyForTransfer(tables.customers, async () => {});
      return transfer({ ok: true as const, summary, customers: c.copy, metrics: metricsInfo(tables.metrics) }, c.buffers);
    },
    async restoreMetrics(from) {
      let saved: MetricTable | null;
      if ('session' in from) {
        const db = await openSessionsDb();
        try {
          saved = sessionTables(await loadSessionData(db, from.session)).metrics;
        } finally {
          db.close();
        }
      } else {
        const outcome = await readSessionFile(from.file as Blob, 'session file');
        saved = outcome.ok ? outcome.value.metrics : null;
      }
      if (!saved || saved.metrics.n !== table().n) return false;
      await this.setMetrics(saved);
      return true;
    },
    async metricsCopy() {
      if (!metrics) return null;
      const m = await copyForTransfer(metrics, async () => {});
      return transfer(m.copy, m.buffers);
    },
    async setAttributes(file, fileName, analysisDay) {
      try {
        const attributeTable = readAttributes(fileName, await readText(file));
        const joined = joinAttributes(table().ids, attributeTable, analysisDay);
        attributes = { table: attributeTable, joined };
        return { ok: true, value: summarizeAttributes(attributeTable, joined) };
      } catch (e) {
        if (e instanceof SegmentError) return { ok: false, problem: e.problem };
        throw e;
      }
    },
    async clearAttributes() {
      attributes = null;
    },
    async scoreRfm(settings) {
      const s = scoring(settings);
      const copy: ScoredCustomers = {
        analysisDay: s.analysisDay,
        recency: s.recency.slice(),
        r: s.r.slice(),
        f: s.f.slice(),
        m: s.m.slice(),
        segment: { ...s.segment, codes: s.segment.codes.slice() },
      };
      return transfer(copy, [copy.recency.buffer, copy.r.buffer, copy.f.buffer, copy.m.buffer, copy.segment.codes.buffer]);
    },
    async setCluster(cluster) {
      clusterColumn = cluster && cluster.codes.length === table().n ? { codes: cluster.codes, names: [...cluster.names] } : null;
    },
    async segmentModel(settings) {
      const outcome = modelFor(settings);
      if (!outcome.ok) return outcome;
      const { view, transfer: buffers } = segmentModelView(outcome.value);
      return transfer({ ok: true, value: view }, buffers);
    },
    async countRule(rule, settings) {
      const outcome = modelFor(settings);
      if (!outcome.ok) return outcome;
      const { columns, fields, prepared: p } = outcome.value;
      const parsed = parseRule(rule, fieldCatalog(fields));
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      const mask = evaluateRule(parsed.rule, columns);
      let count = 0;
      let revenue = 0;
      for (let i = 0; i < mask.length; i++) {
        if (mask[i]) {
          count++;
          revenue += p.customers.monetary[i];
        }
      }
      return { ok: true, value: { count, revenue } };
    },
    async profileSegments(settings, by, cluster = null) {
      const outcome = modelFor(settings);
      return outcome.ok ? { ok: true, value: profileSegmentation(outcome.value, by, cluster) } : outcome;
    },
    async crossTabSegments(settings, rows, columns, cluster = null) {
      const outcome = modelFor(settings);
      return outcome.ok ? { ok: true, value: crossTabSegmentations(outcome.value, rows, columns, cluster) } : outcome;
    },
    async cluster(settings, segments) {
      // The clusters are compared with the analyst's RFM segments, made from the settings sent
      // rather than from whatever model this worker happens to hold (a fresh one holds none).
      const analyst = segments ? modelFor(segments) : null;
      const { segment } = analyst?.ok ? analyst.value : scoring({ bins: DEFAULT_RFM_BINS, analysisDay: settings.analysisDay });
      const outcome = clusterOutcome(() => clusterCustomers(table(), settings, segment));
      return outcome.ok ? transfer(outcome, [outcome.value.labels.buffer]) : outcome;
    },
    async sweepK(settings, onProgress) {
      return clusterOutcome(() => sweepCustomers(table(), settings, onProgress));
    },
    async fieldColumn(settings, id) {
      const outcome = modelFor(settings);
      if (!outcome.ok) return outcome;
      const column = fieldColumnOf(outcome.value, id);
      return column ? transfer({ ok: true, value: column }, fieldColumnBuffers(column)) : { ok: true, value: null };
    },
    async orderSelected(settings, selected, by, descending) {
      const outcome = modelFor(settings);
      if (!outcome.ok) return outcome;
      let key: SortKey | null = null;
      if (by === 'id') key = table().ids;
      else if (Object.hasOwn(outcome.value.columns.columns, by)) {
        const column = outcome.value.columns.columns[by];
        key = 'codes' in column ? Array.from(column.codes, (c) => (c < 0 ? '' : column.values[c])) : column;
      }
      const order = orderSelected(selected, key, descending);
      return transfer({ ok: true, value: order }, [order.buffer]);
    },
    async lifetimeValue(settings, onProgress) {
      const customers = table();
      const history = metrics?.history;
      if (!history || history.start.length !== customers.n + 1) {
        return { ok: false, problems: ['Lifetime value needs each customer\'s purchase days, which come from the transactions file: read the file again.'] };
      }
      let firstDay = Infinity;
      let lastDay = -Infinity;
      for (let i = 0; i < customers.n; i++) {
        firstDay = Math.min(firstDay, customers.firstDay[i]);
        lastDay = Math.max(lastDay, customers.lastDay[i]);
      }
      const problems = clvSettingsProblems(settings, firstDay, lastDay);
      const own = ownAcquisitionCost(settings);
      if (own === undefined) {
        problems.push(`The acquisition cost column "${settings.acquisitionCost.column}" is not a number column of the customer attributes file: join an attributes file that has it, or choose no column.`);
      }
      if (problems.length > 0) return { ok: false, problems };
      let reported = -1;
      const result = lifetimeValue(history, clvCustomers(customers, metrics!, own ?? null), settings, {
        // Whole percents only: each report is a message to the main thread.
        onProgress: (f) => {
          const pct = Math.floor(f * 100);
          if (pct !== reported) {
            reported = pct;
            void onProgress?.(f);
          }
        },
      });
      clv = result.columns ? { ...result.columns, tierNames: result.tierNames } : null;
      return { ok: true, value: lifetimeValueView(result) };
    },
    async restoreLifetimeValue(settings, fits) {
      const customers = table();
      if (!metrics?.history || metrics.history.start.length !== customers.n + 1) return;
      const columns = lifetimeValueColumns(metrics.history, clvCustomers(customers, metrics, ownAcquisitionCost(settings) ?? null), settings, fits);
      clv = { ...columns, tierNames: tierLabels(settings.tierCuts) };
    },
    async exportSql(request) {
      const outcome = modelFor(request.settings);
      if (!outcome.ok) return outcome;
      try {
        return { ok: true, value: segmentationSql(modelSqlInput(outcome.value, request)) };
      } catch (e) {
        return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
      }
    },
    async exportCustomersCsv({ settings, cluster, only, selected, bom = false }) {
      const outcome = modelFor(settings);
      if (!outcome.ok) throw new Error(`exportCustomersCsv: ${outcome.problems.join(' ')}`);
      const columns = modelCsvColumns(outcome.value, cluster ?? null);
      const filter = selected ? { codes: selected, code: 1 } : exportFilter(outcome.value, only, cluster ?? null);
      let rows = table().n;
      if (filter) {
        rows = 0;
        for (let i = 0; i < filter.codes.length; i++) if (filter.codes[i] === filter.code) rows++;
      }
      return { file: new Blob(customersCsv(columns, { bom, ...(filter ? { filter } : {}) }), { type: 'text/csv;charset=utf-8' }), rows };
    },
  };
}
