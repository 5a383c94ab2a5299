import type { CustomerColumns, Mapping, MetricsInfo, ReadableFile, SessionFileOpenOutcome, SessionLinesMeta, SessionLinesOutcome, SessionSaveOutcome } from '../core/index.ts';
import {
  deleteSession,
  duplicateSession,
  listSessions,
  openSessionsDb,
  renameSession,
  saveSession,
  SessionStoreError,
  touchSession,
  type SessionRecord,
  type SessionsDb,
} from '../persist/sessions-db.ts';
import { sessionFileBlob, SESSION_FILE_EXTENSION } from '../persist/session-file.ts';
import { saveFile } from '../components/save-file.ts';
import { analysisWorker, ingestWorker } from '../bridge/workers.ts';
import { applySession, snapshotSession, type SessionSources } from './session-parts.svelte.ts';
import type { HeldMetrics } from '../bridge/restore-analysis.ts';
import { workspaceMounted } from './workspace-mounting.ts';

/** Settings change many times a second while typing or dragging: a save follows once they settle. */
const SAVE_DELAY_MS = 800;
/** The longest a save waits for the workspace to finish mounting (see workspace-mounting.ts). */
const MOUNTING_WAIT_MS = 4000;

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The saved sessions: every analysis is one, saved after the import and after each change. The
 * data (customer table and metrics) is written only when it changed; settings alone are a small
 * record. Each save is one IndexedDB transaction (see saveSession).
 */
export class SessionsState {
  list = $state.raw<SessionRecord[]>([]);
  /** Damaged records, each said in words; they were skipped. */
  damaged = $state.raw<string[]>([]);
  /** A problem of the store itself (blocked upgrade, full quota, unavailable), saying what to do. */
  message = $state<string | null>(null);
  saveStatus = $state<SaveStatus>('idle');
  /** The save of the current session's transactions (once per read of a file), and their bytes. */
  linesStatus = $state<SaveStatus>('idle');
  linesBytes = $state<number | null>(null);
  currentId = $state<string | null>(null);
  storage = $state.raw<{ usage: number; quota: number } | null>(null);
  persisted = $state<boolean | null>(null);
  #db: Promise<SessionsDb | null> | null = null;
  /** What the current session was last saved with: its data is written again only when it changed. */
  #saved: { customers: CustomerColumns; metrics: HeldMetrics | null } | null = null;
  /** The file the current session was read from (null after a reopen: no file). */
  #file: File | null = null;
  #created = 0;
  /** The name a session opened from a file keeps when it is first saved here. */
  #pendingName: string | null = null;
  /** Saves run one after another, so a settings save never lands before the data save made ahead of it. */
  #queue: Promise<void> = Promise.resolve();
  /** The read whose lines were last saved, and with which session. */
  #linesSaved: { id: string; readId: number } | null = null;
  /** Lines saves run one after another, apart from the queue of settings saves (they take longer). */
  #linesQueue: Promise<void> = Promise.resolve();
  /** The token a session file's lines are kept under in the ingest worker until its session is first saved. */
  #fileLines: string | null = null;
  readonly #sources: SessionSources;

  constructor(sources: SessionSources) {
    this.#sources = sources;
  }

  #open(): Promise<SessionsDb | null> {
    this.#db ??= openSessionsDb((message) => (this.message = message)).then(
      (db) => {
        if (this.message?.includes('another tab')) this.message = null;
        return db;
      },
      (e: unknown) => {
        this.message = e instanceof Error ? e.message : String(e);
        return null;
      },
    );
    return this.#db;
  }

  /** Lists the sessions and starts saving automatically; returns the cleanup. */
  start(): () => void {
    void this.refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = $effect.root(() => {
      $effect(() => {
        const { dataset } = this.#sources;
        const settings = snapshotSession(this.#sources);
        const customers = dataset.customers;
        const metrics = dataset.metrics;
        const summary = dataset.summary;
        if (!customers || !summary || dataset.status !== 'ready') return;
        const file = dataset.file;
        const readId = dataset.readId;
        const mapping = dataset.settings?.mapping ?? null;
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.#queue = this.#queue.then(async () => {
            await workspaceMounted(MOUNTING_WAIT_MS);
            const id = await this.#save(file, customers, metrics, summary, settings);
            // The transactions of a file just read go with its session, once per read.
            if (id !== null && file !== null && mapping && (this.#linesSaved?.id !== id || this.#linesSaved.readId !== readId)) {
              this.#linesSaved = { id, readId };
              this.#linesQueue = this.#linesQueue.then(() => this.#saveLines(id, readId, $state.snapshot(mapping) as Mapping));
            }
            // A session file's transactions go with the session it becomes here.
            const token = this.#fileLines;
            if (id !== null && file === null && token !== null) {
              this.#fileLines = null;
              this.#linesQueue = this.#linesQueue.then(() => this.#keepFileLines(token, id));
            }
          });
        }, SAVE_DELAY_MS);
      });
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  /**
   * Saves the lines of read `readId` with session `id` from the ingest worker, which holds them:
   * only ids cross, so the page is not held up however many lines there are.
   */
  #saveLines(id: string, readId: number, mapping: Mapping): Promise<void> {
    const forget = () => {
      // Not saved: let the next settled analysis of this read try again.
      if (this.#linesSaved?.id === id && this.#linesSaved.readId === readId) this.#linesSaved = null;
    };
    return this.#linesSave((api) => api.saveSessionLines(id, readId, mapping), () => {}, forget);
  }

  /** Saves a session file's lines (kept in the ingest worker under `token`) with session `id`. */
  #keepFileLines(token: string, id: string): Promise<void> {
    return this.#linesSave((api) => api.keepFileLines(token, id), () => this.#sources.dataset.linesSavedAs(token, id), () => {});
  }

  /**
   * The one outcome handling of both lines saves: the status and bytes shown, the message when it
   * failed ('out-of-step' and 'missing' mean a newer save or a deleted session, not a failure).
   */
  async #linesSave(call: Parameters<typeof ingestWorker.call<SessionSaveOutcome>>[1], saved: () => void, notSaved: () => void): Promise<void> {
    this.linesStatus = 'saving';
    performance.mark('segment:session-lines-save-start');
    try {
      const outcome = await ingestWorker.call<SessionSaveOutcome>(new AbortController().signal, call);
      if (!outcome.ok) {
        this.linesStatus = outcome.code === 'out-of-step' || outcome.code === 'missing' ? 'idle' : 'failed';
        if (this.linesStatus === 'failed') this.message = outcome.message;
        notSaved();
        return;
      }
      saved();
      performance.mark('segment:session-lines-save-end');
      performance.measure('segment:session-lines-save', 'segment:session-lines-save-start', 'segment:session-lines-save-end');
      this.linesBytes = outcome.bytes;
      this.linesStatus = 'saved';
    } catch (e) {
      this.linesStatus = 'failed';
      notSaved();
      this.message = `The transactions could not be saved with the session (${e instanceof Error ? e.message : String(e)}); the analysis itself is saved.`;
    }
  }

  /**
   * The saved session whose data is `customers` with `metrics`, where a fresh analysis worker
   * finds those metrics again; null when none is saved yet (or it was deleted).
   */
  savedSession(customers: CustomerColumns | null, metrics: HeldMetrics | null): string | null {
    const saved = this.#saved;
    return saved !== null && metrics !== null && saved.customers === customers && saved.metrics === metrics ? this.currentId : null;
  }

  /** Saves the current session; answers its id, or null when nothing was saved. */
  async #save(file: File | null, customers: CustomerColumns, metrics: HeldMetrics | null, summary: import('../core/index.ts').IngestSummary, settings: ReturnType<typeof snapshotSession>): Promise<string | null> {
    const db = await this.#open();
    if (!db) {
      // No session keeps the metrics for a fresh analysis worker: the page keeps them itself.
      if (metrics) void this.#sources.dataset.keepMetricsCopy();
      return null;
    }
    // A file read anew (not the same one read again with other rules or dates) is a new session.
    if (this.currentId === null || (file !== null && file !== this.#file)) {
      this.currentId = crypto.randomUUID();
      this.#created = Date.now();
      this.#saved = null;
    }
    this.#file = file ?? this.#file;
    const id = this.currentId;
    const dataChanged = !this.#saved || this.#saved.customers !== customers || this.#saved.metrics !== metrics;
    const existing = this.list.find((s) => s.id === id);
    const now = Date.now();
    const record: SessionRecord = {
      id,
      name: existing?.name ?? this.#pendingName ?? summary.fileName,
      fileName: summary.fileName,
      customers: summary.customers,
      created: existing?.created ?? this.#created,
      updated: now,
      lastOpened: existing?.lastOpened ?? now,
      bytes: existing?.bytes ?? 0,
      settings,
    };
    this.saveStatus = 'saving';
    try {
      performance.mark('segment:session-save-start');
      if (dataChanged) {
        // The analysis worker holds the table: it writes it as Arrow IPC and puts it into
        // IndexedDB itself; only this small record crosses.
        const held = { customers: customers.n, metrics: metrics !== null };
        const outcome = await analysisWorker.call<SessionSaveOutcome>(new AbortController().signal, (api) => api.saveSession(record, $state.snapshot(summary) as typeof summary, held));
        if (!outcome.ok) {
          // A newer table is on its way: the save that follows it writes it.
          if (outcome.code === 'out-of-step') {
            this.saveStatus = 'idle';
            return null;
          }
          throw new SessionStoreError(outcome.code === 'failed' ? 'unavailable' : outcome.code, outcome.message);
        }
      } else {
        await saveSession(db, record, null);
      }
      performance.mark('segment:session-save-end');
      performance.measure('segment:session-save', 'segment:session-save-start', 'segment:session-save-end');
      if (dataChanged) this.#saved = { customers, metrics };
      this.#pendingName = null;
      this.saveStatus = 'saved';
      if (this.message && !this.message.includes('another tab')) this.message = null;
      await this.refresh();
      return id;
    } catch (e) {
      if (dataChanged && metrics) void this.#sources.dataset.keepMetricsCopy();
      this.saveStatus = 'failed';
      this.message = e instanceof SessionStoreError ? e.message : `The session could not be saved (${e instanceof Error ? e.message : String(e)}). What was saved before is intact.`;
      return null;
    }
  }

  async refresh(): Promise<void> {
    const db = await this.#open();
    if (!db) return;
    try {
      const { sessions, problems } = await listSessions(db);
      this.list = sessions;
      this.damaged = problems;
    } catch (e) {
      this.message = `The saved sessions could not be listed (${e instanceof Error ? e.message : String(e)}).`;
    }
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    if (estimate) this.storage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
    this.persisted = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
  }

  /** Opens a saved session: settings, then the customer table, straight into the workspace. */
  async reopen(id: string): Promise<void> {
    performance.mark('segment:session-open-start');
    const db = await this.#open();
    const record = this.list.find((s) => s.id === id);
    if (!db || !record) return;
    const lines = this.#expectLines();
    let linesLoad: Promise<void> | null = null;
    try {
      applySession(this.#sources, record.settings);
      const read = record.settings.read;
      let loaded: { customers: CustomerColumns; metrics: MetricsInfo | null } | null = null;
      const opened = await this.#sources.dataset.openSaved(
        {
          fileName: record.fileName,
          // Read and decoded in the analysis worker; the page gets transferred copies.
          load: async (api) => {
            const outcome = await api.openSession(id);
            if (!outcome.ok) throw new SessionStoreError('missing', outcome.message);
            loaded = outcome;
            return outcome;
          },
        },
        read ? { ...read } : null,
        record.settings.file,
      );
      if (!opened || !loaded) return;
      const { customers } = loaded as { customers: CustomerColumns };
      this.currentId = id;
      this.#file = null;
      this.#created = record.created;
      this.#saved = { customers, metrics: this.#sources.dataset.metrics };
      // The view is usable now; the transactions follow, for a cleaning change or another date.
      linesLoad = this.#sources.dataset.useSessionLines(id);
      await touchSession(db, id, Date.now());
      await this.refresh();
    } catch (e) {
      this.message = e instanceof SessionStoreError ? e.message : `The session could not be opened (${e instanceof Error ? e.message : String(e)}).`;
    } finally {
      lines(linesLoad);
    }
  }

  /**
   * Settles once the transactions of the session being opened are loaded (or could not be): a
   * session file written before then would leave them out. Made when an open starts, so it also
   * covers the moment between the view showing and their load starting.
   */
  #linesPending: Promise<void> = Promise.resolve();
  #linesOpening = false;
  #expectLines(): (load: Promise<void> | null) => void {
    let settle!: () => void;
    const pending = new Promise<void>((resolve) => (settle = resolve));
    this.#linesPending = pending;
    this.#linesOpening = true;
    void pending.then(() => {
      if (this.#linesPending === pending) this.#linesOpening = false;
    });
    return (load) => {
      if (load) void load.finally(settle);
      else settle();
    };
  }

  async rename(id: string, name: string): Promise<void> {
    const db = await this.#open();
    const trimmed = name.trim();
    if (!db || trimmed === '') return;
    await renameSession(db, id, trimmed.slice(0, 200));
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    const db = await this.#open();
    const record = this.list.find((s) => s.id === id);
    if (!db || !record) return;
    try {
      await duplicateSession(db, id, crypto.randomUUID(), `${record.name} (copy)`);
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
    }
    await this.refresh();
  }

  async remove(id: string): Promise<void> {
    const db = await this.#open();
    if (!db) return;
    await deleteSession(db, id);
    if (this.currentId === id) {
      // Its metrics were where a fresh analysis worker would find them: the page keeps them now.
      void this.#sources.dataset.keepMetricsCopy();
      this.currentId = null;
      this.#saved = null;
    }
    await this.refresh();
  }

  /** Problems with the last session file written; the analysis is untouched. */
  saveFileProblem = $state<string | null>(null);
  /** What the session file's save waits for, while it waits. */
  fileStatus = $state<string | null>(null);

  /**
   * Writes the analysis on screen as one file: its settings, and the customer table and the
   * transactions as Arrow IPC, made in the workers that hold them and joined here only as Blobs
   * (their bytes are not read on the page).
   */
  async saveToFile(): Promise<void> {
    this.saveFileProblem = null;
    if (this.#linesOpening) {
      this.fileStatus = 'Waiting for the transactions to load…';
      await this.#linesPending;
      this.fileStatus = null;
    }
    const { dataset } = this.#sources;
    const { summary, customers, metrics } = dataset;
    if (!summary || !customers) return;
    const name = this.list.find((s) => s.id === this.currentId)?.name ?? summary.fileName;
    const settings = snapshotSession(this.#sources);
    const source = dataset.linesSource;
    const mapping = dataset.settings?.mapping ? ($state.snapshot(dataset.settings.mapping) as Mapping) : null;
    const signal = new AbortController().signal;
    try {
      performance.mark('segment:session-file-start');
      const [table, lines] = await Promise.all([
        analysisWorker.call<{ ok: true; table: ReadableFile } | { ok: false; message: string }>(signal, (api) => api.sessionFileTable({ customers: customers.n, metrics: metrics !== null })),
        source ? ingestWorker.call<{ lines: ReadableFile; meta: SessionLinesMeta } | null>(signal, (api) => api.sessionFileLines(source, mapping)) : null,
      ]);
      if (!table.ok) {
        this.saveFileProblem = table.message;
        return;
      }
      const header = { name, fileName: summary.fileName, settings, summary: $state.snapshot(summary) as typeof summary, lines: lines?.meta ?? null };
      const blob = sessionFileBlob(header, table.table as Blob, (lines?.lines as Blob | undefined) ?? null);
      performance.mark('segment:session-file-end');
      performance.measure('segment:session-file', 'segment:session-file-start', 'segment:session-file-end');
      saveFile(blob, `${name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'analysis'}${SESSION_FILE_EXTENSION}`);
    } catch (e) {
      this.saveFileProblem = `The analysis could not be written as a file (${e instanceof Error ? e.message : String(e)}).`;
    }
  }

  /** Problems with the last session file opened; nothing of it was applied. */
  fileProblems = $state.raw<string[]>([]);

  /**
   * Opens a session file: read and checked whole in the workers (the tables in the analysis
   * worker, the transactions in the ingest worker) before anything is applied, then shown and
   * saved here as a new session, with its transactions.
   */
  async openFile(file: File): Promise<void> {
    performance.mark('segment:session-file-open-start');
    this.fileProblems = [];
    const signal = new AbortController().signal;
    let outcome: SessionFileOpenOutcome;
    try {
      outcome = await analysisWorker.call<SessionFileOpenOutcome>(signal, (api) => api.openSessionFile(file, file.name));
    } catch (e) {
      this.fileProblems = [`Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}`];
      return;
    }
    if (!outcome.ok) {
      this.fileProblems = outcome.problems;
      return;
    }
    const c = outcome;
    const lines = this.#expectLines();
    let linesLoad: Promise<void> | null = null;
    try {
      linesLoad = (await this.#openChecked(c, file))?.load ?? null;
    } finally {
      lines(linesLoad);
    }
  }

  /** Shows a session file whose tables are checked; answers the load of its transactions, if any (wrapped: a promise would be awaited). */
  async #openChecked(c: Extract<SessionFileOpenOutcome, { ok: true }>, file: File): Promise<{ load: Promise<void> } | null> {
    const fileName = file.name;
    const signal = new AbortController().signal;
    let token: string | null = null;
    if (c.lines) {
      const lines = c.lines;
      const candidate = `file:${crypto.randomUUID()}`;
      const checked = await ingestWorker.call<SessionLinesOutcome>(signal, (api) => api.checkFileLines(candidate, lines.bytes, { summary: lines.summary, mapping: lines.mapping })).catch((e: unknown) => ({ ok: false as const, message: e instanceof Error ? e.message : String(e) }));
      if (!checked.ok) {
        this.fileProblems = [`"${fileName}" is damaged: ${checked.message}. Nothing was opened.`];
        return null;
      }
      token = candidate;
    }
    applySession(this.#sources, c.settings);
    this.currentId = null;
    this.#saved = null;
    this.#file = null;
    this.#pendingName = c.name;
    this.#fileLines = token;
    const read = c.settings.read;
    const opened = await this.#sources.dataset.openSaved(
      {
        fileName: c.fileName,
        load: async (api) => {
          await api.holdSessionFile();
          return c;
        },
        file,
      },
      read ? { ...read } : null,
      c.settings.file,
    );
    if (!opened) this.#fileLines = null;
    // The view is usable now; the transactions follow, for a cleaning change or another date.
    return opened && token !== null ? { load: this.#sources.dataset.useSessionLines(token) } : null;
  }

  /** Asks the browser to keep the sessions even when space runs low. */
  async persist(): Promise<void> {
    this.persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
  }
}
