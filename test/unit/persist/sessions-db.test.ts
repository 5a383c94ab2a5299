import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, deleteLineChunks, deleteSession, lineChunkBytes, lineChunksBlob, loadSessionLines, saveLineChunk, saveSessionLines, type LineChunks, type SessionLines, type SessionLinesV1, duplicateSession, listSessions, loadSessionData, openSessionsDb, renameSession, saveSession, sessionTables, SessionStoreError, type SessionData, type SessionDataV1, type SessionRecord, type SessionsDb } from '../../../src/persist/sessions-db.ts';
import { sessionLinesFromChunks, sessionLinesFromIpc, sessionLinesIpcPieces, sessionLinesToIpc, sessionTableToIpc, type ReadLines } from '../../../src/core/index.ts';
import { sampleSettings } from '../share/session-fixture.ts';

const opened: SessionsDb[] = [];
async function fresh(version?: number, onBlocked?: (m: string) => void): Promise<SessionsDb> {
  const db = await openSessionsDb(onBlocked, version);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
});

function record(id: string, name = id): SessionRecord {
  return { id, name, fileName: `${id}.csv`, customers: 3, created: 1, updated: 2, lastOpened: 3, bytes: 100, settings: sampleSettings() };
}

const columns = () => ({ n: 3, ids: { data: new TextEncoder().encode('abc'), offsets: Int32Array.from([0, 1, 2, 3]) }, firstDay: Int32Array.from([1, 2, 3]), lastDay: Int32Array.from([4, 5, 6]), frequency: Uint32Array.from([1, 2, 3]), monetary: Float64Array.from([1.5, 2.5, 3.5]) });

/** A data record as version 2 writes it: the table as Arrow IPC. */
function data(id: string): SessionData {
  return { id, summary: { fileName: `${id}.csv`, customers: 3 } as never, format: 2, table: sessionTableToIpc(columns(), null) };
}

/** A data record as version 1 wrote it: the typed arrays themselves. */
function dataV1(id: string): SessionDataV1 {
  return { id, summary: { fileName: `${id}.csv`, customers: 3 } as never, customers: columns(), metrics: null };
}

/** Writes a raw version-1 database, as the first version of the app left it. */
function writeVersion1(records: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('sessions', { keyPath: 'id' });
      req.result.createObjectStore('data', { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const tx = req.result.transaction('sessions', 'readwrite');
      for (const r of records) tx.objectStore('sessions').put(r);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
    };
    req.onerror = () => reject(req.error);
  });
}

describe('sessions database', () => {
  it('saves a record with its data and reads both back, typed arrays intact', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    expect((await listSessions(db)).sessions.map((s) => s.id)).toEqual(['a']);
    const back = sessionTables(await loadSessionData(db, 'a'));
    expect(back.customers.monetary).toEqual(Float64Array.from([1.5, 2.5, 3.5]));
    expect(back.customers.ids.offsets).toBeInstanceOf(Int32Array);
  });

  it('a table saved as a Blob (as the analysis worker saves it) reads back as its bytes', async () => {
    const db = await fresh();
    const bytes = data('a').table as Uint8Array<ArrayBuffer>;
    await saveSession(db, record('a'), { ...data('a'), table: new Blob([bytes.subarray(0, 10), bytes.subarray(10)]) });
    const back = await loadSessionData(db, 'a');
    expect('table' in back && back.table).toBeInstanceOf(Uint8Array);
    expect(sessionTables(back).customers.monetary).toEqual(Float64Array.from([1.5, 2.5, 3.5]));
  });

  it('schema upgrade: a version-1 data record (typed arrays, no Arrow) still opens after the upgrade to version 2', async () => {
    await writeVersion1([record('old')]);
    const v1 = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise<void>((resolve) => {
      const tx = v1.transaction('data', 'readwrite');
      tx.objectStore('data').put(dataV1('old'));
      tx.oncomplete = () => resolve();
    });
    v1.close();
    const db = await fresh();
    expect(db.version).toBe(DB_VERSION);
    const back = sessionTables(await loadSessionData(db, 'old'));
    expect(back.customers.frequency).toEqual(Uint32Array.from([1, 2, 3]));
    expect(back.metrics).toBeNull();
  });

  it('fault: a data record whose Arrow bytes are damaged is said as missing or damaged, not thrown as Arrow\'s error', async () => {
    const db = await fresh();
    const broken = data('a');
    broken.table = broken.table.slice(0, 40);
    await saveSession(db, record('a'), broken);
    expect(() => sessionTables(broken)).toThrow(/missing or damaged; its settings are still here/);
  });

  it('fault: a save that fails half-way (full quota on the data) leaves the version saved before intact and says what to do', async () => {
    const db = await fresh();
    await saveSession(db, record('a', 'first'), data('a'));
    const huge = data('a');
    // Simulated: fake-indexeddb has no quota, so the data's put throws as a full disk does.
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'data') throw new DOMException('full', 'QuotaExceededError');
      return original.apply(this, args);
    };
    try {
      const failed = await saveSession(db, record('a', 'second'), huge).then(() => null, (e: unknown) => e);
      expect(failed).toBeInstanceOf(SessionStoreError);
      expect((failed as SessionStoreError).code).toBe('quota');
      expect((failed as Error).message).toMatch(/Delete sessions you no longer need .* Nothing saved before was lost/);
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    // The record written first in the same transaction was rolled back with it.
    expect((await listSessions(db)).sessions.map((s) => s.name)).toEqual(['first']);
  });

  it('fault: a corrupted record is reported and skipped; the others are listed', async () => {
    await writeVersion1([record('good'), { id: 'bad', name: 'Bad one', customers: 'x' }, { ...record('odd', 'Odd'), settings: { version: 1, segment: 5 } }]);
    const db = await fresh();
    const { sessions, problems } = await listSessions(db);
    expect(sessions.map((s) => s.id)).toEqual(['good']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^The saved session "Bad one" is damaged and was skipped\./);
    expect(problems[1]).toMatch(/"Odd" is damaged and was skipped \(segment must be an object, got 5\.\)/);
  });

  it('schema upgrade: a database left by version 1 opens with a newer schema version, its sessions kept', async () => {
    await writeVersion1([record('old')]);
    const db = await fresh();
    expect(db.version).toBe(DB_VERSION);
    expect((await listSessions(db)).sessions.map((s) => s.id)).toEqual(['old']);
  });

  it('fault: an upgrade blocked by another tab says what to do, and goes on once that tab lets go', async () => {
    await writeVersion1([record('old')]);
    // Another tab holding version 1 open and not closing on a version change.
    const other = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    const messages: string[] = [];
    const opening = fresh(2, (m) => messages.push(m));
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatch(/open in another tab .* Close the other tabs of Segment Studio/);
    other.close();
    const db = await opening;
    expect((await listSessions(db)).sessions.map((s) => s.id)).toEqual(['old']);
  });

  it('a connection of this tab closes itself when another tab needs a newer version', async () => {
    const mine = await fresh(1);
    const messages: string[] = [];
    const newer = await fresh(DB_VERSION, (m) => messages.push(m));
    expect(newer.version).toBe(DB_VERSION);
    expect(messages).toEqual([]);
    expect(() => mine.transaction('sessions')).toThrow();
  });

  it('renames, duplicates (with its own data) and deletes in single transactions', async () => {
    const db = await fresh();
    await saveSession(db, record('a', 'Spring'), data('a'));
    await renameSession(db, 'a', 'Summer');
    await duplicateSession(db, 'a', 'b', 'Summer (copy)');
    await deleteSession(db, 'a');
    const { sessions } = await listSessions(db);
    expect(sessions.map((s) => [s.id, s.name])).toEqual([['b', 'Summer (copy)']]);
    expect(sessionTables(await loadSessionData(db, 'b')).customers.frequency).toEqual(Uint32Array.from([1, 2, 3]));
    await expect(loadSessionData(db, 'a')).rejects.toThrow(/missing or damaged/);
  });

  it('schema upgrade to version 3: a version-2 session opens and has no saved lines; lines saved later go with its duplicate and its deletion', async () => {
    const v2 = await fresh(2);
    await saveSession(v2, record('old'), data('old'));
    v2.close();
    const db = await fresh(3);
    expect(db.version).toBe(3);
    expect(sessionTables(await loadSessionData(db, 'old')).customers.frequency).toEqual(Uint32Array.from([1, 2, 3]));
    expect(await loadSessionLines(db, 'old')).toBeNull();
    const saved: SessionLinesV1 = { id: 'old', format: 1, summary: { fileName: 'old.csv' } as never, mapping: { product: null } as never, lines: Uint8Array.from([1, 2, 3]) };
    expect(await saveSessionLines(db, saved)).toBe(true);
    // A session deleted meanwhile (another tab) gets no orphan lines.
    expect(await saveSessionLines(db, { ...saved, id: 'gone' })).toBe(false);
    expect(await loadSessionLines(db, 'gone')).toBeNull();
    await duplicateSession(db, 'old', 'copy', 'Copy');
    await deleteSession(db, 'old');
    expect(await loadSessionLines(db, 'old')).toBeNull();
    expect(await loadSessionLines(db, 'copy')).toMatchObject({ format: 1, lines: Uint8Array.from([1, 2, 3]) });
  });

  it('fault: damaged saved lines are said, not thrown as they are', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    await saveSessionLines(db, { id: 'a', format: 1, summary: { fileName: 'a.csv' } as never, mapping: { product: null } as never, lines: 'not bytes' as never });
    await expect(loadSessionLines(db, 'a')).rejects.toThrow(/saved transactions of this session are damaged/);
  });
});

/** Lines of six purchases by three customers, as a read keeps them. */
function someLines(): ReadLines {
  return {
    length: 6,
    customer: Int32Array.from([0, 1, 2, 0, 1, 0]),
    day: Int32Array.from([19000, 19001, 19002, 19003, 19004, 19005]),
    amount: Float64Array.from([1.5, 2.25, 3, 4, 5.75, -1]),
    order: Int32Array.from([0, 1, 2, 3, 4, 5]),
    quantity: null,
    category: null,
    channel: null,
    cost: null,
    flags: Uint8Array.from([0, 0, 0, 0, 0, 1]),
    customerIds: ['ann', 'bob', 'cy'],
    orderCount: 6,
    categoryNames: null,
    channelNames: null,
  };
}

/** Each batch of two lines of `lines`, as views. */
function* pairs(lines: ReadLines) {
  for (let i = 0; i < lines.length; i += 2) {
    const v = <T extends Int32Array | Float64Array | Uint8Array>(a: T) => a.subarray(i, i + 2) as T;
    yield { length: 2, customer: v(lines.customer), day: v(lines.day), amount: v(lines.amount), order: v(lines.order!), quantity: null, category: null, channel: null, cost: null, flags: v(lines.flags) };
  }
}

/**
 * Stores `lines` as the ingest worker does: one chunk per batch of two lines, then the manifest.
 * The chunks alternate between Blobs (as written now) and bytes (as written before), so reading
 * back covers both.
 */
async function saveChunked(db: SessionsDb, id: string, lines = someLines(), key = `key-${id}`): Promise<LineChunks> {
  const chunks: LineChunks = { key, count: 0, bytes: 0, lines: lines.length };
  for (const { pieces } of sessionLinesIpcPieces(pairs(lines), lines)) {
    const bytes = Buffer.concat(pieces);
    await saveLineChunk(db, { key, index: chunks.count, bytes: chunks.count % 2 === 0 ? new Blob([bytes]) : bytes });
    chunks.count++;
    chunks.bytes += bytes.length;
  }
  expect(await saveSessionLines(db, { id, format: 2, summary: { fileName: `${id}.csv` } as never, mapping: { product: null } as never, chunks })).toBe(true);
  return chunks;
}

async function readChunked(db: SessionsDb, id: string): Promise<ReadLines> {
  const manifest = await loadSessionLines(db, id);
  if (manifest?.format !== 2) throw new Error(`expected chunked lines for ${id}`);
  return sessionLinesFromChunks(lineChunkBytes(db, manifest.chunks), manifest.chunks.lines);
}

const chunkCount = async (db: SessionsDb) => (await db.getAllKeys('lineChunks')).length;

describe('a session\'s lines in chunks (version 4)', () => {
  it('round trip: stored one chunk per batch, read back chunk by chunk as the same lines; joined, the chunks are the session file\'s stream', async () => {
    const db = await fresh();
    expect(db.version).toBe(DB_VERSION);
    await saveSession(db, record('a'), data('a'));
    const chunks = await saveChunked(db, 'a');
    // Three batches, the last chunk ending the stream.
    expect(chunks.count).toBe(4);
    const back = await readChunked(db, 'a');
    const lines = someLines();
    expect(back.length).toBe(6);
    expect([back.customer, back.day, back.amount, back.order, back.flags]).toEqual([lines.customer, lines.day, lines.amount, lines.order, lines.flags]);
    expect(back.customerIds).toEqual(['ann', 'bob', 'cy']);
    const joined = new Uint8Array(await (await lineChunksBlob(db, chunks)).arrayBuffer());
    expect(Buffer.compare(joined, sessionLinesToIpc(pairs(lines), lines))).toBe(0);
  });

  it('fault: a missing chunk is refused with a message naming it, and nothing else of the session is lost', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    const chunks = await saveChunked(db, 'a');
    await db.delete('lineChunks', [chunks.key, 1]);
    await expect(readChunked(db, 'a')).rejects.toThrow(SessionStoreError);
    await expect(readChunked(db, 'a')).rejects.toThrow(/Part 2 of 4 of the saved transactions of this session is missing; its analysis is still here/);
    await expect(lineChunksBlob(db, chunks)).rejects.toThrow(/Part 2 of 4/);
    // The record, its data and the manifest are untouched.
    expect((await listSessions(db)).sessions.map((s) => s.id)).toEqual(['a']);
    expect(sessionTables(await loadSessionData(db, 'a')).customers.monetary).toEqual(Float64Array.from([1.5, 2.5, 3.5]));
    expect(await loadSessionLines(db, 'a')).toMatchObject({ format: 2, chunks });
  });

  it('fault: a chunk of other bytes than the manifest says is refused as damaged', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    const chunks = await saveChunked(db, 'a');
    await saveLineChunk(db, { key: chunks.key, index: 2, bytes: new Uint8Array(8) });
    await expect(readChunked(db, 'a')).rejects.toThrow(/saved transactions of this session are damaged/);
  });

  it('a duplicate shares the chunks: deleting one session keeps them for the other, deleting both removes them; lines saved again replace the old chunks', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    await saveChunked(db, 'a');
    const stored = await chunkCount(db);
    await duplicateSession(db, 'a', 'b', 'B');
    expect(await chunkCount(db)).toBe(stored);
    await deleteSession(db, 'a');
    expect((await readChunked(db, 'b')).customerIds).toEqual(['ann', 'bob', 'cy']);
    expect(await chunkCount(db)).toBe(stored);
    await saveChunked(db, 'b', someLines(), 'newer');
    expect(await chunkCount(db)).toBe(stored);
    expect((await loadSessionLines(db, 'b'))).toMatchObject({ chunks: { key: 'newer' } });
    await deleteSession(db, 'b');
    expect(await chunkCount(db)).toBe(0);
  });

  it('chunks of a session deleted meanwhile are refused as lines and deleted by the caller', async () => {
    const db = await fresh();
    const lines = someLines();
    await saveLineChunk(db, { key: 'k', index: 0, bytes: sessionLinesToIpc(pairs(lines), lines) });
    expect(await saveSessionLines(db, { id: 'gone', format: 2, summary: {} as never, mapping: {} as never, chunks: { key: 'k', count: 1, bytes: 1, lines: 6 } })).toBe(false);
    await deleteLineChunks(db, 'k');
    expect(await chunkCount(db)).toBe(0);
  });

  it('schema upgrade from version 3: a session whose lines are one Blob (as version 3 wrote them) still reads them', async () => {
    const v3 = await fresh(3);
    await saveSession(v3, record('old'), data('old'));
    const lines = someLines();
    const bytes = sessionLinesToIpc(pairs(lines), lines) as Uint8Array<ArrayBuffer>;
    expect(await saveSessionLines(v3, { id: 'old', format: 1, summary: { fileName: 'old.csv' } as never, mapping: { product: null } as never, lines: new Blob([bytes.subarray(0, 40), bytes.subarray(40)]) })).toBe(true);
    v3.close();
    const db = await fresh();
    expect(db.version).toBe(4);
    const back = await loadSessionLines(db, 'old');
    if (back?.format !== 1) throw new Error('expected the version-3 record');
    expect(sessionLinesFromIpc(back.lines).amount).toEqual(lines.amount);
    expect(sessionTables(await loadSessionData(db, 'old')).customers.frequency).toEqual(Uint32Array.from([1, 2, 3]));
    // New lines saved for it are chunked and replace the old record.
    await saveChunked(db, 'old');
    expect((await readChunked(db, 'old')).day).toEqual(lines.day);
  });
});
