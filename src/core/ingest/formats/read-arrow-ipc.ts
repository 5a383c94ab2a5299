import { RecordBatchReader, Table, tableFromIPC, type RecordBatch } from 'apache-arrow';

/** One footer block: offset (int64), metadata length (int32, padded to 8) and body length (int64). */
const FOOTER_BLOCK_BYTES = 24;

/**
 * An Arrow IPC file or stream read whole into a table, like `tableFromIPC`, but in bounded time on
 * damaged bytes. apache-arrow's file reader walks the footer's record batches by an index it
 * advances only when the message found there is a record batch: a footer whose block points at a
 * schema or dictionary message (one flipped byte in a Feather file does it) makes `tableFromIPC`
 * loop for ever. Here each block is read once, by its number, and one that is not a record batch
 * is an error saying which.
 *
 * @throws Error naming the damaged part.
 */
export function readArrowIpc(bytes: Uint8Array): Table {
  const reader = RecordBatchReader.from(bytes);
  if (!reader.isSync() || !reader.isFile()) return tableFromIPC(bytes);
  reader.open();
  const count = reader.numRecordBatches;
  if (count * FOOTER_BLOCK_BYTES > bytes.length) {
    throw new Error(`the file's index lists ${count} record batches, more than ${bytes.length} bytes can hold`);
  }
  const batches: RecordBatch[] = [];
  for (let i = 0; i < count; i++) {
    const batch = reader.readRecordBatch(i);
    if (!batch) throw new Error(`record batch ${i + 1} of ${count} is missing or damaged`);
    batches.push(batch);
  }
  return new Table(reader.schema, batches);
}
