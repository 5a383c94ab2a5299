import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CustomerColumns, IngestSummary, Mapping, MetricTable, SessionRecord } from '../core/index.ts';
import { sessionTableFromIpc, validateSessionSettings } from '../core/index.ts';

export type { SessionRecord };

/** The database and its schema version: the only place that knows them (see DESIGN §5). */
export const DB_NAME = 'segment-studio';
export const DB_VERSION = 3;

/**
 * The data of a session, in its own store so listing never reads it: since version 2 the
 * customer table and its metrics as Arrow IPC bytes, written and read in the analysis worker.
 */
export interface SessionData {
  id: string;
  summary: IngestSummary;
  format: 2;
  /** {@link sessionTableToIpc} of the customer table and its metrics. */
  table: Uint8Array;
}

/**
 * A version-2 data record as written: the analysis worker writes the table as a Blob, so its
 * bytes are not held whole in the page's process; {@link loadSessionData} reads them back as bytes.
 */
export type StoredSessionData = Omit<SessionData, 'table'> & { table: Uint8Array | Blob };

/** The data record version 1 wrote: the typed arrays themselves. Still read. */
export interface SessionDataV1 {
  id: string;
  summary: IngestSummary;
  customers: CustomerColumns;
  metrics: MetricTable | null;
}

/**
 * The lines of the file a session was read from, before cleaning (since version 3), so a
 * cleaning change or another analysis date runs again without the file: written once per read
 * of a file, by the ingest worker, in a store of its own so that saving settings or the
 * customer table never rewrites them.
 */
export interface SessionLines {
  id: string;
  format: 1;
  /** The summary of the read the lines come from (before any other analysis date). */
  summary: IngestSummary;
  /** The roles the file was read with (the default cleaning depends on them). */
  mapping: Mapping;
  /**
   * {@link sessionLinesToIpc} of the lines: a Blob of the writer's pieces as the ingest worker
   * writes it (IndexedDB keeps it by reference, in the browser's blob store), bytes as read back.
   */
  lines: Uint8Array | Blob;
}

interface SessionsSchema extends DBSchema {
  sessions: { key: string; value: SessionRecord };
  data: { key: string; value: StoredSessionData | SessionDataV1 };
  lines: { key: string; value: SessionLines };
}

const ALL_STORES = ['sessions', 'data', 'lines'] as const;

export type SessionsDb = IDBPDatabase<SessionsSchema>;

/** A problem with the database, in words saying what to do. */
export class SessionStoreError extends Error {
  constructor(
    readonly code: 'blocked' | 'quota' | 'unavailable' | 'missing',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens the sessions database, creating or upgrading it. `onBlocked` is told when another tab
 * holds an older version open; this tab closes its own connection when a newer one needs it.
 */
export async function openSessionsDb(onBlocked: (message: string) => void = () => {}, version = DB_VERSION): Promise<SessionsDb> {
  try {
    const db = await openDB<SessionsSchema>(DB_NAME, version, {
      upgrade(database, oldVersion, newVersion) {
        // Each step up to the version asked for (tests open older versions to upgrade from).
        const target = newVersion ?? version;
        // One step per version, so a database of any age comes up to date.
        if (oldVersion < 1) {
          database.createObjectStore('sessions', { keyPath: 'id' });
          database.createObjectStore('data', { keyPath: 'id' });
        }
        // Version 2 writes data records as Arrow IPC (SessionData); version 1's records (typed
        // arrays) are read as they are (see sessionTables), so nothing is moved here.
        // Version 3 adds the read lines; sessions saved before have none (cleaning them again
        // asks for the file, as it did).
        if (oldVersion < 3 && target >= 3) database.createObjectStore('lines', { keyPath: 'id' });
      },
      blocked() {
        onBlocked('Segment Studio is open in another tab with an older version, which keeps the saved sessions from being upgraded. Close the other tabs of Segment Studio (or reload them); the sessions open here as soon as they are closed.');
      },
      blocking() {
        db.close();
      },
    });
    return db;
  } catch (e) {
    throw new SessionStoreError('unavailable', `The saved sessions cannot be opened in this browser (${e instanceof Error ? e.message : String(e)}). The app works, but nothing is saved.`);
  }
}

/** Rough bytes of a value's typed arrays and text, for the list (the browser's own count is in the storage estimate). */
export function approximateBytes(value: unknown, seen = new Set<unknown>()): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value !== 'object' || value === null || seen.has(value)) return 8;
  seen.add(value);
  let total = 0;
  for (const v of Object.values(value)) total += approximateBytes(v, seen);
  return total;
}

function quotaMessage(): string {
  return 'The browser has no room left to save this session. Delete sessions you no longer need from the list on the start page (the largest first), or ask for persistent storage, then change anything to save again. Nothing saved before was lost.';
}

/**
 * Saves a session's record and data in one transaction: if it fails or is interrupted, the
 * version saved before stays whole.
 */
export async function saveSession(db: SessionsDb, record: SessionRecord, data: StoredSessionData | SessionDataV1 | null): Promise<void> {
  const tx = db.transaction(['sessions', 'data'], 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    writes.push(tx.objectStore('sessions').put(record));
    if (data) writes.push(tx.objectStore('data').put(data));
    await Promise.all([...writes, tx.done]);
  } catch (e) {
    for (const w of writes) w.catch(() => {});
    // Half a save must not commit: the record without its data, or the reverse.
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    tx.done.catch(() => {});
    const error = e instanceof DOMException ? e : (tx.error ?? e);
    if (error instanceof DOMException && error.name === 'QuotaExceededError') throw new SessionStoreError('quota', quotaMessage());
    throw e;
  }
}

/**
 * Saves the read lines of a session, in one transaction; nothing when the session is gone
 * (deleted in another tab meanwhile). A full quota is a SessionStoreError saying what to do.
 */
export async function saveSessionLines(db: SessionsDb, lines: SessionLines): Promise<boolean> {
  const tx = db.transaction(['sessions', 'lines'], 'readwrite');
  try {
    const record = await tx.objectStore('sessions').get(lines.id);
    if (record) await tx.objectStore('lines').put(lines);
    await tx.done;
    return record !== undefined;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    tx.done.catch(() => {});
    const error = e instanceof DOMException ? e : (tx.error ?? e);
    if (error instanceof DOMException && error.name === 'QuotaExceededError') throw new SessionStoreError('quota', quotaMessage());
    throw e;
  }
}

/** A session's read lines; null when it has none (saved before version 3, or from a session file). */
export async function loadSessionLines(db: SessionsDb, id: string): Promise<(SessionLines & { lines: Uint8Array }) | null> {
  const lines = await db.get('lines', id);
  if (!lines) return null;
  if (lines.format !== 1 || !(lines.lines instanceof Uint8Array || lines.lines instanceof Blob) || !lines.summary || !lines.mapping) {
    throw new SessionStoreError('missing', 'The saved transactions of this session are damaged; its analysis is still here. Open its file again to change how it is cleaned or its analysis date.');
  }
  if (lines.lines instanceof Blob) return { ...lines, lines: new Uint8Array(await lines.lines.arrayBuffer()) };
  return lines as SessionLines & { lines: Uint8Array };
}

export interface SessionList {
  sessions: SessionRecord[];
  /** Records that could not be read, each said in words; they are skipped. */
  problems: string[];
}

/** Every readable session, last opened first; a damaged record is reported and skipped. */
export async function listSessions(db: SessionsDb): Promise<SessionList> {
  const all: unknown[] = await db.getAll('sessions');
  const sessions: SessionRecord[] = [];
  const problems: string[] = [];
  for (const raw of all) {
    const r = raw as Partial<SessionRecord> | null;
    const label = typeof r?.name === 'string' ? `"${r.name.slice(0, 80)}"` : typeof r?.id === 'string' ? `with id ${r.id.slice(0, 40)}` : 'without a name';
    const fieldsOk = !!r && typeof r.id === 'string' && typeof r.name === 'string' && typeof r.fileName === 'string' && [r.customers, r.created, r.updated, r.lastOpened, r.bytes].every((n) => typeof n === 'number');
    const settings = fieldsOk ? validateSessionSettings(r!.settings) : null;
    if (!fieldsOk || !settings?.ok) {
      problems.push(`The saved session ${label} is damaged and was skipped${settings && !settings.ok ? ` (${settings.problems[0]})` : ''}. The other sessions are fine; delete it to tidy up.`);
      continue;
    }
    sessions.push({ ...(r as SessionRecord), settings: settings.value });
  }
  sessions.sort((a, b) => b.lastOpened - a.lastOpened);
  return { sessions, problems };
}

const damagedData = () => new SessionStoreError('missing', 'The data of this session is missing or damaged; its settings are still here. Open its file again to analyse it.');

/** A session's data record, of either version; a SessionStoreError when it is gone. */
export async function loadSessionData(db: SessionsDb, id: string): Promise<SessionData | SessionDataV1> {
  const data = await db.get('data', id);
  if (!data || !data.summary) throw damagedData();
  if ('table' in data && data.table instanceof Blob) return { ...data, table: new Uint8Array(await data.table.arrayBuffer()) };
  return data as SessionData | SessionDataV1;
}

/** The customer table and metrics of a data record of either version; a SessionStoreError when damaged. */
export function sessionTables(data: SessionData | SessionDataV1): { customers: CustomerColumns; metrics: MetricTable | null } {
  if ('table' in data) {
    if (!(data.table instanceof Uint8Array)) throw damagedData();
    try {
      return sessionTableFromIpc(data.table);
    } catch {
      throw damagedData();
    }
  }
  if (!data.customers || !ArrayBuffer.isView(data.customers.lastDay)) throw damagedData();
  return { customers: data.customers, metrics: data.metrics };
}

export async function touchSession(db: SessionsDb, id: string, lastOpened: number): Promise<void> {
  const tx = db.transaction('sessions', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, lastOpened });
  await tx.done;
}

export async function renameSession(db: SessionsDb, id: string, name: string): Promise<void> {
  const tx = db.transaction('sessions', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, name, updated: Date.now() });
  await tx.done;
}

/** Copies a session (record, data and read lines) under a new id and name, in one transaction. */
export async function duplicateSession(db: SessionsDb, id: string, newId: string, name: string): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const [record, data, lines] = await Promise.all([tx.objectStore('sessions').get(id), tx.objectStore('data').get(id), tx.objectStore('lines').get(id)]);
  if (!record) throw new SessionStoreError('missing', 'That session no longer exists (deleted in another tab?).');
  const now = Date.now();
  await tx.objectStore('sessions').put({ ...record, id: newId, name, created: now, updated: now, lastOpened: now });
  if (data) await tx.objectStore('data').put({ ...data, id: newId });
  if (lines) await tx.objectStore('lines').put({ ...lines, id: newId });
  await tx.done;
}

export async function deleteSession(db: SessionsDb, id: string): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  await Promise.all([tx.objectStore('sessions').delete(id), tx.objectStore('data').delete(id), tx.objectStore('lines').delete(id), tx.done]);
}
