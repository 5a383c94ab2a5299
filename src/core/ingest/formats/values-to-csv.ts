import type { FieldText } from './csv-chunker.ts';
import { floorDiv, isoDateTime, isoDay, numberText, valueText } from './csv-text.ts';

/**
 * A column of plain values (as a Parquet reader decodes them: a typed array, or an array of
 * strings, numbers, bigints, booleans, Dates, nulls) as field text; see {@link valueText}.
 */
export function valuesText(values: ArrayLike<unknown>): FieldText {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint32Array) {
    return (i) => numberText(values[i]);
  }
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return (i) => values[i].toString();
  return (i) => valueText(values[i]);
}

/**
 * Parsers for a Parquet reader (hyparquet's `parsers` option) that turn dates and timestamps
 * into ISO text as they are decoded: `YYYY-MM-DD` for DATE, `YYYY-MM-DD HH:MM:SS` in UTC for
 * TIMESTAMP (and legacy INT96), so no Date object is made per cell.
 */
export const PARQUET_TEXT_PARSERS = {
  dateFromDays: (days: number): string => isoDay(days),
  timestampFromMilliseconds: (ms: bigint): string => isoDateTime(Number(ms)),
  timestampFromMicroseconds: (us: bigint): string => isoDateTime(floorDiv(us, 1_000n)),
  timestampFromNanoseconds: (ns: bigint): string => isoDateTime(floorDiv(ns, 1_000_000n)),
};
