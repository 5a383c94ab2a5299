import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, deleteSession, loadSessionLines, saveSessionLines, type SessionLines, duplicateSession, listSessions, loadSessionData, openSessionsDb, renameSession, saveSession, sessionTables, SessionStoreError, type SessionData, type SessionDataV1, type SessionRecord, type SessionsDb } from '../../../src/persist/sessions-db.ts';
import { sessionTableToIpc } from '../../../src/core/index.ts';
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
    const db = await fresh();
    expect(db.version).toBe(3);
    expect(sessionTables(await loadSessionData(db, 'old')).customers.frequency).toEqual(Uint32Array.from([1, 2, 3]));
    expect(await loadSessionLines(db, 'old')).toBeNull();
    const saved: SessionLines = { id: 'old', format: 1, summary: { fileName: 'old.csv' } as never, mapping: { product: null } as never, lines: Uint8Array.from([1, 2, 3]) };
    expect(await saveSessionLines(db, saved)).toBe(true);
    // A session deleted meanwhile (another tab) gets no orphan lines.
    expect(await saveSessionLines(db, { ...saved, id: 'gone' })).toBe(false);
    expect(await loadSessionLines(db, 'gone')).toBeNull();
    await duplicateSession(db, 'old', 'copy', 'Copy');
    await deleteSession(db, 'old');
    expect(await loadSessionLines(db, 'old')).toBeNull();
    expect((await loadSessionLines(db, 'copy'))?.lines).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('fault: damaged saved lines are said, not thrown as they are', async () => {
    const db = await fresh();
    await saveSession(db, record('a'), data('a'));
    await saveSessionLines(db, { id: 'a', format: 1, summary: { fileName: 'a.csv' } as never, mapping: { product: null } as never, lines: 'not bytes' as never });
    await expect(loadSessionLines(db, 'a')).rejects.toThrow(/saved transactions of this session are damaged/);
  });
});
