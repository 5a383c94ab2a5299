import { describe, expect, it } from 'vitest';
import { Dictionary, Field, List, RecordBatchReader, tableFromArrays, tableToIPC, vectorFromArray, Table, Utf8, Int32 } from 'apache-arrow';
import { readArrowIpc } from '../../../../src/core/index.ts';
import { caseAt } from '../../../fuzz/fuzz-cases.ts';

/** Three record batches and a dictionary-encoded column, as pandas and R write Feather files. */
function shopTable(): Table {
  const whole = new Table({
    customer: vectorFromArray(['a', 'b', 'c', 'a', 'b', 'c', 'c', 'b', 'a'], new Dictionary(new Utf8(), new Int32())),
    amount: vectorFromArray([1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]),
  });
  // Slices share the one dictionary, as a file written in batches does.
  return new Table(whole.schema, [0, 3, 6].flatMap((at) => whole.slice(at, at + 3).batches));
}

const rows = (t: Table) => t.toArray().map((r) => JSON.stringify(r));

describe('readArrowIpc', () => {
  it('reads an Arrow file and an Arrow stream as tableFromIPC does', () => {
    const table = shopTable();
    for (const format of ['file', 'stream'] as const) {
      const read = readArrowIpc(tableToIPC(table, format));
      expect(read.numRows).toBe(9);
      expect(read.batches.length).toBe(3);
      expect(rows(read)).toEqual(rows(table));
    }
    expect(readArrowIpc(tableToIPC(tableFromArrays({ x: new Float64Array(0) }), 'file')).numRows).toBe(0);
  });

  it('says which record batch is damaged when the index points at another message, instead of looping', () => {
    // One flipped byte in a Feather file's footer can point a record batch's block at the
    // dictionary message: apache-arrow's own reader then reads that message again and again.
    const bytes = tableToIPC(shopTable(), 'file');
    const footer = RecordBatchReader.from(bytes);
    if (!footer.isSync() || !footer.isFile()) throw new Error('not an Arrow file');
    footer.open();
    const batch = footer.footer!.getRecordBatch(1)!;
    const dict = footer.footer!.getDictionaryBatch(0)!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The block is a struct in the footer: find its offset field and point it at the dictionary.
    let patched = 0;
    for (let at = bytes.length - 10 - 8; at > 0 && patched === 0; at -= 8) {
      if (Number(view.getBigInt64(at, true)) === batch.offset && Number(view.getBigInt64(at + 16, true)) === batch.bodyLength) {
        view.setBigInt64(at, BigInt(dict.offset), true);
        view.setInt32(at + 8, dict.metaDataLength, true);
        view.setBigInt64(at + 16, BigInt(dict.bodyLength), true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    expect(() => readArrowIpc(bytes)).toThrow(/record batch 2 of 3|Expected RecordBatch|damaged/i);
  });

  it('refuses an index that lists more record batches than the file could hold', () => {
    const bytes = tableToIPC(shopTable(), 'file');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The footer's vector of record batch blocks starts with its length: raise it past the file.
    let patched = 0;
    for (let at = bytes.length - 10 - 4; at > 0; at -= 4) {
      if (view.getUint32(at, true) === 3 && at + 4 + 3 * 24 <= bytes.length - 10) {
        const reader = () => { const r = RecordBatchReader.from(bytes); if (!r.isSync() || !r.isFile()) throw new Error(); r.open(); return r.numRecordBatches; };
        view.setUint32(at, 1_000_000, true);
        let count = -1;
        try { count = reader(); } catch { /* not the vector's length */ }
        if (count === 1_000_000) { patched++; break; }
        view.setUint32(at, 3, true);
      }
    }
    expect(patched).toBe(1);
    expect(() => readArrowIpc(bytes)).toThrow(/lists 1000000 record batches/);
  });

  it('refuses the damaged Arrow files the long fuzz run found, instead of looping or running out of memory', () => {
    // Case 3450: a dictionary batch whose 184 bytes of metadata claim 976 million column nodes
    // (apache-arrow built arrays until the heap was full). Case 690: the looping footer.
    expect(() => readArrowIpc(caseAt(20261203, 3450).bytes)).toThrow(/record batch at byte \d+ is damaged \(it lists more columns than it holds\)/);
    expect(() => readArrowIpc(caseAt(20261203, 690).bytes)).toThrow(/damaged/);
    // Case 7626: a schema message whose 176 bytes claim 845 million metadata entries (apache-arrow
    // looped over them for hours).
    expect(() => readArrowIpc(caseAt(20261203, 7626).bytes)).toThrow(/message at byte \d+ is damaged \(it lists more metadata entries than it holds\)/);
  });

  it('still reads nested columns and metadata, which the damage checks count', () => {
    const table = tableFromArrays({ id: new Int32Array([1, 2, 3]) });
    const withList = new Table({
      id: table.getChild('id')!,
      tags: vectorFromArray([[1, 2], [], [3]], new List(new Field('item', new Int32(), true))),
    });
    withList.schema.metadata.set('written-by', 'pandas');
    for (const format of ['file', 'stream'] as const) {
      const read = readArrowIpc(tableToIPC(withList, format));
      expect(read.schema.metadata.get('written-by')).toBe('pandas');
      expect(read.getChild('tags')!.toArray().map((v: { toArray(): Int32Array } | null) => Array.from(v!.toArray()))).toEqual([[1, 2], [], [3]]);
    }
  });
});
