import { proxy, transfer, type Remote } from 'comlink';
import { sendCustomers, type AnalysisHoldings, type HeldMetrics } from '../bridge/restore-analysis.ts';
import { DEFAULT_MISSING_MARKERS, fileDifferences, importMemoryProblem, mappingProblems, metricBuffers } from '../core/index.ts';
import type { FileFingerprint, LinesSource, ReadChoices } from '../core/index.ts';
import { fileFingerprint } from '../persist/fingerprint-file.ts';
import type {
  AnalysisApi,
  AttributeSummary,
  CleaningPolicy,
  CustomerColumns,
  DateReading,
  DayNumber,
  ImportPreview,
  IngestProgress,
  IngestResult,
  IngestSummary,
  Mapping,
  MetricsInfo,
  Outcome,
  Problem,
  ReadableFile,
  ScoredCustomers,
  SessionLinesOutcome,
} from '../core/index.ts';
import { recallMapping, rememberMapping } from '../persist/mapping-memory.ts';
import { isAbort } from '../bridge/worker-bridge.ts';
import { analysisWorker, ingestWorker } from '../bridge/workers.ts';
import { workspaceMounted } from './workspace-mounting.ts';

export type DatasetStatus = 'idle' | 'previewing' | 'mapping' | 'reading' | 'scoring' | 'ready' | 'error' | 'cancelled';

/** How the current file is read: column roles, cleaning rules and, when asked, the date order. */
export interface ReadSettings {
  mapping: Mapping;
  /** The analyst's cleaning choices; the rest follow the defaults for the mapping (see defaultCleaning). */
  cleaning: Partial<CleaningPolicy>;
  dateReading: DateReading | null;
  /** Cell values read as missing (besides an empty cell) in the id, date and amount columns. */
  missingMarkers: readonly string[];
  /** The analysis date typed by the analyst; null: the day after the last transaction. */
  analysisDay: DayNumber | null;
  /** The sheet read from a workbook (absent for other files). */
  sheet?: string;
}

/** The cleaning choices carried to another file: all but duplicates, whose default depends on the file's columns. */
function forNewFile(cleaning: Partial<CleaningPolicy>): Partial<CleaningPolicy> {
  const { duplicates: _, ...rest } = cleaning;
  return rest;
}

/** Default number of RFM score bins (quintiles). */
export const RFM_BINS = 5;

/** The longest the metrics of a table just shown wait for the scatter's first picture (see DatasetState.pictured). */
const METRICS_WAIT_MS = 1000;
/** The longest the metrics wait for the workspace to mount after the first picture. */
const METRICS_MOUNT_WAIT_MS = 2000;

/**
 * The loaded data set and its analysis, with an explicit status. Large results are `$state.raw`
 * and replaced whole: typed arrays must not become deep proxies.
 * A new load supersedes the one in flight; a failed or cancelled load keeps the previous data.
 */
/** Saved data to open: `load` puts it into the analysis worker and answers it for the page. */
export interface SavedSource {
  fileName: string;
  load(api: Remote<AnalysisApi>): Promise<{ summary: IngestSummary; customers: CustomerColumns; metrics: MetricsInfo | null }>;
  /** The session file it is read from, where a fresh analysis worker finds its metrics again. */
  file?: ReadableFile;
}

export class DatasetState {
  status = $state<DatasetStatus>('idle');
  progress = $state<IngestProgress | null>(null);
  problem = $state<Problem | null>(null);
  fileName = $state('');
  summary = $state.raw<IngestSummary | null>(null);
  customers = $state.raw<CustomerColumns | null>(null);
  /**
   * What the page knows of the per-customer metrics the analysis worker holds, and where a fresh
   * worker finds them again (the columns are not kept here; see HeldMetrics).
   */
  metrics = $state.raw<HeldMetrics | null>(null);
  /** RFM scores and the classic RFM segment of every customer. */
  scores = $state.raw<ScoredCustomers | null>(null);
  /** The file being read or last read, kept to read again with other settings. */
  file = $state.raw<File | null>(null);
  /** Its first rows as parsed, and the guessed roles, for the mapping step. */
  preview = $state.raw<ImportPreview | null>(null);
  settings = $state.raw<ReadSettings | null>(null);
  /** The optional file of customer attributes, joined in the analysis worker, and what matched. */
  attributesFile = $state.raw<File | null>(null);
  attributes = $state.raw<AttributeSummary | null>(null);
  attributesProblem = $state.raw<Problem | null>(null);
  /** The fingerprint of the file on screen (columns, rows, hash of its first and last MiB). */
  fingerprint = $state.raw<FileFingerprint | null>(null);
  /** Set when the file read differs from the one a link or session was made with, saying how. */
  fileWarning = $state<string | null>(null);
  /**
   * The read the table on screen comes from (see IngestResult.readId): a session saves the
   * lines of that read. Not reactive: read with the table.
   */
  readId = 0;
  /**
   * The saved transactions of a reopened session, loaded into the ingest worker after the
   * customer table: 'ready' when a cleaning change or another analysis date runs without the file.
   */
  savedLines = $state<'none' | 'loading' | 'ready' | 'unavailable'>('none');
  savedLinesMessage = $state<string | null>(null);
  /** The session whose saved lines stand in for the file (null when a file is read). */
  #linesSession: string | null = null;
  /** Lets the metrics of the table being shown start: see {@link pictured}. */
  #startMetrics: (() => void) | null = null;
  /** Reading choices from a link or session, used for the next file; and the file they were made with. */
  #pendingRead: ReadChoices | null = null;
  #expectedFile: FileFingerprint | null = null;
  /** File, preview and settings of the data on screen, to return to when a new file is abandoned. */
  private shown: { file: File; preview: ImportPreview; settings: ReadSettings } | null = null;
  private controller: AbortController | null = null;

  /**
   * What the analysis worker holds of this data set, for a fresh worker after a Cancel or a
   * crash (see restoreAnalysis); null when nothing is loaded.
   */
  holdings(): Omit<AnalysisHoldings, 'cluster' | 'lifetimeValue'> | null {
    if (!this.customers || !this.summary) return null;
    const attributes = this.attributesFile ? { file: this.attributesFile, analysisDay: this.#attributesDay(this.summary) } : null;
    return { customers: this.customers, metrics: this.metrics, attributes };
  }

  /**
   * Keeps a copy of the metrics here, asked of the analysis worker, for when no session keeps
   * them (sessions cannot be saved in this browser, or saving failed): the only case the page
   * holds their columns.
   */
  async keepMetricsCopy(): Promise<void> {
    const held = this.metrics;
    if (!held || held.copy) return;
    const copy = await analysisWorker.call(new AbortController().signal, (api) => api.metricsCopy()).catch(() => null);
    // Kept on the same object: the sessions tell data apart by its identity.
    if (copy && this.metrics === held && copy.metrics.n === held.n) held.copy = copy;
  }

  /** A fresh analysis worker found the metrics nowhere: the page says it has none, as the worker. */
  dropMetrics(): void {
    this.metrics = null;
  }

  /** The day attribute ages are computed for. */
  #attributesDay(summary: IngestSummary): number {
    return summary.analysisDay;
  }

  get busy(): boolean {
    return this.status === 'previewing' || this.status === 'reading' || this.status === 'scoring';
  }

  /**
   * A new file: preview its first rows and guess the column roles (or recall the ones chosen
   * for files with the same columns). When every required role is found it is read at once;
   * otherwise the mapping step waits for the analyst.
   */
  async load(file: File, sheet?: string): Promise<void> {
    // Marks for the benchmark (bench/run.mjs): selection -> customers -> scores -> painted.
    performance.mark('segment:file-selected');
    const controller = this.begin();
    // Refused before a byte is read when this device cannot hold its import: the tab would
    // otherwise run out of memory part way, losing what is on screen.
    const tooLarge = importMemoryProblem(file.name, file.size, (navigator as Navigator & { deviceMemory?: number }).deviceMemory);
    if (tooLarge) {
      this.end(controller);
      this.fail(tooLarge);
      return;
    }
    this.status = 'previewing';
    this.fileName = file.name;
    try {
      const outcome = await ingestWorker.call<Outcome<ImportPreview>>(controller.signal, (api) => api.preview(file, file.name, sheet));
      if (!outcome.ok) {
        this.fail(outcome.problem);
        return;
      }
      const preview = outcome.value;
      const pending = this.#pendingRead;
      this.#pendingRead = null;
      const mapping = pending?.mapping ?? recallMapping(preview.header) ?? preview.guess;
      this.file = file;
      this.preview = preview;
      this.settings = pending
        ? { mapping, cleaning: { ...pending.cleaning }, missingMarkers: [...pending.missingMarkers], analysisDay: pending.analysisDay, dateReading: pending.dateReading, ...(preview.sheet !== undefined ? { sheet: preview.sheet } : {}) }
        : {
            mapping,
            cleaning: forNewFile(this.settings?.cleaning ?? {}),
            missingMarkers: this.settings?.missingMarkers ?? DEFAULT_MISSING_MARKERS,
            analysisDay: null,
            dateReading: null,
            ...(preview.sheet !== undefined ? { sheet: preview.sheet } : {}),
          };
      if (mappingProblems(mapping, preview.header.length).length > 0) {
        this.status = 'mapping';
        return;
      }
    } catch (e) {
      if (!isAbort(e)) this.fail({ code: 'read-failed', message: `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}` });
      return;
    } finally {
      this.end(controller);
    }
    await this.read();
  }

  /**
   * Reading choices from a link or a saved session, for the next file dropped (null: the usual
   * guesses); `file` is the one they were made with, compared with the file read.
   */
  useReadChoices(read: ReadChoices | null, file: FileFingerprint | null): void {
    this.#pendingRead = read;
    this.#expectedFile = file;
    this.fileWarning = null;
  }

  /** Fingerprints a newly read file, and compares it with the one expected by a link or session. */
  #fingerprint(file: File, header: readonly string[], rows: number, hash: string | null): void {
    if (hash === null) return;
    if (this.fingerprint && this.file === file && this.fingerprint.bytes === file.size && this.fingerprint.name === file.name && this.fingerprint.rows === rows) return;
    if (this.file !== file) return;
    const print = fileFingerprint(file, header, rows, hash);
    this.fingerprint = print;
    const expected = this.#expectedFile;
    this.#expectedFile = null;
    if (!expected) return;
    const differences = fileDifferences(expected, print);
    this.fileWarning = differences.length > 0 ? `This file differs from the one the settings were made with ("${expected.name}"): ${differences.join('; ')}. The settings were applied all the same; check that they fit.` : null;
  }

  /** Reads the current file again with some settings changed (roles, cleaning, date order). */
  async reread(changes: Partial<ReadSettings>): Promise<void> {
    if (!this.settings) return;
    this.settings = { ...this.settings, ...changes };
    await this.read();
  }

  /** The missing-value markers for the next read, set in the mapping step before the file is read. */
  useMissingMarkers(missingMarkers: string[]): void {
    if (this.settings) this.settings = { ...this.settings, missingMarkers };
  }

  /**
   * Reads the file again with these cleaning rules. Only the rules changed from those applied
   * become the analyst's choices: the others keep following the defaults for the mapping.
   */
  async applyCleaning(policy: CleaningPolicy): Promise<void> {
    const applied = this.summary?.cleaningPolicy;
    if (!this.settings || !applied) return;
    const cleaning: Partial<CleaningPolicy> = { ...this.settings.cleaning };
    for (const rule of Object.keys(policy) as Array<keyof CleaningPolicy>) {
      if (policy[rule] !== applied[rule]) Object.assign(cleaning, { [rule]: policy[rule] });
    }
    await this.reread({ cleaning });
  }

  private begin(): AbortController {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.problem = null;
    return controller;
  }

  private end(controller: AbortController): void {
    if (this.controller === controller) {
      this.controller = null;
      this.progress = null;
    }
  }

  private async read(): Promise<void> {
    const file = this.file;
    const settings = this.settings;
    const preview = this.preview;
    if (!settings) return;
    if (!file || !preview) {
      // A reopened session: its saved lines stand in for the file.
      const sessionId = this.#linesSession;
      if (sessionId !== null) await this.#readSaved(sessionId, settings);
      else if (this.summary) this.fail({ code: 'read-failed', message: `This analysis was opened without "${this.fileName}" and without its transactions (saved by an older version, or from a session file): open the file again to change how it is read, cleaned or its analysis date.` });
      return;
    }
    const controller = this.begin();
    const { signal } = controller;
    this.status = 'reading';
    this.fileName = file.name;
    this.progress = { bytesRead: 0, bytesTotal: file.size, rows: 0 };
    rememberMapping(preview.header, settings.mapping);
    const options = {
      mapping: settings.mapping,
      cleaning: settings.cleaning,
      missingMarkers: [...settings.missingMarkers],
      ...(settings.dateReading ? { dateReading: settings.dateReading } : {}),
      ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}),
      // When a file's dates cannot tell day/month from month/day, start from the reader's locale.
      preferDayFirst: !navigator.language.toLowerCase().startsWith('en-us'),
    };
    try {
      const onProgress = proxy((p: IngestProgress) => {
        if (!signal.aborted) this.progress = p;
      });
      let outcome = await ingestWorker.call<Outcome<IngestResult>>(signal, (api) => api.ingest(file, file.name, onProgress, options));
      // Read again with other settings, the same file keeps the analysis date typed for it.
      const day = settings.analysisDay;
      if (outcome.ok && day !== null) outcome = (await ingestWorker.call<Outcome<IngestResult> | null>(signal, (api) => api.window(day))) ?? outcome;
      if (!outcome.ok) {
        this.fail(outcome.problem);
        return;
      }
      await this.#show(outcome.value, { file, preview, settings }, signal);
    } catch (e) {
      if (isAbort(e)) return;
      this.fail({ code: 'read-failed', message: `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.end(controller);
    }
  }

  /**
   * Cleans a reopened session's saved lines with the settings' choices and cuts them at their
   * analysis date, in the ingest worker, as reading the file again with them would.
   */
  async #readSaved(sessionId: string, settings: ReadSettings): Promise<void> {
    const controller = this.begin();
    const { signal } = controller;
    this.status = 'reading';
    try {
      let outcome = await ingestWorker.call<Outcome<IngestResult>>(signal, (api) => api.cleanSessionLines(sessionId, settings.cleaning));
      const day = settings.analysisDay;
      if (outcome.ok && day !== null) outcome = (await ingestWorker.call<Outcome<IngestResult> | null>(signal, (api) => api.window(day))) ?? outcome;
      if (!outcome.ok) {
        this.fail(outcome.problem);
        return;
      }
      this.savedLines = 'ready';
      await this.#show(outcome.value, { file: null, preview: null, settings }, signal);
    } catch (e) {
      if (isAbort(e)) return;
      this.fail({ code: 'read-failed', message: `Could not clean the saved transactions of "${this.fileName}" again: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.end(controller);
    }
  }

  /** Where the lines of the analysis on screen are, for a session file; null when it has none. */
  get linesSource(): LinesSource | null {
    if (this.shown?.file) return { readId: this.readId };
    return this.#linesSession !== null && this.savedLines === 'ready' ? { sessionId: this.#linesSession } : null;
  }

  /** A session file's lines, kept under a token until then, are now saved with session `sessionId`. */
  linesSavedAs(token: string, sessionId: string): void {
    if (this.#linesSession === token) this.#linesSession = sessionId;
  }

  /**
   * Loads a reopened session's saved lines into the ingest worker, after its customer table is
   * on screen, so a cleaning change or another analysis date then runs without the file.
   */
  async useSessionLines(sessionId: string): Promise<void> {
    const summary = this.summary;
    if (!summary) return;
    this.#linesSession = sessionId;
    this.savedLines = 'loading';
    this.savedLinesMessage = null;
    try {
      const outcome = await ingestWorker.call<SessionLinesOutcome>(new AbortController().signal, (api) => api.openSessionLines(sessionId, $state.snapshot(summary.cleaningPolicy)));
      if (this.#linesSession !== sessionId) return;
      this.savedLines = outcome.ok ? 'ready' : 'unavailable';
      this.savedLinesMessage = outcome.ok ? null : outcome.message;
      if (outcome.ok) performance.mark('segment:session-lines-ready');
    } catch (e) {
      if (this.#linesSession !== sessionId || isAbort(e)) return;
      this.savedLines = 'unavailable';
      this.savedLinesMessage = `The saved transactions could not be loaded (${e instanceof Error ? e.message : String(e)}).`;
    }
  }

  /**
   * The scatter has painted a picture: the metrics of a table just shown, waiting for it, start.
   * Made at once, while the table was scored and the workspace mounted, they kept a core busy
   * beside the analysis worker and the scatter's painter, and the main thread, with one core
   * for three threads, took two to five times its CPU time to mount the workspace.
   */
  pictured(): void {
    this.#startMetrics?.();
    this.#startMetrics = null;
  }

  /**
   * Puts a customer table from the ingest worker on screen: scored in the analysis worker, its
   * metrics sent after it, attributes joined again. `file` is null for a reopened session's saved lines.
   */
  async #show({ customers, summary, fileHash, readId, metricsId }: IngestResult, source: { file: File | null; preview: ImportPreview | null; settings: ReadSettings }, signal: AbortSignal): Promise<void> {
    const sourceName = source.file?.name ?? this.fileName;
    performance.mark('segment:customers-ready');
    this.status = 'scoring';
    // The ingest worker works out the per-customer metrics once the scatter has its first
    // picture (see pictured), or after a second at most (another view on screen, say).
    const firstPicture = new Promise<void>((resolve) => {
      this.#startMetrics = resolve;
      setTimeout(resolve, METRICS_WAIT_MS);
    });
    // And once the workspace has mounted its parts (see workspace-mounting.ts): worked out
    // meanwhile, the metrics kept a core busy beside the analysis worker, and the page's mounting
    // tasks stretched past 50 ms (a 60 ms task after the first picture of a 1M import).
    const metricsReady = firstPicture.then(() => workspaceMounted(METRICS_MOUNT_WAIT_MS)).then(() => ingestWorker.call(signal, (api) => api.metrics()));
    metricsReady.catch(() => {});
    const scores = await analysisWorker.call(signal, async (api) => {
      // Copies are sent: a fresh worker after a Cancel gets the originals again (see holdings).
      await sendCustomers(api, customers);
      return api.scoreRfm({ bins: RFM_BINS, analysisDay: summary.analysisDay });
    });
    performance.mark('segment:scores-ready');
    // The metrics reach the analysis worker through its queue, ahead of anything the new table
    // starts there (the segment model): the scatter is drawn from the scores meanwhile.
    const metricsSent = analysisWorker.call(signal, async (api) => {
      const table = await metricsReady;
      if (!table) return;
      // Moved on, not copied: a fresh worker has them made again (see HeldMetrics).
      const held: HeldMetrics = { n: table.metrics.n, channelNames: table.channelNames, answer: metricsId, file: null, copy: null };
      await api.setMetrics(transfer(table, metricBuffers(table)));
      if (this.customers === customers) this.metrics = held;
    });
    metricsSent.catch((e: unknown) => {
      if (!isAbort(e) && this.customers === customers) {
        this.fail({ code: 'read-failed', message: `Could not work out the per-customer metrics of "${sourceName}": ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    if (this.attributesFile) {
      // The worker's attributes went with its old customers: join them to the new ones.
      const attrs = this.attributesFile;
      void analysisWorker
        .call<Outcome<AttributeSummary>>(signal, (api) => api.setAttributes(attrs, attrs.name, this.#attributesDay(summary)))
        .then((joined) => {
          this.attributes = joined.ok ? joined.value : null;
          this.attributesProblem = joined.ok ? null : joined.problem;
        })
        .catch((e: unknown) => {
          if (!isAbort(e)) this.attributesProblem = { code: 'read-failed', message: `Could not join "${attrs.name}": ${e instanceof Error ? e.message : String(e)}` };
        });
    }
    const { file, preview } = source;
    if (file && preview) {
      this.shown = { file, preview, settings: source.settings };
      this.#linesSession = null;
      this.savedLines = 'none';
    }
    this.readId = readId;
    this.customers = customers;
    this.metrics = null;
    this.summary = summary;
    this.scores = scores;
    this.status = 'ready';
    if (file && preview) this.#fingerprint(file, preview.header, summary.rows, fileHash);
  }

  /**
   * Measures recency to another day (null: the day after the last transaction): the ingest
   * worker cuts the transactions it holds at that day, without reading the file again, and
   * lines dated after it are left out of every figure. When the day leaves no purchase, the
   * analysis on screen stays and the problem is said.
   */
  async setAnalysisDay(day: DayNumber | null): Promise<void> {
    const file = this.file;
    const preview = this.preview;
    if (!this.settings || !this.summary) return;
    if ((!file || !preview) && this.#linesSession === null) {
      this.fail({ code: 'read-failed', message: `This analysis was opened without "${this.fileName}" and without its transactions (saved by an older version, or from a session file): open the file again to measure to another analysis date.` });
      return;
    }
    const settings = { ...this.settings, analysisDay: day };
    const controller = this.begin();
    const { signal } = controller;
    this.status = 'scoring';
    try {
      const outcome = await ingestWorker.call<Outcome<IngestResult> | null>(signal, (api) => api.window(day));
      if (outcome === null) {
        // The ingest worker was restarted (a Cancel ended it) and holds nothing: read the file
        // (or the session's saved lines) again.
        this.end(controller);
        this.settings = settings;
        await this.read();
        return;
      }
      if (!outcome.ok) {
        this.fail(outcome.problem);
        return;
      }
      this.settings = settings;
      await this.#show(outcome.value, { file: file && preview ? file : null, preview: file ? preview : null, settings }, signal);
    } catch (e) {
      if (!isAbort(e)) this.fail({ code: 'read-failed', message: `Could not measure to another analysis date: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.end(controller);
    }
  }

  /**
   * Puts a saved analysis on screen without its file: the customer table and metrics go to the
   * analysis worker as they were saved, so every figure is what it was. Another cleaning rule
   * or analysis date needs the file, or the session's saved lines (see useSessionLines).
   */
  async openSaved(source: SavedSource, read: ReadSettings | null, fingerprint: FileFingerprint | null): Promise<boolean> {
    const controller = this.begin();
    const { signal } = controller;
    this.status = 'scoring';
    this.fileName = source.fileName;
    try {
      const { saved, scores } = await analysisWorker.call(signal, async (api) => {
        const saved = await source.load(api);
        return { saved, scores: await api.scoreRfm({ bins: RFM_BINS, analysisDay: saved.summary.analysisDay }) };
      });
      this.#pendingRead = null;
      this.#expectedFile = null;
      this.fileWarning = null;
      this.file = null;
      this.preview = null;
      this.shown = null;
      this.#linesSession = null;
      this.savedLines = 'none';
      this.savedLinesMessage = null;
      this.settings = read;
      this.fingerprint = fingerprint;
      this.customers = saved.customers;
      this.metrics = saved.metrics && { ...saved.metrics, answer: null, file: source.file ?? null, copy: null };
      this.summary = saved.summary;
      this.scores = scores;
      this.status = 'ready';
      return true;
    } catch (e) {
      if (!isAbort(e)) this.fail({ code: 'read-failed', message: `Could not open the saved session "${source.fileName}": ${e instanceof Error ? e.message : String(e)}` });
      return false;
    } finally {
      this.end(controller);
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

  /** Joins a file of customer attributes (age, gender, region, ...) to the customers on screen. */
  async loadAttributes(file: File): Promise<void> {
    const summary = this.summary;
    if (!summary) return;
    this.attributesProblem = null;
    try {
      const outcome = await analysisWorker.call<Outcome<AttributeSummary>>(new AbortController().signal, (api) => api.setAttributes(file, file.name, this.#attributesDay(summary)));
      if (!outcome.ok) {
        this.attributesProblem = outcome.problem;
        return;
      }
      this.attributesFile = file;
      this.attributes = outcome.value;
    } catch (e) {
      if (!isAbort(e)) this.attributesProblem = { code: 'read-failed', message: `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  async removeAttributes(): Promise<void> {
    this.attributesFile = null;
    this.attributes = null;
    this.attributesProblem = null;
    await analysisWorker.call(new AbortController().signal, (api) => api.clearAttributes());
  }

  /** Leaves the mapping step without reading; what was loaded before stays, with its settings. */
  cancelMapping(): void {
    if (this.status !== 'mapping') return;
    this.file = this.shown?.file ?? null;
    this.preview = this.shown?.preview ?? null;
    this.settings = this.shown?.settings ?? null;
    this.status = this.summary ? 'ready' : 'idle';
  }

  private fail(problem: Problem): void {
    this.problem = problem;
    this.status = 'error';
  }
}
