import { DataType, util, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import { CsvChunker, type CsvChunk, type FieldText } from './csv-chunker.ts';
import { csvText, decimalText, isoDateTime, isoDay, numberText, valueText } from './csv-text.ts';

const MS_PER_DAY = 86_400_000;

/** Turns a value as `Vector.get` returns it for `type` into field text. */
function valueFormat(type: DataType): (value: never) => string {
  if (DataType.isDictionary(type)) return valueFormat(type.dictionary);
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type)) return csvText;
  // Dates and timestamps come out of Arrow as epoch milliseconds.
  if (DataType.isDate(type)) return (ms: number) => isoDay(Math.floor(ms / MS_PER_DAY));
  if (DataType.isTimestamp(type)) return isoDateTime;
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return (bn: Parameters<typeof util.bigNumToBigInt>[0]) => decimalText(util.bigNumToBigInt(bn), scale);
  }
  return valueText;
}

/** A column's field text; 32-bit and narrower numbers without nulls are read straight from their typed array. */
function columnText(vector: Vector): FieldText {
  const type = vector.type;
  if (vector.nullCount === 0 && ((DataType.isInt(type) && type.bitWidth < 64) || (DataType.isFloat(type) && type.precision > 0))) {
    const values = vector.toArray() as ArrayLike<number>;
    return (i) => numberText(values[i]);
  }
  const format = valueFormat(type) as (value: unknown) => string;
  return (i) => {
    const v: unknown = vector.get(i);
    return v === null || v === undefined ? '' : format(v);
  };
}

/** What {@link arrowToCsv} reads: an Arrow `Table`, or a schema with record batches from a reader. */
export interface ArrowBatches {
  schema: Schema;
  batches: Iterable<RecordBatch>;
}

/**
 * Writes Arrow record batches as comma-separated text in chunks (see {@link CsvChunker}):
 * a header of the field names, then one line per row. Dates come out as `YYYY-MM-DD`,
 * timestamps as `YYYY-MM-DD HH:MM:SS` in UTC (a timestamp's time zone is not applied), decimals
 * exactly at their scale, numbers plainly with a '.', nulls as empty fields, nested values as
 * JSON.
 */
export function* arrowToCsv(table: ArrowBatches, chunkChars?: number): Generator<CsvChunk> {
  const chunker = new CsvChunker(chunkChars);
  chunker.header(table.schema.fields.map((f) => f.name));
  for (const batch of table.batches) {
    const columns = batch.schema.fields.map((_, j) => columnText(batch.getChildAt(j)!));
    yield* chunker.append(columns, batch.numRows);
  }
  yield* chunker.finish();
}
