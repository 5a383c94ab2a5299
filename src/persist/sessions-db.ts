import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CustomerColumns, IngestSummary, Mapping, MetricTable, SessionRecord } from '../core/index.ts';
import { sessionTableFromIpc, validateSessionSettings } from '../core/index.ts';

export type { SessionRecord };

/** The database and its schema version: the only place that knows them (see DESIGN §5). */
export const DB_NAME = 'segment-studio';
export const DB_VERSION = 4;

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
 * customer table never rewrites them. Version 3 wrote them as one record ({@link SessionLinesV1},
 * still read); since version 4 this record is a manifest of chunks in the `lineChunks` store.
 */
export interface SessionLines {
  id: string;
  format: 2;
  /** The summary of the read the lines come from (before any other analysis date). */
  summary: IngestSummary;
  /** The roles the file was read with (the default cleaning depends on them). */
  mapping: Mapping;
  /**
   * Where the bytes are: {@link sessionLinesToIpc} of the lines cut into `count` records of the
   * `lineChunks` store, keyed [key, 0..count-1], which joined in order are that stream. One
   * chunk is written or read at a time, so no copy of the whole lines is ever held (one Blob of
   * them took about 600 MB more at 10M lines). A duplicated session shares its chunks.
   */
  chunks: LineChunks;
}

/** The chunks of a session's lines (see {@link SessionLines}). */
export interface LineChunks {
  key: string;
  count: number;
  /** Bytes of all chunks, and lines in them: what reading them back checks. */
  bytes: number;
  lines: number;
}

/**
 * One chunk of a session's lines: a Blob whose bytes are already in the browser's blob store
 * (see {@link blobInSteps}), so storing it copies nothing in this process. Chunks written before
 * are bytes, still read. A Blob whose bytes were never read stays in the worker that made it for
 * as long as it lives (twenty 25 MB Blobs put into IndexedDB and dropped held 465 MB there), which
 * is why a chunk is made by blobInSteps and not `new Blob(pieces)`.
 */
export interface LineChunk {
  key: string;
  index: number;
  bytes: Blob | Uint8Array;
}

/** The lines as version 3 wrote them: the whole stream in one record. Still read. */
export interface SessionLinesV1 {
  id: string;
  format: 1;
  summary: IngestSummary;
  mapping: Mapping;
  /** {@link sessionLinesToIpc} of the lines: a Blob as written, bytes as read back. */
  lines: Uint8Array | Blob;
}

interface SessionsSchema extends DBSchema {
  sessions: { key: string; value: SessionRecord };
  data: { key: string; value: StoredSessionData | SessionDataV1 };
  lines: { key: string; value: SessionLines | SessionLinesV1 };
  lineChunks: { key: [string, number]; value: LineChunk };
}

const ALL_STORES = ['sessions', 'data', 'lines', 'lineChunks'] as const;

/**
 * The stores of `names` this database has: a database opened at an older version (the upgrade
 * tests do it) has no chunks, and a transaction naming a store it lacks throws.
 */
function present<T extends (typeof ALL_STORES)[number]>(db: SessionsDb, names: readonly T[]): T[] {
  return names.filter((n) => db.objectStoreNames.contains(n));
}

/** Every chunk of one key: [key, n] for any number n sorts between [key] and [key, []]. */
const chunksOf = (key: string) => IDBKeyRange.bound([key], [key, []]);

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
        // Version 4 keeps new lines in chunks; version 3's one-record lines stay and are read as they are.
        if (oldVersion < 4 && target >= 4) database.createObjectStore('lineChunks', { keyPath: ['key', 'index'] });
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

function storeError(tx: { error: DOMException | null }, e: unknown): unknown {
  const error = e instanceof DOMException ? e : (tx.error ?? e);
  return error instanceof DOMException && error.name === 'QuotaExceededError' ? new SessionStoreError('quota', quotaMessage()) : e;
}

/**
 * Writes one chunk of a session's lines, in a transaction of its own, so its bytes are let go
 * before the next is made. A full quota is a SessionStoreError saying what to do.
 */
export async function saveLineChunk(db: SessionsDb, chunk: LineChunk): Promise<void> {
  const tx = db.transaction('lineChunks', 'readwrite');
  try {
    await Promise.all([tx.store.put(chunk), tx.done]);
  } catch (e) {
    tx.done.catch(() => {});
    throw storeError(tx, e);
  }
}

/** Deletes the chunks of `key` (those of a save that failed half way, or that no session uses any more). */
export async function deleteLineChunks(db: SessionsDb, key: string): Promise<void> {
  const tx = db.transaction('lineChunks', 'readwrite');
  await Promise.all([tx.store.delete(chunksOf(key)), tx.done]);
}

/** True when a session other than `except` uses the chunks of `key`. */
function sharedChunks(all: Array<SessionLines | SessionLinesV1>, key: string, except: string): boolean {
  return all.some((l) => l.id !== except && l.format === 2 && l.chunks?.key === key);
}

/**
 * Saves the manifest of a session's read lines once its chunks are written (see
 * {@link saveLineChunk}); nothing when the session is gone (deleted in another tab meanwhile), and
 * then false: the caller deletes the chunks. Chunks the session had before go unless another
 * session shares them.
 */
export async function saveSessionLines(db: SessionsDb, lines: SessionLines | SessionLinesV1): Promise<boolean> {
  const tx = db.transaction(present(db, ['sessions', 'lines', 'lineChunks']), 'readwrite');
  try {
    const record = await tx.objectStore('sessions').get(lines.id);
    if (record) {
      const before = await tx.objectStore('lines').get(lines.id);
      await tx.objectStore('lines').put(lines);
      const oldKey = before?.format === 2 ? before.chunks?.key : undefined;
      if (oldKey !== undefined && (lines.format !== 2 || lines.chunks.key !== oldKey) && !sharedChunks(await tx.objectStore('lines').getAll(), oldKey, lines.id)) {
        await tx.objectStore('lineChunks').delete(chunksOf(oldKey));
      }
    }
    await tx.done;
    return record !== undefined;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    tx.done.catch(() => {});
    throw storeError(tx, e);
  }
}

const damagedLines = () => new SessionStoreError('missing', 'The saved transactions of this session are damaged; its analysis is still here. Open its file again to change how it is cleaned or its analysis date.');

/**
 * A session's read lines: the manifest of their chunks (read them with {@link lineChunkBytes}),
 * or version 3's one record as bytes; null when it has none (saved before version 3).
 */
export async function loadSessionLines(db: SessionsDb, id: string): Promise<SessionLines | (SessionLinesV1 & { lines: Uint8Array }) | null> {
  const lines = await db.get('lines', id);
  if (!lines) return null;
  if (!lines.summary || !lines.mapping) throw damagedLines();
  if (lines.format === 2) {
    const c = lines.chunks;
    if (!c || typeof c.key !== 'string' || ![c.count, c.bytes, c.lines].every((n) => Number.isInteger(n) && n >= 0)) throw damagedLines();
    return lines;
  }
  if (lines.format !== 1 || !(lines.lines instanceof Uint8Array || lines.lines instanceof Blob)) throw damagedLines();
  if (lines.lines instanceof Blob) return { ...lines, lines: new Uint8Array(await lines.lines.arrayBuffer()) };
  return lines as SessionLinesV1 & { lines: Uint8Array };
}

/** One chunk as stored; a SessionStoreError saying so when it is missing. */
async function lineChunk(db: SessionsDb, chunks: LineChunks, index: number): Promise<Blob | Uint8Array<ArrayBuffer>> {
  const chunk = await db.get('lineChunks', [chunks.key, index]);
  if (!chunk || !(chunk.bytes instanceof Uint8Array || chunk.bytes instanceof Blob)) {
    throw new SessionStoreError('missing', `Part ${index + 1} of ${chunks.count} of the saved transactions of this session is missing; its analysis is still here. Open its file again to change how it is cleaned or its analysis date.`);
  }
  return chunk.bytes as Blob | Uint8Array<ArrayBuffer>;
}

/**
 * The bytes of a session's lines, chunk by chunk in order, each read only when asked for; a
 * SessionStoreError when one is missing, or when they do not add up to what the manifest says.
 */
export async function* lineChunkBytes(db: SessionsDb, chunks: LineChunks): AsyncGenerator<Uint8Array> {
  let total = 0;
  for (let i = 0; i < chunks.count; i++) {
    const chunk = await lineChunk(db, chunks, i);
    const bytes = chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk;
    total += bytes.length;
    if (total > chunks.bytes) throw damagedLines();
    yield bytes;
  }
  if (total !== chunks.bytes) throw damagedLines();
}

/** The whole lines as one Blob of the stored chunks (by reference where they are Blobs), for a session file. */
export async function lineChunksBlob(db: SessionsDb, chunks: LineChunks): Promise<Blob> {
  const parts: Array<Blob | Uint8Array<ArrayBuffer>> = [];
  for (let i = 0; i < chunks.count; i++) parts.push(await lineChunk(db, chunks, i));
  const blob = new Blob(parts);
  if (blob.size !== chunks.bytes) throw damagedLines();
  return blob;
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

/** Copies a session (record, data and read lines) under a new id and name, in one transaction; its lines' chunks are shared, not copied. */
export async function duplicateSession(db: SessionsDb, id: string, newId: string, name: string): Promise<void> {
  const tx = db.transaction(['sessions', 'data', 'lines'], 'readwrite');
  const [record, data, lines] = await Promise.all([tx.objectStore('sessions').get(id), tx.objectStore('data').get(id), tx.objectStore('lines').get(id)]);
  if (!record) throw new SessionStoreError('missing', 'That session no longer exists (deleted in another tab?).');
  const now = Date.now();
  await tx.objectStore('sessions').put({ ...record, id: newId, name, created: now, updated: now, lastOpened: now });
  if (data) await tx.objectStore('data').put({ ...data, id: newId });
  if (lines) await tx.objectStore('lines').put({ ...lines, id: newId });
  await tx.done;
}

/** Deletes a session: its record, data and lines, and the chunks of its lines unless its duplicate shares them. */
export async function deleteSession(db: SessionsDb, id: string): Promise<void> {
  const tx = db.transaction(present(db, ALL_STORES), 'readwrite');
  const lines = tx.objectStore('lines');
  const [all] = await Promise.all([lines.getAll(), tx.objectStore('sessions').delete(id), tx.objectStore('data').delete(id)]);
  const own = all.find((l) => l.id === id);
  await lines.delete(id);
  if (own?.format === 2 && own.chunks && !sharedChunks(all, own.chunks.key, id)) await tx.objectStore('lineChunks').delete(chunksOf(own.chunks.key));
  await tx.done;
}
