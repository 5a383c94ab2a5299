import { RecordBatchReader, Table, tableFromIPC, type RecordBatch } from 'apache-arrow';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch as RecordBatchHeader } from 'apache-arrow/fb/record-batch';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import { Schema } from 'apache-arrow/fb/schema';
import type { Field } from 'apache-arrow/fb/field';
import { ByteBuffer } from 'flatbuffers';

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
  checkMessages(bytes);
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

const FILE_MAGIC = [65, 82, 82, 79, 87, 49]; // "ARROW1"
/** A field node (length, null count) and a buffer (offset, length): 16 bytes each in a message. */
const STRUCT_BYTES = 16;

/**
 * Checks what apache-arrow would allocate before it does: every message's counts of column nodes
 * and buffers must fit in the message's own metadata, and a batch's row count in its body (a
 * row takes at least one bit). One damaged count in a 1.5 kB Feather file (976 million nodes)
 * otherwise has the reader build arrays until the worker runs out of memory.
 */
function checkMessages(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isFile = bytes.length >= 14 && FILE_MAGIC.every((b, i) => bytes[i] === b);
  const starts: number[] = [];
  let end = bytes.length;
  if (isFile) {
    const footerLength = view.getInt32(bytes.length - 10, true);
    if (!(footerLength > 0 && footerLength <= bytes.length - 18)) throw new Error('the file\'s index (footer) is damaged');
    end = bytes.length - 10 - footerLength;
    const footer = Footer.getRootAsFooter(new ByteBuffer(bytes.subarray(end, bytes.length - 10)));
    for (const count of [footer.dictionariesLength(), footer.recordBatchesLength()]) {
      if (count * FOOTER_BLOCK_BYTES > footerLength) throw new Error(`the file's index lists ${count} record batches, more than ${bytes.length} bytes can hold`);
    }
    checkSchema(footer.schema(), footerLength, `the file's index (footer) at byte ${end}`);
    for (let i = 0; i < footer.dictionariesLength(); i++) starts.push(Number(footer.dictionaries(i)!.offset()));
    for (let i = 0; i < footer.recordBatchesLength(); i++) starts.push(Number(footer.recordBatches(i)!.offset()));
  }
  // The messages in order from the start (after the file's magic), as a stream reader walks them.
  for (let at = isFile ? 8 : 0; ; ) {
    const next = checkMessage(bytes, view, at, end);
    if (next === null) break;
    at = next;
  }
  for (const at of starts) checkMessage(bytes, view, at, end);
}

/** Checks the message at `at`; the offset after its body, or null at the end of the messages. */
function checkMessage(bytes: Uint8Array, view: DataView, at: number, end: number): number | null {
  if (at + 8 > end) return null;
  let length = view.getInt32(at, true);
  if (length === -1) {
    at += 4;
    length = view.getInt32(at, true);
  }
  if (length === 0) return null;
  if (length < 0 || at + 4 + length > end) throw new Error(`a message at byte ${at} is damaged (its length runs past the end)`);
  const message = Message.getRootAsMessage(new ByteBuffer(bytes.subarray(at + 4, at + 4 + length)));
  const body = Number(message.bodyLength());
  const type = message.headerType();
  // Each entry of a flatbuffer vector takes at least 4 bytes (an offset) of the metadata.
  if (message.customMetadataLength() * 4 > length) throw new Error(`a message at byte ${at} is damaged (it lists more metadata entries than it holds)`);
  if (type === MessageHeader.Schema) checkSchema(message.header(new Schema()) as Schema | null, length, `the column list (schema) at byte ${at}`);
  const batch =
    type === MessageHeader.RecordBatch ? message.header(new RecordBatchHeader()) as RecordBatchHeader | null
    : type === MessageHeader.DictionaryBatch ? (message.header(new DictionaryBatch()) as DictionaryBatch | null)?.data() ?? null
    : null;
  if (batch) {
    const damaged = `a record batch at byte ${at} is damaged`;
    if (batch.nodesLength() * STRUCT_BYTES > length || batch.buffersLength() * STRUCT_BYTES > length || batch.variadicBufferCountsLength() * 8 > length) throw new Error(`${damaged} (it lists more columns than it holds)`);
    const maxRows = 8 * body + 64;
    if (Number(batch.length()) > maxRows) throw new Error(`${damaged} (it claims more rows than its bytes hold)`);
    for (let i = 0; i < batch.nodesLength(); i++) {
      if (Number(batch.nodes(i)!.length()) > maxRows) throw new Error(`${damaged} (a column claims more values than its bytes hold)`);
    }
  }
  if (!(body >= 0) || at + 4 + length + body > end) throw new Error(`a message at byte ${at} is damaged (its body runs past the end)`);
  return at + 4 + length + body;
}

/** Deeper nesting than any real file has (Arrow's own C++ reader stops at 64 too). */
const MAX_FIELD_DEPTH = 64;

/**
 * A schema's counts (fields, their children and metadata) must fit in the `limit` bytes it was
 * read from, and its fields must nest to a bounded depth: apache-arrow loops over each count as
 * written, so one damaged count of 845 million metadata entries kept it busy for hours.
 */
function checkSchema(schema: Schema | null, limit: number, what: string): void {
  if (!schema) return;
  const damaged = (why: string) => new Error(`${what} is damaged (${why})`);
  if (schema.fieldsLength() * 4 > limit || schema.customMetadataLength() * 4 > limit || schema.featuresLength() * 8 > limit) {
    throw damaged('it lists more entries than it holds');
  }
  // Every field is a table of at least 4 bytes, so more visits than that means a loop in the offsets.
  let budget = Math.floor(limit / 4);
  const visit = (field: Field | null, depth: number): void => {
    if (!field) return;
    if (--budget < 0 || depth > MAX_FIELD_DEPTH) throw damaged('its columns nest deeper than its bytes can hold');
    if (field.childrenLength() * 4 > limit || field.customMetadataLength() * 4 > limit) throw damaged('a column lists more entries than it holds');
    for (let i = 0; i < field.childrenLength(); i++) visit(field.children(i), depth + 1);
  };
  for (let i = 0; i < schema.fieldsLength(); i++) visit(schema.fields(i), 1);
}
